/**
 * A structural fault found by a sans-IO parser, at an absolute byte offset of its input. Readers
 * turn it into an InputError naming the file (and the entry or flow it was in).
 */
export class ParseFault extends Error {
  constructor(
    readonly detail: string,
    readonly offset: number,
  ) {
    super(`${detail} at byte ${offset}`);
    this.name = new.target.name;
  }
}

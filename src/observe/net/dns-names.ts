/**
 * Address → DNS name, as the answers of a capture taught them (the last answer wins), bounded by
 * dropping the least recently answered address. Reassembly workers keep a copy fed with the same
 * answers in the same order, so a name looked up there is the one this thread had at that packet.
 */
export class DnsNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly max: number,
    /** Told of every answer learnt, in order (the copies in reassembly workers). */
    private readonly onLearn?: (ip: string, name: string) => void,
  ) {}

  /** The DNS name last answered for an address. */
  readonly get = (ip: string): string | undefined => this.names.get(ip);

  /** Every address → name, least recently answered first: learning them in this order rebuilds this map. */
  entries(): IterableIterator<[string, string]> {
    return this.names.entries();
  }

  learn(ip: string, name: string): void {
    this.names.delete(ip);
    this.names.set(ip, name);
    if (this.names.size > this.max) this.names.delete(this.names.keys().next().value as string);
    this.onLearn?.(ip, name);
  }
}

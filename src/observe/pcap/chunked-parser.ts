/**
 * What the pcap and pcapng parsers share: file chunks are pushed in, records come out, and a fault
 * found after some records of a chunk is held back until those records have been returned, so a
 * caller keeps everything read before the fault.
 */
import { InputError } from '../../errors.js';
import { ChunkBuffer } from './chunk-buffer.js';

export abstract class ChunkedParser<T> {
  protected readonly input = new ChunkBuffer();
  private failure: InputError | undefined;

  constructor(protected readonly file: string) {}

  push(chunk: Uint8Array): T[] {
    if (this.failure) throw this.failure;
    this.input.push(chunk);
    const records: T[] = [];
    try {
      this.parse(records);
    } catch (error) {
      if (!(error instanceof InputError) || records.length === 0) throw error;
      this.failure = error;
    }
    return records;
  }

  /** Rethrows a fault held back by push(): end-of-file handling calls it first. */
  protected throwHeldFault(): void {
    if (this.failure) throw this.failure;
  }

  /** Appends every complete record now in `input` to `out`; throws InputError on a malformed one. */
  protected abstract parse(out: T[]): void;
}

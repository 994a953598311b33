/**
 * The contract every capture reader meets (one file per format, all producing the same records).
 * A reader is an async generator: flows stream out as they are read, so a fault late in a file
 * still leaves every earlier flow with the caller. A malformed file throws InputError naming the
 * byte offset or entry; problems the reader can step over go to ctx.warn and reading continues.
 */
import type { CaptureFormat, Flow } from '../model/flow.js';
import type { KeyLog } from './tls/keylog.js';

/** A flow as a reader yields it: numbering, destination and detections are added later. */
export type RawFlow = Omit<Flow, 'index' | 'capture' | 'detections' | 'recipient'>;

export interface ReadContext {
  /** The capture's path as the user gave it. */
  source: string;
  warn(message: string): void;
  /** Called with bytes consumed so far, for progress bars. */
  progress?(bytesRead: number): void;
  /** TLS secrets for decrypting HTTPS in packet captures (--keylog). */
  keylog?: KeyLog;
  /**
   * The capture's bytes when it is not a regular file (`-`, a pipe, a FIFO): read once, with the
   * head already taken for sniffing. Readers read this instead of opening `path`.
   */
  input?: CaptureInput;
  /**
   * Worker threads for TCP reassembly and HTTP/TLS parsing of packet captures (0: all on this
   * thread, the default). Flows and warnings are the same either way.
   */
  reassemblyWorkers?: number;
  /** Bytes of packets read before the reassembly workers start (default 32 MiB): small captures never pay for them. */
  reassemblyWorkersAfter?: number;
}

export interface CaptureInput {
  head: Uint8Array;
  chunks: AsyncIterable<Buffer>;
}

export interface CaptureReader {
  format: CaptureFormat;
  /** True when the first bytes of a file look like this format. */
  sniff(head: Uint8Array, fileName: string): boolean;
  read(path: string, ctx: ReadContext): AsyncIterable<RawFlow>;
}

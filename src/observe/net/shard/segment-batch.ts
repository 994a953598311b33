/**
 * The records the main thread sends a reassembly worker, packed into one ArrayBuffer per batch (it
 * is transferred, not copied): connections opened and closed, TCP segments with their bytes, DNS
 * answers (for naming servers) and TLS secrets met while reading. Numbers are little-endian.
 */
import type { Endpoints } from '../http-flow.js';
import type { SegmentFields } from '../connection-segment.js';

const OPEN = 1;
const SEGMENT = 2;
const CLOSE = 3;
const NAME = 4;
const SECRETS = 5;

const SYN = 1;
const FIN = 2;
const RST = 4;
const FROM_CLIENT = 8;

export interface SecretsBlock {
  typeCode: number;
  data: Uint8Array;
  offset: number;
}

/** A batch as posted. */
export interface Batch {
  buffer: ArrayBuffer;
  length: number;
  /** Index of its first segment or close, -1 when it has none. */
  firstOp: number;
}

export class BatchWriter {
  private buffer!: ArrayBuffer;
  private view!: DataView;
  private bytes!: Buffer;
  private at = 0;
  /** The first op written into the current batch, -1 when none. */
  firstOp = -1;

  constructor(
    private readonly capacity: number,
    /** Takes a batch that is full. */
    private readonly send: (batch: Batch) => void,
  ) {
    this.fresh(capacity);
  }

  get empty(): boolean {
    return this.at === 0;
  }

  /** The records written so far, as a batch; the writer starts a new one. */
  take(): Batch {
    const batch = { buffer: this.buffer, length: this.at, firstOp: this.firstOp };
    this.fresh(this.capacity);
    return batch;
  }

  open(id: number, ends: Endpoints, time: number): void {
    this.room(1 + 4 + 8 + 4 + 2 + ends.clientIp.length + ends.serverIp.length);
    this.u8(OPEN);
    this.u32(id);
    this.f64(time);
    this.u16(ends.clientPort);
    this.u16(ends.serverPort);
    this.ascii(ends.clientIp);
    this.ascii(ends.serverIp);
  }

  segment(id: number, op: number, fromClient: boolean, seg: SegmentFields, time: number, cut: number): void {
    this.room(1 + 4 + 8 + 8 + 4 + 1 + 4 + 4 + seg.payload.length);
    if (this.firstOp < 0) this.firstOp = op;
    this.u8(SEGMENT);
    this.u32(id);
    this.f64(op);
    this.f64(time);
    this.u32(seg.seq);
    this.u8((seg.syn ? SYN : 0) | (seg.fin ? FIN : 0) | (seg.rst ? RST : 0) | (fromClient ? FROM_CLIENT : 0));
    this.u32(cut);
    this.blob(seg.payload);
  }

  close(id: number, op: number): void {
    this.room(1 + 4 + 8);
    if (this.firstOp < 0) this.firstOp = op;
    this.u8(CLOSE);
    this.u32(id);
    this.f64(op);
  }

  name(ip: string, name: string): void {
    const length = Buffer.byteLength(name);
    this.room(1 + 1 + ip.length + 4 + length);
    this.u8(NAME);
    this.ascii(ip);
    this.u32(length);
    this.at += this.bytes.write(name, this.at, 'utf8');
  }

  secrets(block: SecretsBlock): void {
    this.room(1 + 4 + 8 + 4 + block.data.length);
    this.u8(SECRETS);
    this.u32(block.typeCode);
    this.f64(block.offset);
    this.blob(block.data);
  }

  private fresh(size: number): void {
    this.buffer = new ArrayBuffer(size);
    this.view = new DataView(this.buffer);
    this.bytes = Buffer.from(this.buffer);
    this.at = 0;
    this.firstOp = -1;
  }

  /** Makes room for a record of `n` bytes, sending the batch first when it is full. */
  private room(n: number): void {
    if (this.at + n <= this.buffer.byteLength) return;
    if (this.at > 0) this.send(this.take());
    if (n > this.buffer.byteLength) this.fresh(n);
  }

  private u8(v: number): void {
    this.view.setUint8(this.at, v);
    this.at += 1;
  }

  private u16(v: number): void {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
  }

  private u32(v: number): void {
    this.view.setUint32(this.at, v, true);
    this.at += 4;
  }

  private f64(v: number): void {
    this.view.setFloat64(this.at, v, true);
    this.at += 8;
  }

  /** Addresses are ASCII and shorter than 256 characters (IPv6 text is at most 45). */
  private ascii(s: string): void {
    this.u8(s.length);
    this.at += this.bytes.write(s, this.at, 'latin1');
  }

  private blob(b: Uint8Array): void {
    this.u32(b.length);
    this.bytes.set(b, this.at);
    this.at += b.length;
  }
}

/** What a reassembly worker does with each record, in order. */
export interface BatchHandler {
  open(id: number, ends: Endpoints, time: number): void;
  segment(id: number, op: number, fromClient: boolean, seg: SegmentFields, time: number, cut: number): void;
  close(id: number, op: number): void;
  name(ip: string, name: string): void;
  secrets(block: SecretsBlock): void;
}

export function readBatch(buffer: ArrayBuffer, length: number, handler: BatchHandler): void {
  const view = new DataView(buffer, 0, length);
  const bytes = Buffer.from(buffer, 0, length);
  let at = 0;
  const ascii = () => {
    const n = view.getUint8(at);
    at += 1 + n;
    return bytes.toString('latin1', at - n, at);
  };
  const blob = () => {
    const n = view.getUint32(at, true);
    at += 4 + n;
    // A view: the batch's buffer belongs to this thread now, like a file chunk on the main thread.
    return new Uint8Array(buffer, at - n, n);
  };
  while (at < length) {
    const type = view.getUint8(at);
    at += 1;
    if (type === OPEN) {
      const id = view.getUint32(at, true);
      const time = view.getFloat64(at + 4, true);
      const clientPort = view.getUint16(at + 12, true);
      const serverPort = view.getUint16(at + 14, true);
      at += 16;
      const clientIp = ascii();
      const serverIp = ascii();
      handler.open(id, { clientIp, clientPort, serverIp, serverPort }, time);
    } else if (type === SEGMENT) {
      const id = view.getUint32(at, true);
      const op = view.getFloat64(at + 4, true);
      const time = view.getFloat64(at + 12, true);
      const seq = view.getUint32(at + 20, true);
      const flags = view.getUint8(at + 24);
      const cut = view.getUint32(at + 25, true);
      at += 29;
      const payload = blob();
      const seg = { syn: (flags & SYN) !== 0, fin: (flags & FIN) !== 0, rst: (flags & RST) !== 0, seq, payload };
      handler.segment(id, op, (flags & FROM_CLIENT) !== 0, seg, time, cut);
    } else if (type === CLOSE) {
      handler.close(view.getUint32(at, true), view.getFloat64(at + 4, true));
      at += 12;
    } else if (type === NAME) {
      const ip = ascii();
      const n = view.getUint32(at, true);
      at += 4 + n;
      handler.name(ip, bytes.toString('utf8', at - n, at));
    } else if (type === SECRETS) {
      const typeCode = view.getUint32(at, true);
      const offset = view.getFloat64(at + 4, true);
      at += 12;
      handler.secrets({ typeCode, offset, data: blob() });
    } else {
      throw new Error(`reassembly batch: unknown record type ${type} at byte ${at - 1}`);
    }
  }
}

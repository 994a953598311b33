/**
 * HTTP/2 framing (RFC 9113) for both directions of one connection, sans-IO: the client preface,
 * frames, header blocks (HEADERS + CONTINUATION, PUSH_PROMISE) through each direction's HPACK
 * decoder, DATA per stream, SETTINGS_HEADER_TABLE_SIZE, RST_STREAM. Each finished stream comes
 * out as a request with its response, in the shape of the HTTP/1 parser's messages.
 */
import type { HttpMessage } from '../net/http1.js';
import { HpackDecoder, HpackError, type HeaderField } from './hpack.js';

export const CLIENT_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export interface H2Exchange {
  streamId: number;
  request: HttpMessage;
  /** `:authority` (or the Host header) and `:scheme` of the request. */
  authority?: string;
  scheme?: string;
  response?: HttpMessage;
}

export interface H2Limits {
  maxBody: number;
  /** Open streams remembered; the oldest is emitted early beyond this. */
  maxStreams: number;
}

const FRAME = { DATA: 0, HEADERS: 1, RST_STREAM: 3, SETTINGS: 4, PUSH_PROMISE: 5, CONTINUATION: 9 } as const;
const FLAG = { END_STREAM: 0x1, ACK: 0x1, END_HEADERS: 0x4, PADDED: 0x8, PRIORITY: 0x20 } as const;
const MAX_FRAME = 1 << 24;

interface Side {
  fromClient: boolean;
  buf: Uint8Array;
  prefaceLeft: number;
  decoder: HpackDecoder;
  /** A header block spread over HEADERS/PUSH_PROMISE + CONTINUATION frames. */
  block?: { streamId: number; parts: Uint8Array[]; endStream: boolean; time: number; push: boolean };
}

interface Stream {
  id: number;
  exchange?: H2Exchange;
  requestDone: boolean;
  responseDone: boolean;
  bodyParts: Uint8Array[];
  kept: number;
}

export class H2Connection {
  private readonly client: Side = { fromClient: true, buf: new Uint8Array(0), prefaceLeft: CLIENT_PREFACE.length, decoder: new HpackDecoder() };
  private readonly server: Side = { fromClient: false, buf: new Uint8Array(0), prefaceLeft: 0, decoder: new HpackDecoder() };
  private readonly streams = new Map<number, Stream>();
  /** Problems that stopped the parsing of the connection (HPACK state lost, bad framing). */
  problem?: string;

  constructor(private readonly limits: H2Limits = { maxBody: 16 << 20, maxStreams: 1000 }) {}

  push(fromClient: boolean, data: Uint8Array, time: number): H2Exchange[] {
    const out: H2Exchange[] = [];
    if (this.problem) return out;
    const side = fromClient ? this.client : this.server;
    side.buf = side.buf.length === 0 ? data : Buffer.concat([side.buf, data]);
    let at = 0;
    if (side.prefaceLeft > 0) {
      const take = Math.min(side.prefaceLeft, side.buf.length);
      const offset = CLIENT_PREFACE.length - side.prefaceLeft;
      if (!Buffer.from(side.buf.subarray(0, take)).equals(CLIENT_PREFACE.subarray(offset, offset + take))) {
        this.problem = 'not an HTTP/2 connection preface';
        return out;
      }
      side.prefaceLeft -= take;
      at = take;
    }
    try {
      while (!this.problem && at + 9 <= side.buf.length) {
        const length = (side.buf[at]! << 16) | (side.buf[at + 1]! << 8) | side.buf[at + 2]!;
        if (length > MAX_FRAME) throw new HpackError('frame larger than any allowed size');
        if (at + 9 + length > side.buf.length) break;
        const type = side.buf[at + 3]!;
        const flags = side.buf[at + 4]!;
        const streamId = Buffer.from(side.buf.buffer, side.buf.byteOffset + at + 5, 4).readUInt32BE() & 0x7fffffff;
        this.frame(side, type, flags, streamId, side.buf.subarray(at + 9, at + 9 + length), time, out);
        at += 9 + length;
      }
    } catch (error) {
      if (!(error instanceof HpackError)) throw error;
      this.problem = `HTTP/2: ${error.message}; the rest of the connection is not read`;
    }
    side.buf = Uint8Array.from(side.buf.subarray(at));
    return out;
  }

  /** End of the connection: streams still open are emitted as they are. */
  end(): H2Exchange[] {
    const out: H2Exchange[] = [];
    for (const stream of this.streams.values()) this.finish(stream, out, stream.requestDone ? undefined : 'stream not finished when the connection ended');
    this.streams.clear();
    return out;
  }

  private frame(side: Side, type: number, flags: number, streamId: number, payload: Uint8Array, time: number, out: H2Exchange[]): void {
    if (side.block && type !== FRAME.CONTINUATION) throw new HpackError('header block interrupted by another frame');
    switch (type) {
      case FRAME.DATA: {
        const body = unpad(payload, flags);
        const stream = this.streams.get(streamId);
        if (side.fromClient && stream?.exchange) {
          const request = stream.exchange.request;
          request.bodySize += body.length;
          const room = this.limits.maxBody - stream.kept;
          if (room > 0) {
            stream.bodyParts.push(Uint8Array.from(body.subarray(0, room)));
            stream.kept += Math.min(room, body.length);
          }
        }
        if (flags & FLAG.END_STREAM) this.endStream(side, streamId, out);
        return;
      }
      case FRAME.HEADERS: {
        let fragment = unpad(payload, flags);
        if (flags & FLAG.PRIORITY) fragment = fragment.subarray(5);
        side.block = { streamId, parts: [fragment], endStream: (flags & FLAG.END_STREAM) !== 0, time, push: false };
        break;
      }
      case FRAME.PUSH_PROMISE: {
        side.block = { streamId, parts: [unpad(payload, flags).subarray(4)], endStream: false, time, push: true };
        break;
      }
      case FRAME.CONTINUATION:
        if (!side.block || side.block.streamId !== streamId) throw new HpackError('CONTINUATION without a header block');
        side.block.parts.push(payload);
        break;
      case FRAME.SETTINGS:
        if (!(flags & FLAG.ACK)) {
          for (let i = 0; i + 6 <= payload.length; i += 6) {
            // A side's HEADER_TABLE_SIZE bounds the table of what the other side sends it.
            if (((payload[i]! << 8) | payload[i + 1]!) === 1) (side.fromClient ? this.server : this.client).decoder.setLimit(Buffer.from(payload.subarray(i + 2, i + 6)).readUInt32BE());
          }
        }
        return;
      case FRAME.RST_STREAM: {
        const stream = this.streams.get(streamId);
        if (stream) {
          this.streams.delete(streamId);
          this.finish(stream, out, `stream reset by the ${side.fromClient ? 'client' : 'server'}`);
        }
        return;
      }
      default:
        return; // PRIORITY, PING, GOAWAY, WINDOW_UPDATE, unknown types: nothing to observe
    }
    if (flags & FLAG.END_HEADERS) this.headerBlock(side, out); // same bit on HEADERS, PUSH_PROMISE, CONTINUATION
  }

  private headerBlock(side: Side, out: H2Exchange[]): void {
    const block = side.block!;
    side.block = undefined;
    const fields = side.decoder.decode(Buffer.concat(block.parts));
    if (block.push) return; // a server push: the client sent nothing
    const stream = this.stream(block.streamId, out);
    if (side.fromClient) {
      if (!stream.exchange) {
        const pseudo = (name: string) => fields.find((f) => f.name === name)?.value;
        stream.exchange = {
          streamId: block.streamId,
          request: message(fields, block.time, { method: pseudo(':method'), target: pseudo(':path') }),
        };
        const authority = pseudo(':authority') ?? fields.find((f) => f.name === 'host')?.value;
        if (authority) stream.exchange.authority = authority;
        const scheme = pseudo(':scheme');
        if (scheme) stream.exchange.scheme = scheme;
      } else {
        stream.exchange.request.headers.push(...regular(fields)); // trailers
      }
    } else if (stream.exchange) {
      const status = Number(fields.find((f) => f.name === ':status')?.value);
      if (status >= 100 && status < 200) return; // interim response
      if (!stream.exchange.response) stream.exchange.response = message(fields, block.time, { status });
      else stream.exchange.response.headers.push(...regular(fields));
    }
    if (block.endStream) this.endStream(side, block.streamId, out);
  }

  private stream(id: number, out: H2Exchange[]): Stream {
    let stream = this.streams.get(id);
    if (!stream) {
      stream = { id, requestDone: false, responseDone: false, bodyParts: [], kept: 0 };
      this.streams.set(id, stream);
      if (this.streams.size > this.limits.maxStreams) {
        const [oldId, old] = this.streams.entries().next().value as [number, Stream];
        this.streams.delete(oldId);
        this.finish(old, out, 'emitted before its end: too many open streams');
      }
    }
    return stream;
  }

  private endStream(side: Side, id: number, out: H2Exchange[]): void {
    const stream = this.streams.get(id);
    if (!stream) return;
    if (side.fromClient) stream.requestDone = true;
    else stream.responseDone = true;
    if (stream.requestDone && stream.responseDone) {
      this.streams.delete(id);
      this.finish(stream, out);
    }
  }

  private finish(stream: Stream, out: H2Exchange[], problem?: string): void {
    const exchange = stream.exchange;
    if (!exchange) return;
    exchange.request.body = Buffer.concat(stream.bodyParts);
    if (exchange.request.bodySize > stream.kept) exchange.request.problems.push(`body truncated to ${stream.kept} of ${exchange.request.bodySize} bytes`);
    if (problem) exchange.request.problems.push(problem);
    out.push(exchange);
  }
}

function unpad(payload: Uint8Array, flags: number): Uint8Array {
  if (!(flags & FLAG.PADDED)) return payload;
  const pad = payload[0] ?? 0;
  if (pad + 1 > payload.length) throw new HpackError('padding longer than the frame');
  return payload.subarray(1, payload.length - pad);
}

function regular(fields: HeaderField[]): HeaderField[] {
  return fields.filter((f) => !f.name.startsWith(':'));
}

function message(fields: HeaderField[], time: number, start: { method?: string; target?: string; status?: number }): HttpMessage {
  const m: HttpMessage = { time, version: 'HTTP/2', headers: regular(fields), body: new Uint8Array(0), bodySize: 0, problems: [] };
  if (start.method !== undefined) m.method = start.method;
  if (start.target !== undefined) m.target = start.target;
  if (start.status !== undefined && !Number.isNaN(start.status)) m.status = start.status;
  return m;
}

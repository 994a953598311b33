/**
 * Incremental HTTP/1.x message parser for one direction of a connection (sans-IO: stream events
 * in, messages out). Handles keep-alive and pipelining, Content-Length and chunked bodies, bodies
 * that run to the close (responses), CONNECT and 101 tunnels, and TCP gaps (the parser
 * resynchronises on the next start line). Bodies are kept up to a bound and counted beyond it.
 */
import type { Header } from '../../model/flow.js';
import type { StreamEvent } from './tcp-stream.js';

export interface HttpMessage {
  /** Capture time (seconds) of the segment holding the message's first byte. */
  time: number;
  method?: string;
  target?: string;
  status?: number;
  version: string;
  headers: Header[];
  /** Body with the transfer coding removed; content coding still applied. */
  body: Uint8Array;
  /** Body bytes seen, including any beyond the kept bound. */
  bodySize: number;
  problems: string[];
}

export type HttpEvent = { message: HttpMessage } | { tunnel: Uint8Array; time: number };

export interface HttpParserOptions {
  maxHead: number;
  maxBody: number;
  /** Responses only: the method of the request this response answers (HEAD and CONNECT change the body rules). */
  requestMethod?: () => string | undefined;
  /** False: bodies are framed and counted but not kept (privdiff reads what apps send, not what they receive). */
  keepBodies?: boolean;
}

const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP\/\d\.\d)$/;
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: .*)?$/;
const REQUEST_START = /(?:^|\n)(?=(?:GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|CONNECT|TRACE) \S+ HTTP\/1\.[01]\r?\n)/;
const RESPONSE_START = /(?:^|\n)(?=HTTP\/1\.[01] \d{3})/;
/** Start lines that may be cut anywhere after the method (or the status code). */
const PARTIAL_REQUEST_LINE = /^(GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|CONNECT|TRACE) (\S*)(?: (HTTP\/\d\.\d))?/;
const PARTIAL_STATUS_LINE = /^(HTTP\/1\.[01]) (\d{3})/;
/** Head terminators as bytes: a string needle is converted again on every search. */
const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
/** The start of the HTTP/2 client preface: after `Upgrade: h2c` the request stream turns into HTTP/2 here. */
const H2_PREFACE_LINE = Buffer.from('PRI * HTTP/2.0\r\n', 'latin1');
const LFLF = Buffer.from('\n\n', 'latin1');
/** The body of every message without one (most requests, every response when bodies are not kept); never written to. */
const EMPTY = Buffer.alloc(0);

type State =
  | { at: 'head' }
  | { at: 'length'; remaining: number }
  | { at: 'chunk-size' }
  | { at: 'chunk-data'; remaining: number }
  | { at: 'chunk-end' }
  | { at: 'trailer' }
  | { at: 'close' }
  | { at: 'tunnel' }
  | { at: 'resync' };

export class Http1Parser {
  private buf: Buffer = Buffer.alloc(0);
  private state: State = { at: 'head' };
  private current: HttpMessage | undefined;
  private parts: Uint8Array[] = [];
  private kept = 0;
  /** Stream offset of buf[0], and where each pushed segment started (for message times). */
  private base = 0;
  private segments: Array<{ start: number; time: number }> = [];
  /** Notes about the stream itself (resynchronisations), not tied to one message. */
  readonly notes: string[] = [];

  constructor(
    readonly kind: 'request' | 'response',
    private readonly options: HttpParserOptions = { maxHead: 64 << 10, maxBody: 16 << 20 },
  ) {}

  /** True once the first bytes are known not to be HTTP of this kind. */
  get inTunnel(): boolean {
    return this.state.at === 'tunnel';
  }

  push(event: StreamEvent): HttpEvent[] {
    const out: HttpEvent[] = [];
    if ('gap' in event) {
      this.gap(event.gap, out);
      return out;
    }
    if (this.state.at === 'tunnel') return [{ tunnel: event.data, time: event.time }];
    this.segments.push({ start: this.base + this.buf.length, time: event.time });
    // Most segments hold whole messages: they are parsed in place, and only what is still kept when
    // this call returns (a message's first part, its body so far) is copied, so that no view into
    // the reader's buffers (a megabyte file chunk each) outlives the call.
    const inPlace = this.buf.length === 0;
    this.buf = inPlace ? Buffer.from(event.data.buffer, event.data.byteOffset, event.data.length) : Buffer.concat([this.buf, event.data]);
    const partsBefore = this.parts;
    const ownedParts = partsBefore.length;
    this.run(out, event.time);
    if (inPlace) {
      if (this.buf.length > 0) this.buf = Buffer.from(this.buf);
      // Parts from earlier calls are copies already; finish() starts a new list for the next message.
      const from = this.parts === partsBefore ? ownedParts : 0;
      for (let i = from; i < this.parts.length; i++) this.parts[i] = Uint8Array.prototype.slice.call(this.parts[i]!);
    }
    while (this.segments.length > 1 && this.segments[1]!.start <= this.base) this.segments.shift();
    return out;
  }

  /** End of stream: a body that runs to the close ends here; anything else in progress is truncated. */
  end(): HttpEvent[] {
    const out: HttpEvent[] = [];
    if (this.current) {
      if (this.state.at !== 'close') this.current.problems.push('message truncated: the connection ended inside it');
      this.finish(out);
    }
    this.base += this.buf.length;
    this.buf = Buffer.alloc(0);
    return out;
  }

  private run(out: HttpEvent[], time: number): void {
    for (;;) {
      const before = this.buf.length;
      const state = this.state;
      switch (state.at) {
        case 'head':
          this.head(out);
          break;
        case 'length': {
          const take = Math.min(state.remaining, this.buf.length);
          this.body(this.take(take));
          state.remaining -= take;
          if (state.remaining === 0) this.finish(out);
          break;
        }
        case 'chunk-size':
          this.chunkSize();
          break;
        case 'chunk-data': {
          const take = Math.min(state.remaining, this.buf.length);
          this.body(this.take(take));
          state.remaining -= take;
          if (state.remaining === 0) this.state = { at: 'chunk-end' };
          break;
        }
        case 'chunk-end':
          if (this.buf.length >= 2) {
            if (this.buf[0] === 0x0d && this.buf[1] === 0x0a) this.take(2);
            else if (this.buf[0] === 0x0a) this.take(1);
            else this.current?.problems.push('chunk not followed by CRLF');
            this.state = { at: 'chunk-size' };
          }
          break;
        case 'trailer':
          this.trailer(out);
          break;
        case 'close':
          this.body(this.take(this.buf.length));
          break;
        case 'tunnel':
          if (this.buf.length > 0) out.push({ tunnel: this.take(this.buf.length), time });
          return;
        case 'resync':
          this.resync();
          break;
      }
      if (this.buf.length === before && this.state === state) return;
    }
  }

  private take(n: number): Buffer {
    const piece = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    this.base += n;
    return piece;
  }

  private head(out: HttpEvent[]): void {
    // Tolerate stray line breaks between messages.
    let skip = 0;
    while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++;
    if (skip > 0) this.take(skip);
    if (this.kind === 'request' && this.buf[0] === 0x50 && this.buf.length >= H2_PREFACE_LINE.length && this.buf.subarray(0, H2_PREFACE_LINE.length).equals(H2_PREFACE_LINE)) {
      this.state = { at: 'tunnel' };
      return;
    }
    const firstLineEnd = this.buf.indexOf(0x0a);
    const start = firstLineEnd >= 0 ? this.startLine(this.buf.toString('latin1', 0, firstLineEnd).replace(/\r$/, '')) : undefined;
    if (firstLineEnd >= 0 && !start) {
      this.lostSync(out, 'bytes that are not an HTTP/1.x start line');
      return;
    }
    let end = this.buf.indexOf(CRLFCRLF);
    let sep = 4;
    const lf = this.buf.indexOf(LFLF);
    if (lf >= 0 && (end < 0 || lf < end)) {
      end = lf;
      sep = 2;
    }
    if (end < 0) {
      if (this.buf.length > this.options.maxHead) this.lostSync(out, `a message head longer than ${this.options.maxHead} bytes`);
      return;
    }
    let time = this.segments[0]?.time ?? 0;
    for (const segment of this.segments) if (segment.start <= this.base) time = segment.time;
    // The start line was parsed above: the head holds a line break, since it ends with two.
    const lines = this.take(end + sep).toString('latin1', 0, end).split(/\r?\n/);
    const headers: Header[] = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const first = line.charCodeAt(0);
      if ((first === 0x20 || first === 0x09) && headers.length > 0) {
        headers[headers.length - 1]!.value += ` ${line.trim()}`; // obsolete line folding
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
    }
    this.current = { time, ...start!, headers, body: new Uint8Array(0), bodySize: 0, problems: [] };
    this.parts = [];
    this.kept = 0;
    this.bodyRules(out);
  }

  private startLine(line: string): Pick<HttpMessage, 'method' | 'target' | 'status' | 'version'> | undefined {
    if (this.kind === 'request') {
      const m = REQUEST_LINE.exec(line);
      return m ? { method: m[1]!, target: m[2]!, version: m[3]! } : undefined;
    }
    const m = STATUS_LINE.exec(line);
    return m ? { version: m[1]!, status: Number(m[2]) } : undefined;
  }

  /** RFC 9112 §6.3: which framing the body uses. */
  private bodyRules(out: HttpEvent[]): void {
    const message = this.current!;
    const header = (name: string) => message.headers.find((h) => h.name.toLowerCase() === name)?.value;
    const requestMethod = this.kind === 'response' ? this.options.requestMethod?.() : undefined;
    if (message.method === 'CONNECT' || (message.status !== undefined && (message.status === 101 || (requestMethod === 'CONNECT' && message.status < 300 && message.status >= 200)))) {
      this.finish(out);
      this.state = { at: 'tunnel' };
      return;
    }
    if (message.status !== undefined && (message.status < 200 || message.status === 204 || message.status === 304 || requestMethod === 'HEAD')) {
      this.finish(out);
      return;
    }
    if (header('transfer-encoding')?.toLowerCase().includes('chunked')) {
      this.state = { at: 'chunk-size' };
      return;
    }
    const length = header('content-length');
    if (length !== undefined) {
      const n = Number(length.split(',')[0]!.trim());
      if (!Number.isSafeInteger(n) || n < 0) {
        message.problems.push(`bad Content-Length "${length}"`);
        this.finish(out);
        this.state = { at: 'resync' };
        return;
      }
      if (n === 0) this.finish(out);
      else this.state = { at: 'length', remaining: n };
      return;
    }
    if (this.kind === 'request') this.finish(out);
    else this.state = { at: 'close' };
  }

  private chunkSize(): void {
    const lineEnd = this.buf.indexOf(0x0a);
    if (lineEnd < 0) {
      if (this.buf.length > 1024) this.badChunk();
      return;
    }
    const line = this.take(lineEnd + 1).toString('latin1').trim();
    const hex = line.split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) {
      this.badChunk();
      return;
    }
    const size = parseInt(hex, 16);
    this.state = size === 0 ? { at: 'trailer' } : { at: 'chunk-data', remaining: size };
  }

  private badChunk(): void {
    this.current?.problems.push('malformed chunk size line');
    this.state = { at: 'resync' };
  }

  private trailer(out: HttpEvent[]): void {
    for (;;) {
      const lineEnd = this.buf.indexOf(0x0a);
      if (lineEnd < 0) return;
      const line = this.take(lineEnd + 1).toString('latin1').trim();
      if (line === '') {
        this.finish(out);
        return;
      }
    }
  }

  private body(bytes: Uint8Array): void {
    const message = this.current;
    if (!message || bytes.length === 0) return;
    message.bodySize += bytes.length;
    if (this.options.keepBodies === false) return;
    const room = this.options.maxBody - this.kept;
    if (room > 0) {
      // A view is enough: finish() copies the parts into the message's body, and push() copies the
      // parts still open when it returns.
      const piece = bytes.length > room ? bytes.subarray(0, room) : bytes;
      this.parts.push(piece);
      this.kept += piece.length;
    }
  }

  private finish(out: HttpEvent[]): void {
    const message = this.current;
    if (!message) return;
    message.body = this.parts.length === 0 ? EMPTY : Buffer.concat(this.parts);
    if (message.bodySize > this.kept && this.options.keepBodies !== false) message.problems.push(`body of ${message.bodySize} bytes cut to the first ${this.kept}`);
    out.push({ message });
    this.current = undefined;
    this.parts = [];
    this.kept = 0;
    if (this.state.at !== 'tunnel') this.state = { at: 'head' };
  }

  private gap(bytes: number, out: HttpEvent[]): void {
    const state = this.state;
    if (state.at === 'tunnel') return;
    const note = `TCP gap: ${bytes} bytes missing`;
    if (state.at === 'length' && bytes < state.remaining && this.buf.length === 0) {
      this.current!.problems.push(`${note} from the body`);
      this.current!.bodySize += bytes;
      state.remaining -= bytes;
      return;
    }
    if (state.at === 'close') {
      this.current?.problems.push(`${note} from the body`);
      return;
    }
    if (this.current) {
      this.current.problems.push(`${note}; message cut there`);
      this.finish(out);
    } else if (!this.partialHead(bytes, out)) this.notes.push(note);
    this.base += this.buf.length;
    this.buf = Buffer.alloc(0);
    this.state = { at: 'resync' };
  }

  /**
   * A gap inside a message head (a packet cut by the snap length, or lost): the start line and the
   * header lines before the gap still make a message, as a packet analyser shows them.
   */
  private partialHead(missing: number, out: HttpEvent[]): boolean {
    let skip = 0;
    while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++;
    const lines = this.buf.toString('latin1', skip, Math.min(this.buf.length, this.options.maxHead)).split(/\r?\n/);
    const first = this.kind === 'request' ? PARTIAL_REQUEST_LINE.exec(lines[0]!) : PARTIAL_STATUS_LINE.exec(lines[0]!);
    if (!first || (this.kind === 'request' && lines.length === 1 && first[2]!.length === 0)) return false;
    const start = this.kind === 'request' ? { method: first[1]!, target: first[2]!, version: first[3] ?? 'HTTP/1.1' } : { version: first[1]!, status: Number(first[2]) };
    const headers: Header[] = [];
    // The last line is cut short (or empty): only the complete ones before it are headers.
    for (const line of lines.slice(1, -1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
    }
    const message: HttpMessage = { time: this.segments[0]?.time ?? 0, ...start, headers, body: EMPTY, bodySize: 0, problems: [`message head cut: ${missing} bytes not captured; the start line and headers before them are as captured`] };
    out.push({ message });
    return true;
  }

  private lostSync(out: HttpEvent[], what: string): void {
    this.notes.push(`skipped ${what}`);
    this.finish(out);
    this.state = { at: 'resync' };
    // Drop the first byte so the search does not find the same place again.
    this.take(1);
  }

  private resync(): void {
    const text = this.buf.toString('latin1');
    const m = (this.kind === 'request' ? REQUEST_START : RESPONSE_START).exec(text);
    if (!m) {
      // Keep a tail in case a start line straddles the next segment.
      const keep = Math.min(this.buf.length, 64);
      this.take(this.buf.length - keep);
      return;
    }
    this.take(m.index + m[0].length);
    this.state = { at: 'head' };
  }
}

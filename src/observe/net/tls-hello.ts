/**
 * TLS ClientHello (RFC 8446 §4.1.2): server name (SNI), ALPN and offered versions, read from the
 * first handshake record(s) of a client→server stream. The hello may span several records.
 */
import { u16 } from './bytes.js';

export interface ClientHello {
  sni?: string;
  alpn?: string[];
  /** Highest version offered: "1.3" via supported_versions, else the legacy version field. */
  version?: string;
}

const VERSIONS: Record<number, string> = { 0x0300: 'SSL 3.0', 0x0301: '1.0', 0x0302: '1.1', 0x0303: '1.2', 0x0304: '1.3' };

/** True when the bytes start like a TLS handshake record (or an SSLv2-format ClientHello offering SSL 3 / TLS). */
export function looksLikeTls(b: Uint8Array): boolean {
  return (b.length >= 3 && b[0] === 0x16 && b[1] === 0x03 && b[2]! <= 0x04) || isSslv2Hello(b);
}

/** The SSLv2-compatible ClientHello old clients send (RFC 5246 Appendix E.2): 2-byte length with the top bit set, type 1, version 3.x. */
export function isSslv2Hello(b: Uint8Array): boolean {
  return b.length >= 5 && (b[0]! & 0x80) !== 0 && b[2] === 1 && b[3] === 3 && b[4]! <= 4;
}

/**
 * `need` when more bytes are required, a reason string when this is not a ClientHello, else the hello.
 * `maxBytes` bounds how much of the stream is examined.
 */
export function parseClientHelloRecords(stream: Uint8Array, maxBytes = 1 << 16): ClientHello | 'need' | string {
  if (isSslv2Hello(stream)) {
    // No extensions in this format: the version is all there is to read.
    const length = ((stream[0]! & 0x7f) << 8) | stream[1]!;
    return stream.length < 2 + length ? 'need' : { version: VERSIONS[u16(stream, 3)] };
  }
  // Join the payloads of consecutive handshake records.
  const parts: Uint8Array[] = [];
  let have = 0;
  let at = 0;
  let needed = -1;
  while (at + 5 <= stream.length && at < maxBytes) {
    if (stream[at] !== 0x16) return 'not a TLS handshake record';
    const length = u16(stream, at + 3);
    if (at + 5 + length > stream.length) break;
    parts.push(stream.subarray(at + 5, at + 5 + length));
    have += length;
    at += 5 + length;
    if (needed < 0 && have >= 4) {
      const first = Buffer.concat(parts);
      if (first[0] !== 1) return 'first handshake message is not a ClientHello';
      needed = 4 + ((first[1]! << 16) | (first[2]! << 8) | first[3]!);
    }
    if (needed >= 0 && have >= needed) return parseClientHello(Buffer.concat(parts).subarray(4, needed));
  }
  return at >= maxBytes ? 'ClientHello larger than the examined bound' : 'need';
}

export function parseClientHello(body: Uint8Array): ClientHello | string {
  let at = 2 + 32; // legacy_version, random
  if (body.length < at + 1) return 'ClientHello truncated';
  const hello: ClientHello = { version: VERSIONS[u16(body, 0)] };
  at += 1 + body[at]!; // session id
  if (at + 2 > body.length) return 'ClientHello truncated';
  at += 2 + u16(body, at); // cipher suites
  if (at + 1 > body.length) return 'ClientHello truncated';
  at += 1 + body[at]!; // compression methods
  if (at + 2 > body.length) return hello; // no extensions
  const end = Math.min(body.length, at + 2 + u16(body, at));
  at += 2;
  while (at + 4 <= end) {
    const type = u16(body, at);
    const length = u16(body, at + 2);
    const data = body.subarray(at + 4, Math.min(end, at + 4 + length));
    if (type === 0) hello.sni = serverName(data);
    else if (type === 16) hello.alpn = protocolNames(data);
    else if (type === 43) {
      let best = 0;
      for (let i = 1; i + 1 < data.length && i <= data[0]!; i += 2) {
        const v = u16(data, i);
        if (VERSIONS[v] && v > best) best = v; // GREASE values are not in VERSIONS
      }
      if (best) hello.version = VERSIONS[best];
    }
    at += 4 + length;
  }
  return hello;
}

function serverName(data: Uint8Array): string | undefined {
  let at = 2;
  while (at + 3 <= data.length) {
    const type = data[at]!;
    const length = u16(data, at + 1);
    if (type === 0) return Buffer.from(data.subarray(at + 3, at + 3 + length)).toString('latin1');
    at += 3 + length;
  }
  return undefined;
}

function protocolNames(data: Uint8Array): string[] {
  const names: string[] = [];
  for (let at = 2; at < data.length; ) {
    const length = data[at]!;
    names.push(Buffer.from(data.subarray(at + 1, at + 1 + length)).toString('latin1'));
    at += 1 + length;
  }
  return names;
}

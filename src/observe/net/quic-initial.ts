/**
 * QUIC Initial packets (RFC 9000, 9001; v2 RFC 9369; drafts 23–34): their keys derive from the
 * client's first Destination Connection ID alone, so a passive observer can remove the protection
 * and read the TLS ClientHello carried in CRYPTO frames — giving the server name (SNI) of
 * QUIC/HTTP-3 traffic.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

interface VersionParams {
  salt: string;
  label: string;
  /** Long-header packet type bits that mean Initial. */
  initialType: number;
}

const V1_SALT = '38762cf7f55934b34d179ae6a4c80cadccbb7f0a';
/** draft-ietf-quic-tls-23 … -28. */
const DRAFT23_SALT = 'c3eef712c72ebb5a11a7d2432bb46365bef9f502';
/** draft-ietf-quic-tls-29 … -32. */
const DRAFT29_SALT = 'afbfec289993d24c9e9786f19c6111e04390a899';

const VERSIONS: Record<number, VersionParams> = {
  0x00000001: { salt: V1_SALT, label: 'quic', initialType: 0 },
  0x6b3343cf: { salt: '0dede3def700a6db819381be6e269dcbf9bd2ed9', label: 'quicv2', initialType: 1 },
};
// Draft versions are 0xff0000NN; the Initial packet layout is v1's from draft 23 on, only the salt changes
// (drafts 33 and 34 already use v1's).
for (let draft = 23; draft <= 34; draft++) {
  VERSIONS[0xff000000 + draft] = { salt: draft <= 28 ? DRAFT23_SALT : draft <= 32 ? DRAFT29_SALT : V1_SALT, label: 'quic', initialType: 0 };
}

/** A printable QUIC version: `1`, `2`, `draft-27`, or its hex value. */
export function quicVersionName(version: number): string {
  if (version === 1) return '1';
  if (version === 0x6b3343cf) return '2';
  if (version >>> 8 === 0xff0000) return `draft-${version & 0xff}`;
  return `0x${version.toString(16).padStart(8, '0')}`;
}

export interface InitialKeys {
  key: Buffer;
  iv: Buffer;
  hp: Buffer;
}

function hkdfExpandLabel(secret: Buffer, label: string, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`, 'latin1');
  const info = Buffer.concat([Buffer.from([length >> 8, length & 0xff, full.length]), full, Buffer.from([0])]);
  // HKDF-Expand (RFC 5869); one or two SHA-256 blocks suffice for these lengths.
  const out: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(out).length < length; i++) {
    previous = createHmac('sha256', secret).update(Buffer.concat([previous, info, Buffer.from([i])])).digest();
    out.push(previous);
  }
  return Buffer.concat(out).subarray(0, length);
}

/** Client Initial keys for a version and Destination Connection ID, or undefined for an unknown version. */
export function clientInitialKeys(version: number, dcid: Uint8Array): InitialKeys | undefined {
  const params = VERSIONS[version];
  if (!params) return undefined;
  const initial = createHmac('sha256', Buffer.from(params.salt, 'hex')).update(dcid).digest();
  const client = hkdfExpandLabel(initial, 'client in', 32);
  return {
    key: hkdfExpandLabel(client, `${params.label} key`, 16),
    iv: hkdfExpandLabel(client, `${params.label} iv`, 12),
    hp: hkdfExpandLabel(client, `${params.label} hp`, 16),
  };
}

export function readVarint(b: Uint8Array, at: number): { value: number; next: number } | undefined {
  if (at >= b.length) return undefined;
  const size = 1 << (b[at]! >> 6);
  if (at + size > b.length) return undefined;
  let value = b[at]! & 0x3f;
  for (let i = 1; i < size; i++) value = value * 256 + b[at + i]!;
  return { value, next: at + size };
}

export interface InitialPacket {
  version: number;
  /** The connection id the keys derived from (the client's first DCID). */
  dcid: Uint8Array;
  /** Decrypted frames. */
  payload: Uint8Array;
}

/** True when a UDP payload starts with a long header of a QUIC version we can read. */
export function looksLikeQuicInitial(b: Uint8Array): boolean {
  if (b.length < 7 || (b[0]! & 0xc0) !== 0xc0) return false;
  const version = ((b[1]! << 24) | (b[2]! << 16) | (b[3]! << 8) | b[4]!) >>> 0;
  const params = VERSIONS[version];
  return params !== undefined && ((b[0]! >> 4) & 3) === params.initialType;
}

/** The version and destination connection id of a QUIC long header of any packet type (any version but 0, version negotiation), or undefined. */
export function quicLongHeader(b: Uint8Array): { version: number; dcid: Uint8Array; known: boolean } | undefined {
  if (b.length < 7 || (b[0]! & 0xc0) !== 0xc0) return undefined;
  const version = ((b[1]! << 24) | (b[2]! << 16) | (b[3]! << 8) | b[4]!) >>> 0;
  const dcidLength = b[5]!;
  if (version === 0 || dcidLength > 20 || 6 + dcidLength >= b.length || b[6 + dcidLength]! > 20) return undefined;
  return { version, dcid: b.subarray(6, 6 + dcidLength), known: VERSIONS[version] !== undefined };
}

/**
 * Removes header protection and decrypts the first (coalesced) Initial packet of a datagram; a
 * reason string on failure. `keyDcid`: the connection id the keys derive from, when the client has
 * since switched to the server's (RFC 9001 §5.2: the Initial keys stay those of its first DCID).
 */
export function openInitial(datagram: Uint8Array, keyDcid?: Uint8Array): InitialPacket | string {
  if (!looksLikeQuicInitial(datagram)) return 'not a QUIC Initial packet';
  const b = Buffer.from(datagram);
  const version = b.readUInt32BE(1);
  let at = 5;
  const dcidLength = b[at]!;
  const dcid = b.subarray(at + 1, at + 1 + dcidLength);
  at += 1 + dcidLength;
  if (at >= b.length) return 'QUIC header truncated';
  at += 1 + b[at]!; // source connection id
  const token = readVarint(b, at);
  if (!token) return 'QUIC header truncated';
  at = token.next + token.value;
  const length = readVarint(b, at);
  if (!length) return 'QUIC header truncated';
  const pnOffset = length.next;
  const end = pnOffset + length.value;
  if (end > b.length || pnOffset + 20 > b.length) return 'QUIC Initial packet truncated';
  const keys = clientInitialKeys(version, keyDcid ?? dcid)!;
  const sample = b.subarray(pnOffset + 4, pnOffset + 20);
  const mask = createCipheriv('aes-128-ecb', keys.hp, null).update(sample);
  const header = Buffer.from(b.subarray(0, pnOffset + 4));
  header[0] = header[0]! ^ (mask[0]! & 0x0f);
  const pnLength = (header[0]! & 0x03) + 1;
  let pn = 0;
  for (let i = 0; i < pnLength; i++) {
    header[pnOffset + i] = header[pnOffset + i]! ^ mask[1 + i]!;
    pn = pn * 256 + header[pnOffset + i]!;
  }
  const aad = header.subarray(0, pnOffset + pnLength);
  const nonce = Buffer.from(keys.iv);
  for (let i = 0; i < 4; i++) nonce[11 - i] = nonce[11 - i]! ^ ((pn >>> (8 * i)) & 0xff);
  const sealed = b.subarray(pnOffset + pnLength, end);
  if (sealed.length < 16) return 'QUIC Initial packet truncated';
  try {
    const decipher = createDecipheriv('aes-128-gcm', keys.key, nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const payload = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
    return { version, dcid: Uint8Array.from(keyDcid ?? dcid), payload };
  } catch {
    // Authentication failed: a server Initial, or not QUIC at all.
    return 'QUIC Initial did not authenticate with client keys';
  }
}

/** CRYPTO frame data by offset, from a decrypted Initial payload; stops at a frame it cannot skip. */
export function cryptoFrames(payload: Uint8Array): Array<{ offset: number; data: Uint8Array }> {
  const out: Array<{ offset: number; data: Uint8Array }> = [];
  let at = 0;
  while (at < payload.length) {
    const type = payload[at]!;
    if (type === 0x00 || type === 0x01) {
      at++; // PADDING, PING
    } else if (type === 0x06) {
      const offset = readVarint(payload, at + 1);
      const length = offset && readVarint(payload, offset.next);
      if (!offset || !length || length.next + length.value > payload.length) break;
      out.push({ offset: offset.value, data: payload.subarray(length.next, length.next + length.value) });
      at = length.next + length.value;
    } else if (type === 0x02 || type === 0x03) {
      // ACK: largest, delay, range count, first range, then (gap, length) pairs, then ECN counts.
      let p: { value: number; next: number } | undefined = { value: 0, next: at + 1 };
      const fields: number[] = [];
      for (let i = 0; i < 4 && p; i++) {
        p = readVarint(payload, p.next);
        if (p) fields.push(p.value);
      }
      if (!p) break;
      const extra = fields[2]! * 2 + (type === 0x03 ? 3 : 0);
      for (let i = 0; i < extra && p; i++) p = readVarint(payload, p.next);
      if (!p) break;
      at = p.next;
    } else break;
  }
  return out;
}

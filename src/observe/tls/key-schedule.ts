/**
 * Key derivation: the TLS 1.0–1.2 PRF (RFC 2246 §5, RFC 5246 §5) and TLS 1.3's HKDF-Expand-Label
 * (RFC 8446 §7.1), with the traffic keys each version derives from the key log's secrets.
 */
import { createHmac } from 'node:crypto';

export type Hash = 'md5' | 'sha1' | 'sha256' | 'sha384';

export const HASH_LENGTH: Record<Hash, number> = { md5: 16, sha1: 20, sha256: 32, sha384: 48 };

function hmac(hash: Hash, key: Uint8Array, ...parts: Uint8Array[]): Buffer {
  const h = createHmac(hash, key);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** P_hash of RFC 5246 §5: HMAC chained over A(i) until `length` bytes. */
function pHash(hash: Hash, secret: Uint8Array, seed: Uint8Array, length: number): Buffer {
  const out: Buffer[] = [];
  let have = 0;
  let a: Uint8Array = seed;
  while (have < length) {
    a = hmac(hash, secret, a);
    const block = hmac(hash, secret, a, seed);
    out.push(block);
    have += block.length;
  }
  return Buffer.concat(out).subarray(0, length);
}

/**
 * The PRF: P_<hash>(secret, label + seed) for TLS 1.2; for TLS 1.0/1.1 (`hash` undefined) the
 * XOR of P_MD5 and P_SHA1 over the two halves of the secret.
 */
export function prf(hash: Hash | undefined, secret: Uint8Array, label: string, seed: Uint8Array, length: number): Buffer {
  const labelSeed = Buffer.concat([Buffer.from(label, 'latin1'), seed]);
  if (hash) return pHash(hash, secret, labelSeed, length);
  const half = Math.ceil(secret.length / 2);
  const md5 = pHash('md5', secret.subarray(0, half), labelSeed, length);
  const sha1 = pHash('sha1', secret.subarray(secret.length - half), labelSeed, length);
  for (let i = 0; i < length; i++) md5[i]! ^= sha1[i]!;
  return md5;
}

/** HKDF-Expand (RFC 5869 §2.3). */
export function hkdfExpand(hash: Hash, prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  const out: Buffer[] = [];
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 1, have = 0; have < length; i++) {
    previous = hmac(hash, prk, previous, info, Uint8Array.of(i));
    out.push(previous as Buffer);
    have += previous.length;
  }
  return Buffer.concat(out).subarray(0, length);
}

/** HKDF-Expand-Label(secret, label, context, length) with the "tls13 " prefix. */
export function hkdfExpandLabel(hash: Hash, secret: Uint8Array, label: string, context: Uint8Array, length: number): Buffer {
  const fullLabel = Buffer.from(`tls13 ${label}`, 'latin1');
  const info = Buffer.concat([Uint8Array.of(length >> 8, length & 0xff, fullLabel.length), fullLabel, Uint8Array.of(context.length), context]);
  return hkdfExpand(hash, secret, info, length);
}

export interface DirectionKeys {
  macKey: Uint8Array;
  key: Uint8Array;
  iv: Uint8Array;
}

/** TLS 1.2 and earlier: the key block from the master secret, split into client and server keys. */
export function keysFromMasterSecret(
  hash: Hash | undefined,
  master: Uint8Array,
  clientRandom: Uint8Array,
  serverRandom: Uint8Array,
  sizes: { mac: number; key: number; iv: number },
): { client: DirectionKeys; server: DirectionKeys } {
  const total = 2 * (sizes.mac + sizes.key + sizes.iv);
  const block = prf(hash, master, 'key expansion', Buffer.concat([serverRandom, clientRandom]), total);
  let at = 0;
  const take = (n: number): Buffer => block.subarray(at, (at += n));
  const clientMac = take(sizes.mac);
  const serverMac = take(sizes.mac);
  const clientKey = take(sizes.key);
  const serverKey = take(sizes.key);
  const clientIv = take(sizes.iv);
  const serverIv = take(sizes.iv);
  return { client: { macKey: clientMac, key: clientKey, iv: clientIv }, server: { macKey: serverMac, key: serverKey, iv: serverIv } };
}

/** TLS 1.3: the record key and IV of one traffic secret. */
export function keysFromTrafficSecret(hash: Hash, secret: Uint8Array, keyLength: number): DirectionKeys {
  const empty = new Uint8Array(0);
  return { macKey: empty, key: hkdfExpandLabel(hash, secret, 'key', empty, keyLength), iv: hkdfExpandLabel(hash, secret, 'iv', empty, 12) };
}

/** TLS 1.3 KeyUpdate: the next traffic secret. */
export function nextTrafficSecret(hash: Hash, secret: Uint8Array): Buffer {
  return hkdfExpandLabel(hash, secret, 'traffic upd', new Uint8Array(0), HASH_LENGTH[hash]);
}

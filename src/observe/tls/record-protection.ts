/**
 * Removing the protection of one direction's TLS records (RFC 5246 §6.2.3, RFC 6655, RFC 7905,
 * RFC 8446 §5.2–5.3): the per-record nonce from the IV and the 64-bit sequence number, the additional
 * data, the tag check (16 bytes, 8 for AES-CCM-8), and for CBC suites the padding and the HMAC over
 * the sequence number and header.
 */
import { createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import type { CipherSuite } from './cipher-suites.js';
import { HASH_LENGTH, type DirectionKeys } from './key-schedule.js';

export interface Plaintext {
  /** Content type: 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data. */
  type: number;
  data: Uint8Array;
}

function seqBytes(seq: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(seq);
  return b;
}

/** IV XOR the sequence number, right-aligned (TLS 1.3 and ChaCha20 in TLS 1.2). */
function xorNonce(iv: Uint8Array, seq: bigint): Buffer {
  const nonce = Buffer.from(iv);
  const s = seqBytes(seq);
  for (let i = 0; i < 8; i++) nonce[nonce.length - 8 + i]! ^= s[i]!;
  return nonce;
}

function aeadOpen(suite: CipherSuite, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Buffer | undefined {
  const tag = suite.tagLength;
  if (sealed.length < tag) return undefined;
  const decipher = createDecipheriv(suite.cipher as 'aes-128-gcm', key, nonce, { authTagLength: tag });
  const ciphertext = sealed.subarray(0, sealed.length - tag);
  decipher.setAuthTag(sealed.subarray(sealed.length - tag));
  // CCM authenticates the plaintext's length first: it has to be announced with the additional data.
  if (suite.mode === 'ccm') (decipher as unknown as { setAAD(b: Uint8Array, o: { plaintextLength: number }): void }).setAAD(aad, { plaintextLength: ciphertext.length });
  else decipher.setAAD(aad);
  try {
    const body = decipher.update(ciphertext);
    return Buffer.concat([body, decipher.final()]);
  } catch {
    return undefined; // authentication failed: wrong key or corrupt record
  }
}

export class RecordDecrypter {
  /** Sequence number of the next record in this direction. */
  seq = 0n;
  /** TLS 1.0 CBC: the IV of the next record is the last ciphertext block of this one. */
  private chainIv: Uint8Array;

  constructor(
    readonly suite: CipherSuite,
    readonly keys: DirectionKeys,
    /** Protocol version of the session (0x0301 … 0x0304). */
    readonly version: number,
    /** CBC suites: the encrypt_then_mac extension was negotiated (RFC 7366), the MAC covers the ciphertext. */
    readonly encryptThenMac = false,
  ) {
    this.chainIv = keys.iv;
  }

  /** The record's plaintext, or a reason when it does not decrypt. The sequence number advances on success. */
  open(type: number, recordVersion: number, fragment: Uint8Array): Plaintext | string {
    const result = this.version >= 0x0304 ? this.open13(type, recordVersion, fragment) : this.suite.mode === 'cbc' ? this.openCbc(type, recordVersion, fragment) : this.openAead12(type, recordVersion, fragment);
    if (typeof result !== 'string') this.seq++;
    return result;
  }

  private header(type: number, version: number, length: number): Buffer {
    return Buffer.from([type, version >> 8, version & 0xff, length >> 8, length & 0xff]);
  }

  private open13(type: number, version: number, fragment: Uint8Array): Plaintext | string {
    const inner = aeadOpen(this.suite, this.keys.key, xorNonce(this.keys.iv, this.seq), this.header(type, version, fragment.length), fragment);
    if (!inner) return 'record authentication failed';
    // TLSInnerPlaintext: content, the real content type, zero padding.
    let end = inner.length - 1;
    while (end >= 0 && inner[end] === 0) end--;
    if (end < 0) return 'record has no content type';
    return { type: inner[end]!, data: inner.subarray(0, end) };
  }

  private openAead12(type: number, version: number, fragment: Uint8Array): Plaintext | string {
    let nonce: Buffer;
    let sealed = fragment;
    const tag = this.suite.tagLength;
    if (this.suite.mode === 'gcm' || this.suite.mode === 'ccm') {
      if (fragment.length < 8 + tag) return 'record too short';
      nonce = Buffer.concat([this.keys.iv, fragment.subarray(0, 8)]);
      sealed = fragment.subarray(8);
    } else {
      if (fragment.length < tag) return 'record too short';
      nonce = xorNonce(this.keys.iv, this.seq);
    }
    const aad = Buffer.concat([seqBytes(this.seq), this.header(type, version, sealed.length - tag)]);
    const data = aeadOpen(this.suite, this.keys.key, nonce, aad, sealed);
    return data ? { type, data } : 'record authentication failed';
  }

  private mac(type: number, version: number, data: Uint8Array): Buffer {
    return createHmac(this.suite.mac!, this.keys.macKey).update(seqBytes(this.seq)).update(this.header(type, version, data.length)).update(data).digest();
  }

  private openCbc(type: number, version: number, fragment: Uint8Array): Plaintext | string {
    const block = this.suite.ivLength;
    const explicitIv = this.version >= 0x0302;
    const macLength = HASH_LENGTH[this.suite.mac!];
    if (this.encryptThenMac) {
      if (fragment.length < macLength + block) return 'record too short';
      const sealed = fragment.subarray(0, fragment.length - macLength);
      if (!timingSafeEqual(fragment.subarray(sealed.length), this.mac(type, version, sealed))) return 'record MAC check failed';
      fragment = sealed;
    }
    if (explicitIv && fragment.length < 2 * block) return 'record too short';
    const iv = explicitIv ? fragment.subarray(0, block) : this.chainIv;
    const body = explicitIv ? fragment.subarray(block) : fragment;
    if (body.length === 0 || body.length % block !== 0 || (!this.encryptThenMac && body.length < macLength + 1)) return 'record length is not a whole number of cipher blocks';
    const decipher = createDecipheriv(this.suite.cipher, this.keys.key, iv);
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(body), decipher.final()]);
    if (!explicitIv) this.chainIv = body.subarray(body.length - block);
    const pad = plain[plain.length - 1]!;
    const contentEnd = plain.length - pad - 1 - (this.encryptThenMac ? 0 : macLength);
    if (contentEnd < 0) return 'record padding is wrong';
    const content = plain.subarray(0, contentEnd);
    if (this.encryptThenMac) return { type, data: content };
    if (!timingSafeEqual(plain.subarray(contentEnd, contentEnd + macLength), this.mac(type, version, content))) return 'record MAC check failed';
    return { type, data: content };
  }
}

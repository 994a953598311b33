/**
 * The cipher suites we can decrypt with Node's own crypto (IANA TLS Cipher Suites registry):
 * AEAD (AES-GCM, AES-CCM, AES-CCM-8, ChaCha20-Poly1305) for TLS 1.2 and 1.3, and CBC block ciphers
 * with HMAC (AES, Camellia, 3DES) for TLS 1.0–1.2, whatever the key exchange (RSA, (EC)DH(E), PSK
 * and its variants): the key log's master secret is all the record keys need. RC4, DES, SEED, IDEA,
 * ARIA and export suites are absent from OpenSSL 3's default provider: a session using one is
 * reported as not decrypted.
 */
import type { Hash } from './key-schedule.js';

export interface CipherSuite {
  id: number;
  /** IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
  name: string;
  mode: 'gcm' | 'ccm' | 'chacha20' | 'cbc';
  /** Node's cipher name. */
  cipher: string;
  keyLength: number;
  /** GCM, CCM: 4-byte salt (TLS 1.2); ChaCha20: 12-byte IV; CBC: the block size (implicit IV of TLS 1.0). */
  ivLength: number;
  /** AEAD suites: the authentication tag's length (8 for CCM_8, else 16). */
  tagLength: number;
  /** CBC: the record MAC's hash. */
  mac?: Hash;
  /** The PRF hash (TLS 1.2) and, for TLS 1.3, the HKDF hash. */
  prfHash: Hash;
}

type Bulk =
  | 'AES_128_GCM' | 'AES_256_GCM' | 'AES_128_CCM' | 'AES_256_CCM' | 'AES_128_CCM_8' | 'AES_256_CCM_8' | 'CHACHA20_POLY1305'
  | 'AES_128_CBC' | 'AES_256_CBC' | 'CAMELLIA_128_CBC' | 'CAMELLIA_256_CBC' | '3DES_EDE_CBC';

const BULK: Record<Bulk, Pick<CipherSuite, 'mode' | 'cipher' | 'keyLength' | 'ivLength' | 'tagLength'>> = {
  AES_128_GCM: { mode: 'gcm', cipher: 'aes-128-gcm', keyLength: 16, ivLength: 4, tagLength: 16 },
  AES_256_GCM: { mode: 'gcm', cipher: 'aes-256-gcm', keyLength: 32, ivLength: 4, tagLength: 16 },
  // RFC 6655: the same nonce layout as GCM (4-byte salt + 8-byte explicit part in TLS 1.2).
  AES_128_CCM: { mode: 'ccm', cipher: 'aes-128-ccm', keyLength: 16, ivLength: 4, tagLength: 16 },
  AES_256_CCM: { mode: 'ccm', cipher: 'aes-256-ccm', keyLength: 32, ivLength: 4, tagLength: 16 },
  AES_128_CCM_8: { mode: 'ccm', cipher: 'aes-128-ccm', keyLength: 16, ivLength: 4, tagLength: 8 },
  AES_256_CCM_8: { mode: 'ccm', cipher: 'aes-256-ccm', keyLength: 32, ivLength: 4, tagLength: 8 },
  CHACHA20_POLY1305: { mode: 'chacha20', cipher: 'chacha20-poly1305', keyLength: 32, ivLength: 12, tagLength: 16 },
  AES_128_CBC: { mode: 'cbc', cipher: 'aes-128-cbc', keyLength: 16, ivLength: 16, tagLength: 0 },
  AES_256_CBC: { mode: 'cbc', cipher: 'aes-256-cbc', keyLength: 32, ivLength: 16, tagLength: 0 },
  CAMELLIA_128_CBC: { mode: 'cbc', cipher: 'camellia-128-cbc', keyLength: 16, ivLength: 16, tagLength: 0 },
  CAMELLIA_256_CBC: { mode: 'cbc', cipher: 'camellia-256-cbc', keyLength: 32, ivLength: 16, tagLength: 0 },
  '3DES_EDE_CBC': { mode: 'cbc', cipher: 'des-ede3-cbc', keyLength: 24, ivLength: 8, tagLength: 0 },
};

// [id, key exchange (empty for TLS 1.3), bulk cipher, MAC / PRF hash ('' for the CCM suites of
// RFC 6655/7251, named without one, whose PRF is SHA-256)]
const TABLE: Array<[number, string, Bulk, 'SHA' | 'SHA256' | 'SHA384' | '']> = [
  [0x1301, '', 'AES_128_GCM', 'SHA256'],
  [0x1302, '', 'AES_256_GCM', 'SHA384'],
  [0x1303, '', 'CHACHA20_POLY1305', 'SHA256'],
  [0x1304, '', 'AES_128_CCM', 'SHA256'],
  [0x1305, '', 'AES_128_CCM_8', 'SHA256'],
  [0x000a, 'RSA', '3DES_EDE_CBC', 'SHA'],
  [0x0013, 'DHE_DSS', '3DES_EDE_CBC', 'SHA'],
  [0x0016, 'DHE_RSA', '3DES_EDE_CBC', 'SHA'],
  [0x002f, 'RSA', 'AES_128_CBC', 'SHA'],
  [0x0032, 'DHE_DSS', 'AES_128_CBC', 'SHA'],
  [0x0033, 'DHE_RSA', 'AES_128_CBC', 'SHA'],
  [0x0035, 'RSA', 'AES_256_CBC', 'SHA'],
  [0x0038, 'DHE_DSS', 'AES_256_CBC', 'SHA'],
  [0x0039, 'DHE_RSA', 'AES_256_CBC', 'SHA'],
  [0x003c, 'RSA', 'AES_128_CBC', 'SHA256'],
  [0x003d, 'RSA', 'AES_256_CBC', 'SHA256'],
  [0x0040, 'DHE_DSS', 'AES_128_CBC', 'SHA256'],
  [0x0041, 'RSA', 'CAMELLIA_128_CBC', 'SHA'],
  [0x0044, 'DHE_DSS', 'CAMELLIA_128_CBC', 'SHA'],
  [0x0045, 'DHE_RSA', 'CAMELLIA_128_CBC', 'SHA'],
  [0x0067, 'DHE_RSA', 'AES_128_CBC', 'SHA256'],
  [0x006a, 'DHE_DSS', 'AES_256_CBC', 'SHA256'],
  [0x006b, 'DHE_RSA', 'AES_256_CBC', 'SHA256'],
  [0x0084, 'RSA', 'CAMELLIA_256_CBC', 'SHA'],
  [0x0087, 'DHE_DSS', 'CAMELLIA_256_CBC', 'SHA'],
  [0x0088, 'DHE_RSA', 'CAMELLIA_256_CBC', 'SHA'],
  [0x009c, 'RSA', 'AES_128_GCM', 'SHA256'],
  [0x009d, 'RSA', 'AES_256_GCM', 'SHA384'],
  [0x009e, 'DHE_RSA', 'AES_128_GCM', 'SHA256'],
  [0x009f, 'DHE_RSA', 'AES_256_GCM', 'SHA384'],
  [0x00a2, 'DHE_DSS', 'AES_128_GCM', 'SHA256'],
  [0x00a3, 'DHE_DSS', 'AES_256_GCM', 'SHA384'],
  [0xc003, 'ECDH_ECDSA', '3DES_EDE_CBC', 'SHA'],
  [0xc004, 'ECDH_ECDSA', 'AES_128_CBC', 'SHA'],
  [0xc005, 'ECDH_ECDSA', 'AES_256_CBC', 'SHA'],
  [0xc008, 'ECDHE_ECDSA', '3DES_EDE_CBC', 'SHA'],
  [0xc009, 'ECDHE_ECDSA', 'AES_128_CBC', 'SHA'],
  [0xc00a, 'ECDHE_ECDSA', 'AES_256_CBC', 'SHA'],
  [0xc00d, 'ECDH_RSA', '3DES_EDE_CBC', 'SHA'],
  [0xc00e, 'ECDH_RSA', 'AES_128_CBC', 'SHA'],
  [0xc00f, 'ECDH_RSA', 'AES_256_CBC', 'SHA'],
  [0xc012, 'ECDHE_RSA', '3DES_EDE_CBC', 'SHA'],
  [0xc013, 'ECDHE_RSA', 'AES_128_CBC', 'SHA'],
  [0xc014, 'ECDHE_RSA', 'AES_256_CBC', 'SHA'],
  [0xc023, 'ECDHE_ECDSA', 'AES_128_CBC', 'SHA256'],
  [0xc024, 'ECDHE_ECDSA', 'AES_256_CBC', 'SHA384'],
  [0xc025, 'ECDH_ECDSA', 'AES_128_CBC', 'SHA256'],
  [0xc026, 'ECDH_ECDSA', 'AES_256_CBC', 'SHA384'],
  [0xc027, 'ECDHE_RSA', 'AES_128_CBC', 'SHA256'],
  [0xc028, 'ECDHE_RSA', 'AES_256_CBC', 'SHA384'],
  [0xc029, 'ECDH_RSA', 'AES_128_CBC', 'SHA256'],
  [0xc02a, 'ECDH_RSA', 'AES_256_CBC', 'SHA384'],
  [0xc02b, 'ECDHE_ECDSA', 'AES_128_GCM', 'SHA256'],
  [0xc02c, 'ECDHE_ECDSA', 'AES_256_GCM', 'SHA384'],
  [0xc02d, 'ECDH_ECDSA', 'AES_128_GCM', 'SHA256'],
  [0xc02e, 'ECDH_ECDSA', 'AES_256_GCM', 'SHA384'],
  [0xc02f, 'ECDHE_RSA', 'AES_128_GCM', 'SHA256'],
  [0xc030, 'ECDHE_RSA', 'AES_256_GCM', 'SHA384'],
  [0xc031, 'ECDH_RSA', 'AES_128_GCM', 'SHA256'],
  [0xc032, 'ECDH_RSA', 'AES_256_GCM', 'SHA384'],
  [0xcca8, 'ECDHE_RSA', 'CHACHA20_POLY1305', 'SHA256'],
  [0xcca9, 'ECDHE_ECDSA', 'CHACHA20_POLY1305', 'SHA256'],
  [0xccaa, 'DHE_RSA', 'CHACHA20_POLY1305', 'SHA256'],
  // Pre-shared-key suites (RFC 4279, 5487, 5489, 7905, 8442): the PSK enters the master secret only.
  [0x008b, 'PSK', '3DES_EDE_CBC', 'SHA'],
  [0x008c, 'PSK', 'AES_128_CBC', 'SHA'],
  [0x008d, 'PSK', 'AES_256_CBC', 'SHA'],
  [0x008f, 'DHE_PSK', '3DES_EDE_CBC', 'SHA'],
  [0x0090, 'DHE_PSK', 'AES_128_CBC', 'SHA'],
  [0x0091, 'DHE_PSK', 'AES_256_CBC', 'SHA'],
  [0x0093, 'RSA_PSK', '3DES_EDE_CBC', 'SHA'],
  [0x0094, 'RSA_PSK', 'AES_128_CBC', 'SHA'],
  [0x0095, 'RSA_PSK', 'AES_256_CBC', 'SHA'],
  [0x00a8, 'PSK', 'AES_128_GCM', 'SHA256'],
  [0x00a9, 'PSK', 'AES_256_GCM', 'SHA384'],
  [0x00aa, 'DHE_PSK', 'AES_128_GCM', 'SHA256'],
  [0x00ab, 'DHE_PSK', 'AES_256_GCM', 'SHA384'],
  [0x00ac, 'RSA_PSK', 'AES_128_GCM', 'SHA256'],
  [0x00ad, 'RSA_PSK', 'AES_256_GCM', 'SHA384'],
  [0x00ae, 'PSK', 'AES_128_CBC', 'SHA256'],
  [0x00af, 'PSK', 'AES_256_CBC', 'SHA384'],
  [0x00b2, 'DHE_PSK', 'AES_128_CBC', 'SHA256'],
  [0x00b3, 'DHE_PSK', 'AES_256_CBC', 'SHA384'],
  [0x00b6, 'RSA_PSK', 'AES_128_CBC', 'SHA256'],
  [0x00b7, 'RSA_PSK', 'AES_256_CBC', 'SHA384'],
  [0xc034, 'ECDHE_PSK', '3DES_EDE_CBC', 'SHA'],
  [0xc035, 'ECDHE_PSK', 'AES_128_CBC', 'SHA'],
  [0xc036, 'ECDHE_PSK', 'AES_256_CBC', 'SHA'],
  [0xc037, 'ECDHE_PSK', 'AES_128_CBC', 'SHA256'],
  [0xc038, 'ECDHE_PSK', 'AES_256_CBC', 'SHA384'],
  [0xccab, 'PSK', 'CHACHA20_POLY1305', 'SHA256'],
  [0xccac, 'ECDHE_PSK', 'CHACHA20_POLY1305', 'SHA256'],
  [0xccad, 'DHE_PSK', 'CHACHA20_POLY1305', 'SHA256'],
  [0xccae, 'RSA_PSK', 'CHACHA20_POLY1305', 'SHA256'],
  [0xd001, 'ECDHE_PSK', 'AES_128_GCM', 'SHA256'],
  [0xd002, 'ECDHE_PSK', 'AES_256_GCM', 'SHA384'],
  [0xd003, 'ECDHE_PSK', 'AES_128_CCM_8', 'SHA256'],
  [0xd005, 'ECDHE_PSK', 'AES_128_CCM', 'SHA256'],
  // AES-CCM and AES-CCM-8 (RFC 6655, 7251).
  [0xc09c, 'RSA', 'AES_128_CCM', ''],
  [0xc09d, 'RSA', 'AES_256_CCM', ''],
  [0xc09e, 'DHE_RSA', 'AES_128_CCM', ''],
  [0xc09f, 'DHE_RSA', 'AES_256_CCM', ''],
  [0xc0a0, 'RSA', 'AES_128_CCM_8', ''],
  [0xc0a1, 'RSA', 'AES_256_CCM_8', ''],
  [0xc0a2, 'DHE_RSA', 'AES_128_CCM_8', ''],
  [0xc0a3, 'DHE_RSA', 'AES_256_CCM_8', ''],
  [0xc0a4, 'PSK', 'AES_128_CCM', ''],
  [0xc0a5, 'PSK', 'AES_256_CCM', ''],
  [0xc0a6, 'DHE_PSK', 'AES_128_CCM', ''],
  [0xc0a7, 'DHE_PSK', 'AES_256_CCM', ''],
  [0xc0a8, 'PSK', 'AES_128_CCM_8', ''],
  [0xc0a9, 'PSK', 'AES_256_CCM_8', ''],
  [0xc0aa, 'PSK_DHE', 'AES_128_CCM_8', ''],
  [0xc0ab, 'PSK_DHE', 'AES_256_CCM_8', ''],
  [0xc0ac, 'ECDHE_ECDSA', 'AES_128_CCM', ''],
  [0xc0ad, 'ECDHE_ECDSA', 'AES_256_CCM', ''],
  [0xc0ae, 'ECDHE_ECDSA', 'AES_128_CCM_8', ''],
  [0xc0af, 'ECDHE_ECDSA', 'AES_256_CCM_8', ''],
];

const SUITES = new Map<number, CipherSuite>(
  TABLE.map(([id, kx, bulk, hash]) => {
    const bulkInfo = BULK[bulk];
    const name = `TLS_${kx ? `${kx}_WITH_` : ''}${bulk}${hash ? `_${hash}` : ''}`;
    // Suites named _SHA use SHA-1 for the MAC and SHA-256 for the TLS 1.2 PRF (RFC 5246 §5).
    const prfHash: Hash = hash === 'SHA384' ? 'sha384' : 'sha256';
    const mac: Hash | undefined = bulkInfo.mode === 'cbc' ? (hash === 'SHA' ? 'sha1' : hash === 'SHA256' ? 'sha256' : 'sha384') : undefined;
    return [id, { id, name, ...bulkInfo, prfHash, ...(mac ? { mac } : {}) }];
  }),
);

export function cipherSuite(id: number): CipherSuite | undefined {
  return SUITES.get(id);
}

/** A printable name for any suite id, known or not. */
export function cipherSuiteName(id: number): string {
  return SUITES.get(id)?.name ?? `0x${id.toString(16).padStart(4, '0')}`;
}

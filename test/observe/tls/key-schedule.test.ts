import assert from 'node:assert/strict';
import { createHmac, hkdfSync } from 'node:crypto';
import { cipherSuite, cipherSuiteName } from '../../../src/observe/tls/cipher-suites.js';
import { hkdfExpand, hkdfExpandLabel, keysFromMasterSecret, prf } from '../../../src/observe/tls/key-schedule.js';

describe('TLS key schedule', () => {
  it('TLS 1.2 PRF with SHA-256 matches the published test vector', () => {
    const out = prf('sha256', Buffer.from('9bbe436ba940f017b17652849a71db35', 'hex'), 'test label', Buffer.from('a0ba9f936cda311827a6f796ffd5198c', 'hex'), 100);
    assert.equal(out.length, 100);
    assert.equal(out.subarray(0, 16).toString('hex'), 'e3f229ba727be17b8d122620557cd453');
    assert.equal(out.subarray(84).toString('hex'), '22ee42c5a72e5a5110fff70187347b66');
  });

  it('TLS 1.0 PRF is P_MD5 XOR P_SHA1 over the halves of the secret', () => {
    const secret = Buffer.from('000102030405060708090a0b0c0d0e0f10', 'hex'); // odd length: the halves share a byte
    const md5 = prf('md5', secret.subarray(0, 9), 'l', Buffer.from('seed'), 40);
    const sha1 = prf('sha1', secret.subarray(8), 'l', Buffer.from('seed'), 40);
    const expected = Buffer.from(md5.map((b, i) => b ^ sha1[i]!));
    assert.deepEqual(prf(undefined, secret, 'l', Buffer.from('seed'), 40), expected);
  });

  it('HKDF-Expand agrees with Node’s HKDF (extract done separately)', () => {
    const ikm = Buffer.from('0b'.repeat(22), 'hex');
    const salt = Buffer.from('000102030405060708090a0b0c', 'hex');
    const info = Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex');
    const prk = createHmac('sha256', salt).update(ikm).digest();
    assert.deepEqual(hkdfExpand('sha256', prk, info, 42), Buffer.from(hkdfSync('sha256', ikm, salt, info, 42)));
    // RFC 5869 test case 1 output.
    assert.equal(hkdfExpand('sha256', prk, info, 42).toString('hex').slice(0, 16), '3cb25f25faacd57a');
  });

  it('HKDF-Expand-Label encodes length, "tls13 " label and context', () => {
    const secret = Buffer.alloc(32, 7);
    const info = Buffer.concat([Buffer.from([0, 16, 9]), Buffer.from('tls13 key'), Buffer.from([0])]);
    assert.deepEqual(hkdfExpandLabel('sha256', secret, 'key', new Uint8Array(0), 16), hkdfExpand('sha256', secret, info, 16));
  });

  it('splits the TLS 1.2 key block in the order of RFC 5246 §6.3', () => {
    const master = Buffer.alloc(48, 1);
    const [cr, sr] = [Buffer.alloc(32, 2), Buffer.alloc(32, 3)];
    const block = prf('sha256', master, 'key expansion', Buffer.concat([sr, cr]), 2 * (20 + 16 + 16));
    const keys = keysFromMasterSecret('sha256', master, cr, sr, { mac: 20, key: 16, iv: 16 });
    assert.deepEqual(Buffer.from(keys.client.macKey), block.subarray(0, 20));
    assert.deepEqual(Buffer.from(keys.server.macKey), block.subarray(20, 40));
    assert.deepEqual(Buffer.from(keys.client.key), block.subarray(40, 56));
    assert.deepEqual(Buffer.from(keys.server.iv), block.subarray(88, 104));
  });

  it('knows the suites apps use and names the others by number', () => {
    assert.equal(cipherSuite(0xc02f)?.name, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    assert.equal(cipherSuite(0xcca8)?.cipher, 'chacha20-poly1305');
    assert.equal(cipherSuite(0x1302)?.prfHash, 'sha384');
    assert.equal(cipherSuite(0xc013)?.mac, 'sha1');
    assert.equal(cipherSuite(0xc013)?.prfHash, 'sha256');
    assert.equal(cipherSuite(0x0005), undefined, 'RC4 is not in OpenSSL 3’s default provider');
    assert.equal(cipherSuiteName(0x0005), '0x0005');
  });
});

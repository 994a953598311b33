/**
 * Why a TLS session stays (partly) encrypted, said by reason: the protocol's fault (an old version,
 * a cipher privdiff has no implementation of) is not blamed on the key log.
 */
import assert from 'node:assert/strict';
import { clientHello } from '../../../src/observe/pcap/packet-builder.js';
import { parseKeyLog } from '../../../src/observe/tls/keylog.js';
import { TlsSession } from '../../../src/observe/tls/tls-session.js';

const RANDOM = '07'.repeat(32); // clientHello()'s default random
const keylog = parseKeyLog(`CLIENT_RANDOM ${RANDOM} ${'11'.repeat(48)}`, 'k');

function serverHello(version: number, suite: number): Buffer {
  const body = Buffer.concat([Buffer.from([version >> 8, version & 0xff]), Buffer.alloc(32, 0x22), Buffer.from([0, suite >> 8, suite & 0xff, 0])]);
  const handshake = Buffer.concat([Buffer.from([2, 0, 0, body.length]), body]);
  return Buffer.concat([Buffer.from([22, 3, 0, 0, handshake.length]), handshake]);
}

function session(version: number, suite: number): TlsSession {
  const s = new TlsSession(keylog);
  s.push(true, { data: clientHello('old.example.test'), time: 1 });
  s.push(false, { data: serverHello(version, suite), time: 2 });
  s.push(false, { data: Buffer.from([20, 3, 0, 0, 1, 1, 23, 3, 0, 0, 32, ...Buffer.alloc(32, 9)]), time: 3 }); // ChangeCipherSpec, one protected record
  return s;
}

describe('TLS session: why it was not decrypted', () => {
  it('SSL 3.0 is unsupported_version, not the key log’s fault', () => {
    const s = session(0x0300, 0x002f);
    assert.equal(s.decrypted, false);
    assert.deepEqual(s.undecrypted, { reason: 'unsupported_version', detail: 'SSL 3.0 is not decrypted: its record MAC and key derivation differ from TLS (out of scope)' });
    assert.equal(s.keysMissing, false);
  });

  it('an RC4 suite is unsupported_cipher_suite', () => {
    const s = session(0x0303, 0x0005);
    assert.equal(s.undecrypted?.reason, 'unsupported_cipher_suite');
    assert.match(s.undecrypted!.detail!, /^cipher suite 0x0005 cannot be decrypted here/);
  });

  it('a key log secret that does not open the first record is keys_mismatch', () => {
    const s = session(0x0303, 0xc02f);
    assert.equal(s.undecrypted?.reason, 'keys_mismatch');
    assert.match(s.undecrypted!.detail!, /^server's first protected record: record authentication failed: the key log's secret does not fit this session$/);
  });
});

/** Issue 15 point 8: what the report could not see — encrypted connections left unread, per reason and host. */
import assert from 'node:assert/strict';
import { TlsCoverageCounter } from '../../src/compare/tls-coverage.js';
import type { Flow } from '../../src/model/flow.js';
import { flow } from '../helpers/factories.js';

let port = 40000;
function connection(host: string, tls: Flow['tls'], over: Partial<Flow> = {}): Flow {
  return flow({ host, protocol: 'tls', clientIp: '10.0.0.2', clientPort: port++, serverIp: '203.0.113.9', serverPort: 443, tls, ...over });
}

describe('compare: TLS coverage', () => {
  it('counts decrypted connections once and undecrypted ones per reason and host', () => {
    const counter = new TlsCoverageCounter(true);
    const decrypted = connection('api.example.com', { decrypted: true }, { protocol: 'http' });
    counter.add(decrypted);
    counter.add({ ...decrypted, index: decrypted.index + 1000 }); // a second request on the same connection
    counter.add(connection('ads.example.net', { decrypted: false, undecrypted: { reason: 'keys_missing', detail: 'no CLIENT_RANDOM line for this session' } }));
    counter.add(connection('ads.example.net', { decrypted: false, undecrypted: { reason: 'keys_missing' } }));
    counter.add(connection('cdn.example.org', { decrypted: false, keysMissing: true })); // an older reader: no reason recorded
    counter.add(connection('q.example.org', { decrypted: false }, { protocol: 'quic' }));
    counter.add(connection('api.example.com', { decrypted: true, undecrypted: { reason: 'renegotiation', partial: true } }, { protocol: 'http' }));
    const result = counter.result();
    assert.equal(result.connections, 6);
    assert.equal(result.decrypted, 2);
    assert.equal(result.undecrypted, 5);
    assert.equal(result.partial, 1);
    assert.deepEqual(result.byReason, { keys_missing: 3, quic: 1, renegotiation: 1 });
    assert.deepEqual(result.hosts[0], { host: 'ads.example.net', reason: 'keys_missing', connections: 2, partial: 0, detail: 'no CLIENT_RANDOM line for this session' });
  });

  it('without a key log, a connection with no recorded reason was not decrypted for want of one', () => {
    const counter = new TlsCoverageCounter(false);
    counter.add(connection('push.example.com', { decrypted: false }));
    assert.deepEqual(counter.result().byReason, { no_key_log: 1 });
  });

  it('HAR flows (decrypted by a proxy, no connection) are nothing unseen', () => {
    const counter = new TlsCoverageCounter(false);
    counter.add(flow({ host: 'api.example.com', tls: { decrypted: true } }));
    assert.equal(counter.result().connections, 0);
  });
});

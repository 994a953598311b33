/**
 * TLS 1.3 0-RTT early data on a connection built record by record (test/helpers/tls13-early-data.ts):
 * the request sent as early data is decrypted with CLIENT_EARLY_TRAFFIC_SECRET, and everything after;
 * without that secret the later request is still read and the loss is said.
 */
import assert from 'node:assert/strict';
import { pcapReader } from '../../../src/observe/pcap/pcap.js';
import { TcpConversation, writePcap } from '../../../src/observe/pcap/writer.js';
import type { RawFlow } from '../../../src/observe/reader.js';
import { parseKeyLog } from '../../../src/observe/tls/keylog.js';
import { tls13EarlyData } from '../../helpers/tls13-early-data.js';
import { hasTshark, tsharkFields } from '../../helpers/tshark.js';
import { tempCapture } from '../pcap/helpers.js';
import { writeFileSync } from 'node:fs';

const connection = tls13EarlyData('zero-rtt.example.test', 'GET /early?imei=861234567890127 HTTP/1.1\r\nHost: zero-rtt.example.test\r\n\r\n', 'GET /later HTTP/1.1\r\nHost: zero-rtt.example.test\r\n\r\n');

function capture(): string {
  const c = new TcpConversation({ ip: '10.0.0.9', port: 52000 }, { ip: '192.0.2.43', port: 443 }, Date.UTC(2026, 5, 1) / 1000).handshake();
  c.send(true, connection.client[0]!);
  c.send(false, connection.server[0]!);
  c.send(true, connection.client[1]!);
  c.send(false, connection.server[1]!);
  c.close();
  return tempCapture(writePcap(c.frames));
}

async function read(path: string, keylog: string): Promise<RawFlow[]> {
  const flows: RawFlow[] = [];
  for await (const flow of pcapReader.read(path, { source: path, warn: () => {}, keylog: parseKeyLog(keylog, 'k') })) flows.push(flow);
  return flows;
}

describe('TLS 1.3 0-RTT early data, generated', () => {
  it('the early request and the one after the handshake are both decrypted (as tshark does)', async () => {
    const path = capture();
    const flows = await read(path, connection.keylog);
    assert.deepEqual(flows.map((f) => [f.url, f.status, f.tls?.decrypted]), [
      ['https://zero-rtt.example.test/early?imei=861234567890127', 200, true],
      ['https://zero-rtt.example.test/later', 200, true],
    ]);
    assert.ok(flows.every((f) => f.notes === undefined && f.tls?.undecrypted === undefined));
    if (hasTshark()) {
      const keylog = `${path}.keys`;
      writeFileSync(keylog, connection.keylog);
      assert.deepEqual(tsharkFields(path, 'http.request', ['http.request.uri'], ['-o', `tls.keylog_file:${keylog}`]), [['/early?imei=861234567890127'], ['/later']]);
    }
  });

  it('without CLIENT_EARLY_TRAFFIC_SECRET: the later request is read, a TLS flow says the early data was not (partial, early_data)', async () => {
    const flows = await read(capture(), connection.keylog.split('\n').filter((l) => !l.startsWith('CLIENT_EARLY')).join('\n'));
    assert.deepEqual(flows.map((f) => [f.protocol, f.url ?? null, f.tls?.decrypted]), [['http', 'https://zero-rtt.example.test/later', true], ['tls', null, true]]);
    assert.deepEqual(flows[1]!.tls?.undecrypted, { reason: 'early_data', detail: '2 records under the TLS 1.3 0-RTT early data keys (early data, EndOfEarlyData) not decrypted: the key log has no CLIENT_EARLY_TRAFFIC_SECRET for this session', partial: true });
    assert.doesNotMatch(flows[1]!.notes!.join(), /^not decrypted/);
  });
});

/**
 * Real captures with key logs (../shared/data/captures/tls-keylog, read in place): every request
 * tshark decrypts with a cipher suite we support is decrypted here to the same request; the
 * sessions using suites Node cannot run (RC4, DES, SEED, export) are reported as TLS flows saying so.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pcapngReader } from '../../../src/observe/pcap/pcapng.js';
import type { RawFlow } from '../../../src/observe/reader.js';
import { cipherSuite } from '../../../src/observe/tls/cipher-suites.js';
import { loadKeyLog, type KeyLog } from '../../../src/observe/tls/keylog.js';
import { hasTshark, tsharkFields } from '../../helpers/tshark.js';
import { skipUnlessPresent } from '../../helpers/shared-data.js';

const DIR = fileURLToPath(new URL('../../../../shared/data/captures/tls-keylog/', import.meta.url));


function tshark(file: string, keylog: string | undefined, filter: string, ...fields: string[]): string[][] {
  return tsharkFields(DIR + file, filter, fields, keylog ? ['-o', `tls.keylog_file:${DIR}${keylog}`] : []);
}

async function ours(file: string, keylog?: KeyLog): Promise<{ flows: RawFlow[]; warnings: string[] }> {
  const flows: RawFlow[] = [];
  const warnings: string[] = [];
  for await (const flow of pcapngReader.read(DIR + file, { source: file, warn: (m) => warnings.push(m), ...(keylog ? { keylog } : {}) })) flows.push(flow);
  return { flows, warnings };
}

describe('TLS decryption of real captures, checked against tshark', function () {
  before(function () {
    skipUnlessPresent(this, DIR);
    if (!hasTshark()) this.skip();
  });

  const tls12: Array<[string, string | undefined, string]> = [
    ['tls2--dump.pcapng', 'tls2--premaster.txt', 'a key log file'],
    ['tls2--dsb-dump.pcapng', undefined, 'the Decryption Secrets Block alone'],
  ];
  for (const [file, keylogFile, how] of tls12) {
    it(`${file} with ${how}: the same GET requests as tshark for every supported suite`, async () => {
      const keylog = keylogFile ? await loadKeyLog(DIR + keylogFile) : undefined;
      const { flows, warnings } = await ours(file, keylog);
      assert.deepEqual(warnings, []);
      const suiteByPort = new Map(tshark(file, undefined, 'tls.handshake.type == 2', 'tcp.dstport', 'tls.handshake.ciphersuite').map(([port, suite]) => [Number(port), parseInt(suite!, 16)]));
      const theirs = tshark(file, keylogFile, 'http.request', 'tcp.srcport', 'http.request.method', 'http.request.uri', 'tcp.dstport');
      assert.ok(theirs.length >= 70, `tshark decrypts ${theirs.length} requests`);
      const byPort = new Map(flows.map((f) => [f.clientPort!, f]));
      let decrypted = 0;
      for (const [port, method, uri, serverPort] of theirs) {
        const suite = suiteByPort.get(Number(port))!;
        const flow = byPort.get(Number(port));
        assert.ok(flow, `a flow for client port ${port}`);
        if (cipherSuite(suite)) {
          decrypted++;
          assert.equal(flow.protocol, 'http', `port ${port}, suite 0x${suite.toString(16)}: ${flow.notes?.join('; ')}`);
          assert.equal(flow.method, method);
          assert.equal(flow.url, `https://127.0.0.1:${serverPort}${uri}`);
          assert.equal(flow.status, 200);
          assert.equal(flow.cleartext, false);
          assert.equal(flow.tls?.decrypted, true);
          assert.equal(flow.tls?.version, '1.2');
          assert.equal(flow.tls?.cipher, cipherSuite(suite)!.name);
        } else {
          assert.equal(flow.protocol, 'tls');
          assert.equal(flow.tls?.decrypted, false);
          assert.match(flow.notes!.join(), /cipher suite 0x[0-9a-f]{4} cannot be decrypted here/);
        }
      }
      // AES-GCM, AES-CBC (SHA-1/256/384 MACs), Camellia-CBC and 3DES-CBC, some with DEFLATE-compressed records.
      assert.ok(decrypted >= 55, `${decrypted} decrypted`);
      assert.equal(flows.filter((f) => f.protocol === 'http').length, decrypted, 'no request tshark does not see');
    });
  }

  it('tls3--tls3.cryptohack.org.pcapng: the HTTP/2 request tshark shows, over TLS 1.3', async () => {
    const keylog = await loadKeyLog(`${DIR}tls3--keylogfile.txt`);
    const { flows } = await ours('tls3--tls3.cryptohack.org.pcapng', keylog);
    const theirs = tshark('tls3--tls3.cryptohack.org.pcapng', 'tls3--keylogfile.txt', 'http2.headers.method', 'http2.headers.method', 'http2.headers.authority', 'http2.headers.path');
    const http = flows.filter((f) => f.protocol === 'http');
    assert.deepEqual(http.map((f) => [f.method, f.host, new URL(f.url!).pathname]), theirs);
    assert.equal(http[0]!.url, 'https://tls3.cryptohack.org/');
    assert.equal(http[0]!.status, 200);
    assert.deepEqual(http[0]!.tls, { sni: 'tls3.cryptohack.org', version: '1.3', alpn: ['h2', 'http/1.1'], cipher: 'TLS_AES_256_GCM_SHA384', decrypted: true });
    assert.ok(http[0]!.requestHeaders?.some((h) => h.name === 'user-agent' && h.value.startsWith('Mozilla/5.0')));
  });
});

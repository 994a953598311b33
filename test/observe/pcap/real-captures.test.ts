/** Real captures written by other tools (read in place from ../shared/data), checked against tshark. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { InputError } from '../../../src/errors.js';
import { readerFor } from '../../../src/observe/readers.js';
import { readPcapngSecrets } from '../../../src/observe/pcap/pcapng.js';
import type { RawFlow } from '../../../src/observe/reader.js';
import { readAll } from './helpers.js';
import { hasTshark, tsharkFields } from '../../helpers/tshark.js';
import { skipUnlessPresent } from '../../helpers/shared-data.js';

const captures = fileURLToPath(new URL('../../../../shared/data/captures/', import.meta.url));
const pcapdroid = join(captures, 'pcapdroid');
const keylog = join(captures, 'tls-keylog');
const MALFORMED = /^(crash-|invalid_or_unsupported)/;

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => /\.pcap(ng)?$|^crash-/.test(f)).map((f) => join(dir, f)) : [];
}

async function read(path: string): Promise<{ flows: RawFlow[]; warnings: string[]; error?: InputError }> {
  const flows: RawFlow[] = [];
  const warnings: string[] = [];
  try {
    const reader = await readerFor(path);
    for await (const f of reader.read(path, { source: path, warn: (m) => warnings.push(m) })) flows.push(f);
  } catch (error) {
    if (error instanceof InputError) return { flows, warnings, error };
    throw error;
  }
  return { flows, warnings };
}

function tshark(path: string, filter: string, ...fields: string[]): string[] {
  return tsharkFields(path, filter, fields).map((row) => row.join('\t'));
}


const unique = (list: string[]) => [...new Set(list)].sort();

describe('real captures (shared data)', function () {
  before(function () {
    skipUnlessPresent(this, captures);
  });

  it('reads every well-formed pcapdroid and tls-keylog capture without warnings', async () => {
    const good = [...files(pcapdroid), ...files(keylog)].filter((f) => !MALFORMED.test(f.split('/').pop()!));
    assert.ok(good.length >= 6);
    for (const path of good) {
      const { flows, warnings, error } = await read(path);
      assert.equal(error, undefined, `${path}: ${error?.message}`);
      assert.deepEqual(warnings, [], path);
      assert.ok(flows.length > 0, `${path} gave no flows`);
    }
  });

  it('reads the malformed captures to an InputError or warnings, never a crash', async () => {
    const crash = await read(join(pcapdroid, 'crash-593ec6ead7a1bf23faa96d03cbd74c315bcf67fc'));
    assert.ok(crash.error instanceof InputError);
    assert.match(crash.error.position ?? '', /^byte \d+$/);
    const invalid = await read(join(pcapdroid, 'invalid_or_unsupported.pcap'));
    assert.equal(invalid.error, undefined);
    assert.ok(invalid.warnings.some((w) => /malformed packets skipped/.test(w)), invalid.warnings.join('\n'));
  });

  it('finds the TLS 1.2 key log embedded in a Decryption Secrets Block', async () => {
    const secrets = await readPcapngSecrets(join(keylog, 'tls2--dsb-dump.pcapng'));
    assert.equal(secrets.length, 1);
    assert.equal(secrets[0]!.type, 'tls-keylog');
    assert.match(Buffer.from(secrets[0]!.data).toString('latin1'), /^(CLIENT_RANDOM|RSA) [0-9a-f]+ [0-9a-f]+/im);
    assert.deepEqual(await readPcapngSecrets(join(keylog, 'tls2--dump.pcapng')), []);
  });

  describe('agreement with tshark', function () {
    before(function () {
      if (!hasTshark()) this.skip();
    });

    for (const path of [...['metadata.pcap', 'http_proxy.pcap', 'two_flows.pcap'].map((n) => join(pcapdroid, n)), join(keylog, 'tls3--tls3.cryptohack.org.pcapng')]) {
      it(`${path.split('/').pop()}: HTTP requests, DNS names and TLS server names`, async () => {
        const { flows } = await read(path);
        const http = flows.filter((f) => f.protocol === 'http');
        const theirHttp = tshark(path, 'http.request', 'http.host', 'http.request.uri', 'http.request.method').map((l) => l.split('\t'));
        assert.deepEqual(
          http.map((f) => `${f.method} ${f.requestHeaders?.find((h) => h.name.toLowerCase() === 'host')?.value}`).sort(),
          theirHttp.map(([host, , method]) => `${method} ${host}`).sort(),
        );
        for (const f of http.filter((x) => x.method !== 'CONNECT')) {
          const target = new URL(f.url!);
          assert.ok(theirHttp.some(([host, uri]) => hostOnly(host!) === f.host && uri === target.pathname + target.search), f.url);
        }
        const theirDns = unique(tshark(path, 'dns.flags.response == 0', 'dns.qry.name'));
        assert.deepEqual(unique(flows.filter((f) => f.protocol === 'dns').map((f) => f.dns!.query)), theirDns);
        const theirSni = unique(tshark(path, 'tls.handshake.type == 1', 'tls.handshake.extensions_server_name'));
        assert.deepEqual(unique(flows.filter((f) => f.protocol === 'tls').map((f) => f.tls?.sni ?? '')), theirSni);
      });
    }
  });
});

function hostOnly(host: string): string {
  return host.replace(/:\d+$/, '').toLowerCase();
}

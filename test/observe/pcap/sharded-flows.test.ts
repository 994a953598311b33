/**
 * Sharded TCP reassembly gives exactly the single-thread reader's flows and warnings, in order:
 * over the fixtures, generated captures of every bench profile, captures made to exercise idle
 * sweeps, DNS names, TLS with key logs (a file, and secrets embedded mid-capture), IP fragments,
 * a truncated file, and the real captures in ../shared/data/captures.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigCapture, writeOpenConnectionsCapture, type CaptureProfile } from '../../../bench/capture-gen.js';
import { writePcap, writePcapng, type PcapngItem } from '../../../src/observe/pcap/writer.js';
import { PcapParser } from '../../../src/observe/pcap/pcap-parser.js';
import { KeyLog, loadKeyLog, parseKeyLog, TLS_KEY_LOG_SECRETS } from '../../../src/observe/tls/keylog.js';
import { ethernet, ipv4, udp } from '../../../src/observe/pcap/packet-builder.js';
import { FlowMerge } from '../../../src/observe/net/shard/flow-merge.js';
import { ShardPool } from '../../../src/observe/net/shard/shard-pool.js';
import { DEFAULT_LIMITS } from '../../../src/observe/net/flow-assembler.js';
import { InputError } from '../../../src/errors.js';
import { skipUnlessPresent } from '../../helpers/shared-data.js';
import { tempCapture } from './helpers.js';
import { assertShardedSame, readWith, scenarioFrames } from './sharding-helpers.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../../shared/data/captures/', import.meta.url));

function capturesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => /\.pcap(ng)?$/.test(path) && statSync(path).isFile())
    .sort();
}

describe('sharded TCP reassembly: the same flows and warnings as one thread', function () {
  this.timeout(120_000);

  describe('fixtures', () => {
    for (const path of capturesUnder(FIXTURES)) {
      const name = path.slice(FIXTURES.length);
      it(`${name}, without and with its key log`, async () => {
        const plain = await assertShardedSame(path);
        assert.ok(plain.flows.length > 0);
        const keys = path.replace(/\.pcap(ng)?$/, '.keylog');
        if (!statSync(keys, { throwIfNoEntry: false })) return;
        const decrypted = await assertShardedSame(path, parseKeyLog(readFileSync(keys, 'utf8'), keys));
        assert.ok(decrypted.flows.some((f) => f.tls?.decrypted), `${name}: something decrypted`);
      });
    }
  });

  describe('generated captures of the bench profiles', () => {
    for (const profile of ['dense', 'mixed', 'chatty'] as CaptureProfile[]) {
      it(`${profile}, 3 MB`, async () => {
        const path = tempCapture(new Uint8Array(0));
        await writeBigCapture(path, 3 << 20, { profile, pool: 256 });
        const { flows, warnings } = await assertShardedSame(path);
        assert.ok(flows.length > 100, `${flows.length} flows`);
        assert.deepEqual(warnings, []);
      });
    }

    it('101,000 connections never closed: the eviction of the least recently active at 100,000 open is the same', async () => {
      const path = tempCapture(new Uint8Array(0));
      await writeOpenConnectionsCapture(path, DEFAULT_LIMITS.maxConnections + 1000);
      const single = await readWith(path, 0);
      const sharded = await readWith(path, 2);
      assert.equal(single.flows.length, DEFAULT_LIMITS.maxConnections + 1000);
      assert.ok(single.warnings.some((w) => /^1000 × connections closed early/.test(w)), single.warnings.join('; '));
      assert.deepStrictEqual(sharded, single);
    });
  });

  describe('captures made for the merge', () => {
    it('idle sweeps, DNS names (UDP and TCP) before their connections, port reuse, resets, fragments, a record out of time order', async () => {
      const path = tempCapture(writePcap(scenarioFrames()));
      const { flows, warnings } = await assertShardedSame(path);
      // Names taught by DNS over UDP and over TCP name the servers of requests without a Host header.
      assert.ok(flows.some((f) => f.host === 'host-2.test' && f.protocol === 'http'));
      assert.ok(flows.some((f) => f.host === 'tcp-dns-10.test' && f.protocol === 'http'));
      assert.ok(flows.some((f) => f.host === 'tcp-dns-25.test' && f.protocol === 'tls'), 'TLS without SNI named by a DNS-over-TCP answer');
      assert.ok(flows.some((f) => f.url === 'http://frag-2.test/frag2'));
      assert.ok(flows.some((f) => f.url === 'http://again-4.test/again4'));
      // A request left unanswered in the first minute is swept by the first sweep after 600 s of silence,
      // before the flows of the next batch of connections (t = 700 s) and not at the end of the capture.
      const swept = flows.findIndex((f) => f.url === 'http://host-7.test/n7');
      const before = flows.findIndex((f) => f.url === 'http://tcp-dns-15.test/n15');
      const next = flows.findIndex((f) => f.host === 'host-16.test');
      assert.ok(before >= 0 && before < swept && swept < next, `${before} < ${swept} < ${next}`);
      assert.deepEqual(warnings, []);
    });

    it('TLS secrets in a Decryption Secrets Block after the first megabyte reach the workers before the packets after them', async () => {
      const name = 'tls13-h2';
      const pcap = readFileSync(join(FIXTURES, `tls/${name}.pcap`));
      const parser = new PcapParser(name);
      const packets = parser.push(pcap);
      const filler: PcapngItem[] = Array.from({ length: 900 }, (_, k) => ({
        kind: 'packet', interfaceId: 0,
        frame: { time: packets[0]!.time - 10 + k / 100, data: ethernet(ipv4(udp(new Uint8Array(1200).fill(k & 0xff), { src: '10.9.0.1', dst: '10.9.0.2', srcPort: 9999, dstPort: 9998 }), { src: '10.9.0.1', dst: '10.9.0.2', protocol: 17 })) },
      }));
      const items: PcapngItem[] = [
        ...filler,
        { kind: 'secrets', typeCode: TLS_KEY_LOG_SECRETS, data: readFileSync(join(FIXTURES, `tls/${name}.keylog`)) },
        ...packets.map((p): PcapngItem => ({ kind: 'packet', interfaceId: 0, frame: { time: p.time, data: p.data } })),
      ];
      const path = tempCapture(writePcapng([{ linkType: packets[0]!.linkType }], items), 'pcapng');
      const { flows } = await assertShardedSame(path, new KeyLog());
      assert.deepEqual(flows.filter((f) => f.tls?.decrypted).map((f) => f.url), ['https://api.example.test/v1/ping', 'https://api.example.test/v1/register']);
    });

    it('a truncated capture: the same flows before the fault, then the same InputError', async () => {
      const whole = tempCapture(new Uint8Array(0));
      await writeBigCapture(whole, 2 << 20, { profile: 'dense', pool: 256 });
      const bytes = readFileSync(whole);
      const cut = tempCapture(bytes.subarray(0, bytes.length - 700));
      const outcome = await assertShardedSame(cut);
      assert.ok(outcome.error instanceof InputError, String(outcome.error));
      assert.match(outcome.error.message, /ends inside a packet record/);
      assert.ok(outcome.flows.length > 1000);
    });
  });

  describe('real captures in ../shared/data/captures', () => {
    before(function () {
      skipUnlessPresent(this, SHARED);
    });

    it('every pcap and pcapng, with the key logs that go with them', async function () {
      const keylogs: Record<string, string> = {
        'tls-keylog/tls3--tls3.cryptohack.org.pcapng': 'tls-keylog/tls3--keylogfile.txt',
        'tls-keylog/tls2--dump.pcapng': 'tls-keylog/tls2--premaster.txt',
        'peer/tls12-aes128ccm.pcap': 'peer/tls12-aes128ccm.keylog',
        'peer/tls12-chacha20poly1305.pcap': 'peer/tls12-chacha20poly1305.keys',
        'peer/tls-renegotiation.pcap': 'peer/tls-renegotiation.keylog',
        'peer/tls13-rfc8446.pcap': 'peer/tls13-rfc8446.keys',
        'peer/rsa-p-lt-q.pcap': 'peer/rsa-p-lt-q.keylog',
      };
      const files = [...capturesUnder(SHARED), join(SHARED, 'pcapdroid/crash-593ec6ead7a1bf23faa96d03cbd74c315bcf67fc')].filter((p) => statSync(p, { throwIfNoEntry: false }));
      assert.ok(files.length >= 15, `${files.length} captures`);
      let flows = 0;
      for (const path of files) {
        flows += (await assertShardedSame(path)).flows.length;
        const keys = keylogs[path.slice(SHARED.length)];
        if (keys) await assertShardedSame(path, await loadKeyLog(join(SHARED, keys)));
      }
      assert.ok(flows > 50, `${flows} flows`);
    });
  });

  it('a worker that fails rejects the wait with an error naming it, instead of hanging', async () => {
    const broken = `data:text/javascript,${encodeURIComponent('throw new Error("no reassembly here")')}`;
    const pool = new ShardPool(1, { limits: DEFAULT_LIMITS, keylog: [], names: [] }, new FlowMerge(1), () => {}, broken);
    try {
      await assert.rejects(pool.settle(), /TCP reassembly worker 1 failed: no reassembly here/);
      assert.throws(() => pool.throwIfFailed(), /TCP reassembly worker 1 failed/);
    } finally {
      await pool.terminate();
    }
  });
});


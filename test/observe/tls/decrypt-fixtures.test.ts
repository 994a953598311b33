/**
 * The HTTPS captures made by scripts/make-tls-captures.ts (Node's tls/http2 on 127.0.0.1, key logs
 * from the 'keylog' event): decrypted with their key logs, and without them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { observeCaptures } from '../../../src/observe/index.js';
import { pcapReader } from '../../../src/observe/pcap/pcap.js';
import type { RawFlow } from '../../../src/observe/reader.js';
import { KeyLog, parseKeyLog } from '../../../src/observe/tls/keylog.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/tls/${name}`, import.meta.url));

async function read(name: string, keylog?: KeyLog): Promise<{ flows: RawFlow[]; warnings: string[] }> {
  const flows: RawFlow[] = [];
  const warnings: string[] = [];
  const ctx = { source: name, warn: (m: string) => warnings.push(m), ...(keylog ? { keylog } : {}) };
  for await (const flow of pcapReader.read(fixture(`${name}.pcap`), ctx)) flows.push(flow);
  return { flows, warnings };
}

const keys = (name: string) => parseKeyLog(readFileSync(fixture(`${name}.keylog`), 'utf8'), name);

describe('TLS decryption of generated captures', () => {
  const http1: Array<[string, string, string]> = [
    ['tls12-http1', '1.2', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
    ['tls12-chacha-http1', '1.2', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
    // OpenSSL negotiates encrypt_then_mac (RFC 7366) for CBC suites.
    ['tls12-cbc-http1', '1.2', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384'],
    ['tls13-http1', '1.3', 'TLS_CHACHA20_POLY1305_SHA256'],
  ];
  for (const [name, version, cipher] of http1) {
    it(`${name}: HTTP/1.1 over TLS ${version} becomes an https flow through the same HTTP parser`, async () => {
      const { flows, warnings } = await read(name, keys(name));
      assert.deepEqual(warnings, []);
      assert.equal(flows.length, 1);
      const flow = flows[0]!;
      assert.equal(flow.protocol, 'http');
      assert.equal(flow.cleartext, false);
      assert.equal(flow.method, 'GET');
      assert.equal(flow.url, 'https://api.example.test/v1/config?device=861234567890127&lang=en');
      assert.equal(flow.host, 'api.example.test');
      assert.equal(flow.status, 200);
      assert.deepEqual(flow.tls, { sni: 'api.example.test', version, alpn: ['http/1.1'], cipher, decrypted: true });
      assert.ok(flow.requestHeaders?.some((h) => h.name === 'User-Agent' && h.value === 'privdiff-fixture'));
    });
  }

  it('tls13-h2: two HTTP/2 streams, the POST body carrying the IMEI that detection finds', async () => {
    const result = await observeCaptures([fixture('tls13-h2.pcap')], { destinations: { firstPartyDomains: [] }, keylog: fixture('tls13-h2.keylog'), keepBodies: true });
    assert.deepEqual(result.errors, []);
    const flows = result.flows;
    assert.deepEqual(flows.map((f) => `${f.method} ${f.url} ${f.status}`), ['GET https://api.example.test/v1/ping 200', 'POST https://api.example.test/v1/register 201']);
    const post = flows[1]!;
    assert.equal(post.tls?.version, '1.3');
    assert.equal(post.tls?.cipher, 'TLS_AES_256_GCM_SHA384');
    assert.equal(post.tls?.decrypted, true);
    assert.equal(post.requestBody?.contentType, 'application/json');
    assert.deepEqual(JSON.parse(Buffer.from(post.requestBody!.bytes).toString()), { imei: '861234567890127', model: 'Pixel 7' });
    const imei = post.detections.find((d) => d.dataType === 'imei');
    assert.equal(imei?.value, '861234567890127');
    assert.equal(imei?.where, 'body.$.imei');
    // The second request's headers came mostly from the HPACK dynamic table.
    assert.ok(post.requestHeaders?.some((h) => h.name === 'user-agent' && h.value === 'privdiff-fixture'));
    assert.ok(post.requestHeaders?.some((h) => h.name === 'x-trace'));
  });

  it('tls12-psk-ccm8-http1: a pre-shared-key session with AES-128-CCM-8 is decrypted from its master secret', async () => {
    const { flows, warnings } = await read('tls12-psk-ccm8-http1', keys('tls12-psk-ccm8-http1'));
    assert.deepEqual(warnings, []);
    assert.deepEqual(flows.map((f) => [f.url, f.status, f.tls?.cipher, f.tls?.decrypted]), [
      ['https://api.example.test/v1/config?device=861234567890127', 200, 'TLS_PSK_WITH_AES_128_CCM_8', true],
      ['https://api.example.test/v1/bye', 200, 'TLS_PSK_WITH_AES_128_CCM_8', true],
    ]);
  });

  it('tls12-renegotiation-http1: the request after a renegotiation is read with the new session’s keys', async () => {
    const { flows } = await read('tls12-renegotiation-http1', keys('tls12-renegotiation-http1'));
    assert.deepEqual(flows.map((f) => f.url), ['https://api.example.test/v1/config?device=861234567890127', 'https://api.example.test/v1/config?device=861234567890127', 'https://api.example.test/v1/bye?device=861234567890127']);
    assert.ok(flows.every((f) => f.tls?.decrypted === true && f.tls.undecrypted === undefined && f.notes === undefined));
    // Without the second session's secret: the requests before it, then a TLS flow naming the renegotiation.
    const first = readFileSync(fixture('tls12-renegotiation-http1.keylog'), 'utf8').split('\n')[0]!;
    const partial = await read('tls12-renegotiation-http1', parseKeyLog(first, 'first'));
    assert.deepEqual(partial.flows.map((f) => f.protocol), ['http', 'tls']);
    assert.equal(partial.flows[1]!.tls?.undecrypted?.reason, 'renegotiation');
    assert.equal(partial.flows[1]!.tls?.undecrypted?.partial, true);
    assert.match(partial.flows[1]!.notes!.join(), /^partly decrypted \(1 request read\); not decrypted after that: the connection renegotiated \(handshake 2\)/);
  });

  it('tls13-h2-proxy: TLS inside an HTTP CONNECT tunnel is decrypted too, the flows going to the CONNECT target', async () => {
    const { flows } = await read('tls13-h2-proxy', keys('tls13-h2-proxy'));
    assert.deepEqual(flows.map((f) => `${f.method} ${f.url ?? f.host}`), ['CONNECT api.example.test', 'GET https://api.example.test/v1/ping', 'POST https://api.example.test/v1/register']);
    const post = flows[2]!;
    assert.equal(post.serverIp, undefined, 'the real server address is not in the capture');
    assert.equal(post.serverPort, 443);
    assert.equal(post.tls?.decrypted, true);
    assert.match(post.notes!.join(), /through the HTTP proxy at 192\.0\.2\.99:3128 \(CONNECT api\.example\.test:443\)/);
    const sealed = await read('tls13-h2-proxy');
    assert.deepEqual(sealed.flows.map((f) => `${f.protocol} ${f.host}`), ['http api.example.test', 'tls api.example.test']);
  });

  it('without a key log the connection is a TLS flow named by its SNI, saying no key log was given', async () => {
    const { flows } = await read('tls13-h2');
    assert.equal(flows.length, 1);
    assert.equal(flows[0]!.protocol, 'tls');
    assert.equal(flows[0]!.host, 'api.example.test');
    assert.deepEqual(flows[0]!.tls, { sni: 'api.example.test', version: '1.3', alpn: ['h2'], decrypted: false, undecrypted: { reason: 'no_key_log', detail: 'no TLS key log was given (--keylog, or a pcapng Decryption Secrets Block)' } });
  });

  it('with a key log that lacks this session: reported with its SNI, keysMissing and a note', async () => {
    const { flows } = await read('tls13-h2', keys('tls12-http1'));
    assert.equal(flows.length, 1);
    assert.equal(flows[0]!.protocol, 'tls');
    assert.equal(flows[0]!.host, 'api.example.test');
    assert.equal(flows[0]!.tls?.decrypted, false);
    assert.equal(flows[0]!.tls?.keysMissing, true);
    assert.equal(flows[0]!.tls?.undecrypted?.reason, 'keys_missing');
    assert.match(flows[0]!.notes!.join(), /^not decrypted: the key log has no secrets for this session \(client random [0-9a-f]{16}…\)$/);
  });

  it('with wrong secrets for the session: not decrypted, and the note says the secret does not fit', async () => {
    const right = readFileSync(fixture('tls12-http1.keylog'), 'utf8');
    const wrong = right.replace(/ ([0-9a-f]{96})$/m, (_, secret: string) => ` ${secret.startsWith('00') ? 'ff' : '00'}${secret.slice(2)}`);
    const { flows } = await read('tls12-http1', parseKeyLog(wrong, 'wrong'));
    assert.equal(flows.length, 1);
    assert.equal(flows[0]!.protocol, 'tls');
    assert.equal(flows[0]!.tls?.decrypted, false);
    assert.equal(flows[0]!.tls?.cipher, 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
    assert.match(flows[0]!.notes!.join(), /record authentication failed: the key log's secret does not fit/);
    assert.equal(flows[0]!.tls?.undecrypted?.reason, 'keys_mismatch');
  });

  it('a key log for TLS 1.3 with only the application secrets still decrypts the requests', async () => {
    const text = readFileSync(fixture('tls13-http1.keylog'), 'utf8').split('\n').filter((l) => !l.includes('HANDSHAKE')).join('\n');
    const { flows } = await read('tls13-http1', parseKeyLog(text, 'partial'));
    assert.equal(flows[0]?.protocol, 'http');
    assert.equal(flows[0]?.url, 'https://api.example.test/v1/config?device=861234567890127&lang=en');
  });
});

describe('TLS decryption on damaged input', () => {
  it('never throws on corrupted records: every capture still yields one flow per connection', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'privdiff-tls-'));
    for (const name of ['tls12-cbc-http1', 'tls12-http1', 'tls13-h2']) {
      const original = readFileSync(fixture(`${name}.pcap`));
      for (let trial = 0; trial < 20; trial++) {
        const bytes = Buffer.from(original);
        // Flip one byte past the pcap header and the first packets' headers (deterministic positions).
        const at = 300 + ((trial * 7919) % (bytes.length - 300));
        bytes[at]! ^= 0x5a;
        const path = join(dir, `${name}-${trial}.pcap`);
        writeFileSync(path, bytes);
        const flows: RawFlow[] = [];
        for await (const flow of pcapReader.read(path, { source: path, warn: () => {}, keylog: keys(name) })) flows.push(flow);
        assert.ok(flows.length >= 1, `${name} trial ${trial}`);
        for (const flow of flows) if (flow.protocol === 'tls') assert.ok(flow.notes && flow.notes.length > 0, 'an undecrypted session says why');
      }
    }
  });
});

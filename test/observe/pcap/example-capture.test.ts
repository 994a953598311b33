/** The committed demo capture (scripts/make-example-capture.ts) reads back as the story it tells. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pcapReader } from '../../../src/observe/pcap/pcap.js';
import { bodyText, readAll } from './helpers.js';

const example = (name: string) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));

describe('example capture', () => {
  const identifiers = JSON.parse(readFileSync(example('identifiers.json'), 'utf8')) as { imei: string; phone_number: string };

  it('has a Luhn-valid IMEI in identifiers.json', () => {
    const digits = identifiers.imei.split('').reverse().map(Number);
    const sum = digits.reduce((n, d, i) => n + (i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
    assert.equal(identifiers.imei.length, 15);
    assert.equal(sum % 10, 0);
  });

  it('reads the DNS lookups, the clear-text uploads, the TLS push channel and the analytics call', async () => {
    const { flows, warnings } = await readAll(pcapReader, example('capture.pcap'));
    assert.deepEqual(warnings, []);
    assert.deepEqual(flows.map((f) => `${f.protocol} ${f.method ?? ''} ${f.url ?? f.host}`.replace('  ', ' ')), [
      'dns api.nimbusmsg.com',
      'http POST http://api.nimbusmsg.com/v1/device/register',
      'http POST http://api.nimbusmsg.com/v1/contacts/sync',
      'dns push.nimbusmsg.com',
      'tls push.nimbusmsg.com',
      'dns log.umeng.com',
      `http GET http://log.umeng.com/stat?ak=5f8e2b7c9a1d4e3f&imei=${createHash('md5').update(identifiers.imei).digest('hex')}&os=android`,
    ]);
    assert.equal(flows[0]!.dns?.answers[0], '36.110.58.21');
    const [register, sync] = [flows[1]!, flows[2]!];
    assert.equal(register.serverIp, '36.110.58.21');
    assert.equal(register.clientIp, '192.168.1.23');
    assert.equal(register.time, '2026-03-02T08:14:58.536Z');
    const form = new URLSearchParams(bodyText(register));
    assert.equal(form.get('imei'), identifiers.imei);
    assert.equal(form.get('phone'), identifiers.phone_number);
    const book = JSON.parse(bodyText(sync)) as { imei: string; contacts: Array<{ phone: string; email?: string }> };
    assert.equal(book.imei, identifiers.imei);
    assert.equal(new Set(book.contacts.map((c) => c.phone)).size, 5);
    assert.equal(book.contacts.filter((c) => c.email).length, 1);
    assert.equal(sync.requestHeaders?.find((h) => h.name === 'Content-Encoding')?.value, 'gzip');
    assert.equal(flows[4]!.tls?.sni, 'push.nimbusmsg.com');
    assert.ok(flows.every((f) => f.protocol === 'tls' || f.cleartext));
  });

  it('has a HAR with the same HTTP requests', async () => {
    const har = JSON.parse(readFileSync(example('capture.har'), 'utf8')) as { log: { version: string; entries: Array<{ startedDateTime: string; serverIPAddress: string; request: { method: string; url: string; postData?: { text: string } } }> } };
    const { flows } = await readAll(pcapReader, example('capture.pcap'));
    const http = flows.filter((f) => f.protocol === 'http');
    assert.equal(har.log.version, '1.2');
    assert.deepEqual(har.log.entries.map((e) => [e.request.method, e.request.url, e.serverIPAddress, e.startedDateTime]), http.map((f) => [f.method, f.url, f.serverIp, f.time]));
    assert.deepEqual(har.log.entries.map((e) => e.request.postData?.text ?? ''), http.map((f) => bodyText(f)));
  });
});

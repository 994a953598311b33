/** Destination of one flow: registrable domain, owner and category, first or third party, server country. */
import assert from 'node:assert/strict';
import { dnsAddressBook, normaliseHost, registrableDomain, resolveRecipient } from '../../../src/observe/destination/resolve.js';
import type { RawFlow } from '../../../src/observe/reader.js';

const none = { firstPartyDomains: [] };
const dnsFlow = (query: string, answers: string[]): Pick<RawFlow, 'dns'> => ({ dns: { query, type: 'A', answers } });

describe('registrable domains', () => {
  const table: [string, string][] = [
    ['ads.g.doubleclick.net', 'doubleclick.net'],
    ['a.b.example.co.uk', 'example.co.uk'],
    ['www.sina.com.cn', 'sina.com.cn'],
    ['WWW.Example.COM.', 'example.com'],
    ['weberblog.net:443', 'weberblog.net'],
    ['my-app.appspot.com', 'my-app.appspot.com'], // private suffix: the customer's app is the domain
    ['abc.cloudfront.net', 'abc.cloudfront.net'],
    ['149.202.95.241', '149.202.95.241'],
    ['[2001:db8::1]:8443', '2001:db8::1'],
    ['localhost', 'localhost'],
  ];
  for (const [host, domain] of table) it(`${host} → ${domain}`, () => assert.equal(registrableDomain(host), domain));

  it('normalises hosts without touching bare IPv6 addresses', () => {
    assert.equal(normaliseHost('2001:db8::1'), '2001:db8::1');
    assert.equal(normaliseHost(' Api.Example.org:80 '), 'api.example.org');
  });
});

describe('resolveRecipient', () => {
  it('names the owner and the product category of a third party', () => {
    const r = resolveRecipient({ host: 'mi.gdt.qq.com', serverIp: '203.208.40.1' }, none);
    assert.deepEqual(r, { host: 'mi.gdt.qq.com', domain: 'qq.com', party: 'third', organization: 'Tencent', organizationId: 'tencent', category: 'advertiser', country: 'CN' });
  });

  it('leaves an unknown host third party without organisation', () => {
    const r = resolveRecipient({ host: 'tracker.example.net' }, none);
    assert.deepEqual(r, { host: 'tracker.example.net', domain: 'example.net', party: 'third' });
  });

  it('first party by domain (any sub-domain, case-insensitive) carries no recipient category', () => {
    const opts = { firstPartyDomains: ['Nimbus.example'] };
    const r = resolveRecipient({ host: 'api.nimbus.example' }, opts);
    assert.equal(r.party, 'first');
    assert.equal(r.category, undefined);
    assert.equal(resolveRecipient({ host: 'nimbus.example.evil.net' }, opts).party, 'third');
  });

  it('first party by organisation: the app maker’s own SDK domains', () => {
    const r = resolveRecipient({ host: 'api.xmpush.xiaomi.com' }, { firstPartyDomains: [], firstPartyOrganizations: ['xiaomi'] });
    assert.equal(r.party, 'first');
    assert.equal(r.organizationId, 'xiaomi');
    assert.equal(r.category, undefined);
    assert.equal(resolveRecipient({ host: 'api.xmpush.xiaomi.com' }, none).party, 'third');
  });

  it('does not look IP hosts up as domains', () => {
    const r = resolveRecipient({ host: '8.8.8.8' }, none);
    assert.equal(r.organization, undefined);
    assert.equal(r.domain, '8.8.8.8');
    assert.equal(r.country, 'US');
  });
});

describe('server country', () => {
  it('comes from the server address when the flow has one', () => {
    assert.equal(resolveRecipient({ host: 'api.example.cn', serverIp: '114.114.114.114' }, none).country, 'CN');
  });

  it('without serverIp, comes from the DNS answers of the same captures', () => {
    const book = dnsAddressBook([dnsFlow('API.Example.cn.', ['114.114.114.114']), dnsFlow('sdk.example.com', ['8.8.8.8'])]);
    assert.equal(resolveRecipient({ host: 'api.example.cn' }, none, book).country, 'CN');
    assert.equal(resolveRecipient({ host: 'sdk.example.com:443' }, none, book).country, 'US');
  });

  it('prefers the flow’s own server address over DNS', () => {
    const book = dnsAddressBook([dnsFlow('api.example.cn', ['114.114.114.114'])]);
    assert.equal(resolveRecipient({ host: 'api.example.cn', serverIp: '8.8.8.8' }, none, book).country, 'US');
  });

  it('is absent for private addresses and for names never answered', () => {
    const book = dnsAddressBook([dnsFlow('intranet.example', ['10.1.2.3'])]);
    assert.equal(resolveRecipient({ host: 'intranet.example' }, none, book).country, undefined);
    assert.equal(resolveRecipient({ host: 'unknown.example' }, none, book).country, undefined);
    assert.equal(resolveRecipient({ host: 'x.example', serverIp: '192.168.1.5' }, none).country, undefined);
  });
});

describe('dnsAddressBook', () => {
  it('collects addresses per name, once each, in answer order; CNAME targets are not addresses', () => {
    const book = dnsAddressBook([
      dnsFlow('cdn.example.org', ['edge.example.net', '93.184.216.34']),
      dnsFlow('CDN.example.org.', ['93.184.216.34', '2606:2800:220:1::']),
      {},
      dnsFlow('nx.example.org', []),
    ]);
    assert.deepEqual(book.get('cdn.example.org'), ['93.184.216.34', '2606:2800:220:1::']);
    assert.deepEqual(book.get('nx.example.org'), []);
    assert.equal(book.size, 2);
  });
});

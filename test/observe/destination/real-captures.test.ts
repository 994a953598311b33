/**
 * Destinations in real captures written by other tools (read in place from ../shared/data):
 * known SDK hosts resolve to the right organisation, and the share of distinct third-party hosts
 * that resolve to an organisation is measured and kept above a floor.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { owners } from '../../../src/observe/destination/owners.js';
import { normaliseHost } from '../../../src/observe/destination/resolve.js';
import { observeCaptures } from '../../../src/observe/index.js';
import { skipUnlessPresent } from '../../helpers/shared-data.js';

const captures = fileURLToPath(new URL('../../../../shared/data/captures/', import.meta.url));
const reporthar = join(captures, 'reporthar');
const pcapdroid = join(captures, 'pcapdroid');

/** Distinct request hosts of a HAR file, read as plain JSON. */
function harHosts(file: string): Set<string> {
  const har = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as { log: { entries: { request: { url: string } }[] } };
  return new Set(har.log.entries.map((e) => normaliseHost(new URL(e.request.url).hostname)));
}

function share(hosts: Iterable<string>): { total: number; resolved: number; missing: string[] } {
  const missing: string[] = [];
  let total = 0;
  for (const h of hosts) {
    total++;
    if (!owners().lookup(h)) missing.push(h);
  }
  return { total, resolved: total - missing.length, missing };
}

describe('destinations in real captures', function () {
  this.timeout(30_000);
  before(function () {
    skipUnlessPresent(this, reporthar);
  });

  it('ReportHAR mobile-app captures: every SDK host resolves to its organisation', () => {
    const files = readdirSync(reporthar).filter((f) => f.endsWith('.har'));
    assert.equal(files.length, 4);
    const hosts = new Set(files.flatMap((f) => [...harHosts(join(reporthar, f))]));
    const expected: Record<string, string> = {
      'graph.facebook.com': 'meta', 'api2.branch.io': 'branch', 'cdn.branch.io': 'branch',
      'sessions.bugsnag.com': 'bugsnag', 'notify.bugsnag.com': 'bugsnag',
    };
    assert.deepEqual([...hosts].sort(), Object.keys(expected).sort());
    for (const [host, id] of Object.entries(expected)) assert.equal(owners().ownerOf(host)?.id, id, host);
    const s = share(hosts);
    console.log(`      ReportHAR HARs: ${s.resolved}/${s.total} distinct third-party hosts resolve to an organisation`);
  });

  it('TrackerControl and iOS App Privacy Report of the same runs: ≥ 90 % of distinct hosts resolve', () => {
    const hosts = new Set<string>();
    const csv = readFileSync(join(reporthar, 'android--tracker-control-report.csv'), 'utf8').split('\n').slice(1);
    for (const line of csv) {
      const host = line.split(',')[1]?.replace(/"/g, '');
      if (host) hosts.add(normaliseHost(host));
    }
    for (const line of readFileSync(join(reporthar, 'ios--app-privacy-report.ndjson'), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const entry = JSON.parse(line) as { type: string; domain?: string };
      if (entry.type === 'networkActivity' && entry.domain) hosts.add(normaliseHost(entry.domain));
    }
    const s = share(hosts);
    console.log(`      TrackerControl + App Privacy Report: ${s.resolved}/${s.total} = ${(s.resolved / s.total).toFixed(3)} resolve; unresolved: ${s.missing.join(' ')}`);
    assert.ok(s.total >= 150, `${s.total} hosts`);
    assert.ok(s.resolved / s.total >= 0.9, `${s.resolved}/${s.total}`);
    // Spot checks across the kinds of recipient these apps talk to.
    const spot: Record<string, string> = {
      'ads.api.vungle.com': 'liftoff', 'app.adjust.com': 'adjust', 'd.applovin.com': 'applovin', 'static.criteo.net': 'criteo',
      'collect.tealiumiq.com': 'tealium', 'cdn.optimizely.com': 'optimizely', 'bugly.qq.com': 'tencent', 'cdn-api-verify.mob.com': 'mobtech',
      'domaincfg.vivoglobal.com': 'vivo', 'analytics-ios-tcp.mtgglobals.com': 'mobvista', 'kvinit-prod.api.kochava.com': 'kochava',
      'dpm.demdex.net': 'adobe', 'config.inmobi.com': 'inmobi', 'cdn2.inner-active.mobi': 'digital-turbine', 'ocsp.digicert.com': 'digicert',
    };
    for (const [host, id] of Object.entries(spot)) assert.equal(owners().ownerOf(host)?.id, id, host);
  });

  it('PCAPdroid captures: resolved flows name Google; the rest are measured', async function () {
    skipUnlessPresent(this, pcapdroid);
    const files = ['metadata.pcap', 'two_flows.pcap', 'http_proxy.pcap'].map((f) => join(pcapdroid, f));
    const { flows } = await observeCaptures(files, { destinations: { firstPartyDomains: [] }, detect: false });
    const byHost = new Map(flows.filter((f) => f.recipient).map((f) => [f.recipient!.host, f.recipient!]));
    assert.equal(byHost.get('www.google.com')?.organizationId, 'google');
    assert.equal(byHost.get('google.it')?.organizationId, 'google');
    assert.equal(byHost.get('example.org')?.organizationId, undefined);
    const named = [...byHost.keys()].filter((h) => !/^[\d.:]+$/.test(h));
    const s = share(named);
    console.log(`      PCAPdroid: ${s.resolved}/${s.total} distinct named hosts resolve; unresolved: ${s.missing.join(' ')}`);
    assert.ok(s.resolved >= 2);
  });
});

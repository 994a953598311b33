/** data/organizations.json: schema, size, one owner per domain, domains that tldts agrees are domains, ids that others rely on. */
import assert from 'node:assert/strict';
import { getDomain } from 'tldts';
import { readDataFile } from '../../../src/vocab/data-file.js';
import { ontology } from '../../../src/vocab/ontology.js';
import { validate } from '../../../src/vocab/schemas.js';
import type { Organization } from '../../../src/observe/destination/owners.js';

const file = readDataFile<{ organizations: Organization[] }>('data', 'organizations.json');
const orgs = file.organizations;

/** Every listed domain with who lists it (organisation, or organisation/product). */
function listings(): [string, string][] {
  return orgs.flatMap((o) => [
    ...o.domains.map((d): [string, string] => [d, o.id]),
    ...(o.products ?? []).flatMap((p) => p.domains.map((d): [string, string] => [d, `${o.id}/${p.name}`])),
  ]);
}

describe('data/organizations.json', () => {
  it('validates against schemas/organizations.schema.json', () => {
    assert.equal(validate('organizations', file), undefined);
  });

  it('lists at least 400 distinct domains and 100 organisations', () => {
    const domains = new Set(listings().map(([d]) => d));
    assert.ok(domains.size >= 400, `${domains.size} domains`);
    assert.ok(orgs.length >= 100, `${orgs.length} organisations`);
  });

  it('lists each domain once, under one organisation or product', () => {
    const seen = new Map<string, string>();
    for (const [d, owner] of listings()) {
      assert.ok(!seen.has(d), `${d}: ${seen.get(d)} and ${owner}`);
      seen.set(d, owner);
    }
  });

  it('every entry is a registrable domain or a more specific host of one (ICANN public suffixes, tldts)', () => {
    for (const [d, owner] of listings()) {
      assert.equal(d, d.toLowerCase(), d);
      const registrable = getDomain(d, { allowPrivateDomains: false });
      assert.ok(registrable, `${d} (${owner}) is a public suffix or not a domain`);
      assert.ok(d === registrable || d.endsWith(`.${registrable}`), `${d} (${owner}) → ${registrable}`);
    }
  });

  it('categories are ontology recipient ids; parents exist and form no cycle', () => {
    const o = ontology();
    const ids = new Set(orgs.map((x) => x.id));
    for (const org of orgs) {
      assert.ok(o.recipients.has(org.category), `${org.id}: ${org.category}`);
      for (const p of org.products ?? []) assert.ok(o.recipients.has(p.category), `${org.id}/${p.name}: ${p.category}`);
      const chain = [org.id];
      for (let parent = org.parent; parent !== undefined; parent = orgs.find((x) => x.id === parent)?.parent) {
        assert.ok(ids.has(parent), `${org.id}: unknown parent ${parent}`);
        assert.ok(!chain.includes(parent), `${org.id}: parent cycle ${chain.join(' → ')}`);
        chain.push(parent);
      }
    }
  });

  it('keeps the ids other stages and tests rely on', () => {
    const ids = new Set(orgs.map((x) => x.id));
    for (const id of ['google', 'meta', 'umeng', 'tencent', 'bytedance', 'jpush', 'getui', 'alibaba', 'baidu', 'branch', 'bugsnag', 'appsflyer', 'adjust', 'amazon', 'microsoft', 'sensorsdata', 'xiaomi', 'huawei']) {
      assert.ok(ids.has(id), id);
    }
  });

  it('gives every organisation a name the extraction can recognise, and no name to two organisations', () => {
    const owner = new Map<string, string>();
    for (const org of orgs) {
      const names = [...org.aliases.en, ...org.aliases.zh].map((a) => a.toLowerCase());
      assert.ok(names.length > 0, `${org.id} has no alias`);
      for (const a of new Set(names)) {
        assert.ok(!owner.has(a) || owner.get(a) === org.id, `alias "${a}": ${owner.get(a)} and ${org.id}`);
        owner.set(a, org.id);
      }
    }
  });

  it('names the Chinese SDK vendors the way Chinese SDK tables do', () => {
    const byAlias = new Map<string, string>();
    for (const org of orgs) for (const a of org.aliases.zh) byAlias.set(a, org.id);
    const expected: [string, string][] = [
      ['友盟+', 'umeng'], ['友盟同欣（北京）科技有限公司', 'umeng'], ['穿山甲', 'bytedance'], ['优量汇', 'tencent'], ['广点通', 'tencent'],
      ['个推', 'getui'], ['极光', 'jpush'], ['百度移动统计', 'baidu'], ['高德地图', 'amap'], ['腾讯地图', 'tencent'], ['新浪微博', 'sina'],
      ['网易易盾', 'netease'], ['神策数据', 'sensorsdata'], ['数美', 'shumei'], ['极验', 'geetest'], ['快手联盟', 'kuaishou'], ['华为推送', 'huawei'],
      ['小米推送', 'xiaomi'], ['oppo推送', 'oppo'], ['vivo推送', 'vivo'], ['支付宝', 'alibaba'], ['腾讯bugly', 'tencent'],
    ];
    for (const [alias, id] of expected) assert.equal(byAlias.get(alias), id, alias);
  });
});

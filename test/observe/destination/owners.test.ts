/** Host → owner lookups: subdomains, products overriding the category, normalisation, group parents. */
import assert from 'node:assert/strict';
import { OwnerDirectory, owners, type Organization } from '../../../src/observe/destination/owners.js';

// host, organisation id, category that applies to it
const table: [string, string, string][] = [
  ['ads.g.doubleclick.net', 'google', 'advertiser'],
  ['googleads.g.doubleclick.net', 'google', 'advertiser'],
  ['pagead2.googlesyndication.com', 'google', 'advertiser'],
  ['imasdk.googleapis.com', 'google', 'advertiser'],
  ['app-measurement.com', 'google', 'analytics_provider'],
  ['firebase-settings.crashlytics.com', 'google', 'analytics_provider'],
  ['my-project.firebaseio.com', 'google', 'service_provider'],
  ['api-project-1031806291667.appspot.com', 'google', 'service_provider'],
  ['graph.facebook.com', 'meta', 'social_network'],
  ['an.facebook.com', 'meta', 'advertiser'],
  ['alog.umeng.com', 'umeng', 'analytics_provider'],
  ['mi.gdt.qq.com', 'tencent', 'advertiser'],
  ['android.bugly.qq.com', 'tencent', 'service_provider'],
  ['pingma.qq.com', 'tencent', 'analytics_provider'],
  ['apis.map.qq.com', 'tencent', 'service_provider'],
  ['api-access.pangolin-sdk-toutiao.com', 'bytedance', 'advertiser'],
  ['log.snssdk.com', 'bytedance', 'advertiser'],
  ['analytics.tiktok.com', 'tiktok', 'advertiser'],
  ['www.tiktok.com', 'tiktok', 'social_network'],
  ['mobads.baidu.com', 'baidu', 'advertiser'],
  ['hm.baidu.com', 'baidu', 'analytics_provider'],
  ['api.map.baidu.com', 'baidu', 'service_provider'],
  ['open.e.kuaishou.com', 'kuaishou', 'advertiser'],
  ['sdk.open.talk.igexin.com', 'getui', 'service_provider'],
  ['api.jpush.cn', 'jpush', 'service_provider'],
  ['mclient.alipay.com', 'alibaba', 'payment_provider'],
  ['restapi.amap.com', 'amap', 'service_provider'],
  ['api.xmpush.xiaomi.com', 'xiaomi', 'service_provider'],
  ['grs.hicloud.com', 'huawei', 'service_provider'],
  ['api.weibo.com', 'sina', 'social_network'],
  ['c.dun.163.com', 'netease', 'service_provider'],
  ['fp-it.fengkongcloud.com', 'shumei', 'service_provider'],
  ['static.geetest.com', 'geetest', 'service_provider'],
  ['sdk.sensorsdata.cn', 'sensorsdata', 'analytics_provider'],
  ['app.adjust.com', 'adjust', 'analytics_provider'],
  ['api2.branch.io', 'branch', 'analytics_provider'],
  ['inapps.appsflyer.com', 'appsflyer', 'analytics_provider'],
  ['control.kochava.com', 'kochava', 'analytics_provider'],
  ['api.segment.io', 'twilio', 'analytics_provider'],
  ['sdk.iad-04.braze.com', 'braze', 'service_provider'],
  ['o4504513611366400.ingest.sentry.io', 'sentry', 'service_provider'],
  ['sessions.bugsnag.com', 'bugsnag', 'service_provider'],
  ['ms.applovin.com', 'applovin', 'advertiser'],
  ['config.unityads.unity3d.com', 'unity', 'advertiser'],
  ['init.supersonicads.com', 'ironsource', 'advertiser'],
  ['ads.api.vungle.com', 'liftoff', 'advertiser'],
  ['configure-tcp-ios.rayjump.com', 'mobvista', 'advertiser'],
  ['aax.amazon-adsystem.com', 'amazon', 'advertiser'],
  ['d1pyesk9jfjbwi.cloudfront.net', 'amazon', 'service_provider'],
  ['c.clarity.ms', 'microsoft', 'analytics_provider'],
  ['bat.bing.com', 'microsoft', 'advertiser'],
  ['px.ads.linkedin.com', 'linkedin', 'social_network'],
  ['mc.yandex.ru', 'yandex', 'analytics_provider'],
  ['api.stripe.com', 'stripe', 'payment_provider'],
  ['tr.iadsdk.apple.com', 'apple', 'advertiser'],
  ['gateway.icloud.com', 'apple', 'service_provider'],
  ['a248.e.akamai.net', 'akamai', 'service_provider'],
];

describe('owner lookups', () => {
  for (const [host, id, category] of table) {
    it(`${host} → ${id} (${category})`, () => {
      const m = owners().lookup(host);
      assert.ok(m, `${host} has no owner`);
      assert.equal(m.organization.id, id);
      assert.equal(m.category, category);
      assert.ok(host === m.matched || host.endsWith(`.${m.matched}`), m.matched);
      assert.equal(owners().ownerOf(host)?.id, id);
    });
  }

  it('ignores case and a trailing dot; does not match a label that only ends like a domain', () => {
    assert.equal(owners().ownerOf('API2.Branch.IO.')?.id, 'branch');
    assert.equal(owners().lookup('notbranch.io'), undefined);
    assert.equal(owners().lookup('example.org'), undefined);
    assert.equal(owners().lookup('io'), undefined);
  });

  it('prefers the most specific entry: a product inside its organisation', () => {
    const gdt = owners().lookup('gdt.qq.com');
    assert.equal(gdt?.product?.name.includes('GDT'), true);
    assert.equal(owners().lookup('www.qq.com')?.product, undefined);
    assert.equal(owners().lookup('www.qq.com')?.category, 'service_provider');
  });

  it('lists an organisation’s product domains with its own, and walks group parents', () => {
    const google = owners().domainsOf('google');
    assert.ok(google.includes('google.com') && google.includes('doubleclick.net') && google.includes('appspot.com'));
    assert.deepEqual(owners().domainsOf('no-such-org'), []);
    assert.deepEqual(owners().lineage('umeng'), ['umeng', 'alibaba']);
    assert.deepEqual(owners().lineage('adcolony'), ['adcolony', 'digital-turbine']);
    assert.deepEqual(owners().lineage('google'), ['google']);
    assert.deepEqual(owners().lineage('no-such-org'), []);
  });

  it('refuses a domain claimed by two organisations and an id used twice', () => {
    const org = (id: string, domains: string[]): Organization => ({ id, name: id, aliases: { en: [id], zh: [] }, category: 'advertiser', domains });
    assert.throws(() => new OwnerDirectory([org('a', ['x.com']), org('b', ['X.com'])]), /x\.com is listed under both a and b/);
    assert.throws(() => new OwnerDirectory([org('a', ['x.com']), org('a', ['y.com'])]), /listed twice/);
    const cyclic = new OwnerDirectory([{ ...org('a', ['a.com']), parent: 'b' }, { ...org('b', ['b.com']), parent: 'a' }]);
    assert.deepEqual(cyclic.lineage('a'), ['a', 'b']);
  });

  it('enumerates every domain once', () => {
    const domains = [...owners().entries()].map(([d]) => d);
    assert.equal(new Set(domains).size, domains.length);
    assert.ok(domains.length >= 400);
  });
});

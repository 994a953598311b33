import assert from 'node:assert/strict';
import { judgeGaps, rulePacks } from '../../src/judge/index.js';
import { appCategories, appCategory, isNecessary, necessaryDataTypes, necessaryGaps } from '../../src/judge/necessary.js';
import { UsageError } from '../../src/errors.js';
import type { Observation } from '../../src/model/finding.js';
import { ontology } from '../../src/vocab/ontology.js';
import { detection, flow, recipient, umeng } from '../helpers/factories.js';

const server = recipient({ host: 'api.nimbusmsg.com', domain: 'nimbusmsg.com', country: 'CN' });

function observed(dataType: string, over: Partial<Observation> = {}): Observation {
  return { dataType, recipient: server, disclosure: 'clear', flows: [0], flowCount: 1, policy: [], cleartext: false, ...over };
}

const flows = [flow({ index: 0, recipient: server, detections: [detection('imei'), detection('phone_number', '13812345678')] })];

describe('data/app-categories.json', () => {
  it('lists the 39 app types of Art. 5 in order, with unique kebab-case ids', () => {
    const list = appCategories();
    assert.equal(list.length, 39);
    assert.equal(new Set(list.map((c) => c.id)).size, 39);
    for (const c of list) assert.match(c.id, /^[a-z]+(-[a-z]+)*$/);
    list.forEach((c, i) => assert.equal(appCategory(c.id).article, `Art. 5(${i + 1})`));
    assert.equal(appCategory('navigation').zh, '地图导航类');
    assert.equal(appCategory('event-ticketing').zh, '演出票务类');
  });

  it('maps every item to ontology ids, or explains in a note why it cannot', () => {
    for (const c of appCategories()) {
      for (const item of appCategory(c.id).items) {
        for (const t of item.dataTypes) assert.ok(ontology().dataTypes.has(t), `${c.id}: ${t}`);
        if (item.dataTypes.length === 0) assert.ok(item.note, `${c.id}: ${item.zh} needs a note`);
      }
    }
  });

  it('has no necessary information for the thirteen types that need none (Art. 5(21), (27)–(38))', () => {
    const none = appCategories().filter((c) => necessaryDataTypes(c.id).length === 0).map((c) => c.id);
    assert.equal(none.length, 13);
    assert.ok(none.includes('womens-health') && none.includes('browser') && none.includes('utilities'));
  });
});

describe('necessaryGaps', () => {
  it('instant messaging: phone number and account are necessary; IMEI and the address book are not', () => {
    const gaps = necessaryGaps([observed('phone_number'), observed('account_id'), observed('imei'), observed('contacts')], flows, 'instant-messaging');
    assert.deepEqual(gaps.map((g) => g.dataType).sort(), ['contacts', 'imei']);
    const imei = gaps.find((g) => g.dataType === 'imei')!;
    assert.equal(imei.kind, 'beyond_necessary');
    assert.equal(imei.facts.appCategory, 'instant-messaging');
    assert.equal(imei.flows[0]?.index, 0);
    assert.equal(imei.flows[0]?.where, 'query.imei');
  });

  it('navigation: descendants of location are inside, the phone number is outside', () => {
    const gaps = necessaryGaps([observed('precise_location'), observed('wifi_info'), observed('cell_info'), observed('phone_number')], flows, 'navigation');
    assert.deepEqual(gaps.map((g) => g.dataType), ['phone_number']);
  });

  it('online shopping: contact details of the consignee and payment information are inside', () => {
    const gaps = necessaryGaps(['phone_number', 'name', 'postal_address', 'payment_info', 'android_id'].map((t) => observed(t)), flows, 'online-shopping');
    assert.deepEqual(gaps.map((g) => g.dataType), ['android_id']);
  });

  it('a news app needs nothing: every first-party type is beyond necessary; third parties are left to the sharing rules', () => {
    const gaps = necessaryGaps([observed('imei'), observed('advertising_id', { recipient: umeng() })], flows, 'news');
    assert.deepEqual(gaps.map((g) => g.dataType), ['imei']);
  });

  it('an ancestor of a necessary type is not inside (location is broader than the listed types)', () => {
    assert.equal(isNecessary('location', ['precise_location']), false);
    assert.equal(isNecessary('precise_location', ['location']), true);
  });

  it('an unknown category is a usage error naming the known ones', () => {
    assert.throws(() => necessaryGaps([], [], 'spaceship'), (e: unknown) => e instanceof UsageError && /unknown app category "spaceship".*navigation/.test(e.message));
  });

  it('the gaps become one finding for the recipient under cn-necessary and cn-app; the sensitive-data rule says which type it holds for', () => {
    const packs = rulePacks().filter((p) => ['cn-necessary', 'cn-app'].includes(p.jurisdiction));
    const findings = judgeGaps(necessaryGaps([observed('imei'), observed('contacts')], flows, 'online-games'), packs);
    assert.equal(findings.length, 1);
    const finding = findings[0]!;
    assert.deepEqual(finding.dataTypes, ['contacts', 'imei']);
    assert.equal(finding.severity, 'high');
    assert.deepEqual(finding.items?.map((i) => i.dataType), ['contacts', 'imei']);
    const sensitive = finding.rules.find((r) => r.rule === 'cn-necessary/beyond-necessary-sensitive');
    assert.deepEqual(sensitive?.dataTypes, ['contacts']);
    assert.equal(finding.rules.find((r) => r.rule === 'cn-app/unrelated-collection')?.dataTypes, undefined, 'holds for both: no list');
    assert.match(finding.message, /not necessary/);
  });
});

/** Sentences behind the scenario suite's former extraction gaps: data location, controller names, retention, objects. */
import assert from 'node:assert/strict';
import { extractFromSentence, extractPolicy, noticeFromSentence } from '../../src/extract/index.js';
import type { PolicyDocument } from '../../src/load/document.js';

const ev = { text: '', location: '§1' };
const notices = (s: string, lang: 'en' | 'zh' = 'en') => noticeFromSentence(s, lang, ev).map((n) => `${n.element}${n.value ? `=${n.value}` : ''}`);
const tuples = (s: string, lang: 'en' | 'zh' = 'en') => extractFromSentence(s, lang, '§1').map((p) => [p.actor, p.action, p.dataType, p.negated].join('|'));
const doc = (lang: 'en' | 'zh', ...texts: string[]): PolicyDocument => ({
  source: 't', format: 'text', language: lang, blocks: texts.map((text, i) => ({ kind: 'paragraph', text, section: [], location: `¶${i}` })),
});

describe('extract: data location, controller names, retention, second objects', () => {
  it('reads where data is stored as a data-location notice, without inventing a denied transfer', () => {
    assert.ok(notices('Your personal data is stored on servers in the European Union.').includes('international_transfer=EU'));
    assert.ok(notices('Our servers are hosted in Germany.').includes('international_transfer=DE'));
    const ex = extractPolicy(doc('en', 'Your personal data is stored on servers in the European Union.'));
    assert.equal(ex.practices.filter((p) => p.action === 'transfer_abroad').length, 0);
    const stays = extractPolicy(doc('en', 'Your personal data is stored in the European Union and is not transferred outside it.'));
    assert.ok(stays.practices.some((p) => p.action === 'transfer_abroad' && p.negated));
  });

  it('a place that only bounds a transfer ("outside the EEA") is not where the data is', () => {
    assert.deepEqual(notices('Our newsletter provider may process your data outside the European Economic Area.'), ['international_transfer']);
    assert.ok(notices('您的个人信息可能会被传输至欧盟以外的地区。', 'zh').includes('international_transfer'));
    assert.ok(!notices('您的个人信息可能会被传输至欧盟以外的地区。', 'zh').includes('international_transfer=EU'));
  });

  it('a transfer statement is a cross-border notice with its destination', () => {
    const ex = extractPolicy(doc('en', 'We transfer your email address to our servers in Singapore to provide cloud backup.'));
    assert.ok(ex.notice.some((n) => n.element === 'international_transfer' && n.value === 'SG'));
  });

  it('a storage-location sentence is not a collection statement', () => {
    assert.deepEqual(tuples('我们在中华人民共和国境内收集和产生的个人信息，将存储在中华人民共和国境内。', 'zh'), ['first_party|retain|personal_info|false']);
    assert.deepEqual(tuples('如对个人信息处理有投诉，可向网信部门举报。', 'zh'), []);
    assert.deepEqual(tuples('我们会收集和使用您的手机号码。', 'zh').filter((t) => t.includes('collect')), ['first_party|collect|phone_number|false']);
  });

  for (const s of ['ABC Jungle is made by Little Owl Studios LLC, 200 Pine Street.', 'Tandem Tutor GmbH is the controller.', 'The service is run by Exemplo Tecnologia Ltda.', 'Datos Ejemplo S.A. operates this site.']) {
    it(`reads a company name as controller identity: ${s}`, () => assert.ok(notices(s).includes('controller_identity')));
  }

  it('a keeping verb with a period is a retention period; a period alone is not', () => {
    assert.ok(notices('We keep order data for 5 years.').includes('retention_period=5 years'));
    assert.ok(notices('订单信息将保存3年。', 'zh').includes('retention_period=3年'));
    assert.ok(!notices('We will respond to your request within 30 days.').some((n) => n.startsWith('retention_period')));
  });

  it('"collect X to … and Y to …" gives both objects', () => {
    assert.deepEqual(tuples('We collect your email address to create your account and your Android ID to keep you signed in on this device.').sort(),
      ['first_party|collect|android_id|false', 'first_party|collect|email_address|false']);
    // A noun inside the purpose stays out: "to send you offers and your receipts" has no second object with its own purpose.
    assert.deepEqual(tuples('We collect your phone number to send you offers and your receipts.'), ['first_party|collect|phone_number|false']);
  });
});

describe('extract: Chinese headings that name a practice without stating it', () => {
  for (const s of ['（十）收集和使用个人信息的其他规则', '我们收集哪些信息', '个人信息收集和使用的原则']) {
    it(`gives no practice for ${s}`, () => assert.deepEqual(tuples(s, 'zh'), []));
  }
  it('a list lead-in keeps its object', () => {
    assert.deepEqual(tuples('我们会收集您的设备信息。', 'zh'), ['first_party|collect|device_info|false']);
  });
});

/** Statements that look like practices but are not the first party's: pronouns, children, the policy talking about itself. */
import assert from 'node:assert/strict';
import { extractFromSentence, extractPolicy } from '../../src/extract/index.js';
import type { PolicyDocument } from '../../src/load/document.js';

function doc(language: 'en' | 'zh', texts: string[]): PolicyDocument {
  return { source: 't', format: 'text', language, blocks: texts.map((text, i) => ({ kind: 'paragraph' as const, text, section: ['SDK'], location: `§1 ¶${i + 1}` })) };
}

describe('extract: whose statement is it', () => {
  it('"It does not receive …" after a named SDK is that SDK\'s negation, not ours', () => {
    const en = extractPolicy(doc('en', ['We use the Umeng analytics SDK, which collects the device model.', 'It does not receive your phone number.']));
    const phone = en.practices.filter((p) => p.dataType === 'phone_number');
    assert.equal(phone.length, 1);
    assert.equal(phone[0]?.organization, 'umeng');
    assert.equal(phone[0]?.negated, true);
    const zh = extractPolicy(doc('zh', ['我们使用友盟统计SDK，该SDK会收集设备型号。', '该SDK不会收集您的手机号码。']));
    const zhPhone = zh.practices.filter((p) => p.dataType === 'phone_number');
    assert.equal(zhPhone.length, 1);
    assert.equal(zhPhone[0]?.organization, 'umeng');
  });

  it('a pronoun with nobody to point back to gives no practice rather than a guessed "we"', () => {
    assert.deepEqual(extractFromSentence('It does not receive your phone number.', 'en', '§1 ¶1').filter((p) => p.actor === 'first_party'), []);
  });

  it('"it is used to …" (passive, about data) still belongs to us', () => {
    const out = extractPolicy(doc('en', ['We collect your e-mail address; it is used to send you receipts.']));
    assert.ok(out.practices.some((p) => p.actor === 'first_party' && p.dataType === 'email_address' && p.action === 'collect'));
  });

  it('statements about children\'s data are marked as such', () => {
    for (const [lang, text] of [['en', 'We do not knowingly collect personal information from children under 13.'], ['zh', '我们不会在知情的情况下收集不满十四周岁儿童的个人信息。']] as const) {
      const out = extractFromSentence(text, lang, '§1 ¶1');
      assert.ok(out.length > 0, text);
      for (const p of out) assert.equal(p.dataSubject, 'children', text);
    }
    const adult = extractFromSentence('We do not sell personal information.', 'en', '§1 ¶1');
    assert.equal(adult[0]?.dataSubject, undefined);
  });

  it('the policy describing itself, and legal-basis sentences, are not practices', () => {
    for (const [lang, text] of [
      ['en', 'This Privacy Policy explains how Nimbus collects, uses and shares personal information.'],
      ['zh', '本隐私政策说明我们如何收集、使用和共享您的个人信息。'],
      ['zh', '我们处理您个人信息的法律依据为：履行合同以及我们的正当利益。'],
    ] as const) {
      assert.deepEqual(extractFromSentence(text, lang, '§1 ¶1'), [], text);
    }
  });

  it('nouns that look like verbs are not actions', () => {
    assert.deepEqual(extractFromSentence('We protect your personal information with encryption and access controls for staff.', 'en', '§1 ¶1').filter((p) => p.action === 'collect'), []);
    assert.deepEqual(extractFromSentence('您的个人信息的处理者为云讯移动科技有限公司。', 'zh', '§1 ¶1'), []);
  });
});

describe('extract: scope of negation and purpose', () => {
  it('"we don\'t rent or sell … for their marketing purposes" is a negated sale with its purpose, not a negated share', () => {
    const out = extractFromSentence("We don't rent or sell personal information to third parties for their marketing purposes.", 'en', '§1 ¶1');
    assert.deepEqual(out.map((p) => [p.action, p.negated]), [['sell', true]]);
    assert.match(out[0]?.purpose ?? '', /marketing/);
  });

  it('a negation inside a leading if-clause does not negate the main verb', () => {
    const out = extractFromSentence("If we receive information from users that a Service isn't working properly, we may use that information to address any problem.", 'en', '§1 ¶1');
    assert.ok(out.some((p) => p.action === 'use' && !p.negated));
    assert.ok(!out.some((p) => p.negated));
  });
});

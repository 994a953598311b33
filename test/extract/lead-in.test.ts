/** A list's lead-in ("We may use your information:") carries into the items that follow it. */
import assert from 'node:assert/strict';
import { extractPolicy } from '../../src/extract/index.js';

const doc = (lang: 'en' | 'zh', texts: string[]) => ({
  source: 't', format: 'text' as const, language: lang,
  blocks: texts.map((text, i) => ({ kind: 'paragraph' as const, text, section: [], location: `¶${i}` })),
});
const at = (lang: 'en' | 'zh', texts: string[], location: string) =>
  extractPolicy(doc(lang, texts), { classifier: false }).practices.filter((p) => p.evidence.location === location).map((p) => `${p.action}/${p.dataType}`);

describe('extract: purpose items written as paragraphs under a lead-in', () => {
  it('an English "to …" item inherits the lead-in, and the list goes on after it', () => {
    const texts = ['We may use your e-mail address:', 'to send you notices about your account;', 'to tell you about new features.'];
    assert.deepEqual(at('en', texts, '¶1'), ['use/email_address']);
    assert.deepEqual(at('en', texts, '¶2'), ['use/email_address']);
  });

  it('a Chinese 用于/为了 item does too', () => {
    const texts = ['我们会将您的手机号码用于以下目的：', '用于向您发送验证码；', '为了保障账号安全。'];
    assert.deepEqual(at('zh', texts, '¶1'), ['use/phone_number']);
    assert.deepEqual(at('zh', texts, '¶2'), ['use/phone_number']);
  });

  it('a sentence of its own with a verb ends the list', () => {
    const texts = ['We may use your e-mail address:', 'We also share your IP address with analytics providers.', 'to send you notices.'];
    assert.deepEqual(at('en', texts, '¶1'), ['share/ip_address']);
    assert.deepEqual(at('en', texts, '¶2'), [], 'the list ended with the statement before');
  });
});

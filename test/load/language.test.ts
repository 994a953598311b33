import assert from 'node:assert/strict';
import { detectLanguage, detectScript } from '../../src/load/index.js';

describe('detectLanguage', () => {
  it('calls English text English, not mixed, without a script', () => {
    const guess = detectLanguage('We collect your e-mail address and share it with our analytics providers.');
    assert.deepEqual(guess, { language: 'en', mixed: false });
  });

  it('calls Chinese text with a few Latin names Chinese, simplified', () => {
    const guess = detectLanguage('我们接入了友盟SDK，它会收集您的设备信息（IMEI、设备型号），用于统计分析。我们不会出售您的个人信息。');
    assert.equal(guess.language, 'zh');
    assert.equal(guess.script, 'Hans');
    assert.equal(guess.mixed, false);
  });

  it('tells traditional from simplified by characters only one script uses', () => {
    assert.equal(detectLanguage('我們會收集您的手機號碼與裝置資訊，用於註冊帳號。').script, 'Hant');
    assert.equal(detectScript('我们会收集您的手机号码与设备信息，用于注册账号。'), 'Hans');
    assert.equal(detectScript('隐私政策 隱私權政策 隐私 数据 设备'), 'Hans');
    assert.equal(detectScript('no Chinese here'), undefined);
  });

  it('flags a bilingual text as mixed', () => {
    const guess = detectLanguage('我们会收集您的手机号码，用于创建账号。We collect your mobile phone number to create your account.');
    assert.equal(guess.mixed, true);
  });
});

/** Traditional Chinese policies match the Simplified lexicons; evidence keeps the original script. */
import assert from 'node:assert/strict';
import { extractFromSentence, noticeFromSentence } from '../../src/extract/index.js';
import { toSimplified } from '../../src/extract/simplify.js';

const tuples = (s: string) => extractFromSentence(s, 'zh', '§1 ¶1').map((p) => [p.organization ?? p.actor, p.action, p.dataType, p.negated, p.recipient ?? ''].join('|'));

describe('extract: Traditional Chinese', () => {
  it('converts to Simplified with the same length, and leaves Simplified and English text alone', () => {
    const t = '我們會蒐集您的手機號碼、電子郵件地址與個人資料';
    const s = toSimplified(t);
    assert.equal(s.length, t.length);
    assert.equal(s, '我们会搜集您的手机号码、电子邮件地址与个人资料');
    assert.equal(toSimplified('我们会收集您的手机号码，显著、著作'), '我们会收集您的手机号码，显著、著作');
    assert.equal(toSimplified('We collect your IMEI.'), 'We collect your IMEI.');
  });

  const table: [string, string[]][] = [
    ['我們會收集您的手機號碼，用於註冊帳號。', ['first_party|collect|phone_number|false|']],
    ['我們會收集您的電子郵件地址，用於寄送通知。', ['first_party|collect|email_address|false|']],
    ['我們不會向廣告商分享您的個人資料。', ['first_party|share|personal_info|true|advertiser']],
    ['我們會蒐集您的裝置型號並存取您的通訊錄。', ['first_party|collect|device_model|false|', 'first_party|collect|contacts|false|']],
    ['我們會透過Cookie蒐集您的IP位址與瀏覽紀錄。', ['first_party|collect|ip_address|false|', 'first_party|collect|browsing_history|false|']],
    ['本公司將利用您的行動電話號碼及身分證字號進行身分驗證。', ['first_party|use|phone_number|false|', 'first_party|use|national_id|false|']],
    ['我們會蒐集您的裝置識別碼與作業系統版本。', ['first_party|collect|device_id|false|', 'first_party|collect|os_version|false|']],
  ];
  for (const [sentence, want] of table) {
    it(`reads ${sentence}`, () => assert.deepEqual(tuples(sentence).sort(), [...want].sort()));
  }

  it('keeps the evidence in the script it was written in', () => {
    const [p] = extractFromSentence('我們會收集您的手機號碼。', 'zh', '§1 ¶1');
    assert.equal(p?.evidence.text, '我們會收集您的手機號碼。');
  });

  it('finds notice elements written in Traditional script', () => {
    const els = noticeFromSentence('您的個人資料保存期間為帳號存續期間，您刪除帳號後，我們將於30日內刪除。', 'zh', { text: '', location: '§1' }).map((n) => n.element);
    assert.ok(els.includes('retention_period'), els.join(','));
    const stored = noticeFromSentence('您的個人資料將儲存於中華民國境內之伺服器。', 'zh', { text: '', location: '§1' });
    assert.ok(stored.some((n) => n.element === 'international_transfer' && n.value === 'TW'), JSON.stringify(stored));
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { canonicalCharset, decodeBytes, declaredHtmlCharset, guessCharset } from '../../src/load/charset.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../fixtures/load/${name}`, import.meta.url));

describe('charset decoding', () => {
  it('maps declared labels to TextDecoder encodings', () => {
    assert.equal(canonicalCharset('GBK'), 'gb18030');
    assert.equal(canonicalCharset('gb2312'), 'gb18030');
    assert.equal(canonicalCharset('"Big5"'), 'big5');
    assert.equal(canonicalCharset('UTF8'), 'utf-8');
    assert.equal(canonicalCharset('no-such-charset'), undefined);
  });

  it('reads a http-equiv charset declaration and decodes GBK', () => {
    const bytes = fixture('gbk-declared.html');
    assert.equal(declaredHtmlCharset(bytes), 'gb18030');
    const { text, charset } = decodeBytes(bytes, { html: true });
    assert.equal(charset, 'gb18030');
    assert.ok(text.includes('我们会收集您的手机号码和设备信息'));
  });

  it('guesses GB18030 and Big5 for undeclared Chinese pages', () => {
    assert.equal(guessCharset(fixture('gb18030-undeclared.html')), 'gb18030');
    assert.equal(guessCharset(fixture('big5-undeclared.html')), 'big5');
    assert.ok(decodeBytes(fixture('big5-undeclared.html'), { html: true }).text.includes('我們會收集您的手機號碼'));
  });

  it('lets a byte-order mark win over a declaration and strips it', () => {
    const { text, charset } = decodeBytes(fixture('utf8-bom.txt'), { declared: 'big5' });
    assert.equal(charset, 'utf-8');
    assert.ok(text.startsWith('Privacy Policy'));
  });

  it('prefers a transport charset over a <meta> one', () => {
    const bytes = new TextEncoder().encode('<meta charset="big5"><p>héllo</p>');
    assert.equal(decodeBytes(bytes, { html: true, declared: 'utf-8' }).text.includes('héllo'), true);
  });
});

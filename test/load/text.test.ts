import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { headingLevel, isItemStart } from '../../src/load/headings.js';
import { textBlocks } from '../../src/load/text.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/load/${name}`, import.meta.url), 'utf8');

describe('plain-text loader', () => {
  it('finds Chinese numbered headings and items in a line-per-paragraph policy', () => {
    const blocks = textBlocks(fixture('policy-zh.txt'));
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    assert.deepEqual(headings, ['【示例】隐私政策', '一、我们如何收集和使用您的个人信息', '（一）注册账号', '（二）设备信息', '二、我们如何共享您的个人信息']);
    const imei = blocks.find((b) => b.text.includes('IMEI'));
    assert.deepEqual(imei?.section, ['【示例】隐私政策', '一、我们如何收集和使用您的个人信息', '（二）设备信息']);
    assert.equal(imei?.location, '§4 ¶1');
    assert.deepEqual(blocks.filter((b) => b.kind === 'list_item').map((b) => b.text), ['1、我们使用友盟SDK统计应用使用情况；', '2、我们不会收集您的通讯录。']);
    assert.equal(blocks[1]?.text, '更新日期：2024年6月1日');
    assert.equal(blocks[1]?.kind, 'paragraph');
  });

  it('rejoins hard-wrapped English lines, de-hyphenating broken words', () => {
    const blocks = textBlocks(fixture('wrapped-en.txt'));
    assert.deepEqual(blocks.filter((b) => b.kind === 'heading').map((b) => b.text), ['PRIVACY NOTICE', 'Article 1 Scope', 'Article 2 Data we collect']);
    const scope = blocks.filter((b) => b.section.at(-1) === 'Article 1 Scope' && b.kind === 'paragraph').map((b) => b.text);
    assert.deepEqual(scope, [
      'This notice describes how Example Corp collects and uses personal information about the users of its mobile applications and the websites that link to this notice, and how users can exercise their rights.',
      'We do not sell personal information to anyone.',
    ]);
    assert.ok(blocks.some((b) => b.text.endsWith('the IP address of each device that connects to our servers, for security.')));
  });

  it('classifies heading and item lines', () => {
    assert.equal(headingLevel('第一章 总则'), 1);
    assert.equal(headingLevel('第二条 为了保护个人信息权益，制定本法。'), undefined);
    assert.equal(headingLevel('1.1 Scope'), 4);
    assert.equal(headingLevel('How We Use Your Information'), 2);
    assert.equal(headingLevel('we collect names'), undefined);
    assert.equal(headingLevel('Contact: privacy@example.org'), undefined);
    assert.ok(isItemStart('（三）法律、行政法规规定的其他情形。'));
    assert.ok(isItemStart('• Crash reports'));
    assert.ok(!isItemStart('We collect'));
  });
});

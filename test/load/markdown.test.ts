import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { markdownBlocks, stripInline } from '../../src/load/markdown.js';

describe('Markdown loader', () => {
  const blocks = markdownBlocks(readFileSync(new URL('../fixtures/load/policy.md', import.meta.url), 'utf8'));

  it('reads setext and ATX headings into section paths', () => {
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text, b.section.join(' / ')]);
    assert.deepEqual(headings, [
      [1, 'Example Notes Privacy Policy', 'Example Notes Privacy Policy'],
      [2, '1. Data we collect', 'Example Notes Privacy Policy / 1. Data we collect'],
      [2, 'Sharing', 'Example Notes Privacy Policy / Sharing'],
      [3, '2.1 Retention', 'Example Notes Privacy Policy / Sharing / 2.1 Retention'],
    ]);
  });

  it('joins paragraph lines and strips inline markup', () => {
    const p = blocks.find((b) => b.text.startsWith('We collect your'));
    assert.equal(p?.text, 'We collect your e-mail address and your display name when you register.');
    assert.equal(p?.location, '§2 ¶1');
  });

  it('makes list items, continuation lines included', () => {
    assert.deepEqual(blocks.filter((b) => b.kind === 'list_item').map((b) => b.text), [
      'Crash reports, including the device model.',
      'The OS version. It helps us fix bugs.',
    ]);
  });

  it('makes one table_row per pipe-table row, escaped pipes kept in cells', () => {
    const rows = blocks.filter((b) => b.kind === 'table_row');
    assert.deepEqual(rows.map((r) => r.cells), [
      ['Recipient', 'Data', 'Purpose'],
      ['Crashly', 'device model', 'crash reports'],
      ['Mailer | Co', 'e-mail address', 'newsletters'],
    ]);
  });

  it('leaves code blocks out', () => {
    assert.ok(!blocks.some((b) => b.text.includes('MUST NOT APPEAR')));
    assert.equal(blocks.at(-1)?.text, 'We keep crash reports for 90 days.');
  });

  it('strips emphasis without eating snake_case words', () => {
    assert.equal(stripInline('**bold** and *em* and user_id_hash and ![img](x.png)'), 'bold and em and user_id_hash and ');
  });
});

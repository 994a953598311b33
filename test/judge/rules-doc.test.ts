import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULES_DOC, renderRulesDoc } from '../../scripts/rules-doc.js';
import { rulePacks } from '../../src/judge/index.js';

describe('docs/rules.md', () => {
  const rendered = renderRulesDoc();

  it('is up to date with the packs (run npx tsx scripts/rules-doc.ts)', () => {
    assert.equal(readFileSync(RULES_DOC, 'utf8'), rendered);
  });

  it('says it is generated and lists every rule with its reference and both titles', () => {
    assert.match(rendered, /Generated, do not edit/);
    for (const rule of rulePacks().flatMap((p) => p.rules)) {
      const row = rendered.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`));
      assert.ok(row, rule.id);
      assert.ok(row.includes(rule.title.zh) && row.includes(rule.severity), rule.id);
    }
  });

  it('keeps a pipe inside a cell from breaking the table', () => {
    const pack = { ...rulePacks()[0]!, rules: [{ ...rulePacks()[0]!.rules[0]!, ref: 'Art. 1 | 2' }] };
    assert.ok(renderRulesDoc([pack]).includes('Art. 1 \\| 2'));
  });
});

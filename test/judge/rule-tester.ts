/**
 * A RuleTester for rule packs, in the manner of ESLint's: each rule gets a table of gaps it must
 * match (invalid) and gaps it must not (valid); every rule of the pack must have a table.
 */
import assert from 'node:assert/strict';
import { findingMessage, judgeGaps, type RulePack } from '../../src/judge/index.js';
import type { Gap } from '../../src/model/finding.js';
import type { RuleCases } from './gap-factories.js';

function describeGap(gap: Gap): string {
  const subject = gap.element ?? `${gap.dataType ?? '?'}→${gap.recipient?.party ?? '?'} (${gap.disclosure ?? '-'})`;
  return `${gap.kind} ${subject}`;
}

function firedRules(gap: Gap, pack: RulePack): string[] {
  return judgeGaps([gap], [pack]).flatMap((f) => f.rules.map((r) => r.rule));
}

export function runRuleCases(pack: RulePack, cases: Record<string, RuleCases>): void {
  describe(`rule pack ${pack.jurisdiction}`, () => {
    it('has a valid and an invalid case for every rule, and no case for an unknown rule', () => {
      assert.deepEqual(Object.keys(cases).sort(), pack.rules.map((r) => r.id).sort());
      for (const [id, table] of Object.entries(cases)) {
        assert.ok(table.valid.length > 0 && table.invalid.length > 0, `${id} needs valid and invalid cases`);
      }
    });

    for (const rule of pack.rules) {
      const table = cases[rule.id];
      if (!table) continue;
      describe(rule.id, () => {
        for (const gap of table.invalid) {
          it(`fires on ${describeGap(gap)}`, () => {
            assert.ok(firedRules(gap, pack).includes(rule.id), `${rule.id} should fire`);
            const finding = judgeGaps([gap], [pack])[0];
            assert.ok(finding && finding.message.length > 0 && finding.message === findingMessage(gap));
            const ref = finding.rules.find((r) => r.rule === rule.id);
            assert.equal(ref?.ref, rule.ref);
            assert.equal(ref?.titleZh, rule.title.zh);
            // `privdiff check` runs only policy rules: they must fire there too, the others must not.
            const inCheck = judgeGaps([gap], [pack], 'policy').some((f) => f.rules.some((r) => r.rule === rule.id));
            assert.equal(inCheck, rule.needs === 'policy');
          });
        }
        for (const gap of table.valid) {
          it(`does not fire on ${describeGap(gap)}`, () => {
            assert.ok(!firedRules(gap, pack).includes(rule.id), `${rule.id} should not fire`);
          });
        }
      });
    }
  });
}

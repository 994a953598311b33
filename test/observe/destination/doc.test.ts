import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DOMAIN_OWNERS_DOC, renderDomainOwnersDoc } from '../../../scripts/domain-owners-doc.js';
import { owners } from '../../../src/observe/destination/owners.js';

describe('docs/domain-owners.md', () => {
  const rendered = renderDomainOwnersDoc();

  it('is up to date with data/organizations.json (run npx tsx scripts/domain-owners-doc.ts)', () => {
    assert.equal(readFileSync(DOMAIN_OWNERS_DOC, 'utf8'), rendered);
  });

  it('has a row per organisation naming its domains and product domains', () => {
    assert.match(rendered, /^# Domain owners$/m);
    for (const org of owners().byId.values()) {
      const row = rendered.split('\n').find((l) => l.startsWith(`| \`${org.id}\` |`));
      assert.ok(row, org.id);
      for (const d of owners().domainsOf(org.id)) assert.ok(row.includes(`\`${d}\``), `${org.id}: ${d}`);
    }
  });

  it('keeps a pipe inside a name from breaking the table', () => {
    const doc = renderDomainOwnersDoc([{ id: 'x', name: 'A | B', aliases: { en: ['a'], zh: [] }, category: 'advertiser', domains: ['x.com'] }]);
    assert.ok(doc.includes('| `x` | A \\| B | advertiser |'));
  });
});

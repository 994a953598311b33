import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { packagePath, readDataFile } from '../../src/vocab/data-file.js';
import { ontology } from '../../src/vocab/ontology.js';
import { validate } from '../../src/vocab/schemas.js';

describe('data files validate against their schemas', () => {
  it('data/ontology.json', () => assert.equal(validate('ontology', readDataFile('data', 'ontology.json')), undefined));
  it('data/data-type-names.json (not checked at run time: display-names.ts trusts it)', () => assert.equal(validate('data-type-names', readDataFile('data', 'data-type-names.json')), undefined));
  it('data/organizations.json', () => assert.equal(validate('organizations', readDataFile('data', 'organizations.json')), undefined));

  it('every rule pack in policies/', () => {
    for (const file of readdirSync(packagePath('policies')).filter((f) => f.endsWith('.json'))) {
      const problem = validate('rule-pack', JSON.parse(readFileSync(packagePath('policies', file), 'utf8')));
      assert.equal(problem, undefined, `${file}: ${problem}`);
    }
  });

  it('the ontology has the stable ids of PRODUCT.md with parents that exist', () => {
    const o = ontology();
    for (const id of ['personal_info', 'imei', 'advertising_id', 'phone_number', 'contacts', 'precise_location', 'installed_apps', 'call_log', 'credentials', 'national_id', 'bank_card', 'biometric', 'browsing_history']) {
      assert.ok(o.dataTypes.has(id), id);
    }
    for (const entry of o.dataTypes.values()) {
      if (entry.parent !== null) assert.ok(o.dataTypes.has(entry.parent), `${entry.id} → ${entry.parent}`);
      assert.ok(entry.terms.en.length > 0 && entry.terms.zh.length > 0, `${entry.id} needs English and Chinese terms`);
    }
    assert.deepEqual(o.dataTypeLineage('imei'), ['imei', 'device_id', 'personal_info']);
    assert.deepEqual(o.recipientLineage('advertiser'), ['advertiser', 'third_party']);
  });

  it('an organisation category is an ontology recipient id', () => {
    const o = ontology();
    const orgs = readDataFile<{ organizations: { id: string; category: string }[] }>('data', 'organizations.json').organizations;
    for (const org of orgs) assert.ok(o.recipients.has(org.category), `${org.id}: ${org.category}`);
    assert.equal(new Set(orgs.map((x) => x.id)).size, orgs.length, 'organisation ids are unique');
  });
});

/** Every shipped rule pack: valid against its schema, unique ids, and only ontology ids in its conditions. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rulePacks } from '../../src/judge/index.js';
import { packagePath } from '../../src/vocab/data-file.js';
import { ontology } from '../../src/vocab/ontology.js';
import { validate } from '../../src/vocab/schemas.js';

const dir = packagePath('policies');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const EXPECTED = ['ccpa', 'cn-app', 'cn-necessary', 'coppa', 'gbt35273', 'gdpr', 'lgpd', 'pipl'];

describe('rule packs: data checks', () => {
  it('ships the eight jurisdictions, one file each named after its id', () => {
    assert.deepEqual(rulePacks().map((p) => p.jurisdiction), EXPECTED);
    for (const pack of rulePacks()) assert.ok(files.includes(`${pack.jurisdiction}.json`), pack.jurisdiction);
  });

  for (const file of files) {
    it(`${file} validates against schemas/rule-pack.schema.json`, () => {
      const data: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      assert.equal(validate('rule-pack', data), undefined);
    });
  }

  it('rule ids are unique across all packs and start with their jurisdiction', () => {
    const ids = rulePacks().flatMap((p) => p.rules.map((r) => r.id));
    assert.equal(new Set(ids).size, ids.length, ids.filter((id, i) => ids.indexOf(id) !== i).join(', '));
    for (const pack of rulePacks()) for (const rule of pack.rules) assert.ok(rule.id.startsWith(`${pack.jurisdiction}/`));
  });

  it('every data type and notice element named in a pack exists in data/ontology.json', () => {
    const o = ontology();
    for (const pack of rulePacks()) {
      for (const t of pack.sensitiveDataTypes ?? []) assert.ok(o.dataTypes.has(t), `${pack.jurisdiction} sensitiveDataTypes: ${t}`);
      for (const rule of pack.rules) {
        for (const t of rule.when.dataTypes ?? []) assert.ok(o.dataTypes.has(t), `${rule.id} dataTypes: ${t}`);
        if (rule.when.element !== undefined) assert.ok(o.noticeElements.has(rule.when.element), `${rule.id} element: ${rule.when.element}`);
      }
    }
  });

  it('a rule that tests sensitivity belongs to a pack that lists sensitive types', () => {
    for (const pack of rulePacks()) {
      for (const rule of pack.rules.filter((r) => r.when.sensitive !== undefined)) {
        assert.ok((pack.sensitiveDataTypes ?? []).length > 0, rule.id);
      }
    }
  });

  it('policy-only rules test only missing notice elements; the others never do', () => {
    for (const rule of rulePacks().flatMap((p) => p.rules)) {
      const kinds = Array.isArray(rule.when.kind) ? rule.when.kind : [rule.when.kind];
      assert.equal(kinds.includes('missing_notice_element'), rule.needs === 'policy', rule.id);
      assert.equal(rule.when.element !== undefined, rule.needs === 'policy', rule.id);
    }
  });

  it('every rule has an English and a Chinese title, and Chinese text is Chinese', () => {
    for (const rule of rulePacks().flatMap((p) => p.rules)) {
      assert.ok(rule.title.en.length > 0, rule.id);
      assert.match(rule.title.zh, /\p{Script=Han}/u, rule.id);
      if (rule.description) assert.match(rule.description.zh, /\p{Script=Han}/u, rule.id);
    }
  });

  it('the Chinese app-rules pack cites clauses of the 2019 method by section and item', () => {
    const pack = rulePacks().find((p) => p.jurisdiction === 'cn-app')!;
    for (const rule of pack.rules) assert.match(rule.ref, /^[一二三四五六]、\d$/, rule.id);
  });
});

/**
 * Jurisdiction rule packs: data files in policies/, one per jurisdiction, validated against
 * schemas/rule-pack.schema.json when loaded. A rule is metadata (id, legal reference, EN/ZH title,
 * severity) plus a small declarative condition (`when`) over gaps — like an ESLint rule's meta.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FindingKind, Severity } from '../model/finding.js';
import { packagePath } from '../vocab/data-file.js';
import { validate } from '../vocab/schemas.js';

export interface Bilingual {
  en: string;
  zh: string;
}

export type RuleKind = FindingKind;

export interface RuleCondition {
  kind: RuleKind | RuleKind[];
  party?: 'first' | 'third';
  /** The recipient's category is one of these (or a narrower one). */
  recipientCategory?: string[];
  dataTypes?: string[];
  sensitive?: boolean;
  disclosure?: string[];
  element?: string;
  facts?: Record<string, string | number | boolean>;
}

export interface Rule {
  id: string;
  ref: string;
  title: Bilingual;
  description?: Bilingual;
  severity: Severity;
  needs: 'policy' | 'flows' | 'both';
  when: RuleCondition;
}

export interface RulePack {
  jurisdiction: string;
  name: Bilingual;
  law: { title: Bilingual; url?: string; effective?: string };
  regions?: string[];
  sensitiveDataTypes?: string[];
  rules: Rule[];
}

/**
 * Loads and validates one rule pack; a broken pack is a bug in privdiff's data, so it throws.
 * `schemaCheck: false` is for the packs shipped in policies/, which the test suite validates
 * (test/core/data-files.test.ts): compiling the schema would otherwise be most of `privdiff rules`'s time.
 */
export function loadRulePack(file: string, schemaCheck = true): RulePack {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problem = schemaCheck ? validate('rule-pack', data) : undefined;
  if (problem) throw new Error(`rule pack ${file} is invalid: ${problem}`);
  const pack = data as RulePack;
  for (const rule of pack.rules) {
    if (!rule.id.startsWith(`${pack.jurisdiction}/`)) {
      throw new Error(`rule pack ${file}: rule ${rule.id} must start with "${pack.jurisdiction}/"`);
    }
  }
  return pack;
}

let shipped: RulePack[] | undefined;

/** Every rule pack in policies/, sorted by jurisdiction id. */
export function rulePacks(dir = packagePath('policies')): RulePack[] {
  const isShipped = dir === packagePath('policies');
  if (isShipped && shipped) return shipped;
  const packs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadRulePack(path.join(dir, f), !isShipped));
  if (isShipped) shipped = packs;
  return packs;
}

/**
 * SARIF 2.1.0 log for CI dashboards and code-scanning tools. One run; one reporting descriptor per
 * jurisdiction rule that fired; one result per finding, located in the policy file and in the capture
 * (a logical location per flow). Structure checked by schemas/sarif-2.1.0.schema.json.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, RuleRef, Severity } from '../model/finding.js';
import { evidencePlace } from './evidence-place.js';
import { labels, type Labels } from './labels.js';
import { trafficReadLabels } from './traffic-read.js';
import { jsonVisible, visible, wellFormed, wellFormedDeep } from './text-safety.js';
import type { Formatter, Report } from './model.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };
const FINGERPRINT_KEY = 'privdiffFindingId/v1';

/** The SARIF `location` objects privdiff writes. */
export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string; index?: number };
    region?: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string; properties: Record<string, string | number> }[];
  message: { text: string };
}

/** Relative paths are relative to the directory privdiff ran in: SARIF's source root. */
const SRCROOT = 'SRCROOT';
const INFORMATION_URI = 'https://privdiff.dev/';

/** An artifact location: relative paths carry uriBaseId SRCROOT; absolute paths and URLs stand alone. */
export function artifactLocation(source: string): { uri: string; uriBaseId?: string } {
  const uri = artifactUri(source);
  return /^[a-z][a-z0-9+.-]*:/i.test(uri) ? { uri } : { uri, uriBaseId: SRCROOT };
}

/** A URI reference for a file name as given on the command line (URLs stay as they are). */
export function artifactUri(source: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return source;
  if (path.isAbsolute(source)) return pathToFileURL(source).href;
  return source.split(/[\\/]/).map((part) => encodeURIComponent(wellFormed(part))).join('/');
}

/** `gdpr/undisclosed-collection` → `GdprUndisclosedCollection` (SARIF's rule `name` is an identifier-like string). */
function ruleName(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
}

function descriptor(r: RuleRef, lang: 'en' | 'zh') {
  const title = lang === 'zh' ? r.titleZh : r.title;
  const legal = `${r.jurisdiction.toUpperCase()} ${r.ref}`;
  return {
    id: r.rule,
    name: ruleName(r.rule),
    shortDescription: { text: title },
    fullDescription: { text: `${title} (${legal})` },
    help: { text: `${legal}: ${title}`, markdown: `**${legal}** — ${title}` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    // helpUri: the law itself, where the pack names where to read it.
    ...(r.url ? { helpUri: r.url } : {}),
    properties: { severity: r.severity, jurisdiction: r.jurisdiction, legalReference: r.ref, tags: ['privacy', r.jurisdiction] },
  };
}

function result(f: Finding, report: Report, ruleIndex: Map<string, number>, lang: 'en' | 'zh') {
  const L = labels(lang);
  const first = f.rules[0];
  const artifacts = [report.policy.source, ...report.captures.map((c) => c.source)];
  const policyLocations: SarifLocation[] = (f.evidence.policy.length > 0 ? f.evidence.policy : [undefined]).map((p) => ({
    // The region is where the loader's sentence stands in the source file (absent when it could not be found there).
    physicalLocation: { artifactLocation: { ...artifactLocation(report.policy.source), index: 0 }, ...(p?.region ? { region: p.region } : {}) },
    message: { text: visible(p ? `${evidencePlace(p)}: ${p.text}` : L.noPolicyText(f.kind)) },
  }));
  const flowLocations: SarifLocation[] = f.evidence.flows.map((e) => ({
    physicalLocation: { artifactLocation: { ...artifactLocation(e.capture), ...(artifacts.indexOf(e.capture) > 0 ? { index: artifacts.indexOf(e.capture) } : {}) } },
    logicalLocations: [{
      name: `flow ${e.index}`,
      fullyQualifiedName: `${e.capture}#flow/${e.index}`,
      kind: 'resource',
      properties: { index: e.index, time: e.time, host: e.host, ...(e.method ? { method: e.method } : {}), ...(e.url ? { url: e.url } : {}) },
    }],
    message: { text: visible([`#${e.index}`, e.method, e.url ?? e.host, e.value !== undefined ? `${e.where ?? ''} ${e.encoding ?? ''} ${e.value}`.trim() : ''].filter(Boolean).join(' ')) },
  }));
  return {
    ...(first ? { ruleId: first.rule, ruleIndex: ruleIndex.get(first.rule) } : {}),
    kind: 'fail',
    level: LEVEL[f.severity],
    message: { text: visible(L.message(f)) },
    locations: [...policyLocations, ...flowLocations],
    partialFingerprints: { [FINGERPRINT_KEY]: f.id },
    properties: {
      findingId: f.id,
      findingKind: f.kind,
      severity: f.severity,
      rules: f.rules.map((r) => r.rule),
      legalReferences: f.rules.map((r) => `${r.jurisdiction.toUpperCase()} ${r.ref}`),
      ...(f.dataType ? { dataType: f.dataType } : {}),
      ...(f.disclosure ? { disclosure: f.disclosure } : {}),
      ...(f.element ? { element: f.element } : {}),
      ...(f.recipient ? { recipient: f.recipient } : {}),
    },
  };
}

/** What the report could not see, as notes: no flows read; encrypted connections not decrypted, per host and reason. */
function unseenNotes(report: Report, L: Labels): { level: 'warning' | 'note'; message: { text: string } }[] {
  const notes: { level: 'warning' | 'note'; message: { text: string } }[] = [];
  const unread = report.mode === 'check' ? undefined : trafficReadLabels(report);
  if (unread) notes.push({ level: 'warning', message: { text: L.t(unread.verdict) } });
  const tls = report.tls;
  if (tls && tls.undecrypted > 0) {
    const partial = tls.partial > 0 ? L.t('tlsPartial', { n: tls.partial }) : '';
    notes.push({ level: 'warning', message: { text: L.t('tlsSummary', { undecrypted: tls.undecrypted, connections: tls.connections, partial }) } });
    for (const h of tls.hosts) {
      notes.push({ level: 'note', message: { text: `${L.t('tlsNotDecrypted')}: ${h.host} — ${L.tlsReason(h.reason)}, ${h.connections} ${L.t('tlsConnections').toLowerCase()}${h.detail ? ` (${h.detail})` : ''}` } });
    }
  }
  return notes;
}

export function sarifLog(report: Report, lang: 'en' | 'zh') {
  const L = labels(lang);
  const rules = new Map<string, RuleRef>();
  for (const f of report.findings) for (const r of f.rules) if (!rules.has(r.rule)) rules.set(r.rule, r);
  const ruleIndex = new Map([...rules.keys()].map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: report.tool.name,
          version: report.tool.version,
          informationUri: INFORMATION_URI,
          rules: [...rules.values()].map((r) => descriptor(r, lang)),
        },
      },
      language: lang === 'zh' ? 'zh-CN' : 'en-US',
      artifacts: [
        { location: artifactLocation(report.policy.source), roles: ['analysisTarget'], sourceLanguage: report.policy.language },
        ...report.captures.map((c) => ({ location: artifactLocation(c.source), roles: ['analysisTarget'], properties: { format: c.format, flows: c.flows } })),
      ],
      invocations: [{ executionSuccessful: report.errors.length === 0, endTimeUtc: report.generated,
        toolExecutionNotifications: [
          ...report.errors.map((e) => ({ level: 'error', message: { text: e } })),
          ...unseenNotes(report, L),
        ] }],
      originalUriBaseIds: { [SRCROOT]: { description: { text: L.t('srcroot') } } },
      results: report.findings.map((f) => result(f, report, ruleIndex, lang)),
      properties: { jurisdictions: report.jurisdictions, ...(report.region ? { region: report.region } : {}), revealed: report.revealed, summary: report.summary, ...(report.tls ? { tls: report.tls } : {}) },
    }],
  };
}

export const sarif: Formatter = (report, { lang }) => `${jsonVisible(JSON.stringify(wellFormedDeep(sarifLog(report, lang)), null, 2))}\n`;

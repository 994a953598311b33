/**
 * The whole pipeline as one library call: load → extract → observe → compare → judge → report.
 * Each stage stays a plain function; this file only wires them and chooses jurisdictions.
 */
import { FlowGrouper, observe } from './compare/index.js';
import { TlsCoverageCounter } from './compare/tls-coverage.js';
import { firstPartyDomainsFromPolicy } from './compare/first-party.js';
import { InputError, UsageError } from './errors.js';
import { extractPolicy } from './extract/index.js';
import { appCategory, checkPolicy, judge, type GapOptions } from './judge/index.js';
import { rulePacks, type RulePack } from './judge/rule-pack.js';
import { isKnownRegion, normaliseRegion } from './judge/regions.js';
import { loadPolicy } from './load/index.js';
import type { Finding } from './model/finding.js';
import type { Flow } from './model/flow.js';
import type { PolicyExtraction } from './model/practice.js';
import type { KnownIdentifiers } from './observe/detect/detector.js';
import { observeCaptures, type ObserveResult } from './observe/index.js';
import type { KeyLog } from './observe/tls/keylog.js';
import { buildReport, maskMessage, type Report } from './report/index.js';
import { withSourceRegions } from './report/source-region.js';
import { readFileSync, statSync } from 'node:fs';
import { appDomains, compareDeviceReports, readDeviceReports } from './device-reports.js';
import { partitionInputs } from './observe/device-report/partition.js';

export interface AnalyseOptions {
  policy: string;
  captures: string[];
  identifiers?: KnownIdentifiers;
  firstParty?: string[];
  jurisdictions?: string[];
  region?: string;
  consentAt?: GapOptions['consentAt'];
  appCategory?: string;
  /** The app (bundle id, package name or display name) to read from phone privacy reports covering many. */
  app?: string;
  lang?: 'en' | 'zh';
  reveal?: boolean;
  onWarning?(message: string): void;
  onProgress?(file: string, bytes: number): void;
  /** Called once per flow read, with the flow (progress counters; a study counts what stayed encrypted). */
  onFlow?(flow: Flow): void;
  /** TLS key log (NSS format) path or parsed key log, to decrypt HTTPS in pcaps. */
  keylog?: string | KeyLog;
  /** Worker threads for detection (see ObserveOptions.detectionWorkers). */
  detectionWorkers?: number;
  /** Fixed report time (reproducible output). */
  generated?: string;
}

/** The rule packs for --jurisdiction, or for --region when no jurisdiction is named, or all. */
export function chooseRulePacks(jurisdictions: string[] | undefined, region: string | undefined): RulePack[] {
  const packs = rulePacks();
  if (jurisdictions && jurisdictions.length > 0) {
    return jurisdictions.map((id) => {
      const pack = packs.find((p) => p.jurisdiction === id.toLowerCase());
      if (!pack) throw new UsageError(`unknown jurisdiction "${id}" (known: ${packs.map((p) => p.jurisdiction).join(', ')})`);
      return pack;
    });
  }
  if (region) {
    const id = normaliseRegion(region);
    const local = packs.filter((p) => p.regions?.includes(id));
    if (local.length > 0) return local;
  }
  return packs;
}

export function checkRegion(region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  if (!isKnownRegion(region)) throw new UsageError(`unknown region "${region}" (use EU, EEA, CN, US-CA, BR, UK or an ISO country code)`);
  return normaliseRegion(region);
}

/**
 * Loads and extracts a policy. The loader's warnings are kept, and a policy with no practice
 * statements at all gets one: compared with it, every flow reads as undisclosed, which is almost
 * never what the user meant (a wrong file, garbled text, a page that is not the policy).
 */
export async function readPolicy(source: string, lang?: 'en' | 'zh'): Promise<PolicyExtraction> {
  const document = await loadPolicy(source, lang ? { lang } : {});
  const extraction = extractPolicy(document);
  const warnings = [...(document.warnings ?? [])];
  if (extraction.practices.length === 0) {
    const blocks = document.blocks.length;
    warnings.push(`no practice statements found in ${blocks} block${blocks === 1 ? '' : 's'} of text (${document.language}): is this the privacy policy, in readable text? Compared with it, every flow reads as undisclosed`);
  }
  if (warnings.length > 0) extraction.warnings = warnings.map((w) => `${source}: ${w}`);
  return extraction;
}

/** Source regions (line, column) for the policy's sentences, for SARIF: local text and HTML files only. */
function locateInSource(policy: PolicyExtraction): PolicyExtraction {
  const source = policy.source;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /\.pdf$/i.test(source)) return policy;
  let text: string;
  try {
    if (!statSync(source).isFile() || statSync(source).size > 20 << 20) return policy;
    text = readFileSync(source, 'utf8');
  } catch {
    return policy; // read once already by the loader; a file gone since then just gets no regions
  }
  if (text.startsWith('%PDF')) return policy;
  return withSourceRegions(policy, text, /<(?:html|body|p|div|h[1-6])\b/i.test(text.slice(0, 65536)));
}

export interface AnalyseResult {
  report: Report;
  observed: ObserveResult;
  /** Input faults met while reading captures (the report covers what was read). */
  errors: InputError[];
}

export async function analyse(options: AnalyseOptions): Promise<AnalyseResult> {
  const region = checkRegion(options.region);
  // Checked before any input is read, so a mistyped category fails fast.
  const category = options.appCategory ? appCategory(options.appCategory).id : undefined;
  const packs = chooseRulePacks(options.jurisdictions, region);
  const policy = locateInSource(await readPolicy(options.policy, options.lang));
  // Warnings and errors may quote captured input: known identifiers are masked in them unless revealed.
  const knownValues = options.identifiers ? knownIdentifierValues(options.identifiers) : [];
  const safe = (message: string) => (options.reveal ? message : maskMessage(message, knownValues));
  const onWarning = options.onWarning;
  for (const warning of policy.warnings ?? []) onWarning?.(warning);
  // Phones' privacy reports are read first: their app id names the app's own domains.
  const inputs = await partitionInputs(options.captures);
  const device = await readDeviceReports(inputs.reports, { ...(options.app !== undefined ? { app: options.app } : {}), ...(onWarning ? { onWarning: (m: string) => onWarning(safe(m)) } : {}) });
  const firstPartyDomains = [...firstPartyDomainsFromPolicy(policy), ...(options.firstParty ?? []), ...appDomains(device.reports)];
  const destinations = { firstPartyDomains };
  // Flows are grouped as they stream; only a few per (data type, recipient) pair stay as evidence.
  const grouper = new FlowGrouper();
  const tls = new TlsCoverageCounter(options.keylog !== undefined);
  // Where each host's server was seen: locates the recipients a phone's report names only by domain.
  const hostCountries = new Map<string, string>();
  const observed = await observeCaptures(inputs.captures, {
    keep: (flow) => {
      if (flow.recipient?.country && !hostCountries.has(flow.recipient.host)) hostCountries.set(flow.recipient.host, flow.recipient.country);
      tls.add(flow);
      return grouper.add(flow);
    },
    ...(options.identifiers ? { identifiers: options.identifiers } : {}),
    destinations,
    ...(onWarning ? { onWarning: (m: string) => onWarning(safe(m)) } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onFlow ? { onFlow: options.onFlow } : {}),
    ...(options.keylog ? { keylog: options.keylog } : {}),
    ...(options.detectionWorkers !== undefined ? { detectionWorkers: options.detectionWorkers } : {}),
  });
  const observations = observe(grouper.groups(), policy);
  const phone = compareDeviceReports(device.reports, policy, destinations, hostCountries);
  const gapOptions: GapOptions = {};
  if (region) gapOptions.region = region;
  if (options.consentAt) gapOptions.consentAt = options.consentAt;
  if (category) gapOptions.appCategory = category;
  const findings = judge(observations, observed.flows, policy, packs, gapOptions, phone.gaps);
  const errors = [...device.errors, ...observed.errors];
  const report = buildReport({
    policy, captures: observed.captures, flows: observed.flows, flowCount: observed.flowCount, dataTypeFlows: grouper.dataTypeFlows,
    observations, findings,
    ...(phone.sections.length > 0 ? { deviceReports: phone.sections } : {}),
    jurisdictions: packs.map((p) => p.jurisdiction),
    ...(region ? { region } : {}),
    reveal: options.reveal === true,
    errors: errors.map((e) => e.message),
    tls: tls.result(),
    knownValues,
    ...(options.generated ? { generated: options.generated } : {}),
  });
  for (const e of errors) e.message = safe(e.message);
  return { report, observed, errors };
}

/** The strings of an identifiers file (coordinates are numbers, not searched for in text). */
function knownIdentifierValues(identifiers: KnownIdentifiers): string[] {
  return Object.values(identifiers).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
}

/** Policy-only checks (`privdiff check`). */
export async function checkPolicyFile(source: string, jurisdictions: string[] | undefined, region?: string, lang?: 'en' | 'zh'): Promise<{ policy: PolicyExtraction; findings: Finding[]; packs: RulePack[] }> {
  const packs = chooseRulePacks(jurisdictions, checkRegion(region));
  const policy = locateInSource(await readPolicy(source, lang));
  return { policy, findings: checkPolicy(policy, packs), packs };
}

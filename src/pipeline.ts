/**
 * The whole pipeline as one library call: load → extract → observe → compare → judge → report.
 * Each stage stays a plain function; this file only wires them and chooses jurisdictions.
 */
import { FlowGrouper, observe } from './compare/index.js';
import { inferFirstParty, type FirstPartyDomain } from './compare/first-party.js';
import { nameInLabel } from './observe/destination/resolve.js';
import { TlsCoverageCounter } from './compare/tls-coverage.js';
import { InputError, UsageError } from './errors.js';
import { appCategory, checkPolicy, judge, type GapOptions } from './judge/index.js';
import { rulePacks, type RulePack } from './judge/rule-pack.js';
import { ambiguousRegion, isKnownRegion, normaliseRegion, regionNames } from './judge/regions.js';
import { loadPolicy } from './load/index.js';
import { languageName } from './load/language.js';
import type { Finding } from './model/finding.js';
import type { Flow } from './model/flow.js';
import type { PolicyExtraction } from './model/practice.js';
import type { KnownIdentifiers } from './observe/detect/detector.js';
import { observeCaptures, type ObserveResult } from './observe/index.js';
import type { KeyLog } from './observe/tls/keylog.js';
import { buildReport, maskMessage, type Report } from './report/index.js';
import { withSourceRegions } from './report/source-region.js';
import { readFileSync, statSync } from 'node:fs';
import { displayName } from './stream-input.js';
import { compareDeviceReports, readDeviceReports } from './device-reports.js';
import { partitionInputs } from './observe/device-report/partition.js';

export interface AnalyseOptions {
  policy: string;
  captures: string[];
  identifiers?: KnownIdentifiers;
  firstParty?: string[];
  /** The app: its id (Android package, iOS bundle id) names its own domain (com.example.app → example.com); with phone privacy reports covering many apps, the one to read (id, package or display name). */
  app?: string;
  jurisdictions?: string[];
  region?: string;
  consentAt?: GapOptions['consentAt'];
  appCategory?: string;
  /** Read the policy as this language instead of the detected one (a warning says when the text disagrees). */
  policyLang?: 'en' | 'zh';
  /** @deprecated The old name of policyLang. */
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
  /** Worker threads for TCP reassembly (see ObserveOptions.reassemblyWorkers). */
  reassemblyWorkers?: number;
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
  const could = ambiguousRegion(region);
  if (could) throw new UsageError(`--region "${region}" is ambiguous: use ${could.join(' or ')}`);
  if (!isKnownRegion(region)) throw new UsageError(`unknown region "${region}" (known: ${regionNames().join(', ')}, or an ISO 3166-1 country code such as DE or JP)`);
  return normaliseRegion(region);
}

export interface ReadPolicyOptions {
  /** Read the policy as this language instead of the detected one (a warning says when the text disagrees). */
  lang?: 'en' | 'zh';
}

export interface PolicyRead {
  /** The practices and notice elements; `warnings` holds the loader's and extraction's warnings, each naming the file. */
  extraction: PolicyExtraction;
  /** Both languages carry a large share of the text (a bilingual policy). */
  mixed: boolean;
  /** The policy's text, block by block (for the addresses that name the first party). */
  texts: string[];
}

/**
 * Loads and extracts a policy. The loader's warnings are kept, and a policy with no practice
 * statements at all gets one: compared with it, every flow reads as undisclosed, which is almost
 * never what the user meant (a wrong file, garbled text, a page that is not the policy, a
 * --policy-lang the text contradicts).
 */
export async function readPolicyDocument(source: string, options: ReadPolicyOptions = {}): Promise<PolicyRead> {
  const document = await loadPolicy(source, options.lang ? { lang: options.lang } : {});
  const { extractPolicy } = await import('./extract/index.js');
  const extraction = extractPolicy(document);
  const warnings = [...(document.warnings ?? [])];
  if (extraction.practices.length === 0) {
    const blocks = document.blocks.length;
    warnings.push(`no practice statements found in ${blocks} block${blocks === 1 ? '' : 's'} of text (read as ${languageName(document.language)}): is this the privacy policy, in readable text? Compared with it, every flow reads as undisclosed`);
  }
  if (warnings.length > 0) extraction.warnings = warnings.map((w) => `${displayName(source)}: ${w}`);
  return { extraction, mixed: document.mixed === true, texts: document.blocks.map((b) => b.text) };
}

export async function readPolicy(source: string, options: 'en' | 'zh' | ReadPolicyOptions = {}): Promise<PolicyExtraction> {
  return (await readPolicyDocument(source, typeof options === 'string' ? { lang: options } : options)).extraction;
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
  /** The policy is bilingual (a large share of both languages). */
  policyMixed: boolean;
}

export async function analyse(options: AnalyseOptions): Promise<AnalyseResult> {
  const region = checkRegion(options.region);
  // Checked before any input is read, so a mistyped category fails fast.
  const category = options.appCategory !== undefined ? appCategory(options.appCategory).id : undefined;
  const packs = chooseRulePacks(options.jurisdictions, region);
  const policyLang = options.policyLang ?? options.lang;
  const read = await readPolicyDocument(options.policy, policyLang ? { lang: policyLang } : {});
  const { mixed: policyMixed, texts } = read;
  const policy = locateInSource(read.extraction);
  // Warnings and errors may quote captured input: known identifiers are masked in them unless revealed.
  const knownValues = options.identifiers ? knownIdentifierValues(options.identifiers) : [];
  const safe = (message: string) => (options.reveal ? message : maskMessage(message, knownValues));
  const onWarning = options.onWarning;
  for (const warning of policy.warnings ?? []) onWarning?.(warning);
  // Phones' privacy reports are read first: their app id names the app's own domains.
  const inputs = await partitionInputs(options.captures);
  const device = await readDeviceReports(inputs.reports, { ...(options.app !== undefined ? { app: options.app } : {}), ...(onWarning ? { onWarning: (m: string) => onWarning(safe(m)) } : {}) });
  const appIds = [...(options.app !== undefined ? [options.app] : []), ...device.reports.map((r) => r.app.id)];
  const inferred = inferFirstParty(policy, texts, { ...(options.firstParty ? { declared: options.firstParty } : {}), appIds });
  // Domains taken as first party because their label carries the controller's name, as flows reach them.
  const firstParty: FirstPartyDomain[] = [...inferred.domains];
  const known = new Set(firstParty.map((d) => d.domain));
  // With nothing else to go on, the first server the app contacts by name is taken as its own.
  const firstContact: { domain?: string; host?: string } | undefined = inferred.domains.length === 0 && inferred.nameWords.length === 0 ? {} : undefined;
  const noteFirstParty = (domain: string) => {
    if (known.has(domain)) return;
    known.add(domain);
    const match = nameInLabel(domain, inferred.nameWords);
    if (match) firstParty.push({ domain, reason: `its name carries "${match.word}" of the controller's name ${match.name}` });
    else if (firstContact?.domain === domain) firstParty.push({ domain, reason: `the first server the app contacted (${firstContact.host ?? domain}); nothing in the policy named the app's own domains` });
  };
  const destinations = { firstPartyDomains: inferred.domains.map((d) => d.domain), firstPartyNames: inferred.nameWords, ...(firstContact ? { firstContact } : {}) };
  // Flows are grouped as they stream; only a few per (data type, recipient) pair stay as evidence.
  const grouper = new FlowGrouper();
  const tls = new TlsCoverageCounter(options.keylog !== undefined);
  // Where each host's server was seen: locates the recipients a phone's report names only by domain.
  const hostCountries = new Map<string, string>();
  const observed = await observeCaptures(inputs.captures, {
    keep: (flow) => {
      if (flow.recipient?.country && !hostCountries.has(flow.recipient.host)) hostCountries.set(flow.recipient.host, flow.recipient.country);
      if (flow.recipient?.party === 'first') noteFirstParty(flow.recipient.domain);
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
    ...(options.reassemblyWorkers !== undefined ? { reassemblyWorkers: options.reassemblyWorkers } : {}),
  });
  const consent = options.consentAt;
  if (consent && 'flow' in consent && consent.flow >= observed.flowCount && observed.errors.length === 0) {
    throw new UsageError(`--consent-at ${consent.flow}: the captures hold ${observed.flowCount} flow(s)${observed.flowCount > 0 ? `, numbered 0 to ${observed.flowCount - 1}` : ''}`);
  }
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
    firstParty,
    reveal: options.reveal === true,
    errors: errors.map((e) => e.message),
    tls: tls.result(),
    knownValues,
    ...(options.generated ? { generated: options.generated } : {}),
  });
  for (const e of errors) e.message = safe(e.message);
  return { report, observed, errors, policyMixed };
}

/** The strings of an identifiers file (coordinates are numbers, not searched for in text). */
function knownIdentifierValues(identifiers: KnownIdentifiers): string[] {
  return Object.values(identifiers).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
}

/** Policy-only checks (`privdiff check`). */
export async function checkPolicyFile(
  source: string,
  jurisdictions: string[] | undefined,
  region?: string,
  options: 'en' | 'zh' | ReadPolicyOptions = {},
): Promise<{ policy: PolicyExtraction; findings: Finding[]; packs: RulePack[]; policyMixed: boolean }> {
  const packs = chooseRulePacks(jurisdictions, checkRegion(region));
  const read = await readPolicyDocument(source, typeof options === 'string' ? { lang: options } : options);
  const policy = locateInSource(read.extraction);
  return { policy, findings: checkPolicy(policy, packs), packs, policyMixed: read.mixed };
}

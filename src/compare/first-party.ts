/**
 * Who is the first party: the app's own domains, inferred from every e-mail and web address in the
 * policy, from the controller's name matched against domain labels, from the app's id, and given by
 * `--first-party`. Each domain keeps the reason it was taken, for the report (`firstParty`). A flow
 * to one of them is first party; everything else is a third party.
 */
import { getDomain } from 'tldts';
import type { PolicyExtraction } from '../model/practice.js';
import { owners } from '../observe/destination/owners.js';
import { readDataFile } from '../vocab/data-file.js';
import { appIdDomain } from './app-id-domain.js';

export interface FirstPartyDomain {
  domain: string;
  reason: string;
}

interface Lists {
  publicMail: string[];
  reference: string[];
  publicSectorSuffixes: string[];
  nameStopWords: string[];
}

let lists: { publicMail: Set<string>; reference: Set<string>; publicSector: string[]; stop: Set<string> } | undefined;

function data() {
  if (!lists) {
    const f = readDataFile<Lists>('data', 'first-party.json');
    lists = { publicMail: new Set(f.publicMail), reference: new Set(f.reference), publicSector: f.publicSectorSuffixes, stop: new Set(f.nameStopWords) };
  }
  return lists;
}

const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;
const WEB = /\bhttps?:\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)|\bwww\.([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

const registrable = (host: string) => getDomain(host.toLowerCase().replace(/\.$/, ''), { allowPrivateDomains: true }) ?? undefined;

/** Why a domain named in a policy is not the first party's, or undefined when it may be. */
function notFirstParty(domain: string): boolean {
  const d = data();
  if (d.publicMail.has(domain) || d.reference.has(domain)) return true;
  if ([...d.reference].some((r) => domain.endsWith(`.${r}`))) return true;
  if (d.publicSector.some((s) => domain === s || domain.endsWith(`.${s}`))) return true;
  // A company privdiff knows (an SDK vendor, an ad network, a platform) is a third party by definition.
  return owners().lookup(domain) !== undefined;
}

/** Every e-mail and web address in these texts, by registrable domain, first mention first. */
export function addressDomains(texts: Iterable<string>): { domain: string; reason: string }[] {
  const found = new Map<string, string>();
  for (const text of texts) {
    for (const m of text.matchAll(EMAIL)) {
      const domain = registrable(m[1] as string);
      if (domain && !found.has(domain)) found.set(domain, `e-mail address ${m[0]} in the policy`);
    }
    for (const m of text.matchAll(WEB)) {
      const host = (m[1] ?? m[2]) as string;
      const domain = registrable(host);
      if (domain && !found.has(domain)) found.set(domain, `web address ${m[0]} in the policy`);
    }
  }
  return [...found].filter(([domain]) => !notFirstParty(domain)).map(([domain, reason]) => ({ domain, reason }));
}

const LEGAL_FORM = /((?:[A-Z][\w&'’-]*[ \t]+){0,4}?[A-Z][\w&'’-]*)[,]?[ \t]+(?:Inc|Ltd|LLC|LLP|GmbH|Limited|Corp|Corporation|Co|plc|AG|S\.A|SAS|B\.V|Pte|Pty)\b\.?/g;

/** The controller's legal name(s) from the policy's controller-identity statements: "Nimbus Mobile Ltd.". */
export function controllerNames(policy: PolicyExtraction): string[] {
  const names = new Set<string>();
  for (const entry of policy.notice) {
    if (entry.element !== 'controller_identity') continue;
    for (const text of [entry.value ?? '', entry.evidence.text]) for (const m of text.matchAll(LEGAL_FORM)) names.add(m[0].trim().replace(/,$/, ''));
  }
  return [...names];
}

/** The distinctive words of a company name, lower-case, at least 4 letters: "Nimbus Mobile Ltd." → ["nimbus"]. */
export function nameWords(name: string): string[] {
  const stop = data().stop;
  return name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 4 && !stop.has(w));
}

export interface FirstPartyInference {
  /** Domains known before any traffic is read, with the reason for each. */
  domains: FirstPartyDomain[];
  /** Distinctive words of the controller's name, matched against the labels of the domains flows go to. */
  nameWords: { word: string; name: string }[];
}

/**
 * The first party as the policy, the app id and the user name it. Order of precedence for the
 * reason shown: the user's word, then the app id, then the policy's addresses.
 */
export function inferFirstParty(policy: PolicyExtraction, policyTexts: Iterable<string>, options: { declared?: string[]; appIds?: string[] } = {}): FirstPartyInference {
  const domains = new Map<string, string>();
  const add = (domain: string | undefined, reason: string) => {
    if (domain && !domains.has(domain)) domains.set(domain, reason);
  };
  for (const d of options.declared ?? []) add(registrable(d) ?? d.toLowerCase(), 'given with --first-party');
  for (const id of options.appIds ?? []) add(appIdDomain(id), `the app id ${id}`);
  for (const { domain, reason } of addressDomains(policyTexts)) add(domain, reason);
  const words = controllerNames(policy).flatMap((name) => nameWords(name).map((word) => ({ word, name })));
  return { domains: [...domains].map(([domain, reason]) => ({ domain, reason })), nameWords: words };
}

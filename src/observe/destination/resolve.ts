/**
 * Resolves where each flow goes: registrable domain (public-suffix aware, via tldts), owning
 * organisation and category, first or third party, and the server's country.
 */
import net from 'node:net';
import { getDomain } from 'tldts';
import type { Flow, Recipient } from '../../model/flow.js';
import type { RawFlow } from '../reader.js';
import { countryOfIp } from './geo-ip.js';
import { owners } from './owners.js';

export interface DestinationOptions {
  /** Registrable domains (or hosts) that belong to the app's own company. */
  firstPartyDomains: string[];
  /** Organisation ids that are the first party (when the policy's company is in data/organizations.json). */
  firstPartyOrganizations?: string[];
  /**
   * Distinctive words of the controller's name ("nimbus" of Nimbus Mobile Ltd.): a domain no known
   * company owns whose own label is or starts with one is first party (nimbusmsg.com).
   */
  firstPartyNames?: { word: string }[];
  /**
   * When given (and empty), the first server the capture shows the app contacting by name (a DNS
   * query, a TLS server name, an HTTP host) that no known company owns becomes first party, and its
   * domain and host are recorded here. For when nothing else names the first party.
   */
  firstContact?: { domain?: string; host?: string };
}

/** Names that are no server of the app: reverse lookups, local and multicast names. */
const NOT_A_SERVER = /(?:\.arpa|\.local|\.localdomain|\.lan|\.home|\.internal|^localhost|^wpad)$|^[^.]*$/;

/** Host name without a trailing dot, IPv6 brackets or a `:port` (an HTTP Host header can carry one). */
export function normaliseHost(host: string): string {
  const h = host.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (bracketed) return bracketed[1] as string;
  if (net.isIP(h)) return h;
  return h.replace(/:\d+$/, '').replace(/\.$/, '');
}

export function registrableDomain(host: string): string {
  const h = normaliseHost(host);
  if (net.isIP(h)) return h;
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

/** Name → addresses seen in DNS answers of the same captures, to locate servers we only know by name. */
export function dnsAddressBook(flows: Iterable<Pick<RawFlow, 'dns'>>): Map<string, string[]> {
  return addToAddressBook(new Map(), flows);
}

/** Adds the DNS answers of these flows to a name → addresses book (as flows stream). */
export function addToAddressBook(book: Map<string, string[]>, flows: Iterable<Pick<RawFlow, 'dns'>>): Map<string, string[]> {
  for (const f of flows) {
    if (!f.dns) continue;
    const name = normaliseHost(f.dns.query);
    const list = book.get(name) ?? [];
    for (const a of f.dns.answers) if (net.isIP(a) && !list.includes(a)) list.push(a);
    book.set(name, list);
  }
  return book;
}

/** The first party's hosts and registrable domains, computed once per options object, not per flow. */
const firstPartyCache = new WeakMap<DestinationOptions, { hosts: string[]; domains: Set<string>; organizations: Set<string> }>();

function firstPartyOf(options: DestinationOptions) {
  let fp = firstPartyCache.get(options);
  if (!fp) {
    const hosts = options.firstPartyDomains.map(normaliseHost);
    fp = { hosts, domains: new Set(hosts.map(registrableDomain)), organizations: new Set(options.firstPartyOrganizations ?? []) };
    firstPartyCache.set(options, fp);
  }
  return fp;
}

/**
 * What a host name alone decides (registrable domain, owner), remembered: a capture talks to a few
 * hundred hosts in hundreds of thousands of flows. Bounded: cleared whole when full.
 */
const hostFacts = new Map<string, { host: string; domain: string; isIp: boolean; match: ReturnType<ReturnType<typeof owners>['lookup']> }>();
const MAX_HOSTS = 50_000;

/** Facts of a host as a flow names it (a Host header may differ in case, carry a port or a trailing dot). */
function factsOf(named: string) {
  let facts = hostFacts.get(named);
  if (!facts) {
    if (hostFacts.size >= MAX_HOSTS) hostFacts.clear();
    const host = normaliseHost(named);
    const isIp = net.isIP(host) !== 0;
    facts = { host, domain: registrableDomain(host), isIp, match: isIp ? undefined : owners().lookup(host) };
    hostFacts.set(named, facts);
  }
  return facts;
}

/** Countries of server addresses, remembered like host facts (an app talks to few servers, often). */
const addressCountries = new Map<string, string | undefined>();

function countryOf(address: string): string | undefined {
  if (addressCountries.has(address)) return addressCountries.get(address);
  if (addressCountries.size >= MAX_HOSTS) addressCountries.clear();
  const country = countryOfIp(address);
  addressCountries.set(address, country);
  return country;
}

/** The first of the words (at least 4 letters) that the registrable domain's own label is, or starts with. */
export function nameInLabel<W extends { word: string }>(domain: string, names: readonly W[] | undefined): W | undefined {
  if (!names || names.length === 0) return undefined;
  const label = domain.split('.')[0] ?? '';
  return names.find(({ word }) => word.length >= 4 && (label === word || label.startsWith(word)));
}

export function resolveRecipient(
  flow: Pick<Flow, 'host' | 'serverIp'>,
  options: DestinationOptions,
  dns: Map<string, string[]> = new Map(),
): Recipient {
  const { host, domain, isIp, match } = factsOf(flow.host);
  const org = match?.organization;
  const fp = firstPartyOf(options);
  const contact = options.firstContact;
  if (contact && contact.domain === undefined && org === undefined && !isIp && !NOT_A_SERVER.test(host)) {
    contact.domain = domain;
    contact.host = host;
  }
  const firstParty =
    domain === contact?.domain || fp.domains.has(domain) || fp.hosts.some((d) => host === d || host.endsWith(`.${d}`)) || (org !== undefined && fp.organizations.has(org.id))
    || (org === undefined && !isIp && nameInLabel(domain, options.firstPartyNames) !== undefined);
  const address = flow.serverIp ?? (isIp ? host : dns.get(host)?.[0]);
  const country = address ? countryOf(address) : undefined;
  const recipient: Recipient = { host, domain, party: firstParty ? 'first' : 'third' };
  if (org) {
    recipient.organization = org.name;
    recipient.organizationId = org.id;
    if (!firstParty) recipient.category = match?.category ?? org.category;
  }
  if (country) recipient.country = country;
  return recipient;
}

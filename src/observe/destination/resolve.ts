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
}

export function registrableDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '').replace(/^\[|\]$/g, '');
  if (net.isIP(h)) return h;
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

/** Name → addresses seen in DNS answers of the same captures, to locate servers we only know by name. */
export function dnsAddressBook(flows: Iterable<Pick<RawFlow, 'dns'>>): Map<string, string[]> {
  const book = new Map<string, string[]>();
  for (const f of flows) {
    if (!f.dns) continue;
    const name = f.dns.query.toLowerCase();
    const list = book.get(name) ?? [];
    for (const a of f.dns.answers) if (net.isIP(a) && !list.includes(a)) list.push(a);
    book.set(name, list);
  }
  return book;
}

export function resolveRecipient(
  flow: Pick<Flow, 'host' | 'serverIp'>,
  options: DestinationOptions,
  dns: Map<string, string[]> = new Map(),
): Recipient {
  const host = flow.host.toLowerCase();
  const domain = registrableDomain(host);
  const org = net.isIP(host) ? undefined : owners().ownerOf(host);
  const firstParty =
    options.firstPartyDomains.some((d) => host === d || host.endsWith(`.${d}`) || domain === registrableDomain(d)) ||
    (org !== undefined && (options.firstPartyOrganizations ?? []).includes(org.id));
  const address = flow.serverIp ?? (net.isIP(host) ? host : dns.get(host)?.[0]);
  const country = address ? countryOfIp(address) : undefined;
  const recipient: Recipient = { host, domain, party: firstParty ? 'first' : 'third' };
  if (org) {
    recipient.organization = org.name;
    recipient.organizationId = org.id;
    if (!firstParty) recipient.category = org.category;
  }
  if (country) recipient.country = country;
  return recipient;
}

/**
 * Who owns a domain: data/organizations.json (our own file, built from public facts).
 * Lookup walks the host's labels from the longest suffix down, so `graph.facebook.com` and
 * `facebook.com` both resolve, and a more specific entry wins — which is how a product
 * (`gdt.qq.com`: Tencent's ad network) overrides its organisation's category.
 */
import { readDataFile } from '../../vocab/data-file.js';

/** Part of an organisation whose domains act in another recipient category (ads, analytics, payment). */
export interface Product {
  name: string;
  category: string;
  note?: string;
  domains: string[];
}

export interface Organization {
  id: string;
  name: string;
  aliases: { en: string[]; zh: string[] };
  category: string;
  country?: string;
  /** Id of the group company that owns this one. */
  parent?: string;
  note?: string;
  domains: string[];
  products?: Product[];
}

/** What one host resolved to: the organisation, the product when a product's domain matched, the category that applies. */
export interface OwnerMatch {
  organization: Organization;
  product?: Product;
  category: string;
  /** The listed domain that matched (the host itself or one of its parents). */
  matched: string;
}

interface OrganizationsFile {
  organizations: Organization[];
}

export class OwnerDirectory {
  private readonly byDomain = new Map<string, { organization: Organization; product?: Product }>();
  readonly byId = new Map<string, Organization>();

  constructor(organizations: Organization[]) {
    for (const org of organizations) {
      if (this.byId.has(org.id)) throw new Error(`organisation id ${org.id} is listed twice`);
      this.byId.set(org.id, org);
      for (const d of org.domains) this.index(d, org);
      for (const product of org.products ?? []) for (const d of product.domains) this.index(d, org, product);
    }
  }

  private index(domain: string, organization: Organization, product?: Product): void {
    const key = domain.toLowerCase();
    const prior = this.byDomain.get(key);
    // One owner per domain: a second claim is a data error, not something to resolve silently.
    if (prior && prior.organization !== organization) {
      throw new Error(`domain ${key} is listed under both ${prior.organization.id} and ${organization.id}`);
    }
    if (!prior || product) this.byDomain.set(key, product ? { organization, product } : { organization });
  }

  /** The most specific listed owner of `host` (or of one of its parent domains). */
  lookup(host: string): OwnerMatch | undefined {
    const labels = host.toLowerCase().replace(/\.$/, '').split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const matched = labels.slice(i).join('.');
      const hit = this.byDomain.get(matched);
      if (hit) {
        const match: OwnerMatch = { organization: hit.organization, category: hit.product?.category ?? hit.organization.category, matched };
        if (hit.product) match.product = hit.product;
        return match;
      }
    }
    return undefined;
  }

  /** The organisation owning `host` (or one of its parent domains), if known. */
  ownerOf(host: string): Organization | undefined {
    return this.lookup(host)?.organization;
  }

  /** Every domain of one organisation, its products' included: used to match a policy's named third party to flows. */
  domainsOf(orgId: string): string[] {
    const org = this.byId.get(orgId);
    if (!org) return [];
    return [...org.domains, ...(org.products ?? []).flatMap((p) => p.domains)];
  }

  /** The organisation and its group parents, nearest first: `['umeng', 'alibaba']`. Stops on a cycle. */
  lineage(orgId: string): string[] {
    const out: string[] = [];
    for (let id: string | undefined = orgId; id !== undefined && this.byId.has(id) && !out.includes(id); id = this.byId.get(id)?.parent) {
      out.push(id);
    }
    return out;
  }

  /** Every listed domain with its owner, in file order. */
  *entries(): IterableIterator<[string, OwnerMatch]> {
    for (const [domain, hit] of this.byDomain) {
      const match: OwnerMatch = { organization: hit.organization, category: hit.product?.category ?? hit.organization.category, matched: domain };
      if (hit.product) match.product = hit.product;
      yield [domain, match];
    }
  }
}

let shared: OwnerDirectory | undefined;

export function owners(): OwnerDirectory {
  shared ??= new OwnerDirectory(readDataFile<OrganizationsFile>('data', 'organizations.json').organizations);
  return shared;
}

/**
 * Who owns a domain: data/organizations.json (our own file, built from public facts).
 * Lookup walks the host's labels from the longest suffix down, so `graph.facebook.com` and
 * `facebook.com` both resolve, and a more specific entry wins.
 */
import { readDataFile } from '../../vocab/data-file.js';

export interface Organization {
  id: string;
  name: string;
  aliases: { en: string[]; zh: string[] };
  category: string;
  country?: string;
  domains: string[];
}

interface OrganizationsFile {
  organizations: Organization[];
}

export class OwnerDirectory {
  private readonly byDomain = new Map<string, Organization>();
  readonly byId = new Map<string, Organization>();

  constructor(organizations: Organization[]) {
    for (const org of organizations) {
      this.byId.set(org.id, org);
      for (const d of org.domains) this.byDomain.set(d.toLowerCase(), org);
    }
  }

  /** The organisation owning `host` (or one of its parent domains), if known. */
  ownerOf(host: string): Organization | undefined {
    const labels = host.toLowerCase().replace(/\.$/, '').split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const org = this.byDomain.get(labels.slice(i).join('.'));
      if (org) return org;
    }
    return undefined;
  }

  /** Every domain of one organisation: used to match a policy's named third party to flows. */
  domainsOf(orgId: string): string[] {
    return this.byId.get(orgId)?.domains ?? [];
  }
}

let shared: OwnerDirectory | undefined;

export function owners(): OwnerDirectory {
  shared ??= new OwnerDirectory(readDataFile<OrganizationsFile>('data', 'organizations.json').organizations);
  return shared;
}

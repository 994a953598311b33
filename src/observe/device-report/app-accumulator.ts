/**
 * Collects one app's records while a report streams: accesses (capped, with a count of the rest)
 * and contacts merged per (host, initiator). Memory follows the number of hosts, not of records.
 */
import type { DataAccess, DeviceReportApp, DomainContact } from '../../model/device-report.js';

/** Accesses kept per app; the rest are counted in a warning. */
export const MAX_ACCESSES = 10_000;

/** A contact as a reader yields it: resolved to a recipient only later. */
export type ContactRecord = Omit<DomainContact, 'recipient'>;

export class AppAccumulator {
  readonly accesses: DataAccess[] = [];
  droppedAccesses = 0;
  private readonly contacts = new Map<string, DomainContact>();

  constructor(readonly id: string, public name?: string) {}

  addAccess(access: DataAccess): void {
    if (this.accesses.length < MAX_ACCESSES) this.accesses.push(access);
    else this.droppedAccesses++;
  }

  addContact(c: ContactRecord): void {
    const host = c.host.toLowerCase().replace(/\.$/, '');
    const key = `${host}|${c.initiatedBy}`;
    const seen = this.contacts.get(key);
    if (!seen) {
      const contact: DomainContact = { host, hits: c.hits, first: c.first, last: c.last, initiatedBy: c.initiatedBy };
      if (c.reportedOwner) contact.reportedOwner = c.reportedOwner;
      if (c.reportedCategory) contact.reportedCategory = c.reportedCategory;
      this.contacts.set(key, contact);
      return;
    }
    seen.hits += c.hits;
    if (Date.parse(c.first) < Date.parse(seen.first)) seen.first = c.first;
    if (Date.parse(c.last) > Date.parse(seen.last)) seen.last = c.last;
    seen.reportedOwner ??= c.reportedOwner;
    seen.reportedCategory ??= c.reportedCategory;
  }

  result(): DeviceReportApp {
    const app: DeviceReportApp = {
      id: this.id,
      accesses: [...this.accesses].sort((a, b) => Date.parse(a.begin) - Date.parse(b.begin)),
      contacts: [...this.contacts.values()].sort((a, b) => Date.parse(a.first) - Date.parse(b.first) || a.host.localeCompare(b.host)),
    };
    if (this.name) app.name = this.name;
    return app;
  }
}

/**
 * What a phone's own privacy report shows, as plain data: the iOS App Privacy Report and
 * TrackerControl's export. Unlike a capture, such a report never shows which personal data a
 * request carried: it shows that an app used a data class on the device (an access), or that it
 * contacted a domain (a contact). JSON form: `deviceReports` in schemas/report.schema.json.
 */
import type { Recipient } from './flow.js';
import type { DisclosureClass } from './finding.js';
import type { Evidence } from './practice.js';

export type DeviceReportFormat = 'ios-app-privacy-report' | 'trackercontrol';

/** One use of a data class by the app, as the phone logged it (an interval, or a single moment). */
export interface DataAccess {
  /** The report's own category name (contacts, photos, camera, …). */
  category: string;
  /** Ontology data-type id the category maps to. */
  dataType: string;
  /** ISO 8601 start of the access. */
  begin: string;
  /** ISO 8601 end, when the report gives one. */
  end?: string;
}

/** Who started a connection: the app's own code, or content it loaded (a web view's page). */
export type Initiator = 'app' | 'content' | 'unknown';

/** A domain the app contacted, with the report's own facts about it. */
export interface DomainContact {
  host: string;
  /** Requests or connections the report counted. */
  hits: number;
  /** ISO 8601 times of the first and last contact. */
  first: string;
  last: string;
  initiatedBy: Initiator;
  /** The domain's owner as the report names it (iOS domainOwner, TrackerControl's tracker company). */
  reportedOwner?: string;
  /** The report's tracker category (TrackerControl: Advertising, Analytics, …). */
  reportedCategory?: string;
  /** Where the domain resolves to: organisation, party, category (country only when a capture of the same run located it). */
  recipient?: Recipient;
}

/** One app's part of a report. */
export interface DeviceReportApp {
  /** Bundle id (iOS) or package name (Android). */
  id: string;
  /** Display name, when the report gives one. */
  name?: string;
  accesses: DataAccess[];
  contacts: DomainContact[];
}

/** A report file as read for one app. */
export interface DeviceReport {
  source: string;
  format: DeviceReportFormat;
  app: DeviceReportApp;
  /** Every app the file covers, with record counts (the chosen one included). */
  apps: { id: string; name?: string; records: number }[];
  warnings: string[];
}

/** A data class the app used, against the policy: is collection of that data disclosed? */
export interface AccessObservation {
  source: string;
  dataType: string;
  categories: string[];
  disclosure: DisclosureClass;
  accesses: number;
  /** The first few accesses, as evidence. */
  samples: DataAccess[];
  policy: Evidence[];
}

/** A recipient the app contacted, against the policy: is that recipient (or its category) named? */
export interface ContactObservation extends Omit<DomainContact, 'host' | 'recipient'> {
  source: string;
  recipient: Recipient;
  hosts: string[];
  /** How the policy covers the recipient; data types stay unknown, so this is about the party only. */
  disclosure: DisclosureClass;
  policy: Evidence[];
}

/** One report's part of the Report record (schemas/report.schema.json, `deviceReports`). */
export interface DeviceReportSection {
  source: string;
  format: DeviceReportFormat;
  app: { id: string; name?: string };
  /** How many apps the file covers. */
  appsInFile: number;
  accesses: AccessObservation[];
  contacts: ContactObservation[];
  warnings: string[];
}

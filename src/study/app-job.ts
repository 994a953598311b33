/**
 * The records that travel between the study's coordinator and its workers (as IPC messages to a
 * worker process or as BullMQ job data and return values): plain, serialisable data only.
 */
import type { Recipient } from '../model/flow.js';
import type { DisclosureClass, Severity } from '../model/finding.js';

/** One app of a study with its inputs resolved: absolute paths, globs expanded, lists split. */
export interface StudyApp {
  id: string;
  /** Where the app was declared: `manifest.jsonl (line 4)` or `apps/<id>/`. */
  origin: string;
  policy: string;
  captures: string[];
  /** A file path, or the identifiers object given inline in the manifest. */
  identifiers?: string | Record<string, unknown>;
  region?: string;
  jurisdictions?: string[];
  appCategory?: string;
  consentAt?: { time: string } | { flow: number };
  keylog?: string;
  firstParty?: string[];
  labels: Record<string, string | number | boolean>;
}

/** An app the manifest reader could not turn into a StudyApp: it fails with this error. */
export interface ManifestFault {
  id: string;
  origin: string;
  error: string;
}

/** One unit of work: an app, the key its result is stored under, and where its reports go. */
export interface AppJob {
  app: StudyApp;
  /** Hash of the input contents, the options and the privdiff version (resume and job ids use it). */
  runKey: string;
  /** Hash of the input contents alone. */
  inputHash: string;
  /** DIR/apps/<id>/, absolute. */
  reportDir: string;
}

/** A recipient as stored: the flow model's record (src/model/flow.ts). */
export type StoredRecipient = Recipient;

export interface StoredObservation {
  dataType: string;
  recipient: StoredRecipient;
  disclosure: DisclosureClass;
  flowCount: number;
  cleartext: boolean;
  condition?: string;
}

export interface StoredFinding {
  id: string;
  kind: string;
  severity: Severity;
  dataType?: string;
  recipient?: StoredRecipient;
  disclosure?: DisclosureClass;
  element?: string;
  message: string;
  rules: { jurisdiction: string; rule: string; ref: string }[];
}

/** What a worker hands back for one app: the facts the study database keeps. */
export interface AppResult {
  policyLanguage: string;
  flows: number;
  /** TLS/QUIC flows whose contents could not be read at all. */
  encryptedFlows: number;
  /** TLS flows decrypted only in part (renegotiation, a gap, …). */
  partlyDecryptedFlows: number;
  /** Input faults and capture warnings: what could not be read. */
  unreadable: string[];
  observations: StoredObservation[];
  findings: StoredFinding[];
  /** Report files, relative to the study folder. */
  reportJson: string;
  reportHtml: string;
  durationMs: number;
  /** host:pid of the process that ran the app. */
  worker: string;
}

export type AppOutcome =
  | { job: AppJob; ok: true; result: AppResult }
  /** `retry`: worth another attempt (a crash, a limit) rather than a fault in the app's inputs. */
  | { job: AppJob; ok: false; error: string; retry: boolean };

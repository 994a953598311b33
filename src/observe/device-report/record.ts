/** What every phone-report reader yields, one record at a time, before records are grouped by app. */
import type { DataAccess, DeviceReportFormat } from '../../model/device-report.js';
import type { ContactRecord } from './app-accumulator.js';

export interface DeviceRecord {
  /** 1-based line of the record in its file. */
  line: number;
  app: string;
  appName?: string;
  access?: DataAccess;
  contact?: ContactRecord;
}

export interface DeviceReportContext {
  warn(message: string): void;
  progress?(bytesRead: number): void;
}

export interface DeviceReportReader {
  format: DeviceReportFormat;
  /** A person's name for the format, for messages. */
  title: string;
  sniff(head: Uint8Array): boolean;
  records(path: string, ctx: DeviceReportContext): AsyncIterable<DeviceRecord>;
}

/** A record line longer than this is not a report record. */
export const MAX_RECORD_LINE = 1 << 20;

/**
 * Stage 3, observe: captures → flows with their destinations and the personal data they carry.
 * Flows stream from the readers; each is scanned as it arrives and its body bytes dropped, so
 * memory grows with the number of flows, not with the size of the capture.
 */
import { InputError } from '../errors.js';
import type { CaptureInfo, Flow } from '../model/flow.js';
import { detectFlow } from './detect/index.js';
import type { KnownIdentifiers } from './detect/detector.js';
import { dnsAddressBook, resolveRecipient, type DestinationOptions } from './destination/resolve.js';
import { readerFor } from './readers.js';
import { loadKeyLog, type KeyLog } from './tls/keylog.js';

export interface ObserveOptions {
  identifiers?: KnownIdentifiers;
  destinations: DestinationOptions;
  /** Turn detection off (to measure reading alone). */
  detect?: boolean;
  /** Keep decoded request bodies on the flows (off by default: memory). */
  keepBodies?: boolean;
  onWarning?(message: string): void;
  onProgress?(file: string, bytesRead: number): void;
  /** TLS key log (NSS format): a file path, or one already parsed; decrypts HTTPS in pcap and pcapng captures. */
  keylog?: string | KeyLog;
}

export interface ObserveResult {
  captures: CaptureInfo[];
  flows: Flow[];
  /** Input faults; the flows read before each fault are still in `flows`. */
  errors: InputError[];
}

export async function observeCaptures(files: string[], options: ObserveOptions): Promise<ObserveResult> {
  const captures: CaptureInfo[] = [];
  const flows: Flow[] = [];
  const errors: InputError[] = [];
  // A bad key log is the user's mistake before any capture is read: it throws (InputError).
  const keylog = typeof options.keylog === 'string' ? await loadKeyLog(options.keylog) : options.keylog;
  for (const file of files) {
    const warnings: string[] = [];
    let count = 0;
    try {
      const reader = await readerFor(file);
      const info: CaptureInfo = { source: file, format: reader.format, flows: 0, warnings };
      captures.push(info);
      const ctx = {
        source: file,
        warn: (message: string) => {
          warnings.push(message);
          options.onWarning?.(`${file}: ${message}`);
        },
        progress: (bytes: number) => options.onProgress?.(file, bytes),
        ...(keylog ? { keylog } : {}),
      };
      try {
        for await (const raw of reader.read(file, ctx)) {
          const detections = options.detect === false ? [] : detectFlow(raw, options.identifiers);
          const flow: Flow = { ...raw, index: flows.length, capture: file, detections };
          if (raw.requestBody) {
            flow.requestBodySize = raw.requestBody.bytes.length;
            if (!options.keepBodies) delete flow.requestBody;
          }
          flows.push(flow);
          info.flows = ++count;
        }
      } finally {
        info.flows = count;
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(error);
    }
  }
  const dns = dnsAddressBook(flows);
  for (const flow of flows) flow.recipient = resolveRecipient(flow, options.destinations, dns);
  return { captures, flows, errors };
}

/**
 * Stage 3, observe: captures → flows with their destinations and the personal data they carry.
 * Flows stream from the readers; each is scanned and resolved as it arrives and its body bytes
 * dropped. With `keep`, only the flows a caller needs stay in memory (compare keeps a few per
 * (data type, recipient) pair), so memory does not grow with the capture.
 */
import { InputError } from '../errors.js';
import type { CaptureInfo, Detection, Flow } from '../model/flow.js';
import { detectFlow } from './detect/index.js';
import { DetectionPool, defaultDetectionWorkers } from './detect/pool.js';
import { DetectionQueue } from './detect/detection-queue.js';
import type { RawFlow } from './reader.js';
import type { KnownIdentifiers } from './detect/detector.js';
import { addToAddressBook, resolveRecipient, type DestinationOptions } from './destination/resolve.js';
import { openCapture } from './readers.js';
import { displayName } from '../stream-input.js';
import { loadKeyLog, type KeyLog } from './tls/keylog.js';

export interface ObserveOptions {
  identifiers?: KnownIdentifiers;
  destinations: DestinationOptions;
  /** Turn detection off (to measure reading alone). */
  detect?: boolean;
  /**
   * Worker threads for detection (default: one fewer than the cores, at most 4; 0 runs it inline).
   * They start only once a capture has yielded a full batch, so small inputs never pay for them.
   */
  detectionWorkers?: number;
  /** Worker threads for TCP reassembly in packet captures (ReadContext.reassemblyWorkers; 0: none). */
  reassemblyWorkers?: number;
  /** Keep decoded request bodies on the flows (off by default: memory). */
  keepBodies?: boolean;
  onWarning?(message: string): void;
  onProgress?(file: string, bytesRead: number): void;
  /** Called once per flow, after detection and resolution (progress counters). */
  onFlow?(flow: Flow): void;
  /** Decides, flow by flow, which flows stay in the result (default: all). Called after detection and resolution. */
  keep?(flow: Flow): boolean;
  /** TLS key log (NSS format): a file path, or one already parsed; decrypts HTTPS in pcap and pcapng captures. */
  keylog?: string | KeyLog;
}

export interface ObserveResult {
  captures: CaptureInfo[];
  /** The flows kept (all of them unless ObserveOptions.keep said otherwise). */
  flows: Flow[];
  /** How many flows were read in all. */
  flowCount: number;
  /** Input faults; the flows read before each fault are still in `flows`. */
  errors: InputError[];
}

export async function observeCaptures(files: string[], options: ObserveOptions): Promise<ObserveResult> {
  const captures: CaptureInfo[] = [];
  const flows: Flow[] = [];
  const errors: InputError[] = [];
  let flowCount = 0;
  // Names → addresses from the DNS answers seen so far: answers precede the connections they serve.
  const dns = new Map<string, string[]>();
  // A bad key log is the user's mistake before any capture is read: it throws (InputError).
  const keylog = typeof options.keylog === 'string' ? await loadKeyLog(options.keylog) : options.keylog;
  // Lines the key log could not use were skipped while loading it: one warning with their count.
  const skippedKeys = keylog?.skippedWarning(keylog.source ?? 'key log');
  if (skippedKeys) options.onWarning?.(skippedKeys);
  const detect = options.detect !== false;
  const workers = detect ? (options.detectionWorkers ?? defaultDetectionWorkers()) : 0;
  let pool: DetectionPool | undefined;
  try {
    for (const file of files) {
      const warnings: string[] = [];
      let count = 0;
      try {
        const { reader, input } = await openCapture(file);
        const info: CaptureInfo = { source: file, format: reader.format, flows: 0, warnings };
        captures.push(info);
        const ctx = {
          source: file,
          warn: (message: string) => {
            warnings.push(message);
            options.onWarning?.(`${displayName(file)}: ${message}`);
          },
          progress: (bytes: number) => options.onProgress?.(file, bytes),
          ...(keylog ? { keylog } : {}),
          ...(input ? { input } : {}),
          ...(options.reassemblyWorkers !== undefined ? { reassemblyWorkers: options.reassemblyWorkers } : {}),
        };
        /** Everything after detection, in capture order. */
        const finish = (raw: RawFlow, detections: Detection[]) => {
          // The reader's record becomes the flow (same key order as a copy would have): no object per flow.
          const flow = Object.assign(raw, { index: flowCount++, capture: file, detections }) as Flow;
          if (raw.requestBody) {
            flow.requestBodySize = raw.requestBody.bytes.length;
            if (!options.keepBodies) delete flow.requestBody;
          }
          if (flow.dns) addToAddressBook(dns, [flow]);
          flow.recipient = resolveRecipient(flow, options.destinations, dns);
          options.onFlow?.(flow);
          if (!options.keep || options.keep(flow)) flows.push(flow);
          info.flows = ++count;
        };
        const queue = new DetectionQueue(
          () => (pool ??= new DetectionPool(workers, options.identifiers, { ...(options.onWarning ? { onFallback: options.onWarning } : {}) })),
          workers, options.identifiers, finish,
        );
        try {
          for await (const raw of reader.read(file, ctx)) {
            if (workers === 0) {
              finish(raw, detect ? detectFlow(raw, options.identifiers) : []);
              continue;
            }
            const wait = queue.push(raw);
            if (wait) await wait;
          }
        } finally {
          // Also after a fault: the flows read before it are reported.
          await queue.flush();
          info.flows = count;
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        // Readers name their input by the path they were given; `-` reads better as <stdin>.
        errors.push(error.file === file && file !== displayName(file) ? new InputError(displayName(file), error.detail, error.position) : error);
      }
    }
  } finally {
    await pool?.close();
  }
  // A flow seen before the DNS answer naming its server is located once every answer is known.
  for (const flow of flows) {
    if (flow.recipient && !flow.recipient.country && !flow.serverIp) {
      const late = resolveRecipient(flow, options.destinations, dns);
      if (late.country) flow.recipient.country = late.country;
    }
  }
  return { captures, flows, flowCount, errors };
}

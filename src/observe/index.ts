/**
 * Stage 3, observe: captures → flows with their destinations and the personal data they carry.
 * Flows stream from the readers; each is scanned and resolved as it arrives and its body bytes
 * dropped. With `keep`, only the flows a caller needs stay in memory (compare keeps a few per
 * (data type, recipient) pair), so memory does not grow with the capture.
 */
import { InputError } from '../errors.js';
import type { CaptureInfo, Detection, Flow } from '../model/flow.js';
import { detectFlow } from './detect/index.js';
import { DetectionPool, defaultDetectionWorkers, detectInput } from './detect/pool.js';
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

/**
 * Flows per batch sent to a detection worker, and batches in flight per worker. Request bodies (up
 * to 16 MB each) are bounded too: a batch is sent once it holds BATCH_BYTES of them, and no more
 * than IN_FLIGHT_BYTES wait for their detections, so memory stays bounded whatever the uploads.
 */
const BATCH = 128;
const IN_FLIGHT_PER_WORKER = 4;
const BATCH_BYTES = 4 << 20;
const IN_FLIGHT_BYTES = 32 << 20;

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
        const inFlight: Array<{ raws: RawFlow[]; bytes: number; detections: Promise<Detection[][]> }> = [];
        let batch: RawFlow[] = [];
        let batchBytes = 0;
        let inFlightBytes = 0;
        const send = () => {
          pool ??= new DetectionPool(workers, options.identifiers, { ...(options.onWarning ? { onFallback: options.onWarning } : {}) });
          inFlight.push({ raws: batch, bytes: batchBytes, detections: pool.detect(batch.map(detectInput)) });
          inFlightBytes += batchBytes;
          batch = [];
          batchBytes = 0;
        };
        const settleOldest = async () => {
          const { raws, bytes, detections } = inFlight.shift()!;
          inFlightBytes -= bytes;
          const found = await detections;
          for (let i = 0; i < raws.length; i++) finish(raws[i]!, found[i]!);
        };
        try {
          for await (const raw of reader.read(file, ctx)) {
            if (workers === 0) {
              finish(raw, detect ? detectFlow(raw, options.identifiers) : []);
              continue;
            }
            batch.push(raw);
            batchBytes += raw.requestBody?.bytes.length ?? 0;
            if (batch.length < BATCH && batchBytes < BATCH_BYTES) continue;
            send();
            while (inFlight.length > workers * IN_FLIGHT_PER_WORKER || (inFlight.length > 1 && inFlightBytes > IN_FLIGHT_BYTES)) await settleOldest();
          }
        } finally {
          // Also after a fault: the flows read before it are reported. A short tail is not worth a worker.
          if (inFlight.length === 0) for (const raw of batch.splice(0)) finish(raw, detectFlow(raw, options.identifiers));
          else if (batch.length > 0) send();
          while (inFlight.length > 0) await settleOldest();
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

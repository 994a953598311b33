/**
 * A detection worker: batches of flows in (only the request parts detectors read), their
 * detections out, in the same order. Each worker keeps its own field memo.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { detectFlow } from './detect-flow.js';
import type { KnownIdentifiers } from './detector.js';
import type { DetectJob, DetectReply } from './pool.js';

const known = (workerData as { identifiers?: KnownIdentifiers } | undefined)?.identifiers;

parentPort!.on('message', (job: DetectJob) => {
  let reply: DetectReply;
  try {
    reply = { id: job.id, detections: job.flows.map((flow) => detectFlow(flow, known)) };
  } catch (error) {
    // A detector bug must surface in the caller, not hang it waiting for a reply.
    reply = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});

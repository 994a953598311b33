/**
 * What a reader says about the strings it cut (capped-value.ts): a note on the flow for each, and
 * the request body's `problem` when the body was one of them, worded as the pcap path words an
 * HTTP body over its bound, so every format reports a skipped tail the same way.
 */
import type { RawFlow } from '../reader.js';
import type { CutString } from './capped-value.js';

export function describeCut(cut: CutString): string {
  const where = cut.path.length > 0 ? cut.path.join('.') : 'a string';
  return `${where} (at byte ${cut.offset}) of ${cut.bytes} bytes cut to the first ${cut.kept}: only those were searched`;
}

/** Adds the cuts to the flow; `isBody` says which path is the request body in this format. */
export function noteCuts(flow: RawFlow, cuts: readonly CutString[], isBody: (path: readonly string[]) => boolean): void {
  if (cuts.length === 0) return;
  const notes = (flow.notes ??= []);
  for (const cut of cuts) {
    notes.push(describeCut(cut));
    if (flow.requestBody && isBody(cut.path)) {
      const problem = `body of ${cut.bytes} bytes (as written in the capture) cut to the first ${cut.kept}`;
      flow.requestBody.problem = flow.requestBody.problem ? `${flow.requestBody.problem}; ${problem}` : problem;
    }
  }
}

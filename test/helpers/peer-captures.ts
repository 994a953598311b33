/**
 * The captures from Wireshark's and nDPI's test suites in ../shared/data/captures/peer/ (read in
 * place, never copied): where they are, and privdiff's flows and warnings for one of them.
 */
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import type { Flow } from '../../src/model/flow.js';
import { observeCaptures } from '../../src/observe/index.js';
import { skipUnlessPresent } from './shared-data.js';
import { hasTshark } from './tshark.js';

export const PEER_DIR = fileURLToPath(new URL('../../../shared/data/captures/peer/', import.meta.url));

/** Skips the suite, saying why in its tests' titles, when the shared captures (or tshark, when needed) are not on this machine. */
export function requirePeerCaptures(ctx: Mocha.Context, withTshark = false): void {
  skipUnlessPresent(ctx, PEER_DIR);
  if (!withTshark || hasTshark()) return;
  const runnable = ctx.test;
  if (runnable instanceof Mocha.Hook) for (const t of runnable.parent?.tests ?? []) t.title += ' (skipped: tshark, the reference, is not installed)';
  ctx.skip();
}

export async function observePeer(file: string, keylog?: string): Promise<{ flows: Flow[]; warnings: string[] }> {
  const warnings: string[] = [];
  const result = await observeCaptures([PEER_DIR + file], {
    destinations: { firstPartyDomains: [] },
    detect: false,
    detectionWorkers: 0,
    onWarning: (m) => warnings.push(m),
    ...(keylog ? { keylog: PEER_DIR + keylog } : {}),
  });
  if (result.errors.length > 0) throw result.errors[0];
  return { flows: result.flows, warnings };
}

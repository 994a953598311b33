/**
 * The captures from Wireshark's and nDPI's test suites in ../shared/data/captures/peer/ (read in
 * place, never copied): where they are, and privdiff's flows and warnings for one of them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Flow } from '../../src/model/flow.js';
import { observeCaptures } from '../../src/observe/index.js';
import { hasTshark } from './tshark.js';

export const PEER_DIR = fileURLToPath(new URL('../../../shared/data/captures/peer/', import.meta.url));

/** Skips the suite, saying why, when the shared captures (or tshark, when needed) are not on this machine. */
export function requirePeerCaptures(ctx: Mocha.Context, withTshark = false): void {
  const missing = !existsSync(PEER_DIR) ? `${PEER_DIR} is not on this machine` : withTshark && !hasTshark() ? 'tshark is not installed' : undefined;
  if (!missing) return;
  const suite = ctx.currentTest?.parent ?? ctx.test?.parent;
  if (suite) suite.title += ` (skipped: ${missing})`;
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

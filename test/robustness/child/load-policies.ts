/**
 * Child process: loads each policy file given and reports its block count or InputError. A late
 * unhandled rejection inside a parser ends this process (Node's default), which the caller sees.
 * Usage: load-policies.ts FILE...
 */
import { InputError } from '../../../src/errors.js';
import { loadPolicy } from '../../../src/load/index.js';

const results: Array<{ file: string; blocks?: number; error?: string }> = [];
for (const file of process.argv.slice(2)) {
  try {
    results.push({ file, blocks: (await loadPolicy(file)).blocks.length });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    results.push({ file, error: error.message });
  }
}
// Give late rejections time to surface before reporting.
await new Promise((resolve) => setTimeout(resolve, 200));
console.log(JSON.stringify({ results, peakRssMb: process.resourceUsage().maxRSS / 1024 }));

/**
 * Runs a TypeScript script in a fresh Node process (tsx loader) and returns its last stdout line as
 * JSON plus the process's peak RSS: memory tests measure one job, not the whole mocha run.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildResult {
  /** The script's report (its last stdout line, JSON). */
  report: Record<string, unknown>;
  /** Peak resident set size of the child, MiB (from the script's own process.resourceUsage()). */
  peakRssMb: number;
}

export function runChild(script: string, args: string[], timeoutMs = 120_000): Promise<ChildResult> {
  const path = fileURLToPath(new URL(`./child/${script}`, import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', path, ...args], { timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${script} failed: ${error.message}\n${stderr.slice(-2000)}`));
        return;
      }
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        const report = JSON.parse(last) as Record<string, unknown>;
        resolve({ report, peakRssMb: Number(report.peakRssMb) });
      } catch {
        reject(new Error(`${script} printed no JSON report:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
      }
    });
  });
}

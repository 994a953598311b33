/** tshark, the reference the packet readers are checked against (installed by .ci/run). */
import { execFileSync } from 'node:child_process';

export function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    // Not installed here: the tests that compare with it skip.
    return false;
  }
}

/** Rows of the given fields (tab-separated by tshark) for packets matching a display filter. */
export function tsharkFields(file: string, filter: string, fields: string[], options: string[] = []): string[][] {
  const out = execFileSync('tshark', ['-r', file, ...options, '-Y', filter, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').filter((l) => l.trim() !== '').map((l) => l.split('\t'));
}

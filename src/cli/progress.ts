/** A progress line on stderr while big captures are read — only when stderr is a terminal. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { displayName, STDIN } from '../stream-input.js';

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ((file: string, bytes: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  const sizes = new Map<string, number>();
  let last = 0;
  return (file, bytes) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    let size = sizes.get(file);
    if (size === undefined) {
      // Standard input and pipes have no size (0): only the bytes read so far are shown.
      size = file === STDIN ? 0 : statSync(file).size;
      sizes.set(file, size);
    }
    if (size === 0) {
      stream.write(`\r${displayName(file)} ${(bytes / 1e6).toFixed(1)} MB`);
      return;
    }
    const ratio = Math.min(1, bytes / size);
    const width = 30;
    const bar = '█'.repeat(Math.round(ratio * width)).padEnd(width, '░');
    stream.write(`\r${path.basename(file)} ${bar} ${(ratio * 100).toFixed(0).padStart(3)}% ${(bytes / 1e6).toFixed(1)} MB`);
    if (ratio >= 1) stream.write('\n');
  };
}

export function clearProgress(stream: NodeJS.WriteStream = process.stderr): void {
  if (stream.isTTY) stream.write('\r\x1b[K');
}

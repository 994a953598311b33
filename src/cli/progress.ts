/**
 * Progress on stderr while captures are read.
 *   - On a terminal: one line redrawn in place (at most 10 times a second) with the file, a bar, the
 *     share read, the rate, the time left and the flows so far; at the end one summary line.
 *   - Elsewhere (a log file, CI): nothing for short runs; once a run has lasted PERIOD_MS, one plain
 *     line every PERIOD_MS, and the summary at the end. `--progress` prints the lines from the start.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** `--progress`: periodic lines even when stderr is not a terminal and the run is short. */
  always?: boolean;
  now?: () => number;
}

export interface Progress {
  /** Bytes of `file` read so far (the readers' ReadContext.progress). */
  onBytes(file: string, bytes: number): void;
  /** One more flow read. */
  onFlow(): void;
  /** Clears the bar and prints the summary line (when anything was shown, or on a terminal). */
  finish(): void;
}

const REDRAW_MS = 100;
export const PERIOD_MS = 5_000;

/** Size of a regular file; undefined for pipes and devices, whose end is not known in advance. */
function sizeOf(file: string): number | undefined {
  try {
    const info = statSync(file);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}:${String(s % 60).padStart(2, '0')}`;
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const count = (n: number) => n.toLocaleString('en-US');

export function progress(stream: ProgressStream = process.stderr, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const tty = stream.isTTY === true;
  const started = now();
  const sizes = new Map<string, number | undefined>();
  /** Bytes of the files already finished, and of the one being read. */
  const done = new Map<string, number>();
  let flows = 0;
  let lastDraw = 0;
  let lastLine = options.always ? started - PERIOD_MS : started;
  let shown = false;
  let current: string | undefined;
  let currentBytes = 0;

  const totalBytes = () => [...done.values()].reduce((a, b) => a + b, 0);

  const status = (): string => {
    const seconds = (now() - started) / 1000;
    const all = totalBytes();
    const rate = seconds > 0 ? all / seconds : 0;
    const size = current ? sizes.get(current) : undefined;
    const parts: string[] = [];
    if (size !== undefined && size > 0) {
      const ratio = Math.min(1, currentBytes / size);
      const eta = rate > 0 ? (size - currentBytes) / rate : Number.POSITIVE_INFINITY;
      parts.push(`${(ratio * 100).toFixed(0).padStart(3)}% of ${mb(size)}`, `${mb(rate)}/s`, `${duration(eta)} left`);
    } else {
      parts.push(mb(currentBytes), `${mb(rate)}/s`);
    }
    parts.push(`${count(flows)} flows`);
    return parts.join(' · ');
  };

  const draw = (force: boolean) => {
    const t = now();
    if (!current) return;
    if (tty) {
      if (!force && t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      const size = sizes.get(current);
      const width = 24;
      const filled = size ? Math.round(Math.min(1, currentBytes / size) * width) : 0;
      const bar = size ? `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ` : '';
      stream.write(`\r\x1b[K${path.basename(current)} ${bar}${status()}`);
      shown = true;
    } else if (t - lastLine >= PERIOD_MS) {
      lastLine = t;
      stream.write(`privdiff: progress: ${current}: ${status()}\n`);
      shown = true;
    }
  };

  return {
    onBytes(file, bytes) {
      if (!sizes.has(file)) sizes.set(file, sizeOf(file));
      current = file;
      currentBytes = bytes;
      done.set(file, bytes);
      draw(false);
    },
    onFlow() {
      flows++;
      if (!tty && flows % 1024 === 0) draw(false);
    },
    finish() {
      if (tty && shown) stream.write('\r\x1b[K');
      if (!shown && !tty && !options.always) return;
      const seconds = (now() - started) / 1000;
      const all = totalBytes();
      const files = done.size;
      const rate = seconds > 0 ? `, ${mb(all / seconds)}/s` : '';
      stream.write(`privdiff: read ${files} capture${files === 1 ? '' : 's'}, ${mb(all)} in ${seconds.toFixed(1)} s${rate}: ${count(flows)} flows\n`);
    },
  };
}

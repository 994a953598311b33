/**
 * The study's progress line on stderr, redrawn in place while stderr is a terminal: apps done,
 * failed, running, the rate and the time left. Nothing is drawn into a log file or a pipe.
 */
export interface ProgressCounts {
  total: number;
  /** Finished earlier, unchanged since: not run again. */
  skipped: number;
  done: number;
  failed: number;
  running: number;
}

const WIDTH = 28;
const REDRAW_MS = 200;

export function progressLine(c: ProgressCounts, elapsedMs: number): string {
  const finished = c.skipped + c.done + c.failed;
  const ratio = c.total > 0 ? finished / c.total : 1;
  const filled = Math.round(ratio * WIDTH);
  const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
  const ranNow = c.done + c.failed;
  const perMinute = elapsedMs > 0 ? (ranNow / elapsedMs) * 60_000 : 0;
  const left = c.total - finished;
  const eta = perMinute > 0 && left > 0 ? ` · ETA ${formatMinutes(left / perMinute)}` : '';
  const skipped = c.skipped > 0 ? ` (${c.skipped} unchanged)` : '';
  return `${bar} ${finished}/${c.total}${skipped} · ${c.failed} failed · ${c.running} running · ${perMinute.toFixed(1)} apps/min${eta}`;
}

function formatMinutes(minutes: number): string {
  if (minutes < 1) return `${Math.ceil(minutes * 60)} s`;
  if (minutes < 60) return `${Math.ceil(minutes)} min`;
  return `${Math.floor(minutes / 60)} h ${Math.ceil(minutes % 60)} min`;
}

export class ProgressBar {
  private last = 0;
  private readonly started = Date.now();

  constructor(private readonly stream: NodeJS.WriteStream | undefined, readonly counts: ProgressCounts) {}

  update(force = false): void {
    if (!this.stream?.isTTY) return;
    const now = Date.now();
    if (!force && now - this.last < REDRAW_MS) return;
    this.last = now;
    this.stream.write(`\r\x1b[K${progressLine(this.counts, now - this.started)}`);
  }

  /** Prints a line (without its newline) above the bar (a failed app), then redraws the bar. */
  above(line: string, write: (text: string) => void): void {
    if (this.stream?.isTTY) this.stream.write('\r\x1b[K');
    write(line);
    this.update(true);
  }

  end(): void {
    if (this.stream?.isTTY) this.stream.write(`\r\x1b[K${progressLine(this.counts, Date.now() - this.started)}\n`);
  }
}

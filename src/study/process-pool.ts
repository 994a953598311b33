/**
 * Worker processes for a study, each running one app at a time. A process that crashes, runs past
 * the per-app time limit or grows past the per-app memory limit is killed and replaced, and its app
 * fails with the reason. Used directly by the embedded queue and by `privdiff worker`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SEMI_SPACE_FLAG } from '../cli/relaunch.js';
import type { AppJob, AppOutcome } from './app-job.js';
import type { FromWorker } from './app-process.js';

export interface ToWorker {
  type: 'run';
  job: AppJob;
}

export interface PoolLimits {
  workers: number;
  /** Per-app wall-clock limit. */
  timeoutMs: number;
  /** Per-app memory limit: the process's V8 heap limit and its resident set, MiB. */
  memoryMb: number;
}

interface Pending {
  job: AppJob;
  resolve(outcome: AppOutcome): void;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  current?: Pending;
  /** Why we killed it, when we did. */
  killedFor?: string;
  timers: NodeJS.Timeout[];
  stderrTail: string;
}

/** Start failures in a row after which queued apps fail instead of waiting for a process. */
const MAX_START_FAILURES = 3;
const MEMORY_POLL_MS = 250;
const PAGE = 4096;

function entry(): { file: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  const typescript = self.endsWith('.ts');
  const file = self.replace(/process-pool\.(ts|js)$/, `app-process.${typescript ? 'ts' : 'js'}`);
  // Under tsx (tests, benchmarks) the child needs the loader too; the built package runs plain .js.
  return { file, execArgv: typescript ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [] };
}

/** Resident set size of a process in bytes (Linux /proc); undefined where that is not available. */
function residentBytes(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
  } catch {
    return undefined; // no /proc (not Linux) or the process just ended: nothing to measure
  }
}

export class ProcessPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private startFailures = 0;
  private closed = false;

  constructor(private readonly limits: PoolLimits, private readonly hooks: { onStart?(job: AppJob, pid: number): void } = {}) {}

  run(job: AppJob): Promise<AppOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  /** The worker processes' ids (tests kill one to check that it is replaced). */
  pids(): number[] {
    return [...this.slots].map((s) => s.child.pid).filter((p): p is number => p !== undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    const exits = [...this.slots].map((s) => new Promise<void>((resolve) => {
      if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
      s.child.once('exit', () => resolve());
      s.child.disconnect();
    }));
    await Promise.all(exits);
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.ready && !slot.current && this.queue.length > 0) this.send(slot, this.queue.shift() as Pending);
    }
    // Processes still starting will take the first waiting apps; start more only for the rest.
    let starting = [...this.slots].filter((s) => !s.ready).length;
    while (this.slots.size < this.limits.workers && this.queue.length > starting) {
      this.spawn();
      starting++;
    }
  }

  private spawn(): void {
    const { file, execArgv } = entry();
    const child = fork(file, [], {
      // Each app's captures are read as `compare` reads them: with the larger young generation.
      execArgv: [...execArgv, `--max-old-space-size=${this.limits.memoryMb}`, SEMI_SPACE_FLAG],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const slot: Slot = { child, ready: false, timers: [], stderrTail: '' };
    this.slots.add(slot);
    child.stderr?.on('data', (chunk: Buffer) => { slot.stderrTail = (slot.stderrTail + chunk.toString('utf8')).slice(-4000); });
    child.on('message', (message: FromWorker) => this.onMessage(slot, message));
    child.on('exit', (code, signal) => this.onExit(slot, code, signal));
    child.on('error', () => { /* the 'exit' event follows and says what happened */ });
  }

  private send(slot: Slot, pending: Pending): void {
    slot.current = pending;
    const pid = slot.child.pid as number;
    this.hooks.onStart?.(pending.job, pid);
    slot.timers.push(setTimeout(() => this.kill(slot, `took longer than the per-app time limit (${this.limits.timeoutMs / 1000} s)`), this.limits.timeoutMs));
    const limit = this.limits.memoryMb * 2 ** 20;
    slot.timers.push(setInterval(() => {
      const rss = residentBytes(pid);
      if (rss !== undefined && rss > limit) this.kill(slot, `exceeded the per-app memory limit (${this.limits.memoryMb} MB resident)`);
    }, MEMORY_POLL_MS));
    slot.child.send({ type: 'run', job: pending.job } satisfies ToWorker);
  }

  private kill(slot: Slot, reason: string): void {
    slot.killedFor ??= reason;
    slot.child.kill('SIGKILL');
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.startFailures = 0;
      this.pump();
      return;
    }
    const pending = slot.current;
    if (!pending) return;
    for (const t of slot.timers) clearTimeout(t);
    slot.timers = [];
    slot.current = undefined;
    pending.resolve(message.type === 'done' ? { job: pending.job, ok: true, result: message.result } : { job: pending.job, ok: false, error: message.error, retry: message.retry });
    this.pump();
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    for (const t of slot.timers) clearTimeout(t);
    this.slots.delete(slot);
    const outOfMemory = /heap out of memory|Reached heap limit/i.test(slot.stderrTail);
    const reason = slot.killedFor
      ?? (outOfMemory ? `exceeded the per-app memory limit (${this.limits.memoryMb} MB of heap)`
        : `the worker process crashed (${signal ? `signal ${signal}` : `exit code ${code}`})`);
    if (slot.current) {
      slot.current.resolve({ job: slot.current.job, ok: false, error: reason, retry: true });
    } else if (!slot.ready && !this.closed) {
      // It died while starting: after a few in a row, fail the waiting apps rather than loop.
      this.startFailures++;
      if (this.startFailures >= MAX_START_FAILURES) {
        const detail = slot.stderrTail.trim().split('\n').pop() ?? '';
        for (const pending of this.queue.splice(0)) pending.resolve({ job: pending.job, ok: false, error: `no worker process could start (${reason}${detail ? `: ${detail}` : ''})`, retry: true });
      }
    }
    this.pump();
  }
}

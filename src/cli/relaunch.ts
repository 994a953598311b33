/**
 * The commands that read captures run in a Node started with a larger young generation.
 *
 * Reading a capture allocates short-lived objects for every packet and flow, while a few thousand
 * flows wait in order for their detections. With V8's default semi-space (16 MB) those outlive a
 * scavenge, are copied and promoted, and garbage collection took a quarter of the reading thread
 * (compare on the 200 MB dense bench capture: 15.6 s; with 32 MB semi-spaces 12.6 s, peak RSS
 * +60 MB). V8 sizes its heap once, at start, so the launcher starts Node again with the flag when
 * the files named add up to RELAUNCH_BYTES or more (a second start costs ~0.1 s, more than the
 * young generation saves on a small capture); a user's own flag (on the command line or in
 * NODE_OPTIONS) is left as it is.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';

export const SEMI_SPACE_FLAG = '--max-semi-space-size=32';
/** Set in the relaunched process, so it never relaunches again. */
export const RELAUNCHED_ENV = 'PRIVDIFF_RELAUNCHED';
const CAPTURE_COMMANDS = new Set(['compare', 'observe']);
export const RELAUNCH_BYTES = 32 << 20;

/** The size of the regular file an argument names, else 0 (options, URLs, folders, standard input). */
export function fileSize(arg: string): number {
  try {
    const info = statSync(arg, { throwIfNoEntry: false });
    return info?.isFile() ? info.size : 0;
  } catch {
    return 0;
  }
}

/** The Node arguments to start the CLI again with, or undefined to run it in this process. */
export function relaunchArguments(
  script: string,
  argv: readonly string[],
  execArgv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  sizeOf: (arg: string) => number = fileSize,
): string[] | undefined {
  if (env[RELAUNCHED_ENV]) return undefined;
  const command = argv.find((a) => !a.startsWith('-'));
  if (command === undefined || !CAPTURE_COMMANDS.has(command)) return undefined;
  if (argv.includes('--help') || argv.includes('-h')) return undefined;
  const userSet = (a: string) => /^--(max|min)-semi-space-size\b/.test(a);
  if (execArgv.some(userSet) || (env.NODE_OPTIONS ?? '').split(/\s+/).some(userSet)) return undefined;
  let bytes = 0;
  for (const arg of argv) if (!arg.startsWith('-')) bytes += sizeOf(arg);
  if (bytes < RELAUNCH_BYTES) return undefined;
  return [...execArgv, SEMI_SPACE_FLAG, script, ...argv];
}

/**
 * Runs the CLI in a child Node with `args`, sharing this process's standard streams; resolves
 * to the exit code. Signals sent to this process alone are passed on; a child killed by a signal
 * kills this process with the same signal, so callers see what they would without the relaunch.
 */
export function relaunch(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, [RELAUNCHED_ENV]: '1' } });
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal: NodeJS.Signals) => { child.kill(signal); };
    for (const s of signals) process.on(s, forward);
    child.on('error', (error) => {
      process.stderr.write(`privdiff: cannot start ${process.execPath} (${error.message})\n`);
      resolve(2);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      if (signal) process.kill(process.pid, signal);
      resolve(code ?? 2);
    });
  });
}

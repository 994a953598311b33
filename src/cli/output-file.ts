/**
 * Where a command's output goes: stdout, or `-o FILE` written safely. A file is written to a
 * temporary file beside it and renamed over it only once everything is written, so a full disk or
 * a crash mid-write leaves the previous file whole and no truncated one; and `-o` naming one of
 * the command's inputs (or a link to one) is refused before anything is read.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** One input of a command, named by its role for the message (`the capture`, `the policy`, …). */
export interface NamedInput {
  role: string;
  file: string;
}

/** The output file could not be written (a full disk, a size limit): nothing more can go to it. */
export class OutputWriteError extends UsageError {
  override name = 'OutputWriteError';
}

export interface OutputTarget {
  write(text: string): void;
  /** Everything is written: the file takes its place. */
  commit(): void;
  /** Something failed: the temporary file goes, the previous file (if any) stays. */
  abort(): void;
}

/** The file a path ends at, following links; for a path that does not exist yet, its folder's real path plus its name. */
function realTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(path.resolve(file))), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

function identity(file: string): string | undefined {
  try {
    const info = statSync(file);
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/** UsageError when `output` is (a link to, or another name of) one of the inputs. */
export function refuseInputAsOutput(output: string, inputs: readonly NamedInput[]): void {
  const target = realTarget(output);
  const id = identity(output);
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input.file) || input.file === '-') continue;
    const same = realTarget(input.file) === target || (id !== undefined && identity(input.file) === id);
    if (same) throw new UsageError(`-o ${output} is ${input.role} ${input.file}: refusing to overwrite an input (choose another output file)`);
  }
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '').replace(/,.*$/, '')}` : String(e.message ?? error);
}

/** Bytes gathered before a write. */
const WRITE_BUFFER = 1 << 18;

/** Writes all of buffer[0, length) (a write to a file may take fewer bytes than asked). */
function writeAll(fd: number, buffer: Buffer, length: number): void {
  for (let at = 0; at < length; ) at += writeSync(fd, buffer, at, length - at);
}

/** Opens `output` for writing through a temporary file beside it (see the module comment). */
export function openOutputFile(output: string, inputs: readonly NamedInput[] = []): OutputTarget {
  refuseInputAsOutput(output, inputs);
  const target = realTarget(output);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  /** Once a write failed, every later write fails the same way (callers may try again while unwinding). */
  let failure: OutputWriteError | undefined;
  try {
    if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${output}: is a directory, not a file`);
    fd = openSync(temp, 'wx', 0o644);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${output}: cannot write (${reason(error)})`);
  }
  const abort = () => {
    if (fd === undefined) return;
    try {
      closeSync(fd);
    } finally {
      fd = undefined;
      unlinkSync(temp);
    }
  };
  // Texts are encoded into one buffer and written WRITE_BUFFER bytes at a time: `observe` writes
  // one short text per flow, and a system call for each cost more than making the text. (Joining
  // the texts first took ten times as long as encoding each one into the buffer.)
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  let used = 0;
  const guarded = (action: () => void) => {
    try {
      action();
    } catch (error) {
      abort();
      failure = new OutputWriteError(`${output}: cannot write (${reason(error)}); ${identity(target) ? 'the previous file is kept' : 'nothing was written'}`);
      throw failure;
    }
  };
  const flush = () => {
    if (used === 0 || fd === undefined) return;
    const length = used;
    used = 0;
    guarded(() => writeAll(fd!, buffer, length));
  };
  return {
    write(text) {
      if (failure) throw failure;
      if (fd === undefined) throw new Error(`${output} is already closed`);
      // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
      if (used + text.length * 3 > WRITE_BUFFER) flush();
      if (text.length * 3 > WRITE_BUFFER) {
        const bytes = Buffer.from(text, 'utf8');
        guarded(() => writeAll(fd!, bytes, bytes.length));
      }
      else used += buffer.write(text, used, 'utf8');
    },
    commit() {
      if (failure) throw failure;
      if (fd === undefined) return;
      flush();
      try {
        // Keep the permissions of the file being replaced.
        const previous = statSync(target, { throwIfNoEntry: false });
        if (previous) fchmodSync(fd, previous.mode & 0o7777);
        closeSync(fd);
        fd = undefined;
        renameSync(temp, target);
      } catch (error) {
        if (fd !== undefined) abort();
        else unlinkSync(temp);
        throw new OutputWriteError(`${output}: cannot write (${reason(error)})`);
      }
    },
    abort,
  };
}

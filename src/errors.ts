/**
 * Errors a user can cause (a missing file, a corrupt capture, a bad option). The CLI prints
 * `privdiff: <message>` on one line and exits 2; anything else is a bug and keeps its stack.
 */
export class InputError extends Error {
  constructor(
    /** The file (or URL) at fault. */
    readonly file: string,
    /** What is wrong, without the file name. */
    readonly detail: string,
    /** Where in the file: `byte 1234`, `line 7`, `entry 3`. */
    readonly position?: string,
  ) {
    super(`${file}${position ? ` (${position})` : ''}: ${detail}`);
    this.name = 'InputError';
  }
}

export class UsageError extends Error {
  override name = 'UsageError';
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** The one-line reason for a file-system error a user can cause (missing file, …); undefined for others. */
export function fileErrorReason(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? FILE_ERRORS[code] : undefined;
}

/**
 * Errors a user can cause (a missing file, a corrupt capture, a bad option). The CLI prints
 * `privdiff: <message>` on one line and exits 2; anything else is a bug and keeps its stack.
 */
/**
 * `instanceof` holds across copies of this module: under a test runner's loader one module can be
 * loaded twice (a CommonJS and an ESM copy, once the CLI imports its stages on demand), and an
 * error thrown by one copy must still be recognised by the other. The brand is a registered symbol.
 */
const INPUT_ERROR = Symbol.for('privdiff.InputError');
const USAGE_ERROR = Symbol.for('privdiff.UsageError');
const branded = (value: unknown, brand: symbol) => typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;

export class InputError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, INPUT_ERROR);
  }

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
    Object.defineProperty(this, INPUT_ERROR, { value: true });
  }
}

export class UsageError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, USAGE_ERROR);
  }

  override name = 'UsageError';

  constructor(message: string) {
    super(message);
    Object.defineProperty(this, USAGE_ERROR, { value: true });
  }
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

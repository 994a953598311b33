/**
 * What happens when standard output cannot be written. A reader that stops early
 * (`privdiff observe x.pcap | head`) closes the pipe: stop quietly, as Unix tools do. Any other
 * failure (`> /dev/full`, a closed descriptor, an I/O error) is the user's environment, not a bug:
 * one line naming it and exit 2 (exit 1 would read as "findings"), never a stack trace.
 */
export function guardStdout(stream: NodeJS.WriteStream = process.stdout, exit: (code: number) => void = (code) => process.exit(code), stderr: (text: string) => void = (t) => { process.stderr.write(t); }): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      exit(0);
      return;
    }
    const what = error.code ? `${error.code}: ${error.message.replace(/^\w+: /, '').replace(/,.*$/, '')}` : error.message;
    stderr(`privdiff: cannot write to standard output (${what})\n`);
    exit(2);
  });
}

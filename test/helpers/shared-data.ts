/**
 * Tests that read third-party files in place from ../shared/data skip when a clone has no
 * ../shared beside it, and say so in the test's title (the spec reporter prints it) so a skipped
 * run is never mistaken for a passing one.
 */
import { existsSync } from 'node:fs';
import Mocha from 'mocha';

export function skipUnlessPresent(ctx: Mocha.Context, ...paths: string[]): void {
  const missing = paths.find((p) => !existsSync(p));
  if (missing === undefined) return;
  const reason = ` (skipped: needs ${missing}, from ../shared/data, which is not beside this clone)`;
  const runnable = ctx.test;
  // In a before() hook the reason goes on every test of the suite; in a test, on that test.
  if (runnable instanceof Mocha.Hook) for (const t of runnable.parent?.tests ?? []) t.title += reason;
  else if (runnable) runnable.title += reason;
  ctx.skip();
}

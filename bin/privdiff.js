#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run automatically by `npm install`).
// Commands that read captures run in a Node with a larger young generation (dist/cli/relaunch.js).
// Standard output failures (a closed pipe, a full disk) are handled in dist/cli/stdout-guard.js.
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const { relaunchArguments, relaunch } = await import('../dist/cli/relaunch.js');
const again = relaunchArguments(fileURLToPath(import.meta.url), argv, process.execArgv, process.env);
if (again) {
  process.exitCode = await relaunch(again);
} else {
  const { guardStdout } = await import('../dist/cli/stdout-guard.js');
  guardStdout();
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(argv);
}

#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run automatically by `npm install`).
// Standard output failures (a closed pipe, a full disk) are handled in dist/cli/stdout-guard.js.
const { guardStdout } = await import('../dist/cli/stdout-guard.js');
guardStdout();
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2))).then((code) => { process.exitCode = code; });

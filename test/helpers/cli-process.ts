/** `privdiff` from the sources in a process of its own (tests that need a real process: workers, kills). */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));

/**
 * A study worker process: receives one app at a time from its pool over IPC, checks it with
 * runApp(), and answers. It exits when its pool goes away (the IPC channel closes), so a killed
 * coordinator or `privdiff worker` never leaves orphans running apps.
 */
import type { AppResult } from './app-job.js';
import { AppInputError } from './input-hash.js';
import type { ToWorker } from './process-pool.js';
import { runApp } from './run-app.js';

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; result: AppResult }
  | { type: 'failed'; error: string; retry: boolean };

function send(message: FromWorker): void {
  process.send?.(message);
}

process.on('message', (message: ToWorker) => {
  runApp(message.job).then(
    (result) => send({ type: 'done', result }),
    (error: unknown) => {
      const text = error instanceof AppInputError ? error.message
        // Anything else is a bug in privdiff: keep where it happened, on one line.
        : `internal error: ${error instanceof Error ? `${error.message} (${error.stack?.split('\n')[1]?.trim() ?? 'no stack'})` : String(error)}`;
      send({ type: 'failed', error: text, retry: false });
    },
  );
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });

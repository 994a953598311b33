/**
 * Per-app isolation in the worker-process pool: an app over its time or memory limit fails with
 * the reason, a worker that crashes mid-app is replaced, and the next app runs as usual.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppJob } from '../../src/study/app-job.js';
import { analyse } from '../../src/pipeline.js';
import { ProcessPool } from '../../src/study/process-pool.js';

describe('study worker processes', function () {
  this.timeout(180_000);
  let out: string;
  before(() => { out = mkdtempSync(path.join(tmpdir(), 'privdiff-pool-')); });
  after(() => rmSync(out, { recursive: true, force: true }));

  const job = (id: string): AppJob => ({
    app: { id, origin: `test ${id}`, policy: path.resolve('examples/policy.en.html'), captures: [path.resolve('examples/capture.pcap')], labels: {} },
    runKey: `key-${id}`,
    inputHash: `hash-${id}`,
    reportDir: path.join(out, 'apps', id),
  });

  it('replaces a worker killed mid-app; that app fails with the reason, the next one is checked', async () => {
    const pids: number[] = [];
    const pool = new ProcessPool({ workers: 1, timeoutMs: 120_000, memoryMb: 2048 }, {
      onStart: (j, pid) => {
        pids.push(pid);
        if (j.app.id === 'victim') process.kill(pid, 'SIGKILL');
      },
    });
    try {
      const victim = await pool.run(job('victim'));
      assert.deepEqual(victim.ok ? 'done' : victim.error, 'the worker process crashed (signal SIGKILL)');
      const next = await pool.run(job('next'));
      assert.ok(next.ok, next.ok ? '' : next.error);
      const direct = await analyse({ policy: job('next').app.policy, captures: job('next').app.captures, detectionWorkers: 0 });
      assert.deepEqual(next.result.findings.map((f) => f.id), direct.report.findings.map((f) => f.id), 'the same findings as analyse() in this process');
      assert.ok(next.result.findings.length > 0, "the example app has findings");
      assert.notEqual(pids[0], pids[1], 'a new process took over');
    } finally {
      await pool.close();
    }
  });

  it('fails an app that runs past the per-app time limit', async () => {
    const pool = new ProcessPool({ workers: 1, timeoutMs: 20, memoryMb: 2048 });
    try {
      const outcome = await pool.run(job('slow'));
      assert.equal(outcome.ok ? 'done' : outcome.error, 'took longer than the per-app time limit (0.02 s)');
      assert.equal(outcome.ok || outcome.retry, true, 'a limit is worth another attempt on a queue with retries');
    } finally {
      await pool.close();
    }
  });

  it('fails an app whose worker grows past the per-app memory limit', async () => {
    // A worker holding privdiff's modules is well above 120 MB resident: the limit trips on the first poll.
    const pool = new ProcessPool({ workers: 1, timeoutMs: 120_000, memoryMb: 120 });
    try {
      const outcome = await pool.run(job('big'));
      assert.match(outcome.ok ? 'done' : outcome.error, /^exceeded the per-app memory limit \(120 MB (resident|of heap)\)$|^no worker process could start/);
    } finally {
      await pool.close();
    }
  });
});

/**
 * `privdiff study run` end to end on a small generated study (4 apps, plus a malformed manifest
 * line and an app whose capture is missing): the embedded run, resume, the exit codes, and the same
 * study on BullMQ with a real Redis on 127.0.0.1, one worker process killed mid-job.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { writeStudy } from '../../bench/study-gen.js';
import { readStudy } from '../../src/study/report/read-study.js';
import { validate } from '../../src/vocab/schemas.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { runCli } from '../helpers/run-cli.js';

const GOOD = ['app-0001', 'app-0002', 'app-0003', 'app-0004'];

function query<T>(dir: string, sql: string): T[] {
  const db = new Database(path.join(dir, 'study.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** A report without the time it was written: equal for equal inputs however the app was run. */
function reportOf(dir: string, id: string): unknown {
  const report = JSON.parse(readFileSync(path.join(dir, 'apps', id, 'report.json'), 'utf8')) as Record<string, unknown>;
  delete report.generated;
  return report;
}

describe('privdiff study run', function () {
  this.timeout(600_000);
  let root: string;
  let manifest: string;
  let embedded: string;
  let missingCapture: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'privdiff-study-'));
    ({ manifest } = await writeStudy(path.join(root, 'input'), { apps: 4, captureSizes: [48 << 10] }));
    missingCapture = path.join(root, 'input', 'captures', 'later.pcap');
    appendFileSync(manifest, `${JSON.stringify({ id: 'no-capture', policy: path.resolve('examples/policy.en.html'), captures: [missingCapture] })}\n{"id": "cut-off", "policy": \n`);
    embedded = path.join(root, 'embedded');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('checks every app in worker processes, fails only the two bad ones with a clear error, exits 1', async () => {
    const run = await runCli(['study', 'run', manifest, '--out', embedded, '-j', '2']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^study: 6 apps — 4 checked, 0 unchanged since the last run, 2 failed; results in .*study\.sqlite\n$/);
    const errors = run.stderr.trim().split('\n').sort();
    assert.deepEqual(errors, [
      `privdiff: line-6: manifest.jsonl (line 6): not valid JSON: Unexpected end of JSON input`,
      `privdiff: no-capture: manifest.jsonl (line 5): ${missingCapture}: no such file (the capture)`,
    ]);
    const runs = query<{ app_id: string; status: string; findings: number }>(embedded, 'SELECT app_id, status, findings FROM current_runs ORDER BY app_id');
    assert.deepEqual(runs.map((r) => [r.app_id, r.status]), [...GOOD.map((id) => [id, 'done']), ['line-6', 'failed'], ['no-capture', 'failed']]);
    for (const id of GOOD) {
      const report = JSON.parse(readFileSync(path.join(embedded, 'apps', id, 'report.json'), 'utf8')) as { findings: unknown[]; observations: unknown[] };
      assert.equal(validate('report', report), undefined, id);
      assert.match(readFileSync(path.join(embedded, 'apps', id, 'report.html'), 'utf8'), /^<!DOCTYPE html>/);
      // The database holds what the app's own report says, finding for finding.
      const [stored] = query<{ findings: number; observations: number }>(embedded,
        `SELECT (SELECT count(*) FROM findings f WHERE f.run_id = r.id) AS findings, (SELECT count(*) FROM observations o WHERE o.run_id = r.id) AS observations FROM current_runs r WHERE r.app_id = '${id}'`);
      assert.deepEqual(stored, { findings: report.findings.length, observations: report.observations.length }, id);
      assert.ok(report.findings.length > 0, `${id} has findings`);
    }
  });

  it('resumes: a second run does no work twice, and after a fix runs only the fixed app', async () => {
    const before = query<{ id: number }>(embedded, 'SELECT id FROM runs WHERE status = \'done\' ORDER BY id');
    const mtimes = GOOD.map((id) => statSync(path.join(embedded, 'apps', id, 'report.json')).mtimeMs);
    const again = await runCli(['study', 'run', manifest, '--out', embedded]);
    assert.equal(again.code, 1);
    assert.match(again.stdout, /6 apps — 0 checked, 4 unchanged since the last run, 2 failed/);
    assert.deepEqual(query<{ id: number }>(embedded, 'SELECT id FROM runs WHERE status = \'done\' ORDER BY id'), before, 'no new result rows');
    assert.deepEqual(GOOD.map((id) => statSync(path.join(embedded, 'apps', id, 'report.json')).mtimeMs), mtimes, 'no report rewritten');

    copyFileSync(path.resolve('examples/capture.pcap'), missingCapture);
    const fixed = await runCli(['study', 'run', manifest, '--out', embedded]);
    assert.match(fixed.stdout, /6 apps — 1 checked, 4 unchanged since the last run, 1 failed/);
    assert.deepEqual(query<{ app_id: string }>(embedded, 'SELECT app_id FROM runs WHERE status = \'done\' ORDER BY id').map((r) => r.app_id).slice(-1), ['no-capture']);
  });

  it('exits 2 with one line for a manifest it cannot read', async () => {
    const missing = await runCli(['study', 'run', path.join(root, 'nope.jsonl'), '--out', path.join(root, 'x')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, `privdiff: ${path.join(root, 'nope.jsonl')}: cannot read the study manifest (no such file)\n`);
    const garbage = path.join(root, 'garbage.jsonl');
    writeFileSync(garbage, 'hello\nworld\n');
    const bad = await runCli(['study', 'run', garbage, '--out', path.join(root, 'x')]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.split('\n').length, 2, 'one line');
    assert.ok(!bad.stderr.includes('    at '), 'no stack trace');
  });

  it('reports the study as HTML and CSV, and diffs it with itself as unchanged', async () => {
    const html = await runCli(['study', 'report', embedded]);
    assert.equal(html.code, 0, html.stderr);
    const page = readFileSync(path.join(embedded, 'study.html'), 'utf8');
    for (const id of [...GOOD, 'no-capture']) assert.ok(page.includes(`<a href="apps/${id}/report.html">${id}</a>`), id);
    assert.ok(page.includes('manifest.jsonl (line 6): not valid JSON'), 'the failed line is listed with its error');
    const csv = await runCli(['study', 'report', embedded, '--format', 'csv', '-o', '-']);
    const rows = csv.stdout.trim().split('\r\n');
    const [counts] = query<{ f: number; o: number }>(embedded, 'SELECT (SELECT count(*) FROM findings JOIN current_runs r ON r.id = run_id) AS f, (SELECT count(*) FROM observations JOIN current_runs r ON r.id = run_id) AS o');
    assert.equal(rows.length, 1 + counts!.f + counts!.o);
    assert.match(rows[0] ?? '', /^record,app,data_type,.*,label\.category,label\.store,label\.version$/);
    const diff = await runCli(['study', 'diff', embedded, embedded, '--format', 'json']);
    assert.equal(diff.code, 0);
    const parsed = JSON.parse(diff.stdout) as { summary: unknown };
    assert.equal(validate('study-diff', parsed), undefined);
    assert.deepEqual(parsed.summary, { apps: 6, changed: 0, new: 0, fixed: 0 });
  });

  describe('on BullMQ workers with a real Redis', () => {
    let redis: TestRedis | undefined;
    const workers: ChildProcess[] = [];
    const logs: string[] = [];

    before(async function () {
      redis = await startRedis();
      if (!redis) {
        console.warn('    (skipped: redis-server is not installed; apt-get install redis-server)');
        this.skip();
      }
    });
    after(async () => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => (w.exitCode !== null || w.signalCode !== null ? undefined : new Promise((r) => w.once('exit', r)))));
      await redis?.stop();
    });

    function startWorker(n: number): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/cli-process.ts', 'worker', '--queue', redis!.url, '-j', '1', '--stall-timeout', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
      logs[n] = '';
      child.stderr!.on('data', (chunk: Buffer) => { logs[n] += chunk.toString(); });
      workers.push(child);
      return child;
    }

    it('finishes with every app exactly once, identical to the embedded run, after a worker is killed mid-job', async () => {
      const connection = new Redis({ host: '127.0.0.1', port: redis!.port, maxRetriesPerRequest: null });
      const events = new QueueEvents('privdiff-apps', { connection });
      try {
        await killOneWorkerMidJob(events);
      } finally {
        await events.close();
        await connection.quit();
      }
    });

    async function killOneWorkerMidJob(events: QueueEvents): Promise<void> {
      const stalled: string[] = [];
      events.on('stalled', ({ jobId }) => stalled.push(jobId));
      await events.waitUntilReady();
      const victim = startWorker(0);
      startWorker(1);
      let killedApp = '';
      const killer = setInterval(() => {
        const started = /privdiff worker: (\S+) started/.exec(logs[0] ?? '');
        if (started && !killedApp) {
          killedApp = started[1] as string;
          victim.kill('SIGKILL');
        }
      }, 20);
      const out = path.join(root, 'bullmq');
      let run;
      try {
        run = await runCli(['study', 'run', manifest, '--out', out, '--queue', redis!.url]);
      } finally {
        clearInterval(killer);
      }
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /6 apps — 5 checked, 0 unchanged since the last run, 1 failed/);
      assert.ok(killedApp, `worker 0 started an app:\n${logs[0]}`);
      assert.ok(stalled.some((id) => id.startsWith(`${killedApp}@`)), `BullMQ saw ${killedApp}'s job stall (stalled: ${stalled.join(', ')})`);
      assert.match(logs[1] ?? '', new RegExp(`${killedApp} done`), 'the other worker finished the killed job');

      const perApp = query<{ app_id: string; n: number }>(out, "SELECT app_id, count(*) AS n FROM runs WHERE status = 'done' GROUP BY app_id ORDER BY app_id");
      assert.deepEqual(perApp, [...GOOD, 'no-capture'].map((id) => ({ app_id: id, n: 1 })), 'each result stored exactly once');
      const a = readStudy(embedded);
      const b = readStudy(out);
      assert.deepEqual(b.findings, a.findings, 'the same findings as the embedded run');
      assert.deepEqual(b.observations, a.observations, 'the same observations as the embedded run');
      for (const id of [...GOOD, 'no-capture']) assert.deepEqual(reportOf(out, id), reportOf(embedded, id), id);
    }
  });
});

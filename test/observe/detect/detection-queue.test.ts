/**
 * The detection queue shares batches between the workers and the reading thread: whichever
 * thread detects a batch, every flow is handed on once, in the order pushed, with detectFlow()'s
 * answer, and a worker failure reaches the caller.
 */
import assert from 'node:assert/strict';
import type { Detection } from '../../../src/model/flow.js';
import { detectFlow } from '../../../src/observe/detect/index.js';
import { DetectionQueue } from '../../../src/observe/detect/detection-queue.js';
import type { DetectionPool } from '../../../src/observe/detect/pool.js';
import type { FlowRequest } from '../../../src/observe/detect/fields.js';
import type { RawFlow } from '../../../src/observe/reader.js';

const identifiers = { imei: '861234567890127' };

function flow(i: number): RawFlow {
  const body = JSON.stringify({ imei: '861234567890127', phone: '+4915112345678', seq: i });
  return {
    protocol: 'http', method: 'POST', url: `http://api.example.com/v1/e?n=${i}`, host: 'api.example.com',
    requestHeaders: [{ name: 'Content-Type', value: 'application/json' }],
    requestBody: { bytes: new TextEncoder().encode(body), contentType: 'application/json' },
  } as RawFlow;
}

/** A pool whose answers arrive only when the test releases them (a worker that is behind). */
class SlowPool {
  readonly held: Array<() => void> = [];
  batches = 0;
  detect(flows: FlowRequest[]): Promise<Detection[][]> {
    this.batches++;
    return new Promise((resolve) => this.held.push(() => resolve(flows.map((f) => detectFlow(f, identifiers)))));
  }
  release(): void {
    for (const answer of this.held.splice(0)) answer();
  }
}

describe('detection queue', () => {
  it('detects on the reading thread while the workers are full, and hands every flow on in order', async () => {
    const pool = new SlowPool();
    const seen: Array<{ raw: RawFlow; detections: Detection[] }> = [];
    const queue = new DetectionQueue(() => pool as unknown as DetectionPool, 1, identifiers, (raw, detections) => seen.push({ raw, detections }));
    const flows = Array.from({ length: 128 * 12 + 7 }, (_, i) => flow(i));
    for (const f of flows) {
      const wait = queue.push(f);
      // The workers stay behind: only the answers held so far are released, after every batch.
      if (wait) {
        if (seen.length % 3 === 0) pool.release();
        await wait;
      }
    }
    const flushed = queue.flush();
    pool.release();
    await flushed;
    assert.equal(seen.length, flows.length);
    seen.forEach((s, i) => assert.equal(s.raw, flows[i], `flow ${i} in order`));
    seen.forEach((s, i) => assert.deepEqual(s.detections, detectFlow(flows[i]!, identifiers)));
    assert.ok(pool.batches >= 4 && pool.batches < 13, `${pool.batches} of 13 batches went to the worker; the rest were detected here`);
    assert.ok(seen.every((s) => s.detections.some((d) => d.dataType === 'imei')));
  });

  it('detects a short input here without starting the workers', async () => {
    let started = 0;
    const seen: RawFlow[] = [];
    const queue = new DetectionQueue(() => { started++; return new SlowPool() as unknown as DetectionPool; }, 1, identifiers, (raw) => seen.push(raw));
    for (let i = 0; i < 50; i++) assert.equal(queue.push(flow(i)), undefined);
    await queue.flush();
    assert.equal(started, 0);
    assert.equal(seen.length, 50);
  });

  it('passes a worker failure on to the caller', async () => {
    const failing = { detect: () => Promise.reject(new Error('detection failed in a worker: boom')) };
    const queue = new DetectionQueue(() => failing as unknown as DetectionPool, 1, identifiers, () => {});
    await assert.rejects(async () => {
      for (let i = 0; i < 128 * 3; i++) {
        const wait = queue.push(flow(i));
        if (wait) await wait;
      }
      await queue.flush();
    }, /boom/);
  });
});

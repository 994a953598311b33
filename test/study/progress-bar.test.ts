import assert from 'node:assert/strict';
import { progressLine } from '../../src/study/progress-bar.js';

describe('study progress line', () => {
  it('shows apps finished, unchanged, failed, running, the rate of this run and the time left', () => {
    const line = progressLine({ total: 200, skipped: 20, done: 50, failed: 10, running: 2 }, 120_000);
    // 60 apps ran in 2 minutes: 30 apps/min; 120 left → 4 min.
    assert.equal(line, `${'█'.repeat(11)}${'░'.repeat(17)} 80/200 (20 unchanged) · 10 failed · 2 running · 30.0 apps/min · ETA 4 min`);
  });

  it('has no ETA before the first app finishes, and a full bar at the end', () => {
    assert.doesNotMatch(progressLine({ total: 5, skipped: 0, done: 0, failed: 0, running: 2 }, 1000), /ETA/);
    assert.match(progressLine({ total: 5, skipped: 0, done: 5, failed: 0, running: 0 }, 30_000), /^█{28} 5\/5 · 0 failed · 0 running · 10\.0 apps\/min$/);
  });
});

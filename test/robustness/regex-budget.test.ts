/**
 * Regular-expression worst cases: every detector (field and flow detectors) and the whole detection
 * of a flow, on 5 MB of adversarial text, each under a time budget. Linear patterns take tens of
 * milliseconds here; catastrophic backtracking would take minutes. The budgets are loose because
 * CI machines are shared.
 */
import assert from 'node:assert/strict';
import { detectFlow, fieldDetectors, flowDetectors, type Field } from '../../src/observe/detect/index.js';
import type { RawFlow } from '../../src/observe/reader.js';

const N = 5_000_000;
const repeat = (unit: string) => unit.repeat(Math.ceil(N / unit.length));
/** Shapes that make patterns for numbers, e-mail, hosts, MACs, coordinates and lists try hard. */
const ADVERSARIAL: Record<string, string> = {
  "'1'×5e6": repeat('1'),
  "'@'×5e6": repeat('@'),
  "'a.'×2.5e6": repeat('a.'),
  "'a.a@'": repeat('a.a@'),
  "'1.'": repeat('1.'),
  "'1:'": repeat('1:'),
  "'1,'": repeat('1,'),
  "'0f-'": repeat('0f-'),
  "'+1 '": repeat('+1 '),
  "'%2'": repeat('%2'),
  "'com.a.b,'": repeat('com.a.b,'),
  "'中1'": repeat('中1'),
};
// One key per family a detector hints on, and no key at all.
const KEYS = ['', 'imei', 'phone', 'email', 'lat', 'apps'];
const PER_CALL_MS = 3_000;

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('detector regular expressions on 5 MB adversarial inputs', function () {
  this.timeout(300_000);

  for (const [name, value] of Object.entries(ADVERSARIAL)) {
    it(`${name}: every detector within ${PER_CALL_MS} ms per field`, () => {
      const fields: Field[] = KEYS.map((key) => ({ where: key ? `query.${key}` : 'body', key, value, encoding: 'plain' }));
      const slow: string[] = [];
      for (const detector of fieldDetectors) {
        for (const field of fields) {
          const ms = timed(() => detector.detect(field));
          if (ms > PER_CALL_MS) slow.push(`${detector.id} on key '${field.key}': ${Math.round(ms)} ms`);
        }
      }
      for (const detector of flowDetectors) {
        const ms = timed(() => detector.detect(fields));
        if (ms > PER_CALL_MS * 2) slow.push(`${detector.id} (flow, ${fields.length} fields): ${Math.round(ms)} ms`);
      }
      assert.deepEqual(slow, []);
    });

    it(`${name}: a request whose body is this text is scanned within ${PER_CALL_MS * 2} ms`, () => {
      const flow: RawFlow = {
        time: '2026-01-01T00:00:00.000Z', protocol: 'http', cleartext: true, host: 'api.example.com', serverIp: '203.0.113.5', serverPort: 80,
        method: 'POST', url: 'http://api.example.com/collect', requestHeaders: [{ name: 'Content-Type', value: 'text/plain' }],
        requestBody: { bytes: Buffer.from(value), contentType: 'text/plain' },
      } as RawFlow;
      let detections = 0;
      const ms = timed(() => {
        detections = detectFlow(flow, { imei: '861234567890125', phone_number: '+14155550123', email_address: 'jane@example.org' }).length;
      });
      assert.ok(ms < PER_CALL_MS * 2, `${Math.round(ms)} ms`);
      assert.ok(detections < 1000, 'detections are de-duplicated, not one per repetition');
    });
  }
});

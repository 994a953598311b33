import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { harReader } from '../../../src/observe/har/index.js';
import { jsonlReader } from '../../../src/observe/jsonl/index.js';
import { mitmproxyReader } from '../../../src/observe/mitmproxy/index.js';
import { skipUnlessPresent } from '../../helpers/shared-data.js';

const shared = fileURLToPath(new URL('../../../../shared/data/captures/', import.meta.url));
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** What each of the three readers should say about a file, from its name. */
function expected(name: string): string | undefined {
  if (/\.z?har$/.test(name)) return 'har';
  if (name.endsWith('.mitm')) return 'mitmproxy';
  if (name.endsWith('.jsonl')) return 'jsonl';
  return undefined;
}

function sniffAll(path: string): string[] {
  const head = readFileSync(path).subarray(0, 64 * 1024);
  return [harReader, mitmproxyReader, jsonlReader].filter((r) => r.sniff(head, path)).map((r) => r.format);
}

describe('HAR / mitmproxy / JSON Lines sniffing', () => {
  it('claims exactly its own files among all shared captures (pcaps, keylogs, CSV and NDJSON claim none)', function () {
    skipUnlessPresent(this, shared);
    let checked = 0;
    for (const dir of readdirSync(shared, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const name of readdirSync(join(shared, dir.name))) {
        const want = expected(name);
        assert.deepEqual(sniffAll(join(shared, dir.name, name)), want ? [want] : [], `${dir.name}/${name}`);
        checked++;
      }
    }
    assert.ok(checked >= 45, `checked ${checked}`);
  });

  it('claims our fixtures and rejects near misses', () => {
    assert.deepEqual(sniffAll(join(fixtures, 'har', 'tools.har')), ['har']);
    assert.deepEqual(sniffAll(join(fixtures, 'jsonl', 'flows.jsonl')), ['jsonl']);
    const near = [
      '{"logs": {"entries": []}}',
      '{"time":"2024-01-01T00:00:00Z","host":"a"}\n',
      '{"time":"2024-01-01T00:00:00Z","protocol":"http","host":"a"}',
      '12:3:abc;3:def;]',
      '5:hello,',
      '[{"log": {}}]',
    ];
    for (const text of near) {
      const head = Buffer.from(text);
      assert.deepEqual([harReader, mitmproxyReader, jsonlReader].filter((r) => r.sniff(head, 'x')).map((r) => r.format), [], text);
    }
  });
});

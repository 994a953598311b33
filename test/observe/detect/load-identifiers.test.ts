/** The known-identifiers file: accepted shapes, and one clear InputError for each user mistake. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKnownIdentifiers } from '../../../src/observe/detect/index.js';
import { InputError } from '../../../src/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'privdiff-ids-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('loadKnownIdentifiers', () => {
  it('reads strings, string arrays and a {lat, lon} location', () => {
    const p = file('ok.json', JSON.stringify({ imei: '861234567890125', email_address: ['a@example.org', 'b@example.org'], precise_location: { lat: 30.27, lon: 120.15 } }));
    assert.deepEqual(loadKnownIdentifiers(p), { imei: '861234567890125', email_address: ['a@example.org', 'b@example.org'], precise_location: { lat: 30.27, lon: 120.15 } });
  });

  const bad: Array<[string, string, RegExp, string | undefined]> = [
    ['bad JSON', '{"imei": "1",\n  oops}', /not valid JSON/, 'line 2'],
    ['unknown key', '{"imei_number": "1"}', /unknown data type "imei_number"/, undefined],
    ['array at top', '["861234567890125"]', /expected a JSON object/, undefined],
    ['empty object', '{}', /no identifiers/, undefined],
    ['number value', '{"imei": 861234567890125}', /non-empty string/, undefined],
    ['location out of range', '{"precise_location": {"lat": 100, "lon": 0}}', /lat/, undefined],
    ['location with extra key', '{"precise_location": {"lat": 1, "lon": 2, "alt": 3}}', /lat/, undefined],
    ['location as text', '{"precise_location": "52.52,13.40"}', /"precise_location" must be an object of two numbers/, undefined],
    ['location as a list of texts', '{"precise_location": ["52.52", "13.40"]}', /"precise_location" must be an object of two numbers/, undefined],
  ];
  for (const [name, text, message, position] of bad) {
    it(`rejects ${name} with an InputError naming the file`, () => {
      const p = file(`${name.replace(/\W/g, '_')}.json`, text);
      assert.throws(() => loadKnownIdentifiers(p), (err: unknown) => {
        assert.ok(err instanceof InputError);
        assert.equal(err.file, p);
        assert.match(err.detail, message);
        if (position) assert.match(err.position ?? '', new RegExp(position));
        return true;
      });
    });
  }

  it('rejects a missing file with an InputError', () => {
    assert.throws(() => loadKnownIdentifiers(path.join(dir, 'nope.json')), (err: unknown) => err instanceof InputError && /ENOENT/.test(err.detail));
  });
});

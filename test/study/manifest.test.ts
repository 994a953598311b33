import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '../../src/errors.js';
import { csvLine, parseCsv } from '../../src/study/csv.js';
import { expandGlob } from '../../src/study/glob.js';
import { readManifest } from '../../src/study/manifest.js';
import { validate } from '../../src/vocab/schemas.js';

describe('study manifest', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'privdiff-manifest-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads JSON Lines: paths resolved from the manifest folder, globs expanded, lists split', () => {
    write('caps/a.pcap', 'x');
    write('caps/b.pcap', 'x');
    write('caps/notes.txt', 'x');
    const file = write('m.jsonl', [
      '# a comment line',
      JSON.stringify({ id: 'one', policy: 'p.html', captures: 'caps/*.pcap', jurisdictions: 'gdpr,pipl', consentAt: 3, labels: { store: 'play', rank: 4 } }),
      '',
      JSON.stringify({ id: 'two', policy: 'https://example.org/privacy', captures: ['caps/a.pcap'], identifiers: { imei: '861234567890127' }, firstParty: ['example.org'] }),
    ].join('\n'));
    const m = readManifest(file, { region: 'EU' });
    assert.equal(m.format, 'jsonl');
    assert.deepEqual(m.faults, []);
    const [one, two] = m.apps;
    assert.deepEqual(one?.captures, [path.join(dir, 'caps/a.pcap'), path.join(dir, 'caps/b.pcap')]);
    assert.equal(one?.policy, path.join(dir, 'p.html'));
    assert.deepEqual(one?.jurisdictions, ['gdpr', 'pipl']);
    assert.deepEqual(one?.consentAt, { flow: 3 });
    assert.equal(one?.region, 'EU', 'the study default fills in');
    assert.equal(one?.origin, 'm.jsonl (line 2)');
    assert.deepEqual(one?.labels, { store: 'play', rank: 4 });
    assert.equal(two?.policy, 'https://example.org/privacy', 'a URL stays a URL');
    assert.deepEqual(two?.identifiers, { imei: '861234567890127' });
  });

  it('turns a bad line into a fault of that app, naming file and line; the other apps still run', () => {
    const file = write('m.jsonl', [
      JSON.stringify({ id: 'good', policy: 'p.html', captures: ['c.pcap'] }),
      '{"id": "cut", "policy": ',
      JSON.stringify({ id: 'nocaps', policy: 'p.html' }),
      JSON.stringify({ id: 'good', policy: 'p.html', captures: ['c.pcap'] }),
      JSON.stringify({ id: 'noglob', policy: 'p.html', captures: ['none/*.pcap'] }),
      '[1, 2]',
    ].join('\n'));
    const m = readManifest(file);
    assert.deepEqual(m.apps.map((a) => a.id), ['good']);
    assert.deepEqual(m.faults.map((f) => [f.id, f.error]), [
      ['line-2', 'm.jsonl (line 2): not valid JSON: Unexpected end of JSON input'],
      ['nocaps', "m.jsonl (line 3): does not fit schemas/study.schema.json: / must have required property 'captures'"],
      ['good', 'm.jsonl (line 4): duplicate app id "good" (first at m.jsonl (line 1))'],
      ['noglob', 'm.jsonl (line 5): captures: no file matches "none/*.pcap"'],
      ['line-6', 'm.jsonl (line 6): a manifest line must be one JSON object'],
    ]);
  });

  it('reads CSV: header names the fields, ; separates lists, other columns become labels', () => {
    const file = write('m.csv', 'id,policy,captures,jurisdictions,store,labels.version\r\n' +
      'one,p.html,"a.pcap;b.har",gdpr;pipl,play,"2.0, beta"\r\n' +
      'two,p.md,c.pcap,,appstore,\n' +
      'bad,p.md\n');
    const m = readManifest(file);
    assert.equal(m.format, 'csv');
    assert.deepEqual(m.apps.map((a) => [a.id, a.captures.map((c) => path.basename(c)), a.jurisdictions, a.labels]), [
      ['one', ['a.pcap', 'b.har'], ['gdpr', 'pipl'], { store: 'play', version: '2.0, beta' }],
      ['two', ['c.pcap'], undefined, { store: 'appstore' }],
    ]);
    assert.deepEqual(m.faults, [{ id: 'line-4', origin: 'm.csv (line 4)', error: 'm.csv (line 4): 2 fields where the header has 6' }]);
  });

  it('reads the folder form apps/<id>/ with app.json for the other fields', () => {
    write('study/apps/alpha/policy.en.html', '<p>x</p>');
    write('study/apps/alpha/run1.pcap', 'x');
    write('study/apps/alpha/run2.har', '{}');
    write('study/apps/alpha/identifiers.json', '{"imei": "861234567890127"}');
    write('study/apps/alpha/sslkeylog.txt', '');
    write('study/apps/alpha/app.json', JSON.stringify({ region: 'CN', labels: { store: 'huawei' } }));
    write('study/apps/beta/policy.txt', 'x');
    const m = readManifest(path.join(dir, 'study'));
    assert.equal(m.format, 'folder');
    const alpha = m.apps[0];
    assert.equal(alpha?.id, 'alpha');
    assert.deepEqual(alpha?.captures.map((c) => path.basename(c)), ['run1.pcap', 'run2.har']);
    assert.equal(path.basename(String(alpha?.identifiers)), 'identifiers.json');
    assert.equal(path.basename(String(alpha?.keylog)), 'sslkeylog.txt');
    assert.equal(alpha?.region, 'CN');
    assert.deepEqual(m.faults.map((f) => f.error), [`apps/beta/: no capture file (.pcap, .pcapng, .cap, .har, .mitm, .flows, .jsonl)`]);
  });

  it('refuses a manifest it cannot read at all with one InputError (exit 2)', () => {
    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.jsonl'), /missing\.jsonl: cannot read the study manifest \(no such file\)/],
      [write('bin.jsonl', 'PK\u0003\u0004\u0000\u0000'), /not a study manifest \(binary data/],
      [write('noid.csv', 'name,policy\nx,y\n'), /noid\.csv \(line 1\): the CSV header has no "id" column/],
      [write('prose.jsonl', 'This is not a manifest.\nNor is this.\n'), /no app could be read; first fault: prose\.jsonl \(line 1\): not valid JSON/],
      [write('empty.jsonl', '\n\n'), /lists no apps/],
      [dir, /not a study folder: no readable apps\/ folder/],
    ];
    for (const [file, message] of cases) {
      assert.throws(() => readManifest(file), (e: unknown) => e instanceof InputError && message.test(e.message), file);
    }
  });

  it('schemas/study.schema.json accepts the documented record and rejects unknown fields', () => {
    assert.equal(validate('study', { id: 'a', policy: 'p', captures: ['c'], identifiers: 'i.json', region: 'EU', jurisdictions: ['gdpr'], appCategory: 'map', consentAt: '2026-01-01T00:00:00Z', keylog: 'k', firstParty: 'a.com', labels: { x: 1 } }), undefined);
    assert.match(validate('study', { id: 'a', policy: 'p', captures: ['c'], colour: 'red' }) ?? '', /must NOT have additional properties/);
    assert.match(validate('study', { id: '../escape', policy: 'p', captures: ['c'] }) ?? '', /\/id must match pattern/);
  });
});

describe('study CSV and globs', () => {
  it('parses quoted fields with commas, quotes and line breaks, keeping each row\'s first line', () => {
    assert.deepEqual(parseCsv('\ufeffa,b\n"x, y","say ""hi"""\n"two\nlines",z\n'), [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('quotes what needs it and keeps spreadsheet formulas inert', () => {
    assert.equal(csvLine(['a', 'b,c', 'q"q', 3, undefined, '=HYPERLINK("x")', '-1.5']), 'a,"b,c","q""q",3,,"\'=HYPERLINK(""x"")",-1.5\r\n');
  });

  it('expands * ? and [...] inside one segment, sorted, skipping dot files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'privdiff-glob-'));
    for (const f of ['r1/a.pcap', 'r2/b.pcap', 'r2/.hidden.pcap', 'r3/c.har']) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), '');
    }
    assert.deepEqual(expandGlob(path.join(dir, 'r?/*.pcap')).map((f) => path.relative(dir, f)), ['r1/a.pcap', 'r2/b.pcap']);
    assert.deepEqual(expandGlob(path.join(dir, 'r[23]/*')).map((f) => path.relative(dir, f)), ['r2/b.pcap', 'r3/c.har']);
    rmSync(dir, { recursive: true, force: true });
  });
});

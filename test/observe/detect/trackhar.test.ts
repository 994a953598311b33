/**
 * Real captures (ReportHAR's mitmproxy HARs of an app's first and second runs): every
 * (host, data type) TrackHAR's adapters find must be found by privdiff too; what privdiff finds
 * beyond TrackHAR is printed.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { process as trackhar } from 'trackhar';
import { detectFlow } from '../../../src/observe/detect/index.js';
import { ontology } from '../../../src/vocab/ontology.js';
import { readDataFile } from '../../../src/vocab/data-file.js';
import { harEntryToFlow, type Har } from './har-adapter.js';
import { skipUnlessPresent } from '../../helpers/shared-data.js';

const folder = fileURLToPath(new URL('../../../../shared/data/captures/reporthar/', import.meta.url));
const captures = ['android--first-run', 'android--second-run', 'ios--first-run', 'ios--second-run'];
const mapping = readDataFile<{ properties: Record<string, string | null> }>('data', 'detect', 'trackhar-properties.json').properties;

describe('detection vs TrackHAR on real HAR captures', function () {
  this.timeout(60_000);
  before(function () {
    skipUnlessPresent(this, folder);
  });

  for (const name of captures) {
    it(`${name}: privdiff finds every (host, data type) TrackHAR finds`, async function () {
      const har = JSON.parse(readFileSync(`${folder}${name}.har`, 'utf8')) as Har;
      // TrackHAR's HAR type is stricter than ours; the file is a real HAR 1.2 document.
      const results = await trackhar(har as unknown as Parameters<typeof trackhar>[0]);
      const theirs = new Set<string>();
      const unmapped = new Set<string>();
      results.forEach((transmissions, i) => {
        const host = new URL(har.log.entries[i]!.request.url).hostname;
        for (const t of transmissions ?? []) {
          if (!(t.property in mapping)) unmapped.add(t.property);
          const type = mapping[t.property];
          if (type) theirs.add(`${host} ${type}`);
        }
      });
      assert.deepEqual([...unmapped], [], 'TrackHAR properties missing from data/detect/trackhar-properties.json');
      const ours = new Map<string, Set<string>>();
      har.log.entries.forEach((entry) => {
        const flow = harEntryToFlow(entry);
        const types = ours.get(flow.host) ?? new Set<string>();
        for (const d of detectFlow(flow)) types.add(d.dataType);
        ours.set(flow.host, types);
      });
      const onto = ontology();
      const missing = [...theirs].filter((pair) => {
        const [host, type] = pair.split(' ') as [string, string];
        return ![...(ours.get(host) ?? [])].some((t) => onto.dataTypeCovers(type, t));
      });
      const beyond = [...ours].flatMap(([host, types]) =>
        [...types].filter((t) => ![...theirs].some((p) => p.startsWith(`${host} `) && onto.dataTypeCovers(p.split(' ')[1]!, t))).map((t) => `${host} ${t}`),
      );
      console.log(`      TrackHAR: ${theirs.size} (host, type) pairs; privdiff also finds: ${beyond.join(', ') || 'nothing more'}`);
      assert.ok(theirs.size > 0, 'TrackHAR found nothing: the comparison would be empty');
      assert.deepEqual(missing, []);
    });
  }
});

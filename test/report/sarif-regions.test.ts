/** Issue 15 point 10: SARIF results point at the policy sentence (line, column), rules link to the law, relative paths carry a base id. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyse } from '../../src/pipeline.js';
import { sarifLog } from '../../src/report/sarif.js';
import { regionFinder } from '../../src/report/source-region.js';

describe('SARIF: regions, help links, base ids', function () {
  this.timeout(30_000);

  it('finds sentences in HTML source across tags, entities and line breaks', () => {
    const source = '<html><body>\n<h2>5. Storage</h2>\n<p>Your data is <b>stored</b> in the\n  EU &amp; nowhere else.</p></body></html>';
    const find = regionFinder(source, true);
    assert.deepEqual(find('Your data is stored in the EU & nowhere else.'), { startLine: 3, startColumn: 4, endLine: 4, endColumn: 25 });
    assert.equal(find('A sentence that is not there.'), undefined);
  });

  it('a result for the example locates the data-location sentence on its line of policy.en.html', async () => {
    const { report } = await analyse({ policy: 'examples/policy.en.html', captures: ['examples/capture.pcap'], region: 'EU', jurisdictions: ['gdpr'] });
    const log = sarifLog(report, 'en');
    const run = log.runs[0]!;
    const result = run.results.find((r) => r.properties.findingKind === 'contradicted_data_location');
    const policyLocation = result?.locations[0];
    const region = policyLocation?.physicalLocation.region;
    assert.ok(region, 'the policy location has a region');
    const line = readFileSync('examples/policy.en.html', 'utf8').split('\n')[region.startLine - 1] ?? '';
    assert.match(line.slice(region.startColumn - 1), /^Your data is stored on servers in the European Union/);
    assert.equal(policyLocation?.physicalLocation.artifactLocation.uriBaseId, 'SRCROOT');
    assert.ok(run.originalUriBaseIds.SRCROOT);
    assert.equal(run.tool.driver.informationUri, 'https://privdiff.dev/');
    const rule = run.tool.driver.rules.find((r) => r.id === 'gdpr/data-location-contradicted');
    assert.equal(rule?.helpUri, 'https://eur-lex.europa.eu/eli/reg/2016/679/oj');
  });
});

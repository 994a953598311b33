/**
 * Unit-level detection of collection and sharing statements, per-policy (action, data category)
 * pairs and data-span recall on the six expert-labelled corpora, read in place from ../shared/data
 * (each skips with a reason when its folder is not there). Only the test splits are measured here
 * (test/fixtures/extract/SPLITS.md: never tuned on); the floors sit a little below what the extractor
 * reaches on them. Out-of-fold figures on the training splits are in the model files. The issue's
 * goal (F1 0.85 on each; per-policy recall 0.90 at precision 0.95) is not reached: see the README.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { ca4pPolicies, ca4pSplits, CORPORA, piextractSentences, piSplit, sharedPolicies, type Corpus, type CorpusName } from './corpus.js';
import { evaluateSplit, showFigures } from './corpus-eval.js';
import { ca4pDataSpans, piextractSpans, readSpans, spanRecall } from './data-spans.js';
import { parseCsv, pythonList } from './csv.js';
import { templateClusters } from './template-clusters.js';
import { skipUnlessPresent } from '../helpers/shared-data.js';

const folderOf = (name: CorpusName) => path.join(sharedPolicies, CORPORA.find((c: Corpus) => c.name === name)!.folder);

/**
 * Test-split floors, a little below the measured figures (README, "How well it reads policies").
 * collect / share: unit F1; pairs: per-policy precision and recall; tagged: CA4P-483 precision over
 * tagged sentences.
 */
const FLOORS: Record<CorpusName, { collect: number; share: number; pairs?: { collect: [number, number]; share: [number, number] }; tagged?: [number, number] }> = {
  'OPP-115': { collect: 0.74, share: 0.75, pairs: { collect: [0.88, 0.72], share: [0.80, 0.67] } },
  'MAPP': { collect: 0.68, share: 0.64, pairs: { collect: [0.86, 0.81], share: [0.56, 0.60] } },
  'APPSI-139': { collect: 0.70, share: 0.68 },
  'PI-Extract': { collect: 0.65, share: 0.68 },
  'CAPP-130': { collect: 0.66, share: 0.68 },
  'CA4P-483': { collect: 0.30, share: 0.42, tagged: [0.75, 0.84] },
};
/** Share of test-split data spans the lexicon reads as some data type (measured 0.573 and 0.820). */
const SPAN_FLOORS = { 'PI-Extract': 0.54, 'CA4P-483': 0.79 };

describe('collection and sharing statements on expert-labelled policies (test splits)', function () {
  this.timeout(120_000);
  for (const corpus of CORPORA) {
    it(`${corpus.name} (${corpus.lang === 'en' ? 'English' : 'Chinese'} ${corpus.unit}s)`, function () {
      skipUnlessPresent(this, path.join(sharedPolicies, corpus.folder));
      const r = evaluateSplit(corpus, corpus.load(), 'test');
      console.log(`      ${showFigures(r).replace(/\n/g, '\n      ')}`);
      const floor = FLOORS[corpus.name];
      assert.ok(r.units > 300, `${r.units} test units`);
      assert.ok(r.collect.f1 >= floor.collect, `collect F1 ${r.collect.f1} below ${floor.collect}`);
      assert.ok(r.share.f1 >= floor.share, `share F1 ${r.share.f1} below ${floor.share}`);
      if (floor.pairs) {
        assert.ok(r.pairs, 'per-policy pairs measured');
        for (const k of ['collect', 'share'] as const) {
          assert.ok(r.pairs[k].precision >= floor.pairs[k][0], `${k} pair precision ${r.pairs[k].precision}`);
          assert.ok(r.pairs[k].recall >= floor.pairs[k][1], `${k} pair recall ${r.pairs[k].recall}`);
        }
      }
      if (floor.tagged) {
        assert.ok(r.taggedPrecision, 'precision over tagged sentences measured');
        assert.ok(r.taggedPrecision.collect >= floor.tagged[0] && r.taggedPrecision.share >= floor.tagged[1], JSON.stringify(r.taggedPrecision));
      }
    });
  }
});

describe('data spans of PI-Extract and CA4P-483 read as data types (test splits)', function () {
  this.timeout(60_000);
  it('PI-Extract: words naming data, and their OPP-115 category where known', function () {
    skipUnlessPresent(this, folderOf('PI-Extract'), folderOf('OPP-115'));
    const r = spanRecall(readSpans(piextractSpans('test'), 'en'));
    console.log(`      PI-Extract test: ${r.spans} spans, read ${r.read.toFixed(3)}, narrower than personal_info ${r.specific.toFixed(3)}, right category ${r.right.toFixed(3)} of ${r.checkable}`);
    assert.ok(r.spans > 200 && r.checkable > 50);
    assert.ok(r.read >= SPAN_FLOORS['PI-Extract'], `span recall ${r.read}`);
  });
  it('CA4P-483: 数据 spans', function () {
    skipUnlessPresent(this, folderOf('CA4P-483'));
    const r = spanRecall(readSpans(ca4pDataSpans('test'), 'zh'));
    console.log(`      CA4P-483 test: ${r.spans} spans, read ${r.read.toFixed(3)}, narrower than personal_info ${r.specific.toFixed(3)}`);
    assert.ok(r.spans > 1000);
    assert.ok(r.read >= SPAN_FLOORS['CA4P-483'], `span recall ${r.read}`);
  });
});

describe('corpus splits', () => {
  it('keeps a policy\'s template copies on one side of the CA4P-483 split', function () {
    skipUnlessPresent(this, folderOf('CA4P-483'));
    const policies = ca4pPolicies();
    const splits = ca4pSplits(policies);
    const clusters = templateClusters(policies.map((p) => ({ id: p.id, text: p.text })));
    assert.ok(clusters.some((c) => c.length > 1), 'some policies share a template');
    for (const c of clusters) assert.equal(new Set(c.map((id) => splits.get(id))).size, 1, c.join(' '));
    const test = [...splits.values()].filter((s) => s === 'test').length;
    assert.ok(test > policies.length / 10 && test < policies.length / 3, `${test} test policies`);
  });

  it('clusters policies that share most sentences, and no others', () => {
    const a = '我们收集您的手机号码用于登录验证。我们会将设备信息提供给合作伙伴用于统计分析。您可以随时删除您的账号信息和相关记录。';
    const b = `${a}本应用还会读取您的位置信息以推荐附近的商户。`;
    const c = '我们不会收集您的通讯录。我们仅在您同意后读取相册中的照片。如需帮助请联系我们的客服人员处理。';
    assert.deepEqual(templateClusters([{ id: 'a', text: a }, { id: 'b', text: b }, { id: 'c', text: c }]), [['a', 'b'], ['c']]);
  });

  it('reads the annotation tables: quoted CSV fields with commas, doubled quotes and line breaks; Python-style lists', () => {
    assert.deepEqual(parseCsv('a,"b, c","say ""hi""\nthere"\r\n1,,3\n'), [['a', 'b, c', 'say "hi"\nthere'], ['1', '', '3']]);
    assert.deepEqual(pythonList("['First Party', 'Third Party']"), ['First Party', 'Third Party']);
    assert.deepEqual(pythonList('[]'), []);
  });

  it('never trains on PI-Extract sentences of OPP-115 test-half policies', function () {
    skipUnlessPresent(this, folderOf('PI-Extract'), folderOf('OPP-115'));
    const opp = new Map(CORPORA.find((c) => c.name === 'OPP-115')!.load().map((p) => [p.id.replace(/\.html$/, ''), p.split]));
    for (const s of piextractSentences()) {
      const split = piSplit(s);
      if (split === 'train') assert.equal(opp.get(s.policy!), 'train', s.policy!);
      if (split === 'test') assert.notEqual(opp.get(s.policy!), 'train', s.policy!);
    }
  });
});

/**
 * The statement classifier: shipped model files validate, features are deterministic, training is
 * reproducible, and the integration adds practices only from data terms a unit names.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InputError } from '../../src/errors.js';
import { extractPolicy } from '../../src/extract/index.js';
import { featuresOf } from '../../src/extract/classifier/features.js';
import { StatementJudge, practicesFromTerms } from '../../src/extract/classifier/judge.js';
import { predict, trainLogistic, type Example, type TrainOptions } from '../../src/extract/classifier/logistic.js';
import { modelFile } from '../../src/extract/classifier/model-file.js';
import { modelPath, statementModelFrom, type StatementModel } from '../../src/extract/classifier/model.js';
import type { PolicyLanguage } from '../../src/model/practice.js';
import { validate } from '../../src/vocab/schemas.js';

const OPTS: TrainOptions = { epochs: 20, rate: 0.5, l2: 1e-5, seed: 7, minCount: 1 };

/** A model that is sure of everything: shows what the integration does when the classifier says yes. */
function confident(lang: PolicyLanguage, unit: 'block' | 'sentence'): StatementModel {
  return { language: lang, unit, thresholds: { collect: { add: 0.5, drop: 0 }, share: { add: 0.5, drop: 0 } }, linear: { heads: 2, bias: [10, 10], weights: new Map() } };
}
const unit = (text: string) => [{ text, evidence: { text, location: '¶1' } }];

describe('statement classifier', () => {
  it('ships a model per language that validates against its schema', () => {
    for (const lang of ['en', 'zh'] as const) {
      const raw: unknown = JSON.parse(readFileSync(modelPath(lang), 'utf8'));
      assert.equal(validate('statement-model', raw), undefined);
      const m = statementModelFrom(raw, modelPath(lang));
      assert.equal(m.language, lang);
      assert.ok(m.linear.weights.size > 1000);
      assert.ok(readFileSync(modelPath(lang)).length < 1.5 * 2 ** 20, 'model file under 1.5 MiB');
    }
  });

  it('rejects a model file that does not fit the schema or the feature scheme', () => {
    assert.throws(() => statementModelFrom({ kind: 'privdiff-statement-model', version: 1 }, 'bad.json'), InputError);
    const raw = JSON.parse(readFileSync(modelPath('en'), 'utf8')) as { features: string };
    assert.throws(() => statementModelFrom({ ...raw, features: 'en-other-0' }, 'old.json'), /feature scheme/);
  });

  it('extracts the same features every time, stemmed in English and as character pairs in Chinese', () => {
    const en = 'We are collecting your e-mail addresses and we don\'t sell them.';
    assert.deepEqual(featuresOf(en, 'en'), featuresOf(en, 'en'));
    const f = featuresOf(en, 'en');
    assert.ok(f.includes('w:collect') && f.includes('w:not') && f.includes('b:collect_your'));
    assert.ok(f.includes('d:email_address'));
    const zh = '我们会收集您的手机号码。';
    assert.deepEqual(featuresOf(zh, 'zh'), featuresOf(zh, 'zh'));
    assert.ok(featuresOf(zh, 'zh').includes('c:收集'));
    // Traditional script is read as Simplified.
    assert.ok(featuresOf('我們會收集您的手機號碼。', 'zh').includes('c:号码'));
  });

  it('trains reproducibly on a tiny synthetic set and separates it', () => {
    const texts: [string, boolean, boolean][] = [
      ['we collect your email address', true, false], ['we gather your phone number', true, false],
      ['we share your email address with advertisers', false, true], ['partners receive your location', false, true],
      ['contact us with questions', false, false], ['this policy may change', false, false],
    ];
    const examples: Example[] = texts.map(([t, c, s]) => ({ features: featuresOf(t, 'en'), labels: [c, s] }));
    const meta = { language: 'en' as const, unit: 'block' as const, thresholds: { collect: { add: 0.5, drop: 0 }, share: { add: 0.5, drop: 0 } }, corpus: 'synthetic', units: 6, options: OPTS, prune: 0.001 };
    const a = JSON.stringify(modelFile(trainLogistic(examples, 2, OPTS), meta));
    const b = JSON.stringify(modelFile(trainLogistic(examples, 2, OPTS), meta));
    assert.equal(a, b);
    assert.equal(validate('statement-model', JSON.parse(a)), undefined);
    const m = trainLogistic(examples, 2, OPTS);
    const [c0, s0] = predict(m, examples[0]!.features), [c2, s2] = predict(m, examples[2]!.features), [c4, s4] = predict(m, examples[4]!.features);
    assert.ok(c0! > 0.5 && s0! < 0.5 && s2! > 0.5 && c4! < 0.5 && s4! < 0.5, `${c0} ${s0} ${c2} ${s2} ${c4} ${s4}`);
    // Another seed visits examples in another order: the weights differ.
    assert.notEqual(JSON.stringify(modelFile(trainLogistic(examples, 2, { ...OPTS, seed: 8 }), meta)), a);
  });

  it('makes practices from the data terms a confidently positive unit names, marked as the classifier\'s', () => {
    const got = practicesFromTerms('collect', unit('Your e-mail address and location help personalise the app.'), confident('en', 'block'));
    assert.deepEqual(got.map((p) => [p.actor, p.action, p.dataType, p.negated, p.basis]).sort(), [
      ['first_party', 'collect', 'email_address', false, 'classifier'], ['first_party', 'collect', 'location', false, 'classifier'],
    ].sort());
    const share = practicesFromTerms('share', unit('广告合作伙伴会获得您的设备标识符。'), confident('zh', 'sentence'));
    assert.ok(share.length > 0 && share.every((p) => p.action === 'share' && p.recipient === 'advertiser' && p.basis === 'classifier'), JSON.stringify(share));
  });

  it('adds nothing to a unit that names no data, and nothing to a negated one', () => {
    for (const [text, lang] of [['Please read these terms carefully before using the app.', 'en'], ['请您仔细阅读本政策。', 'zh'], ['We never sell anything we hold about you to advertisers.', 'en']] as const) {
      const judge = new StatementJudge(confident(lang, lang === 'en' ? 'block' : 'sentence'));
      const j = judge.judge(text, unit(text), []);
      assert.ok(j.scores.collect > 0.99);
      assert.deepEqual(j.add, [], text);
    }
    assert.deepEqual(practicesFromTerms('collect', unit('We do not collect your e-mail address.'), confident('en', 'block')), []);
  });

  it('with the shipped model, adds a collection the rules miss in a clearly phrased unit', () => {
    const text = 'Details such as your name, e-mail address and postal address are stored when you register.';
    const doc = { source: 't', format: 'text' as const, language: 'en' as const, blocks: [{ kind: 'paragraph' as const, text, section: [], location: '¶1' }] };
    const rules = extractPolicy(doc, { classifier: false }).practices;
    const both = extractPolicy(doc).practices;
    assert.ok(!rules.some((p) => p.action === 'collect'), 'the rules find it (pick another sentence for this test)');
    const added = both.filter((p) => p.basis === 'classifier');
    assert.ok(added.some((p) => p.action === 'collect' && p.dataType === 'email_address'), JSON.stringify(both));
    assert.ok(added.every((p) => p.evidence.text === text));
  });

  it('does not read a third party\'s collection as the app\'s own, even where the unit scores as collection', () => {
    const text = 'The Umeng SDK collects device information (IMEI, device model) for statistics only.';
    const doc = { source: 't', format: 'text' as const, language: 'en' as const, blocks: [{ kind: 'paragraph' as const, text, section: [], location: '¶1' }] };
    // A model sure that every unit states a collection: the guard, not the score, must keep it out.
    const judge = new StatementJudge(confident('en', 'block'));
    const ruled = extractPolicy(doc, { classifier: false }).practices;
    assert.ok(ruled.some((p) => p.organization === 'umeng' && p.dataType === 'imei'), JSON.stringify(ruled));
    // Without the rules' reading, the unit would give first-party collections of its data terms.
    const unguarded = judge.judge(text, [{ text, evidence: { text, location: '¶1' } }], []);
    assert.ok(unguarded.add.some((p) => p.actor === 'first_party' && p.dataType === 'imei'), 'the unit scores as a collection');
    const guarded = judge.judge(text, [{ text, evidence: { text, location: '¶1' } }], ruled);
    assert.ok(!guarded.add.some((p) => p.actor === 'first_party' && p.action === 'collect' && p.dataType === 'imei'), JSON.stringify(guarded.add));
    const practices = extractPolicy(doc).practices;
    assert.ok(!practices.some((p) => p.actor === 'first_party' && p.action === 'collect' && p.dataType === 'imei'), JSON.stringify(practices));
  });
});

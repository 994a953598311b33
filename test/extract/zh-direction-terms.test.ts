/**
 * Chinese direction of a transfer (向X提供 is sharing, 向我们提供 is our collection, a third party
 * stays the actor of its own acts), terms the lexicon lacked (透露, 录音) and short names a policy
 * defines (以下简称“X”). Sentences our own, written for these rules.
 */
import assert from 'node:assert/strict';
import type { Block, PolicyDocument } from '../../src/load/document.js';
import { extractFromSentence, extractPolicy } from '../../src/extract/index.js';

const tuples = (s: string) => extractFromSentence(s, 'zh', '§1').map((p) => [p.organization ?? p.actor, p.action, p.dataType, p.negated].join('|')).sort();

const cases: [family: string, sentence: string, expected: string[]][] = [
  ['向X提供 is sharing', '为完成配送，我们会向物流公司提供您的收货地址。', ['first_party|share|postal_address|false']],
  ['提供给X is sharing', '我们会把您的手机号码提供给承运商。', ['first_party|share|phone_number|false']],
  ['您向我们提供 is our collection', '开通会员时，您需要向我们提供您的手机号码。', ['first_party|collect|phone_number|false']],
  ['a party giving it to us: our collection', '经您授权后，微信会向我们提供您的头像。', ['first_party|collect|media|false']],
  ['a party giving it to us, 提供给我们', '第三方登录平台会将您的头像提供给我们。', ['first_party|collect|media|false']],
  ['the third party stays the actor of its own collection', '腾讯地图SDK会获取您的精确位置，并向我们提供您所在的城市。', ['first_party|collect|coarse_location|false', 'tencent|collect|precise_location|false']],
  ['what the user provided, shared on: the main verb is ours', '您提供的收货地址将共享给快递公司。', ['first_party|share|postal_address|false']],
  ['透露 is disclosure', '未经您的同意，我们不会向任何第三方透露您的身份证号码。', ['first_party|share|national_id|false']],
  ['透露给 with a moved object', '我们不会将您的联系电话透露给商家。', ['first_party|share|phone_number|true']],
  ['通话录音 is a recording', '我们会保存您与客服的通话录音。', ['first_party|retain|media|false']],
];

describe('Chinese direction and terms', () => {
  for (const [family, sentence, expected] of cases) {
    it(family, () => assert.deepEqual(tuples(sentence), [...expected].sort()));
  }
});

describe('short names a Chinese policy defines', () => {
  const practices = (lines: string[]) => {
    const doc: PolicyDocument = { source: 'x', format: 'text', language: 'zh', blocks: lines.map((t, i): Block => ({ kind: 'paragraph', text: t, section: [], location: `¶${i}` })) };
    return extractPolicy(doc, { classifier: false }).practices;
  };
  it('reads a defined short name as what it stands for, keeping the sentence as written', () => {
    const got = practices(['为识别设备，我们会收集您的国际移动设备识别码（以下简称“设备码”）。', '设备码将用于识别您的设备。']);
    const later = got.filter((p) => p.evidence.location === '¶1');
    assert.deepEqual(later.map((p) => `${p.action}|${p.dataType}`), ['use|imei']);
    assert.equal(later[0]!.evidence.text, '设备码将用于识别您的设备。');
  });
  it('ignores short names for ourselves', () => {
    const got = practices(['北辰星科技有限公司（以下简称“我们”）提供本服务。', '我们会收集您的手机号码。']);
    assert.deepEqual(got.map((p) => `${p.actor}|${p.action}|${p.dataType}`), ['first_party|collect|phone_number']);
  });
});

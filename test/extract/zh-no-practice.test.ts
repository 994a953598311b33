/**
 * Chinese sentences that state no practice, and the verbs that have no data object: one row per
 * family, sentences our own (written for these rules, not taken from any corpus). Each expects the
 * exact (actor, action, data type, negated) tuples.
 */
import assert from 'node:assert/strict';
import type { Block, PolicyDocument } from '../../src/load/document.js';
import { extractFromSentence, extractPolicy } from '../../src/extract/index.js';

const tuples = (s: string, section?: string) => extractFromSentence(s, 'zh', '§1', section).map((p) => [p.organization ?? p.actor, p.action, p.dataType, p.negated].join('|')).sort();

const cases: [family: string, sentence: string, expected: string[], section?: string][] = [
  ['使用 the product has no data object', '为了让您顺利下单，请您登录后再使用我们的商城服务。', []],
  ['使用 a feature after a refusal has no data object', '关闭通知后您仍可以使用本软件的其他功能。', []],
  ['使用 data before the product noun keeps it', '您可以使用手机号码登录我们的产品。', []],
  ['we use data to run the product: a use with its object', '我们会使用您的设备型号优化本应用的适配。', ['first_party|use|device_model|false']],
  ['处理 a request is no use of data', '收到您的更正申请后，我们会在十五日内处理您的申请。', []],
  ['处理 in a rights section is no use', '我们会按您的要求处理您的个人信息。', [], '七、您的权利'],
  ['处理 elsewhere is a use', '我们会按您的要求处理您的个人信息。', ['first_party|use|personal_info|false'], '二、我们如何使用信息'],
  ['consent to the whole policy', '您继续使用本应用，即视为您同意我们依照本指引收集您的信息。', []],
  ['a partner may not use data for other ends', '接收方无权将您的收货地址用于与本服务无关的用途。', []],
  ['a partner restriction after a sharing keeps the sharing', '我们会向快递公司提供您的收货地址，快递公司不得将其用于其他目的。', ['first_party|share|postal_address|false']],
  ['our own 不得 stays a negated statement', '我们不得将您的通讯录用于任何其他目的。', ['first_party|use|contacts|true']],
  ['a third party not collecting a type stays negated', '我们要求接入的地图SDK不得获取您的通讯录。', ['third_party|collect|contacts|true']],
  ['refusing, generic object: the consequence only', '若您不同意授权上述权限，将无法使用语音搜索功能，但不会影响您浏览商品。', []],
  ['refusing a named type still tells it is asked for', '若您拒绝提供收货地址，我们将无法为您配送商品。', ['first_party|collect|postal_address|false']],
  ['a consent-exception item alone', '（三）与刑事侦查、起诉、审判和判决执行等直接有关的；', []],
  ['the public-data exception item', '4. 所收集的个人信息是您自行向社会公众公开的；', []],
  ['the contract exception item', '（五）根据您的要求签订和履行合同所必需的；', []],
  ['the lead-in and its items in one sentence: the lead-in states its practice', '在以下情形中，我们收集您的个人信息无需征得您的同意：（一）与国家安全有关的；（二）与公共卫生有关的。', ['first_party|collect|personal_info|false']],
  ['a right of access', '您可以在“我的-账户管理”中查阅和复制您的账户信息。', []],
  ['a right as a heading', '更正个人信息：进入“设置-资料”后即可修改。', []],
  ['refusing, then told not to use the service', '若您选择不提供上述信息，请不要使用本服务。', []],
  ['a list of policy changes', '重大变更包括我们处理个人信息的目的、处理的个人信息类型或使用方式发生变化。', []],
  ['a definition', '生物识别信息是指对自然人的面部、指纹等生物特征进行处理后得到的信息。', []],
  ['a table of contents', '一、我们收集的信息 二、信息的使用 三、信息的共享 四、您的权利', []],
  ['what we cannot do is negated', '聊天内容在您的手机上加密，我们无法读取您的聊天记录。', ['first_party|collect|message_content|true']],
  ['the user\'s inability is no practice of ours', '如您关闭定位权限，您将无法查看附近的门店。', []],
  ['a purpose ends where a negated predicate starts', '友盟SDK获取您的设备型号仅用于崩溃分析，不会读取您的短信。', ['umeng|collect|device_model|false', 'umeng|collect|sms|true']],
  ['data moved before a verb that is no practice', '我们会核验您的身份，将验证结果展示给您。', []],
];

describe('Chinese sentences that state no practice', () => {
  for (const [family, sentence, expected, section] of cases) {
    it(family, () => assert.deepEqual(tuples(sentence, section), [...expected].sort()));
  }
});

describe('the statutory consent-exception list in a policy', () => {
  it('gives its items no practice of their own: each repeats the lead-in\'s, with the exception as condition', () => {
    const lines = ['根据法律法规，在下列情形中，我们收集您的个人信息无需取得您的授权同意：', '1、与国家安全、国防安全有关的；', '2、所收集的个人信息是您自行向社会公众公开的；', '3、从合法公开披露的信息中收集您的个人信息的；', '4、法律法规规定的其他情形。'];
    const doc: PolicyDocument = { source: 'x', format: 'text', language: 'zh', blocks: lines.map((t, i): Block => ({ kind: 'paragraph', text: t, section: [], location: `¶${i}` })) };
    const got = extractPolicy(doc, { classifier: false }).practices.map((p) => `${p.evidence.location} ${p.actor}|${p.action}|${p.dataType}|${p.condition}`);
    assert.deepEqual(got, [0, 1, 2, 3, 4].map((i) => `¶${i} first_party|collect|personal_info|exception`));
  });

  it('an item alone, with no lead-in, states nothing', () => {
    const doc: PolicyDocument = { source: 'x', format: 'text', language: 'zh', blocks: [{ kind: 'paragraph', text: '3、从合法公开披露的信息中收集您的个人信息的；', section: [], location: '¶0' }] };
    assert.deepEqual(extractPolicy(doc, { classifier: false }).practices, []);
  });
});

describe('Chinese notice elements the cue lists misread', () => {
  const notices = (s: string) => {
    const doc: PolicyDocument = { source: 'x', format: 'text', language: 'zh', blocks: [{ kind: 'paragraph', text: s, section: [], location: '¶0' }] };
    return extractPolicy(doc, { classifier: false }).notice.map((n) => `${n.element}${n.value ? `=${n.value}` : ''}`).sort();
  };
  it('a deletion after a period is retention, not a right', () => {
    assert.deepEqual(notices('访问日志在180天后自动删除。'), ['retention_period=180天']);
  });
  it('a deletion the user asks for stays a right', () => {
    assert.ok(notices('您可以要求我们在15个工作日内删除您的账号信息。').includes('data_subject_rights'));
  });
  it('an address the user is told to write to is the controller contact', () => {
    assert.deepEqual(notices('如对本政策有疑问，请发送邮件至 help@example-app.cn 与我们联系。').filter((n) => n.startsWith('controller_contact')), ['controller_contact=help@example-app.cn']);
  });
});

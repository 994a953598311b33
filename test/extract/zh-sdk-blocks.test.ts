/**
 * Chinese SDK lists in the regulator-recommended form, one field per line, per two-cell row or one
 * cell per line: each SDK is one record whose data its provider collects (a third party, counted as
 * sharing), never first-party collection. The policies are our own, written for these tests.
 */
import assert from 'node:assert/strict';
import type { Block, PolicyDocument } from '../../src/load/document.js';
import { extractPolicy } from '../../src/extract/index.js';

const doc = (lines: (string | string[])[]): PolicyDocument => ({
  source: 'sdk-test', format: 'text', language: 'zh',
  blocks: lines.map((l, i): Block => Array.isArray(l)
    ? { kind: 'table_row', text: l.join(' | '), cells: l, section: ['第三方SDK'], location: `¶${i}` }
    : { kind: 'paragraph', text: l, section: ['第三方SDK'], location: `¶${i}` }),
});
const tuples = (lines: (string | string[])[]) => [...new Set(extractPolicy(doc(lines), { classifier: false }).practices
  .map((p) => [p.organization ?? p.actor, p.action, p.dataType, p.negated].join('|')))].sort();

describe('Chinese SDK lists written one field per line', () => {
  it('reads consecutive key lines as one record of the provider', () => {
    const got = tuples([
      '我们接入的第三方SDK如下：',
      'SDK名称：极光推送SDK',
      '第三方名称：深圳市和讯华谷信息技术有限公司',
      '官网链接：https://www.jiguang.cn',
      '使用目的：向您推送订单状态消息',
      '收集的个人信息：设备标识符、网络类型',
      'SDK名称：友盟统计SDK',
      '提供方：友盟同欣（北京）科技有限公司',
      '使用目的：统计活跃用户',
      '收集的个人信息：IMEI、IP地址',
      '我们会收集您的手机号码用于登录。',
    ]);
    assert.deepEqual(got, [
      'first_party|collect|phone_number|false',
      'jpush|collect|device_id|false',
      'umeng|collect|imei|false',
      'umeng|collect|ip_address|false',
    ]);
  });

  it('reads two-cell rows (key cell, value cell) as one record', () => {
    const got = tuples([
      ['SDK名称', '友盟推送SDK'],
      ['提供方', '友盟同欣（北京）科技有限公司'],
      ['收集的个人信息', '设备型号、操作系统版本'],
      ['隐私政策链接', 'https://www.umeng.com/policy'],
    ]);
    assert.deepEqual(got, ['umeng|collect|device_model|false', 'umeng|collect|os_version|false']);
  });

  it('takes the data the purpose names when the record lists none', () => {
    assert.deepEqual(tuples(['SDK名称：极光推送SDK', '使用目的：通过获取您的位置信息选择推送通道']), ['jpush|collect|location|false']);
  });

  it('does not start a record from a data line alone', () => {
    assert.deepEqual(tuples(['收集的信息：您的手机号码']), ['first_party|collect|phone_number|false']);
  });

  it('joins a table written one cell per line into rows under its header', () => {
    const got = tuples([
      'SDK名称', '|', '可能收集的个人信息', '|', '使用场景', '|', 'SDK所属公司及其隐私政策链接',
      '---|---|---|---',
      '极光推送SDK', '|', '设备标识符、IP地址', '|', '消息推送', '|', '深圳市和讯华谷信息技术有限公司',
      '<https://www.jiguang.cn/license/privacy>',
      '友盟统计SDK', '|', 'IMEI', '|', '统计', '|', '友盟同欣（北京）科技有限公司',
    ]);
    assert.deepEqual(got, ['jpush|collect|device_id|false', 'jpush|collect|ip_address|false', 'umeng|collect|imei|false']);
  });
});

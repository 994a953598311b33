/**
 * Chinese clause rules, one table row per rule family: the sentences are our own, written for these
 * rules (not taken from the evaluation sets), and each expects the exact (actor, action, data type,
 * negated) tuples.
 */
import assert from 'node:assert/strict';
import { extractFromSentence } from '../../src/extract/index.js';

const tuples = (s: string) => extractFromSentence(s, 'zh', '§1').map((p) => [p.organization ?? p.actor, p.action, p.dataType, p.negated].join('|')).sort();

const cases: [family: string, sentence: string, expected: string[]][] = [
  ['key-value SDK row', 'SDK名称：极光推送；收集个人信息类型：设备标识符、IP地址；使用目的：消息推送。', ['jpush|collect|device_id|false', 'jpush|collect|ip_address|false']],
  ['SDK key with a qualifier, unread label ends a value', 'SDK名称：极光推送  公司名称：深圳市和讯华谷信息技术有限公司  官网：https://www.jiguang.cn  收集的个人信息的字段：IMEI', ['jpush|collect|imei|false']],
  ['list items after a colon take the lead-in verb', '我们会收集以下信息：①手机号码；②收货地址。', ['first_party|collect|phone_number|false', 'first_party|collect|postal_address|false']],
  ['permission label is collection', '麦克风权限：用于语音输入，您可以随时在系统设置中关闭。', ['first_party|collect|microphone|false']],
  ['将其 points back to the data named before', '您的身份证号码仅用于实名认证，我们不会将其用于其他用途。', ['first_party|use|national_id|false', 'first_party|use|national_id|true']],
  ['a predicated verb without object takes the topic', '您的通话记录仅在本地比对，比对结束后我们不会保存。', ['first_party|retain|call_log|true']],
  ['向 a party 提供 is sharing', '我们不会向保险机构提供您的健康信息。', ['first_party|share|health|true']],
  ['委托 a party to process: we share, the processing is theirs', '我们会委托云服务商存储您的照片。', ['first_party|share|media|false']],
  ['sent to a destination without object: the data named before', '我们会收集您的姓名，并提交至公安部门的系统核验。', ['first_party|collect|name|false', 'first_party|share|name|false']],
  ['time clause does not supply the subject', '在您关闭定位服务后，我们不会获取您的经纬度。', ['first_party|collect|precise_location|true']],
  ['relative clause of the user does not supply the subject', '您上传的头像将存储在我们的服务器上。', ['first_party|collect|media|false', 'first_party|retain|media|false']],
  ['storage abroad is also a transfer abroad', '我们会将您的订单信息存储在新加坡的服务器上。', ['first_party|retain|payment_info|false', 'first_party|transfer_abroad|payment_info|false']],
  ['storage on the user\'s device is not ours', '您的草稿仅保存在您的手机本地。', []],
  ['由其 after a recipient: the processing is the recipient\'s', '我们仅向服务提供者共享您的手机号码，由其代表我们进行处理。', ['first_party|share|phone_number|false', 'service_provider|use|phone_number|false']],
  ['通过 a party is a source, not the subject', '我们不会通过合作方获取您的通讯录。', ['first_party|collect|contacts|true']],
  ['根据 data is its use', '我们会根据您的位置信息为您推荐附近的门店。', ['first_party|use|location|false']],
  ['instrument data belongs to the verb after it', '我们会通过您的IP地址获取您所在的城市。', ['first_party|collect|coarse_location|false', 'first_party|collect|ip_address|false']],
  ['代表我们: the party before acts', '服务商会代表我们保存您的聊天记录。', ['service_provider|retain|message_content|false']],
  ['consent wording lifts the negation', '未经您的允许，我们不会读取您的剪切板。', ['first_party|collect|clipboard|false']],
  ['obtaining consent is not collection', '我们会在取得您的明确同意后处理您的健康信息。', ['first_party|use|health|false']],
  ['SMS as a channel is not SMS data', '我们会收集您的手机号码，并通过短信验证码确认是您本人操作。', ['first_party|collect|phone_number|false']],
  ['a heading is no statement', '（五）个人信息的共享', []],
  ['the party we require to act is the embedded subject', '我们已要求合作方仅在必要时读取您的剪切板，并要求其不在后台读取。', ['third_party|collect|clipboard|false']],
  ['a safeguard statement names data without collecting it', '我们会采取加密技术等安全措施保护您的支付信息。', []],
  ['ID card photos are national ids, face images biometric', '我们会收集您的身份证照片和人脸照片。', ['first_party|collect|biometric|false', 'first_party|collect|national_id|false']],
  ['we and our partners both act', '我们或我们的合作伙伴可能获取您的设备型号。', ['first_party|collect|device_model|false', 'third_party|collect|device_model|false']],
  ['a leading purpose ends where the subject starts the main verb', '当您开通会员并使用本App时，为了完成支付您需要向我们提供您的银行卡号。', ['first_party|collect|bank_card|false']],
  ['viewing history and search keywords are data terms', '我们会记录您的观看历史和搜索关键词。', ['first_party|collect|browsing_history|false', 'first_party|collect|usage_data|false']],
  ['调取 from another product is collection', '为排查连接问题，我们会向合作游戏调取您的日志信息。', ['first_party|collect|usage_data|false']],
  ['an act named as the topic of consent or rules states nothing', '您可以在设置中撤回我们继续收集和使用您个人信息的授权。', []],
  ['a verb inside a 的-phrase describes the object, the verb before is the predicate', '我们可能与广告合作伙伴共享不识别您个人身份的去标识化设备信息。', ['first_party|share|device_info|false']],
  ['提供商 is a party, not a verb; 委托 a party to process is sharing', '我们会委托第三方推送提供商处理您的设备标识符。', ['first_party|share|device_id|false']],
  ['Taiwan wording: device type, wireless network', '我們會收集您的裝置類型與無線網路名稱。', ['first_party|collect|device_model|false', 'first_party|collect|wifi_info|false']],
];

describe('extract: Chinese clause rules', () => {
  for (const [family, sentence, expected] of cases) {
    it(`${family}: ${sentence}`, () => assert.deepEqual(tuples(sentence), [...expected].sort()));
  }
});

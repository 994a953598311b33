/** Small factories for the core records, in the manner of mitmproxy's tflow. */
import type { Detection, Flow, Recipient } from '../../src/model/flow.js';
import type { Practice, PolicyExtraction } from '../../src/model/practice.js';

export function recipient(over: Partial<Recipient> = {}): Recipient {
  return { host: 'api.example.com', domain: 'example.com', party: 'first', ...over };
}

export const umeng = (): Recipient =>
  recipient({ host: 'log.umeng.com', domain: 'umeng.com', party: 'third', organization: 'Umeng', organizationId: 'umeng', category: 'analytics_provider', country: 'CN' });

export function detection(dataType: string, value = '861234567890125', over: Partial<Detection> = {}): Detection {
  return { dataType, value, where: `query.${dataType}`, encoding: 'plain', confidence: 0.9, detector: 'test', ...over };
}

let nextIndex = 0;

export function flow(over: Partial<Flow> = {}): Flow {
  const index = over.index ?? nextIndex++;
  return {
    index, capture: 'test.pcap', time: '2026-03-02T09:00:00.000Z', protocol: 'http', cleartext: false,
    host: 'api.example.com', method: 'POST', url: 'https://api.example.com/v1', detections: [],
    recipient: recipient(), ...over,
  };
}

export function practice(over: Partial<Practice> = {}): Practice {
  return {
    actor: 'first_party', action: 'collect', dataType: 'imei', negated: false,
    evidence: { text: 'We collect your IMEI.', location: '§1 ¶1' }, ...over,
  };
}

export function policy(practices: Practice[] = [], over: Partial<PolicyExtraction> = {}): PolicyExtraction {
  return { source: 'policy.html', language: 'en', practices, notice: [], ...over };
}

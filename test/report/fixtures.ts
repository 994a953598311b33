/** The hand-made Nimbus Messages report, and a hostile copy with script and markup planted everywhere. */
import { readFileSync } from 'node:fs';
import type { Report } from '../../src/report/model.js';

export function nimbusReport(): Report {
  return JSON.parse(readFileSync(new URL('../fixtures/report/nimbus.json', import.meta.url), 'utf8')) as Report;
}

/** Payloads that would run or load something if any reached the page unescaped. Each sets window.__pwned or calls alert. */
export const PAYLOADS = [
  '<script>window.__pwned="script"</script>',
  '"><img src=x onerror="window.__pwned=\'img\'">',
  "'><svg onload=window.__pwned='svg'>",
  'javascript:window.__pwned="jsurl"',
  '</script><script>window.__pwned="close-script"</script>',
  '</title></style></textarea><script>alert("breakout")</script>',
  '<iframe src="javascript:alert(\'iframe\')"></iframe>',
  '<a href="javascript:alert(1)" id="evil-link">click</a>',
  ']]><foreignObject><body onload="window.__pwned=\'foreign\'"/></foreignObject>',
  '{{n}}<style>body{background:url(http://127.0.0.1:9/x)}</style>',
];

/** A report whose every free-text field carries one of the payloads. */
export function hostileReport(): Report {
  const r = nimbusReport();
  let i = 0;
  const p = () => PAYLOADS[i++ % PAYLOADS.length] as string;
  r.tool.version = p();
  r.policy.source = `policy${p()}.html`;
  r.captures = r.captures.map((c) => ({ ...c, source: `cap${p()}.pcap` }));
  r.jurisdictions = [...r.jurisdictions, p()];
  r.region = p();
  r.errors = [p(), p()];
  for (const o of r.observations) {
    o.recipient = { ...o.recipient, host: `h${p()}`, domain: `d${p()}`, organization: p(), country: p() };
    o.dataType = p();
    o.condition = p();
  }
  for (const f of r.findings) {
    f.id = p();
    f.message = p();
    if (f.recipient) f.recipient = { ...f.recipient, host: p(), domain: p(), organization: p(), country: p() };
    if (f.dataType) f.dataType = p();
    if (f.element) f.element = p();
    f.evidence = {
      flows: f.evidence.flows.map((e) => ({ ...e, capture: p(), url: p(), host: p(), method: p(), time: p(), where: p(), encoding: p(), value: p() })),
      policy: [...f.evidence.policy, { text: p(), location: p() }].map((e) => ({ text: `${e.text} ${p()}`, location: p() })),
    };
    f.rules = f.rules.map((rule) => ({ ...rule, jurisdiction: `x${p()}`, rule: p(), ref: p(), title: p(), titleZh: p() }));
  }
  return r;
}

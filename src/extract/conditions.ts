/** The condition a sentence puts on its practices: consent, separate consent, opt-in, opt-out. */
import { findCues } from './match.js';
import { inRange, type Range, type Scan } from './scan.js';

const ORDER = ['separate_consent', 'consent', 'opt_in', 'opt_out'];

export function conditionOf(scan: Scan): string | undefined {
  const conditions = scan.lex.cues.conditions;
  for (const id of ORDER) {
    const cues = conditions[id];
    if (cues && findCues(scan.lower, cues, scan.lang).length > 0) return id;
  }
  return undefined;
}

/** "without your consent", "未经您的同意": the negation only holds until the user consents. */
export function consentLifts(scan: Scan, clause: Range): boolean {
  if (scan.consentNegations.some((m) => inRange(clause)(m) || m.start < clause.start)) return true;
  // "unless you tap Paste", "unless you turn on backup": the user's own act lifts it, like consent.
  return exceptionText(scan, clause).some((t) => /同意|授权|许可|consent|permission|authori[sz]/.test(t) || (scan.lang === 'en' && /^\s*you\s+(?!are\b|have been\b|were\b)/.test(t)));
}

export function hasException(scan: Scan, clause: Range): boolean {
  return exceptionText(scan, clause).length > 0;
}

function exceptionText(scan: Scan, clause: Range): string[] {
  const text = scan.lower.slice(clause.start, clause.end);
  if (scan.lang === 'zh') {
    const m = /(?:^|[，,。；\s（(])除(?:了|非)?([^。；]*?)(?:外|以外|之外|，)|除非([^，。；]*)/.exec(text);
    return m ? [m[1] ?? m[2] ?? ''] : [];
  }
  const m = /\b(?:except|other than|unless|apart from)\b([^.;]*)/.exec(text);
  return m ? [m[1] ?? ''] : [];
}

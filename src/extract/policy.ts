/**
 * A whole policy document → practices and notice elements. Walks the blocks in order, splits
 * them into sentences, carries a list's lead-in ("We collect the following information:") into
 * the items that follow it, and reads SDK tables and key-value SDK descriptions.
 */
import type { PolicyDocument } from '../load/document.js';
import type { Evidence, NoticeEntry, PolicyExtraction, PolicyLanguage, Practice } from '../model/practice.js';
import { lexicon, type PhraseTable } from './lexicon.js';
import { definitionsIn, withDefinitions } from './defined-terms-en.js';
import { enOpensList } from './rules-en.js';
import { findTable } from './match.js';
import { noticeFromSentence, placeOf, saysStays } from './notice.js';
import { extractFromSentence } from './practices.js';
import { noPracticeItem } from './rules-zh.js';
import { definedAbbreviations, expandAbbreviations } from './sentences-zh.js';
import type { Party } from './subjects.js';
import { normalise } from './scan.js';
import { StatementJudge, type UnitSentence } from './classifier/judge.js';
import { statementModel } from './classifier/model.js';
import { kindsOf } from './classifier/unit-features.js';
import { headerColumns, joinCellLines, recordFromRow, recordFromText, SdkFieldReader, sdkPractices, type Column, type SdkFieldRecord } from './sdk.js';
import { splitSentences } from './sentences.js';

/** Evidence sentences kept per notice element: presence matters downstream, not every repeat. */
const NOTICE_PER_ELEMENT = 5;

export interface ExtractOptions {
  /** Use the trained statement classifier to add missed practices (default true); false: rules only. */
  classifier?: boolean;
}

export function extractPolicy(doc: PolicyDocument, options: ExtractOptions = {}): PolicyExtraction {
  const lang = doc.language;
  const model = options.classifier === false ? null : statementModel(lang);
  const judge = model ? new StatementJudge(model) : null;
  const dropped = new Set<Practice>();
  const judgeUnit = (text: string, sentences: UnitSentence[], ruled: Practice[]) => {
    if (!judge) return;
    const j = judge.judge(text, sentences, ruled);
    j.add.forEach(addPractice);
    j.drop.forEach((p) => dropped.add(p));
  };
  const practices: Practice[] = [];
  const notice: NoticeEntry[] = [];
  const seen = new Set<string>();
  const addPractice = (p: Practice) => {
    const key = [p.organization ?? p.actor, p.action, p.dataType, p.negated, p.recipient, p.evidence.text].join('|');
    if (!seen.has(key)) { seen.add(key); practices.push(p); }
  };
  const noticeCount = new Map<string, number>();
  const addNotice = (n: NoticeEntry) => {
    const c = noticeCount.get(n.element) ?? 0;
    if (c < NOTICE_PER_ELEMENT) { noticeCount.set(n.element, c + 1); notice.push(n); }
  };
  const abbreviations: [string, string][] = [];
  let columns: (Column | undefined)[] | null = null;
  let leadIn: string | undefined;
  // The third party last named in this section: what "it" / "该SDK" in the next sentence means.
  let antecedent: Party | undefined;
  // Data names the policy has defined so far (English).
  let defined: PhraseTable | undefined;
  const remember = (found: Practice[]) => {
    const third = found.filter((p) => p.actor !== 'first_party').pop();
    if (third) antecedent = { actor: third.actor, ...(third.organization ? { organization: third.organization } : {}) };
  };
  // An SDK list written one field per line: its lines make one record, read by the SDK's provider.
  const sdkFields = new SdkFieldReader();
  const addSdkRecords = (records: SdkFieldRecord[]) => {
    for (const r of records) {
      const evidence: Evidence = { text: r.text, location: r.location, ...(r.section.length > 0 ? { section: r.section.join(' > ') } : {}) };
      addNotice({ element: 'sdk_list', evidence });
      const sdk = sdkPractices(r.rec, lang, evidence);
      sdk.forEach(addPractice);
      remember(sdk);
    }
  };
  for (const block of joinCellLines(doc.blocks)) {
    const section = block.section.length > 0 ? block.section.join(' > ') : undefined;
    const evidenceOf = (text: string): Evidence => ({ text, location: block.location, ...(section ? { section } : {}) });
    const field = sdkFields.read(block);
    addSdkRecords(field.done);
    if (field.consumed) { judge?.passOver(block.text); continue; }
    if (block.kind === 'heading') {
      judge?.passOver(block.text);
      leadIn = undefined;
      antecedent = undefined;
      for (const n of noticeFromSentence(block.text, lang, evidenceOf(block.text))) if (n.element === 'policy_date' || n.element === 'sdk_list') addNotice(n);
      continue;
    }
    if (block.kind === 'table_row' && block.cells && block.cells.length > 1) {
      const header = headerColumns(block.cells);
      if (header) { columns = header; addNotice({ element: 'sdk_list', evidence: evidenceOf(block.text) }); continue; }
      if (columns) {
        const rows = sdkPractices(recordFromRow(block.cells, columns), lang, evidenceOf(block.text));
        rows.forEach(addPractice);
        remember(rows);
        judge?.passOver(block.text);
        continue;
      }
    } else {
      columns = null;
    }
    const kv = recordFromText(block.text);
    if (kv?.data && (kv.name || kv.provider)) {
      addNotice({ element: 'sdk_list', evidence: evidenceOf(block.text) });
      const sdk = sdkPractices(kv, lang, evidenceOf(block.text));
      sdk.forEach(addPractice);
      remember(sdk);
      judge?.passOver(block.text);
      continue;
    }
    // The classifier's unit: the block (English, as OPP-115's segments) or each sentence (Chinese, as CAPP-130's).
    if (lang === 'zh') abbreviations.push(...definedAbbreviations(block.text, namesKnown));
    const blockSentences: UnitSentence[] = [];
    const blockRuled: Practice[] = [];
    for (const sentence of splitSentences(block.text, lang)) {
      const evidence = evidenceOf(sentence);
      // "以下简称“X”": a short name the policy defined is read as what it stands for.
      const readAs = lang === 'zh' ? expandAbbreviations(sentence, abbreviations) : sentence;
      const own = asWritten(extractFromSentence(readAs, lang, block.location, section, antecedent, defined), sentence);
      // Both looked up once per sentence: each is a lexicon scan of it.
      const acts = hasAction(sentence, lang);
      const purpose = purposeItem(sentence, lang);
      let found = own;
      const family = own.length === 0 && leadIn && lang === 'zh' ? noPracticeItem(sentence) : undefined;
      if (family === 'consentExceptionItems') {
        // The statutory exceptions are one statement: each item repeats the lead-in's practice, with
        // the exception as its condition, and adds none of its own ("与犯罪侦查有关的" shares nothing).
        const text = `${leadIn} ${sentence}`;
        found = extractFromSentence(leadIn!, lang, block.location, section, antecedent).map((p) => ({ ...p, evidence: { ...p.evidence, text } }));
      } else if (own.length === 0 && leadIn && (!acts || purpose) && !family) {
        // A list item under "we collect:" inherits the lead-in's verb; evidence keeps both.
        found = extractFromSentence(`${leadIn} ${sentence}`, lang, block.location, section, antecedent, defined);
      }
      for (const p of found) addPractice(p);
      // 'Personally Identifiable Information ("PII")': later sentences may say "PII" alone.
      if (lang === 'en') defined = withDefinitions(defined, definitionsIn(sentence));
      remember(found);
      const notices = noticeFromSentence(sentence, lang, evidence);
      notices.forEach(addNotice);
      if (!notices.some((n) => n.element === 'international_transfer')) transferNotice(found, evidence).forEach(addNotice);
      const located = locationPractices(sentence, lang, evidence);
      located.forEach(addPractice);
      if (model?.unit === 'sentence') judgeUnit(sentence, [{ text: sentence, evidence }], [...found, ...located]);
      else { blockSentences.push({ text: sentence, evidence }); blockRuled.push(...found, ...located); }
      if (announcesList(sentence) && acts) leadIn = sentence;
      else if (acts && block.kind !== 'list_item' && !purpose && !family) leadIn = undefined;
    }
    if (model?.unit === 'block') judgeUnit(block.text, blockSentences, blockRuled);
  }
  addSdkRecords(sdkFields.end());
  const kept = dropped.size > 0 ? withoutDropped(practices, dropped, lang) : practices;
  addSummaryNotice(kept, notice);
  return { source: doc.source, language: lang, ...(doc.script ? { script: doc.script } : {}), practices: kept, notice };
}

/** Practices read from a sentence with its short names written out keep the sentence as written for evidence. */
function asWritten(found: Practice[], sentence: string): Practice[] {
  return found.map((p) => (p.evidence.text === sentence.trim() ? p : { ...p, evidence: { ...p.evidence, text: sentence.trim() } }));
}

/** Whether a phrase names a data type or an organisation the Chinese lexicon knows. */
function namesKnown(phrase: string): boolean {
  const lex = lexicon('zh');
  const lower = normalise(phrase);
  return findTable(lower, lex.dataTypes, 'zh').length > 0 || findTable(lower, lex.organizations, 'zh').length > 0;
}

/**
 * The practices minus those the classifier rejected, except a rejected practice that is the policy's
 * only statement of its kind for its data type (and polarity; for sharing, and party): dropping that
 * would turn a disclosed flow into an "undisclosed" finding on the classifier's word alone.
 */
function withoutDropped(practices: Practice[], dropped: Set<Practice>, lang: PolicyLanguage): Practice[] {
  // Sharing is kept per party: Firebase's statement of the device model does not disclose Bugsnag's.
  const keyOf = (p: Practice, kind: 'collect' | 'share') => `${kind}|${p.dataType}|${p.negated}${kind === 'share' ? `|${p.organization ?? p.recipient ?? p.actor}` : ''}`;
  const covered = new Set<string>();
  for (const p of practices) {
    if (dropped.has(p)) continue;
    const k = kindsOf(p, lang);
    if (k.collect) covered.add(keyOf(p, 'collect'));
    if (k.share) covered.add(keyOf(p, 'share'));
  }
  return practices.filter((p) => {
    if (!dropped.has(p)) return true;
    const k = kindsOf(p, lang);
    return (k.collect && !covered.has(keyOf(p, 'collect'))) || (k.share && !covered.has(keyOf(p, 'share')));
  });
}

/** "We collect:", "在以下情形中，我们收集…无需征得您的同意。": the items that follow inherit the verb. */
function announcesList(sentence: string): boolean {
  return /[:：]\s*$/.test(sentence) || /(?:以下|下列|如下)(?:情形|情况|场景)/.test(sentence) || /\bthe following (?:circumstances|cases|situations)\b/i.test(sentence) || enOpensList(sentence);
}

/**
 * "to send you notices", "用于向您发送通知": an item of a list of purposes under "We may use your
 * information:", written as its own paragraph. Its verb is the purpose, not a practice: the item
 * inherits the lead-in, and the list goes on after it.
 */
function purposeItem(sentence: string, lang: PolicyLanguage): boolean {
  const item = sentence.replace(/^\s*(?:[-•*·]|\(?(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})[.)）]|[（(][一二三四五六七八九十\d]+[)）]|[①-⑳])?\s*/i, '');
  return lang === 'en' ? /^(?:to|in order to|so that we can)\s+[a-z]/i.test(item) : /^(?:用于|为了|以便|为)/.test(item);
}

function hasAction(sentence: string, lang: PolicyLanguage): boolean {
  return findTable(normalise(sentence), lexicon(lang).actions, lang).length > 0;
}

/** "Your data stays in the EU / 存储在中华人民共和国境内，不会传输至境外": a denied transfer abroad. */
function locationPractices(sentence: string, lang: PolicyLanguage, evidence: Evidence): Practice[] {
  const lower = normalise(sentence);
  if (!saysStays(lower, lang) || placeOf(lower, lang) === undefined && !lexicon(lang).abroad.some((w) => lower.includes(w))) return [];
  const types = [...new Set(findTable(lower, lexicon(lang).dataTypes, lang).map((m) => m.id))];
  return (types.length > 0 ? types : ['personal_info']).map((dataType) => ({
    actor: 'first_party', action: 'transfer_abroad' as const, dataType, negated: true, evidence,
  }));
}

/** "We transfer your e-mail address to our servers in Singapore": a transfer statement is a cross-border notice. */
function transferNotice(found: Practice[], evidence: Evidence): NoticeEntry[] {
  const transfer = found.find((p) => p.action === 'transfer_abroad');
  if (!transfer) return [];
  // The value is where the data goes, only when the statement allows it and names a place.
  const value = !transfer.negated && transfer.recipient && PLACE_CODE.test(transfer.recipient) ? transfer.recipient : undefined;
  return [{ element: 'international_transfer', evidence, ...(value ? { value } : {}) }];
}

const PLACE_CODE = /^(?:[A-Z]{2}|EEA)$/;

/** data_types and recipients are present when the policy states collections and recipients. */
function addSummaryNotice(practices: Practice[], notice: NoticeEntry[]): void {
  const collect = practices.find((p) => p.action === 'collect' && !p.negated);
  if (collect) notice.push({ element: 'data_types', evidence: collect.evidence });
  const shared = practices.find((p) => (p.action === 'share' || p.action === 'sell') && !p.negated);
  if (shared) notice.push({ element: 'recipients', evidence: shared.evidence, ...(shared.recipient ? { value: shared.recipient } : {}) });
}


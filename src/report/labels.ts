/**
 * Report wording in English and Chinese (data/report-labels.json), shared by every formatter.
 * Everything a report prints in words goes through here, so a Chinese report is Chinese throughout:
 * data types, encodings, conditions, finding kinds and TLS reasons included.
 */
import { dataTypeName, placeName } from '../judge/index.js';
import type { Severity } from '../model/finding.js';
import { readDataFile } from '../vocab/data-file.js';
import { ontology } from '../vocab/ontology.js';

type Table = Record<string, string>;

interface LabelsFile {
  en: Table;
  zh: Table;
  severity: Record<'en' | 'zh', Record<Severity, string>>;
  encoding: Record<'en' | 'zh', Table>;
  condition: Record<'en' | 'zh', Table>;
  tlsReason: Record<'en' | 'zh', Table>;
  kind: Record<'en' | 'zh', Table>;
}

let file: LabelsFile | undefined;

export function labelsFile(): LabelsFile {
  file ??= readDataFile<LabelsFile>('data', 'report-labels.json');
  return file;
}

export type Labels = ReturnType<typeof labels>;

export function labels(lang: 'en' | 'zh') {
  const data = labelsFile();
  const table = data[lang];
  const severity = data.severity[lang];
  const o = ontology();
  const t = (key: string, values: Record<string, string | number> = {}): string =>
    (table[key] ?? data.en[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
  return {
    lang,
    t,
    severity: (s: Severity) => severity[s] ?? s,
    /** English shows the id beside the name (`address book (contacts)`); Chinese shows the name only. */
    dataType: (id: string) => (lang === 'en' ? `${dataTypeName(id, 'en')} (${id})` : dataTypeName(id, 'zh')),
    dataTypeName: (id: string) => dataTypeName(id, lang),
    disclosure: (id: string) => o.file.disclosureClasses.find((d) => d.id === id)?.title[lang] ?? id,
    element: (id: string) => o.noticeTitle(id, lang),
    /** `base64+md5` → `base64 → MD5 hash`: each layer in the report's language. */
    encoding: (id: string) => id.split('+').map((part) => data.encoding[lang][part] ?? part).join(' → '),
    condition: (id: string) => data.condition[lang][id] ?? id,
    tlsReason: (id: string) => data.tlsReason[lang][id] ?? id,
    kind: (id: string) => data.kind[lang][id] ?? id,
    country: (code: string) => `${placeName(code, lang)}${placeName(code, lang) === code ? '' : ` (${code})`}`,
    /** The text a finding shows when it quotes no policy sentence: what is missing depends on its claim. */
    noPolicyText: (kind: string) => (table[`noPolicyText.${kind}`] ? t(`noPolicyText.${kind}`) : t('noPolicyText')),
    message: (f: { message: string; messageZh?: string }) => (lang === 'zh' && f.messageZh ? f.messageZh : f.message),
  };
}

/** Report wording in English and Chinese (data/report-labels.json), shared by every formatter. */
import type { Severity } from '../model/finding.js';
import { readDataFile } from '../vocab/data-file.js';
import { ontology } from '../vocab/ontology.js';

interface LabelsFile {
  en: Record<string, string>;
  zh: Record<string, string>;
  severity: Record<'en' | 'zh', Record<Severity, string>>;
}

let file: LabelsFile | undefined;

export function labels(lang: 'en' | 'zh') {
  file ??= readDataFile<LabelsFile>('data', 'report-labels.json');
  const table = file[lang];
  const severity = file.severity[lang];
  const o = ontology();
  return {
    t(key: string, values: Record<string, string | number> = {}): string {
      return (table[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
    },
    severity: (s: Severity) => severity[s],
    dataType: (id: string) => (lang === 'en' ? `${o.dataTypeTitle(id, 'en')} (${id})` : `${o.dataTypeTitle(id, 'zh')}（${id}）`),
    disclosure: (id: string) => o.file.disclosureClasses.find((d) => d.id === id)?.title[lang] ?? id,
    element: (id: string) => o.noticeTitle(id, lang),
    message: (f: { message: string; messageZh?: string }) => (lang === 'zh' && f.messageZh ? f.messageZh : f.message),
  };
}

/** The serving cell: a location area (LAC/TAC) or cell id together with a plausible MCC, or LAC with cell id. */
import type { Field, FlowDetector } from '../detector.js';
import { normKey } from '../hints.js';
import { plausibleMcc } from '../checks.js';
import type { Hit } from './hit.js';

const LAC = new Set(['lac', 'tac', 'celllac', 'locationareacode']);
const CELL = new Set(['cid', 'cellid', 'ci', 'nci', 'cellidentity', 'basestationid', 'bsid']);

function detect(fields: Field[]): Hit[] {
  let mcc: Field | undefined;
  let lac: Field | undefined;
  let cell: Field | undefined;
  for (const f of fields) {
    const value = f.value.trim();
    if (!/^\d{1,10}$/.test(value)) continue;
    const key = normKey(f.key);
    const n = Number(value);
    if (key === 'mcc' && plausibleMcc(value)) mcc ??= f;
    else if (LAC.has(key) && n > 0 && n < 2 ** 24) lac ??= f;
    else if (CELL.has(key) && n > 0 && n < 2 ** 36) cell ??= f;
  }
  const anchor = cell ?? lac;
  if (!anchor || !(mcc || (lac && cell))) return [];
  const value = [mcc?.value, lac?.value, cell?.value].filter((v) => v !== undefined).join('-');
  const confidence = mcc && lac && cell ? 0.95 : 0.8;
  return [{ dataType: 'cell_info', where: anchor.where, encoding: anchor.encoding, confidence, value }];
}

export const cellInfo: FlowDetector = { id: 'cell-info', dataTypes: ['cell_info'], detect };

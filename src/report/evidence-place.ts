/** Where a policy sentence is: its heading path as the policy names it, with the `§N ¶M` position. */
import type { Evidence } from '../model/practice.js';

/** Headings shown: the nearest ones. */
const HEADINGS_SHOWN = 2;

/** `5. Where we store your data (§11 ¶1)`; the root heading (usually the policy's title) is left out below it. */
export function evidencePlace(e: Evidence): string {
  const path = (e.section ?? '').split(' > ').map((s) => s.trim()).filter(Boolean);
  if (path.length === 0) return e.location;
  const inner = path.length > 1 ? path.slice(1) : path;
  const shown = inner.slice(-HEADINGS_SHOWN).join(' › ');
  return `${inner.length > HEADINGS_SHOWN ? '… › ' : ''}${shown} (${e.location})`;
}

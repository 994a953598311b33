/**
 * Groups flows into (data type, recipient) pairs as they stream, keeping only what a report needs:
 * counts, the first flow indexes, and the first few flows of each pair (and of its clear-text
 * flows) as evidence. Memory follows the number of pairs, not the number of flows.
 */
import type { Flow, Recipient } from '../model/flow.js';

/** Flows kept per pair as evidence (and again for its clear-text flows). */
export const EVIDENCE_PER_PAIR = 25;
/** Flow indexes listed per pair in the report; flowCount has the total. */
export const INDEXES_PER_PAIR = 10_000;
/** Distinct hosts listed per pair. */
export const HOSTS_PER_PAIR = 50;

export interface FlowGroup {
  dataType: string;
  recipient: Recipient;
  flowIndexes: number[];
  flowCount: number;
  /** The hosts its flows went to (one organisation may serve from several). */
  hosts: string[];
  cleartext: boolean;
  evidence: number;
  cleartextEvidence: number;
}

export function recipientKey(r: Recipient): string {
  return `${r.party}|${r.organizationId ?? r.domain}|${r.country ?? ''}`;
}

export class FlowGrouper {
  private readonly byKey = new Map<string, FlowGroup>();
  /** How many flows carried each data type. */
  readonly dataTypeFlows: Record<string, number> = {};

  /** Adds one flow; true when it is kept as evidence for at least one pair. */
  add(flow: Flow): boolean {
    if (!flow.recipient || flow.detections.length === 0) return false;
    let keep = false;
    for (const dataType of new Set(flow.detections.map((d) => d.dataType))) {
      this.dataTypeFlows[dataType] = (this.dataTypeFlows[dataType] ?? 0) + 1;
      const key = `${dataType}|${recipientKey(flow.recipient)}`;
      let group = this.byKey.get(key);
      if (!group) {
        group = { dataType, recipient: flow.recipient, flowIndexes: [], flowCount: 0, hosts: [], cleartext: false, evidence: 0, cleartextEvidence: 0 };
        this.byKey.set(key, group);
      }
      group.flowCount++;
      if (!group.hosts.includes(flow.host) && group.hosts.length < HOSTS_PER_PAIR) group.hosts.push(flow.host);
      if (group.flowIndexes.length < INDEXES_PER_PAIR) group.flowIndexes.push(flow.index);
      if (group.evidence < EVIDENCE_PER_PAIR) {
        group.evidence++;
        keep = true;
      }
      if (flow.cleartext) {
        group.cleartext = true;
        if (group.cleartextEvidence < EVIDENCE_PER_PAIR) {
          group.cleartextEvidence++;
          keep = true;
        }
      }
    }
    return keep;
  }

  /**
   * The pairs. A recipient located only after its group was opened (a flow seen before the DNS
   * answer naming its server, located at the end by observeCaptures) is keyed again here, so its
   * flows join the pair of the flows located at once instead of forming a second observation.
   */
  groups(): FlowGroup[] {
    const merged = new Map<string, FlowGroup>();
    for (const group of this.byKey.values()) {
      const key = `${group.dataType}|${recipientKey(group.recipient)}`;
      const into = merged.get(key);
      if (!into) {
        merged.set(key, group);
        continue;
      }
      into.flowCount += group.flowCount;
      into.flowIndexes = [...into.flowIndexes, ...group.flowIndexes].sort((a, b) => a - b).slice(0, INDEXES_PER_PAIR);
      into.hosts = [...new Set([...into.hosts, ...group.hosts])].slice(0, HOSTS_PER_PAIR);
      into.cleartext ||= group.cleartext;
      into.evidence += group.evidence;
      into.cleartextEvidence += group.cleartextEvidence;
    }
    return [...merged.values()];
  }
}

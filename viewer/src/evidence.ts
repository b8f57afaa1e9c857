// Which passages of a pair the panel lists, in which order: the panel shows them and the evidence CSV
// (view-export.ts) writes the same list, so that the file holds what the reader saw.
import type { WindowLevel } from "../../src/types.ts";
import type { EvidenceItem, PairEvidence } from "./data.ts";
import { dateInRange, type TimeRange } from "./time-filter.ts";

/**
 * Passages dated in the range (all, without one), those at the chosen window first and near-duplicates
 * last, each passage once: a sentence that holds both names is stored once per window level.
 */
export function shownEvidence(evidence: PairEvidence, window: WindowLevel, time: TimeRange): EvidenceItem[] {
  const rank = (it: EvidenceItem) => (it.level === window ? 0 : 1) + (it.duplicateOf ? 2 : 0);
  const seen = new Set<string>();
  return evidence.items
    .filter((it) => dateInRange(it.date, time))
    .sort((x, y) => rank(x) - rank(y))
    .filter((it) => {
      const key = `${it.doc}\u0000${it.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

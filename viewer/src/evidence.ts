// Which passages of a pair the panel lists, in which order: the panel shows them and the evidence CSV
// (view-export.ts) writes the same list, so that the file holds what the reader saw.
import type { WindowLevel } from "../../src/types.ts";
import { LEVEL_NUMBER } from "../../src/evidence/select.ts";
import type { EvidenceItem, PairEvidence } from "./data.ts";
import { dateInRange, type TimeRange } from "./time-filter.ts";

/**
 * Passages dated in the range (all, without one), those within the chosen window first (a sentence
 * that holds both names proves the pair at the paragraph and article windows too, and is stored once,
 * at its closest level) and near-duplicates last, each passage once (builds before 3 December stored a
 * shared sentence once per level).
 */
export function shownEvidence(evidence: PairEvidence, window: WindowLevel, time: TimeRange): EvidenceItem[] {
  const rank = (it: EvidenceItem) => ((LEVEL_NUMBER[it.level as WindowLevel] ?? 2) <= LEVEL_NUMBER[window] ? 0 : 1) + (it.duplicateOf ? 2 : 0);
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

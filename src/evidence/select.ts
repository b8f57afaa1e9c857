// Which evidence a pair keeps: the one selection rule, for the in-memory sink and for the spilled
// candidates alike. Per level the first `max` candidates by (pass, seq): originals before the windows of
// republished copies, then build order. The kept ones are then ordered closest level first, by document
// and offset; ties keep their (pass, seq) order (Array.prototype.sort is stable).
import type { Evidence, WindowLevel } from "../types.ts";

export const LEVEL_NUMBER: Record<WindowLevel, number> = { sentence: 0, paragraph: 1, article: 2 };

/** What the rule reads of a candidate: its level (as LEVEL_NUMBER), pass, sequence, document and offset. */
export interface RankedCandidate {
  level: number;
  pass: number;
  seq: number;
  doc: string;
  start: number;
}

/** The kept candidates of one pair, in the order they are shown. Sorts `rows` in place. */
export function selectKept<T extends RankedCandidate>(rows: T[], max: number): T[] {
  rows.sort((x, y) => x.level - y.level || x.pass - y.pass || x.seq - y.seq);
  const kept: T[] = [];
  let level = -1;
  let n = 0;
  for (const r of rows) {
    if (r.level !== level) {
      level = r.level;
      n = 0;
    }
    if (n++ < max) kept.push(r);
  }
  kept.sort((x, y) => x.level - y.level || (x.doc < y.doc ? -1 : x.doc > y.doc ? 1 : x.start - y.start));
  return kept;
}

/** Where evidence goes while a graph is accumulated; `take` gives a pair's kept items (selectKept's rule). */
export interface EvidenceSink {
  add(pair: string, level: WindowLevel, pass: 1 | 2, seq: number, evidence: Evidence): void;
  take(pair: string, max: number): Evidence[];
}

/** Evidence in memory (tests, small batch builds). */
export class MemoryEvidenceSink implements EvidenceSink {
  private items = new Map<string, (RankedCandidate & { ev: Evidence })[]>();
  add(pair: string, level: WindowLevel, pass: 1 | 2, seq: number, ev: Evidence): void {
    let list = this.items.get(pair);
    if (!list) this.items.set(pair, (list = []));
    list.push({ level: LEVEL_NUMBER[level], pass, seq, doc: ev.doc, start: ev.start, ev });
  }
  take(pair: string, max: number): Evidence[] {
    return selectKept([...(this.items.get(pair) ?? [])], max).map((r) => r.ev);
  }
}

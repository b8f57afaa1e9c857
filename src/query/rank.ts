// Ranking who appears with an entity: one rule for `guanxi who` and the viewer's panel, pure and
// browser-safe. By default a neighbour's count of shared windows is discounted by how much it appears
// with everyone: a district named in every article shares windows with every entity, which says little.
//
//   association(a, b) = count(a, b) / √(strength(a) · strength(b))
//   score            = count(a, b) × association(a, b)
//
// where count is the number of windows at the chosen level holding both, and strength(x) the sum of x's
// counts over all its co-mentions at that level (its weighted degree there). The association is in
// [0, 1] (1: the two appear only with each other); it is computed from the graph at any level, unlike
// npmi, which the build computes at its own level only. `by: "count"` ranks by the raw count instead.
// Ties go to the closer tie (more shared sentences, then paragraphs), then more documents, then the id,
// so that the CLI and the viewer list the same ties in the same order.
import type { WindowLevel } from "../types.ts";

/** The window both the CLI and the viewer start at: a sentence holding both names is the best evidence. */
export const DEFAULT_WINDOW: WindowLevel = "sentence";

export const RANKINGS = ["association", "count"] as const;
export type RankBy = (typeof RANKINGS)[number];
export const DEFAULT_RANK: RankBy = "association";

export interface PairCounts {
  /** The other entity's id. */
  id: string;
  sentence: number;
  paragraph: number;
  article: number;
  documents: number;
}

export interface Ranked<P extends PairCounts> {
  pair: P;
  /** Windows at the level holding both. */
  count: number;
  association: number;
  /** What the list is ordered by: count × association, or the count. */
  score: number;
}

/** Sum of an entity's co-mention counts at a level, from (a, b, counts) triples. */
export function strengthsAt(pairs: Iterable<{ a: string; b: string; counts: Record<WindowLevel, number> }>, window: WindowLevel): Map<string, number> {
  const out = new Map<string, number>();
  for (const { a, b, counts } of pairs) {
    const c = counts[window];
    if (!(c > 0)) continue;
    out.set(a, (out.get(a) ?? 0) + c);
    out.set(b, (out.get(b) ?? 0) + c);
  }
  return out;
}

export function association(count: number, strengthA: number, strengthB: number): number {
  if (!(count > 0) || !(strengthA > 0) || !(strengthB > 0)) return 0;
  return Math.min(1, count / Math.sqrt(strengthA * strengthB));
}

/**
 * The co-mentions of one entity ranked at a level. Pairs with no window at the level are left out.
 * `strength(id)` is an entity's strength at the same level (see strengthsAt).
 */
export function rankPairs<P extends PairCounts>(self: string, pairs: Iterable<P>, window: WindowLevel, by: RankBy, strength: (id: string) => number): Ranked<P>[] {
  const own = strength(self);
  const out: Ranked<P>[] = [];
  for (const pair of pairs) {
    const count = pair[window];
    if (!(count > 0)) continue;
    const assoc = association(count, own, strength(pair.id));
    out.push({ pair, count, association: assoc, score: by === "count" ? count : count * assoc });
  }
  out.sort(
    (x, y) =>
      y.score - x.score ||
      y.count - x.count ||
      y.pair.sentence - x.pair.sentence ||
      y.pair.paragraph - x.pair.paragraph ||
      y.pair.documents - x.pair.documents ||
      (x.pair.id < y.pair.id ? -1 : x.pair.id > y.pair.id ? 1 : 0),
  );
  return out;
}

export function parseRank(value: string | undefined): RankBy | undefined {
  return (RANKINGS as readonly string[]).includes(value ?? "") ? (value as RankBy) : undefined;
}

// Near-duplicate sentences and paragraphs across documents, in build order. Republished news is
// copied with small edits (a word changed, a phrase added, spam injected), so exact hashing misses
// it. We compare character shingles: a sentence is the set of its character 3-grams over the
// normalised text with punctuation and spaces removed; two sentences are near-duplicates when the
// shared shingles cover most of the shorter one (containment) AND a good part of both (Jaccard).
//
// Thresholds, measured on the seeds (see tests/clean/dedup.test.ts, which prints them): seed 004's
// sentences against their originals in seed 001 have containment 0.83–1.0 (one-word edits, the spam
// run removed) while the best match of any unrelated sentence pair across the five seeds stays
// below ~0.45 (shared stock phrases like 高质量发展, 人工智能创新发展第一城核心承载地). We require
// containment ≥ 0.7 and Jaccard ≥ 0.5, and at least 8 shingles (very short sentences, e.g. a
// subheading, repeat by chance and are not marked).
//
// Lookup is through an inverted index shingle → sentence ids, so each new sentence is compared only
// with sentences that share a shingle with it; posting lists of very common shingles are capped.

import { normOffsetOf } from "./normalize.ts";
import type { CleanDocument } from "../types.ts";

export const SHINGLE = 3;
export const MIN_CONTAINMENT = 0.7;
export const MIN_JACCARD = 0.5;
export const MIN_SHINGLES = 8;
/**
 * A shingle seen in more units than this is too common to find candidates with (的发展, 高质量): it
 * would make every sentence a candidate of every other. Candidates come from the rarer shingles and
 * are then verified exactly; a near-duplicate shares many rare shingles, so it is still found.
 */
export const MAX_POSTINGS = 100;
/** How many of the best-hit candidates are verified exactly. */
export const MAX_CANDIDATES = 20;

/**
 * Finds the indexed units that share the most rare shingles with a new one: the candidates worth an
 * exact check. Shared by the in-memory index here and the spilling index of the store, whose shingles
 * are hashed numbers instead of strings.
 */
export class CandidateCounter<K> {
  // A flat counter array with a list of touched slots: a Map here dominated the build time.
  private counts = new Int32Array(1024);
  private touched = new Int32Array(1024);
  private byLength = new Int32Array(MAX_POSTINGS + 2);

  /**
   * Unit ids ranked by shared rare shingles (most first, earliest on a tie), at most MAX_CANDIDATES.
   *
   * Only the rarest half of the new unit's shingles (plus one) are counted: a unit that passes both
   * thresholds shares at least half of the new unit's shingles (Jaccard ≥ 0.5 implies it), so by
   * pigeonhole it shares one of these. Counting the common half too (posting lists near the cap) was
   * most of a large build's main-thread time and found no candidate the rare half misses.
   */
  rank(shingleKeys: Iterable<K>, shingleCount: number, postings: { get(key: K): number[] | undefined }, units: number): number[] {
    if (this.counts.length < units) {
      const grown = new Int32Array(Math.max(1024, units * 2));
      grown.set(this.counts);
      this.counts = grown;
      this.touched = new Int32Array(grown.length);
    }
    let lists: number[][] = [];
    let unseen = 0;
    const byLength = this.byLength.fill(0);
    for (const s of shingleKeys) {
      const p = postings.get(s);
      if (!p) unseen++;
      else if (p.length <= MAX_POSTINGS) {
        lists.push(p);
        byLength[p.length]++;
      }
    }
    // A shingle no unit has is the rarest of all: it fills a place of the prefix and counts nothing.
    const prefix = Math.max(0, Math.floor(shingleCount / 2) + 1 - unseen);
    if (lists.length > prefix) {
      // The `prefix` shortest lists, by a histogram of their lengths (a paragraph has hundreds of
      // shingles: sorting them per unit cost more than the counting).
      let longest = 0;
      for (let n = 0; longest < byLength.length && n + byLength[longest] < prefix; longest++) n += byLength[longest];
      let room = prefix;
      for (const p of lists) if (p.length < longest) room--;
      lists = lists.filter((p) => p.length < longest || (p.length === longest && room-- > 0));
    }
    const touched = this.touched;
    let nTouched = 0;
    let top = 0;
    for (const p of lists) {
      for (let i = 0; i < p.length; i++) {
        const u = p[i];
        const c = ++this.counts[u];
        if (c === 1) touched[nTouched++] = u;
        if (c > top) top = c;
      }
    }
    // A candidate needs a share of the counted hits to be worth an exact check.
    const counted = Math.floor(shingleCount / 2) + 1;
    const need = Math.max(2, Math.floor(counted * 0.2));
    // Counts are small integers: a histogram finds the cut-off count of the best MAX_CANDIDATES without
    // sorting every touched unit (hundreds per sentence in news that repeats stock phrases).
    const histogram = new Int32Array(top + 2);
    for (let i = 0; i < nTouched; i++) histogram[this.counts[touched[i]]]++;
    let cutoff = top + 1;
    let above = 0;
    while (cutoff > need && above + histogram[cutoff - 1] <= MAX_CANDIDATES) above += histogram[--cutoff];
    // Units at `cutoff` or more all fit; the next count down fills the rest, earliest units first.
    const sure: number[] = [];
    const partial: number[] = [];
    const fill = cutoff - 1;
    for (let i = 0; i < nTouched; i++) {
      const u = touched[i];
      const c = this.counts[u];
      if (c >= cutoff) sure.push(u);
      else if (c === fill && fill >= need) partial.push(u);
    }
    const counts = this.counts;
    sure.sort((a, b) => counts[b] - counts[a] || a - b);
    partial.sort((a, b) => a - b);
    const ranked = sure.concat(partial.slice(0, MAX_CANDIDATES - sure.length));
    for (let i = 0; i < nTouched; i++) counts[touched[i]] = 0;
    return ranked;
  }
}

const STRIP = /[\s\p{P}\p{S}]/gu;

export function shingles(s: string, n = SHINGLE): Set<string> {
  const t = s.replace(STRIP, "");
  const out = new Set<string>();
  if (t.length < n) {
    if (t.length) out.add(t);
    return out;
  }
  for (let i = 0; i + n <= t.length; i++) out.add(t.slice(i, i + n));
  return out;
}

export interface Similarity {
  containment: number;
  jaccard: number;
}

export function similarity(a: Set<string>, b: Set<string>): Similarity {
  let shared = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) shared++;
  const union = a.size + b.size - shared;
  return { containment: small.size ? shared / small.size : 0, jaccard: union ? shared / union : 0 };
}

export function isNearDuplicate(sim: Similarity): boolean {
  return sim.containment >= MIN_CONTAINMENT && sim.jaccard >= MIN_JACCARD;
}

/** The key of a shingle set as a whole: equal sets, equal keys (exact repeats are found without counting). */
function setKey(sh: Set<string>): string {
  return [...sh].sort().join("");
}

class ShingleIndex {
  private units: { id: string; sh: Set<string> }[] = [];
  private postings = new Map<string, number[]>();
  private counter = new CandidateCounter<string>();
  /** The first unit of each distinct shingle set. */
  private firstOfSet = new Map<string, number>();

  /** The indexed unit this one most nearly repeats (highest Jaccard, earliest on a tie), if any passes. */
  find(sh: Set<string>): string | undefined {
    if (sh.size < MIN_SHINGLES) return undefined;
    // An exact repeat has Jaccard 1, the best there is, and the first unit with that set wins the tie.
    const same = this.firstOfSet.get(setKey(sh));
    if (same !== undefined) return this.units[same].id;
    const ranked = this.counter.rank(sh, sh.size, this.postings, this.units.length);
    let best: number | undefined;
    let bestJ = 0;
    for (const u of ranked) {
      const sim = similarity(sh, this.units[u].sh);
      if (!isNearDuplicate(sim)) continue;
      if (sim.jaccard > bestJ || (sim.jaccard === bestJ && best !== undefined && u < best)) {
        best = u;
        bestJ = sim.jaccard;
      }
    }
    return best === undefined ? undefined : this.units[best].id;
  }

  add(id: string, sh: Set<string>): void {
    if (sh.size < MIN_SHINGLES) return;
    const u = this.units.length;
    this.units.push({ id, sh });
    const key = setKey(sh);
    if (!this.firstOfSet.has(key)) this.firstOfSet.set(key, u);
    for (const s of sh) {
      let p = this.postings.get(s);
      if (!p) this.postings.set(s, (p = []));
      if (p.length <= MAX_POSTINGS) p.push(u);
    }
  }
}

/**
 * Feed documents in build order; each comes back with `duplicateOf` set on the sentences and
 * paragraphs that nearly repeat an earlier one (of an earlier document, or earlier in the same one).
 */
export class NearDuplicateIndex {
  private sentences = new ShingleIndex();
  private paragraphs = new ShingleIndex();

  add(doc: CleanDocument): CleanDocument {
    const norm = (s: number, e: number) => {
      // Map clean offsets to normText through normToClean (monotone): find the first norm index ≥ s.
      return doc.normText.slice(normOffsetOf(doc.normToClean, s), normOffsetOf(doc.normToClean, e));
    };
    const sentences = doc.sentences.map((s, i) => {
      const sh = shingles(norm(s.start, s.end));
      const dup = this.sentences.find(sh);
      this.sentences.add(`${doc.id}:${i}`, sh);
      const { duplicateOf: _old, ...rest } = s;
      return dup ? { ...rest, duplicateOf: dup } : rest;
    });
    const paragraphs = doc.paragraphs.map((p, i) => {
      const sh = shingles(norm(p.start, p.end));
      const dup = this.paragraphs.find(sh);
      this.paragraphs.add(`${doc.id}:${i}`, sh);
      const { duplicateOf: _old, ...rest } = p;
      return dup ? { ...rest, duplicateOf: dup } : rest;
    });
    return { ...doc, sentences, paragraphs };
  }
}

/** Convenience: mark a whole batch in order. */
export function markNearDuplicates(docs: CleanDocument[]): CleanDocument[] {
  const index = new NearDuplicateIndex();
  return docs.map((d) => index.add(d));
}



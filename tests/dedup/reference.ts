// The reference near-duplicate index: every unit's shingles as a Set<string> in memory, compared
// exactly. Too big for a corpus (gigabytes of heap at 100,000 articles), it is the plain statement of
// the rule that src/dedup/near-duplicates.ts's compact index must decide exactly like (tests compare them).
import { normOffsetOf } from "../../src/clean/normalize.ts";
import type { CleanDocument } from "../../src/types.ts";
import { CandidateCounter, PostingLists } from "../../src/dedup/postings.ts";
import { MIN_CONTAINMENT, MIN_JACCARD, MIN_SHINGLES, SHINGLE } from "../../src/dedup/thresholds.ts";

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
  /** Shingle → the number of its posting list. */
  private listOf = new Map<string, number>();
  private postings = new PostingLists();
  private counter = new CandidateCounter();
  private lists = new Int32Array(64);
  /** The first unit of each distinct shingle set. */
  private firstOfSet = new Map<string, number>();

  /** The indexed unit this one most nearly repeats (highest Jaccard, earliest on a tie), if any passes. */
  find(sh: Set<string>): string | undefined {
    if (sh.size < MIN_SHINGLES) return undefined;
    // An exact repeat has Jaccard 1, the best there is, and the first unit with that set wins the tie.
    const same = this.firstOfSet.get(setKey(sh));
    if (same !== undefined) return this.units[same].id;
    if (this.lists.length < sh.size) this.lists = new Int32Array(sh.size * 2);
    let i = 0;
    for (const s of sh) this.lists[i++] = this.listOf.get(s) ?? -1;
    const n = this.counter.rank(this.postings, this.lists, sh.size, this.units.length);
    let best: number | undefined;
    let bestJ = 0;
    for (let k = 0; k < n; k++) {
      const u = this.counter.candidates[k];
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
      let list = this.listOf.get(s);
      if (list === undefined) this.listOf.set(s, (list = this.postings.create()));
      this.postings.push(list, u);
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

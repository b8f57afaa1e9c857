// The inverted index the near-duplicate search finds its candidates with: posting lists (shingle → the
// units that have it) and a counter that ranks the units by shared rare shingles.
import { MAX_CANDIDATES, MAX_POSTINGS } from "./thresholds.ts";

/**
 * Posting lists (the units that have a shingle, in the order they were added), numbered from 0, in
 * one Int32Array pool: one JS array per shingle cost ~60 bytes of heap before its first element, and
 * the counter's scans ran through as many objects. A list lives in a block of a power-of-two capacity
 * and moves to one twice as large when full; the block it leaves is reused by the next list that
 * grows into that size, so the pool stays within about twice the postings. Lists stop growing past
 * MAX_POSTINGS (see there), so no block is larger than 128.
 */
export class PostingLists {
  private pool = new Int32Array(1 << 16);
  private used = 0;
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private n = 0;
  /** Per capacity 2^c, the first free block (each free block holds the next one's start), or -1. */
  private free = new Int32Array(8).fill(-1);

  get size(): number {
    return this.n;
  }

  /** A new empty list; returns its number. */
  create(): number {
    if (this.n === this.starts.length) {
      this.starts = grow(this.starts, this.n * 2);
      this.lengths = grow(this.lengths, this.n * 2);
    }
    this.starts[this.n] = -1;
    this.lengths[this.n] = 0;
    return this.n++;
  }

  length(list: number): number {
    return this.lengths[list];
  }

  /** Adds a unit to a list, unless the list is already past MAX_POSTINGS. */
  push(list: number, unit: number): void {
    const len = this.lengths[list];
    if (len > MAX_POSTINGS) return;
    // Capacities are powers of two: a list is full exactly when its length is one (or it is empty).
    if ((len & (len - 1)) === 0) {
      const start = this.alloc(len === 0 ? 0 : 32 - Math.clz32(len));
      if (len) {
        this.pool.copyWithin(start, this.starts[list], this.starts[list] + len);
        this.release(this.starts[list], 31 - Math.clz32(len));
      }
      this.starts[list] = start;
    }
    this.pool[this.starts[list] + len] = unit;
    this.lengths[list] = len + 1;
  }

  /** The units of a list: `pool()` from `start(list)`, `length(list)` of them. */
  start(list: number): number {
    return this.starts[list];
  }
  get units(): Int32Array {
    return this.pool;
  }

  private alloc(c: number): number {
    const head = this.free[c];
    if (head !== -1) {
      this.free[c] = this.pool[head];
      return head;
    }
    const size = 1 << c;
    if (this.used + size > this.pool.length) this.pool = grow(this.pool, this.pool.length * 2);
    this.used += size;
    return this.used - size;
  }

  private release(start: number, c: number): void {
    this.pool[start] = this.free[c];
    this.free[c] = start;
  }

  /** The lists as typed arrays, each list's units one after the other (for v8.serialize); and back. */
  snapshot(): PostingListsState {
    const lengths = this.lengths.slice(0, this.n);
    let total = 0;
    for (let i = 0; i < this.n; i++) total += lengths[i];
    const flat = new Int32Array(total);
    let at = 0;
    for (let i = 0; i < this.n; i++) {
      flat.set(this.pool.subarray(this.starts[i], this.starts[i] + lengths[i]), at);
      at += lengths[i];
    }
    return { lengths, flat };
  }

  static restore(state: PostingListsState): PostingLists {
    const p = new PostingLists();
    let at = 0;
    for (let i = 0; i < state.lengths.length; i++) {
      const list = p.create();
      for (let j = 0; j < state.lengths[i]; j++) p.push(list, state.flat[at + j]);
      at += state.lengths[i];
    }
    return p;
  }
}

export interface PostingListsState {
  lengths: Int32Array;
  flat: Int32Array;
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(size, 1024));
  b.set(a);
  return b;
}

/**
 * Finds the indexed units that share the most rare shingles with a new one: the candidates worth an
 * exact check. Shared by the in-memory index here and the spilling index of the store, which number
 * their shingles' posting lists differently (a Map of strings here, a table of packed keys there).
 */
export class CandidateCounter {
  // Flat counter arrays with a list of touched slots: a Map here dominated the build time. A unit
  // gets at most one hit per counted list, so a byte holds its count unless more than 255 lists are
  // counted (a unit of over 508 shingles, rare): the counts are read and written at random, once per
  // posting, and at 100k articles (~2 M units) one byte each stays in the cache where four did not.
  private narrow = new Uint8Array(1024);
  private wide = new Int32Array(0);
  private touched = new Int32Array(1024);
  private touchedHits = new Int32Array(1024);
  private byLength = new Int32Array(MAX_POSTINGS + 2);
  private counted = new Int32Array(64);
  private histogram = new Int32Array(64);
  /** The candidates of the last rank(), best first, and how many counted shingles each shares. */
  readonly candidates = new Int32Array(MAX_CANDIDATES);
  readonly hits = new Int32Array(MAX_CANDIDATES);
  /**
   * Of the last unit ranked, the shingles that earlier units have but that were not counted: a
   * candidate shares at most hits + uncounted shingles with it (a counted list is complete, since it
   * is below the cap, so its hits are exact; a shingle no unit has is shared by none).
   */
  uncounted = 0;

  /**
   * Ranks the units by shared rare shingles (most first, earliest on a tie), at most MAX_CANDIDATES;
   * returns how many, and leaves them in `candidates` and `hits`. `lists[i]` (i < shingleCount) is the
   * posting list of the new unit's i-th shingle, or -1 (an empty list counts as -1: no unit has it).
   *
   * Only the rarest half of the new unit's shingles (plus one) are counted: a unit that passes both
   * thresholds shares at least half of the new unit's shingles (Jaccard ≥ 0.5 implies it), so by
   * pigeonhole it shares one of these. Counting the common half too (posting lists near the cap) was
   * most of a large build's main-thread time and found no candidate the rare half misses.
   */
  rank(postings: PostingLists, lists: Int32Array, shingleCount: number, units: number): number {
    if (this.narrow.length < units) this.narrow = new Uint8Array(units * 2);
    if (this.counted.length < shingleCount) this.counted = new Int32Array(shingleCount * 2);
    const counted = this.counted;
    let nLists = 0;
    let unseen = 0;
    let capped = 0;
    const byLength = this.byLength.fill(0);
    for (let i = 0; i < shingleCount; i++) {
      const list = lists[i];
      const length = list === -1 ? 0 : postings.length(list);
      if (length === 0) unseen++;
      else if (length <= MAX_POSTINGS) {
        counted[nLists++] = list;
        byLength[length]++;
      } else capped++;
    }
    // A shingle no unit has is the rarest of all: it fills a place of the prefix and counts nothing.
    const prefix = Math.max(0, Math.floor(shingleCount / 2) + 1 - unseen);
    if (nLists > prefix) {
      // The `prefix` shortest lists, by a histogram of their lengths (a paragraph has hundreds of
      // shingles: sorting them per unit cost more than the counting); on a tie, the first ones.
      let longest = 0;
      for (let n = 0; longest < byLength.length && n + byLength[longest] < prefix; longest++) n += byLength[longest];
      let room = prefix;
      for (let i = 0; i < nLists; i++) if (postings.length(counted[i]) < longest) room--;
      let kept = 0;
      for (let i = 0; i < nLists; i++) {
        const length = postings.length(counted[i]);
        if (length < longest || (length === longest && room-- > 0)) counted[kept++] = counted[i];
      }
      this.uncounted = capped + nLists - kept;
      nLists = kept;
    } else this.uncounted = capped;

    let counts: Uint8Array | Int32Array = this.narrow;
    if (nLists > 255) {
      if (this.wide.length < units) this.wide = new Int32Array(units * 2);
      counts = this.wide;
    }
    const nTouched = this.tally(counts, postings, counted, nLists);
    // No unit has more hits than there are lists counted: the histogram's top (empty counts above the
    // highest one change nothing below).
    const top = nLists;
    // A candidate needs a share of the counted hits to be worth an exact check.
    const need = Math.max(2, Math.floor((Math.floor(shingleCount / 2) + 1) * 0.2));
    // Counts are small integers: a histogram finds the cut-off count of the best MAX_CANDIDATES without
    // sorting every touched unit (hundreds per sentence in news that repeats stock phrases).
    if (this.histogram.length < top + 2) this.histogram = new Int32Array((top + 2) * 2);
    const histogram = this.histogram.fill(0, 0, top + 2);
    const touched = this.touched;
    const touchedHits = this.touchedHits;
    for (let i = 0; i < nTouched; i++) histogram[touchedHits[i]]++;
    let cutoff = top + 1;
    let above = 0;
    while (cutoff > need && above + histogram[cutoff - 1] <= MAX_CANDIDATES) above += histogram[--cutoff];
    // Units at `cutoff` or more all fit (most hits first, earliest on a tie); the next count down fills
    // the rest, earliest units first. Both by insertion: there are at most MAX_CANDIDATES of them.
    const out = this.candidates;
    const hits = this.hits;
    let sure = 0;
    const fill = cutoff - 1;
    for (let i = 0; i < nTouched; i++) {
      const u = touched[i];
      const c = touchedHits[i];
      if (c < cutoff) continue;
      let j = sure++;
      for (; j > 0 && (hits[j - 1] < c || (hits[j - 1] === c && out[j - 1] > u)); j--) {
        out[j] = out[j - 1];
        hits[j] = hits[j - 1];
      }
      out[j] = u;
      hits[j] = c;
    }
    let n = sure;
    if (fill >= need && sure < MAX_CANDIDATES) {
      for (let i = 0; i < nTouched; i++) {
        const u = touched[i];
        if (touchedHits[i] !== fill) continue;
        if (n === MAX_CANDIDATES && out[n - 1] < u) continue;
        let j = n < MAX_CANDIDATES ? n++ : n - 1;
        for (; j > sure && out[j - 1] > u; j--) out[j] = out[j - 1];
        out[j] = u;
      }
      hits.fill(fill, sure, n);
    }
    return n;
  }

  /**
   * Counts the hits of every unit in the given lists: leaves the units hit in `touched` (in order of
   * their first hit) and their counts in `touchedHits`, and `counts` all zero again; returns how many.
   */
  private tally(counts: Uint8Array | Int32Array, postings: PostingLists, lists: Int32Array, nLists: number): number {
    // At most one unit touched per posting counted (hundreds), whatever the number of units.
    let postingsCounted = 0;
    for (let l = 0; l < nLists; l++) postingsCounted += postings.length(lists[l]);
    if (this.touched.length < postingsCounted) {
      this.touched = new Int32Array(postingsCounted * 2);
      this.touchedHits = new Int32Array(postingsCounted * 2);
    }
    const touched = this.touched;
    const pool = postings.units;
    let nTouched = 0;
    for (let l = 0; l < nLists; l++) {
      const start = postings.start(lists[l]);
      const end = start + postings.length(lists[l]);
      for (let i = start; i < end; i++) {
        const u = pool[i];
        if (++counts[u] === 1) touched[nTouched++] = u;
      }
    }
    const touchedHits = this.touchedHits;
    for (let i = 0; i < nTouched; i++) {
      touchedHits[i] = counts[touched[i]];
      counts[touched[i]] = 0;
    }
    return nTouched;
  }
}

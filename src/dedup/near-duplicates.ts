// The near-duplicate index of a build: which earlier sentence or paragraph each new one nearly repeats
// (the rule and its figures: thresholds.ts), built for a corpus of 100,000 articles. The plain form of
// the rule (tests/dedup/reference.ts) keeps every sentence's and paragraph's shingles as a
// Set<string> in memory: at 100k articles that is tens of millions of strings, gigabytes of heap. Here:
//   - a shingle is a number, not a string: its three UTF-16 code units packed into 48 bits (exact, so
//     no collision can change a decision);
//   - the shingles are computed where the article is cleaned (a worker), as sorted Float64Arrays, so
//     the order-dependent part left for the main thread is only the lookup;
//   - the units' shingle arrays live in an append-only scratch file, read back only to verify a
//     candidate (the page cache, not the heap, holds them); the heap keeps the postings, which are
//     capped per shingle and so grow with the vocabulary, not with the corpus, and per unit a few
//     numbers and a small bit sketch of its shingles;
//   - a candidate is read only if it can pass: the shingles it can share are bounded first by its
//     hits in the counted posting lists plus the shingles not counted, then by its sketch. Both bounds
//     are exact upper bounds, so a skipped candidate is one that would have failed.
// The thresholds, the posting cap, the candidate ranking and the tie rules are the reference's.

import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import type { CleanDocument } from "../types.ts";
import { normOffsetOf } from "../clean/normalize.ts";
import { CandidateCounter, PostingLists, type PostingListsState } from "./postings.ts";
import { MIN_CONTAINMENT, MIN_JACCARD, MIN_SHINGLES } from "./thresholds.ts";
const FILE_SUFFIXES = [".sentences", ".paragraphs"] as const;

/** The unit files of an index whose path prefix is `scratch` (what must be kept, or copied, with its state). */
export function nearDuplicateFiles(scratch: string): string[] {
  return FILE_SUFFIXES.map((ext) => `${scratch}${ext}`);
}
/** Units kept in memory besides the file: 32k × ~40 shingles × 8 bytes ≈ 10 MB per index. */
const RECENT = 32768;
/**
 * Sketch sizes in 32-bit words: about four bits per shingle of a typical unit (~29 for a sentence, ~75
 * for a paragraph), which lets the sketch skip 2 of 3 reads that the hit count could not. At 100k
 * articles (~1.9 M sentences, ~0.5 M paragraphs) that is ~30 MB and ~16 MB.
 */
const SENTENCE_SKETCH_WORDS = 4;
const PARAGRAPH_SKETCH_WORDS = 8;
const STRIP = /[\s\p{P}\p{S}]/gu;

/** The shingle set of a text as sorted unique 48-bit keys (the same set as the reference's shingles()). */
export function shingleKeys(s: string): Float64Array {
  const t = s.replace(STRIP, "");
  // Shorter than one shingle: the reference makes a one-element set, which is below MIN_SHINGLES anyway.
  if (t.length < 3) return new Float64Array(t.length ? 1 : 0);
  const keys = new Float64Array(t.length - 2);
  for (let i = 0; i + 3 <= t.length; i++) keys[i] = t.charCodeAt(i) * 4294967296 + t.charCodeAt(i + 1) * 65536 + t.charCodeAt(i + 2);
  keys.sort();
  let n = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[n - 1]) keys[n++] = keys[i];
  return keys.slice(0, n);
}

export interface UnitShingles {
  sentences: Float64Array[];
  paragraphs: Float64Array[];
}

/** The shingles of a cleaned document's sentences and paragraphs, over its normalised text. */
export function documentShingles(doc: Pick<CleanDocument, "normText" | "normToClean" | "sentences" | "paragraphs">): UnitShingles {
  const norm = (s: number, e: number) => doc.normText.slice(normOffsetOf(doc.normToClean, s), normOffsetOf(doc.normToClean, e));
  return {
    sentences: doc.sentences.map((s) => shingleKeys(norm(s.start, s.end))),
    paragraphs: doc.paragraphs.map((p) => shingleKeys(norm(p.start, p.end))),
  };
}

/** The top 16 bits of a key (its first code unit): exact, and cheaper than a float modulo. */
function high(key: number): number {
  return Math.floor(key * 2.3283064365386963e-10);
}

/**
 * A 32-bit FNV-1a hash of a sorted shingle array (a key into the exact-repeat map, always verified),
 * signed: a Map key in the int32 range is stored as a small integer, not as a heap number.
 */
function setHash(sh: Float64Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < sh.length; i++) {
    const hi = high(sh[i]);
    h = Math.imul(h ^ (sh[i] - hi * 4294967296), 16777619);
    h = Math.imul(h ^ hi, 16777619);
  }
  return h;
}

/** Shared shingles of two sorted unique key arrays. */
function shared(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

/**
 * Shingle key → the number of its posting list, in an open-addressing table over a Float64Array: a
 * Map keyed by 48-bit numbers boxes every key on every lookup (about 400 ns a get).
 */
export class ShingleTable {
  private keys = new Float64Array(1 << 16).fill(-1);
  private slots = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;
  readonly postings: PostingLists;

  constructor(postings = new PostingLists()) {
    this.postings = postings;
  }

  get size(): number {
    return this.postings.size;
  }

  private slotOf(key: number): number {
    const hi = high(key);
    const lo = key - hi * 4294967296;
    let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
    h ^= h >>> 15;
    let i = h & this.mask;
    // Linear probing: the table is kept at most half full, so runs stay short.
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  /** The list of a key, or -1. */
  get(key: number): number {
    const i = this.slotOf(key);
    return this.keys[i] === key ? this.slots[i] : -1;
  }

  /** The list of a key, made (empty) the first time. */
  list(key: number): number {
    const i = this.slotOf(key);
    if (this.keys[i] === key) return this.slots[i];
    const list = this.postings.create();
    this.keys[i] = key;
    this.slots[i] = list;
    if (this.postings.size * 2 > this.keys.length) this.grow();
    return list;
  }

  /** The table as typed arrays, for v8.serialize; and back. */
  snapshot(): ShingleTableState {
    return { keys: this.keys.slice(), slots: this.slots.slice(), postings: this.postings.snapshot() };
  }

  static restore(state: ShingleTableState): ShingleTable {
    const t = new ShingleTable(PostingLists.restore(state.postings));
    t.keys = new Float64Array(state.keys);
    t.slots = new Int32Array(state.slots);
    t.mask = state.keys.length - 1;
    return t;
  }

  private grow(): void {
    const keys = this.keys;
    const slots = this.slots;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.slots = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === -1) continue;
      const i = this.slotOf(keys[j]);
      this.keys[i] = keys[j];
      this.slots[i] = slots[j];
    }
  }
}

export interface ShingleTableState {
  keys: Float64Array;
  slots: Int32Array;
  postings: PostingListsState;
}

interface SpilledIndexState {
  postings: ShingleTableState;
  unitDoc: Int32Array;
  unitIndex: Int32Array;
  unitOffset: Float64Array;
  unitSize: Int32Array;
  sketches: Int32Array;
  fileLength: number;
  firstOfSet: Map<number, number>;
}

/** What a later build needs to go on marking after this one's documents (see CompactNearDuplicateIndex.snapshot). */
export interface NearDuplicateState {
  docIds: string[];
  sentences: SpilledIndexState;
  paragraphs: SpilledIndexState;
}

/** Growable typed arrays: a unit table of millions of rows without millions of objects. */
class Column<A extends Int32Array | Float64Array> {
  length = 0;
  private constructor(
    public data: A,
    private make: (n: number) => A,
  ) {}
  static int32(from: ArrayLike<number> = []): Column<Int32Array> {
    return Column.from(from, (n) => new Int32Array(n));
  }
  /** A file offset may pass 2^31. */
  static float64(from: ArrayLike<number> = []): Column<Float64Array> {
    return Column.from(from, (n) => new Float64Array(n));
  }
  private static from<A extends Int32Array | Float64Array>(from: ArrayLike<number>, make: (n: number) => A): Column<A> {
    const c = new Column(make(Math.max(1024, from.length * 2)), make);
    c.data.set(from);
    c.length = from.length;
    return c;
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
  used(): A {
    return this.data.slice(0, this.length) as A;
  }
}

/** A bit of a unit's sketch for a shingle key (another mix than ShingleTable's, though any would do). */
function sketchBit(key: number, mask: number): number {
  const hi = high(key);
  const h = Math.imul((key - hi * 4294967296) ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  return (h >>> 16) & mask;
}

class SpilledShingleIndex {
  /** Shingle → posting list, and the lists (`shingles.postings`). */
  private shingles = new ShingleTable();
  private counter = new CandidateCounter();
  /** The posting list of each shingle of the unit being marked. */
  private lists = new Int32Array(256);
  /** Per unit: its document (index into docIds), its index in the document, its place in the file. */
  private unitDoc = Column.int32();
  private unitIndex = Column.int32();
  private unitOffset = Column.float64();
  private unitSize = Column.int32();
  /**
   * Per unit, `sketchWords` 32-bit words with a bit set for each of its shingles (by sketchBit): a
   * shingle of the new unit whose bit a candidate lacks is not one of the candidate's, so the shingles
   * whose bits it has bound what the two share, without reading the candidate.
   */
  private sketches = new Int32Array(1024);
  /** The sketch bit of each shingle of the unit being marked. */
  private bits = new Int32Array(256);
  private fileLength = 0;
  /** Units not yet written: appended in blocks, so a unit costs no system call of its own. */
  private pending: Float64Array[] = [];
  private pendingStart = 0;
  private pendingBytes = 0;
  private recent: Float64Array[] = new Array(RECENT);
  private recentId = new Float64Array(RECENT).fill(-1);
  private firstOfSet = new Map<number, number>();

  constructor(
    private fd: number,
    private base: number,
    private docIds: string[],
    private sketchWords: number,
  ) {}

  get size(): number {
    return this.unitDoc.length;
  }

  snapshot(): SpilledIndexState {
    this.flush();
    return {
      postings: this.shingles.snapshot(),
      unitDoc: this.unitDoc.used(),
      unitIndex: this.unitIndex.used(),
      unitOffset: this.unitOffset.used(),
      unitSize: this.unitSize.used(),
      sketches: this.sketches.slice(0, this.size * this.sketchWords),
      fileLength: this.fileLength,
      firstOfSet: this.firstOfSet,
    };
  }

  /** Continues from a snapshot whose units are already in this index's file (the recent ring starts empty). */
  restore(state: SpilledIndexState): void {
    this.shingles = ShingleTable.restore(state.postings);
    this.unitDoc = Column.int32(state.unitDoc);
    this.unitIndex = Column.int32(state.unitIndex);
    this.unitOffset = Column.float64(state.unitOffset);
    this.unitSize = Column.int32(state.unitSize);
    this.sketches = new Int32Array(Math.max(1024, state.sketches.length * 2));
    this.sketches.set(state.sketches);
    this.fileLength = state.fileLength;
    this.pendingStart = state.fileLength;
    this.firstOfSet = state.firstOfSet;
  }

  private read(u: number): Float64Array {
    // News repeats recent news: the most recent units are kept in memory (a ring), older ones are read.
    const slot = u % RECENT;
    if (this.recentId[slot] === u) return this.recent[slot];
    const offset = this.unitOffset.data[u];
    const size = this.unitSize.data[u];
    if (offset >= this.pendingStart) {
      // Still in the write buffer: find it there.
      let at = this.pendingStart;
      for (const p of this.pending) {
        if (at === offset) return p;
        at += p.byteLength;
      }
    }
    const out = new Float64Array(size);
    readSync(this.fd, new Uint8Array(out.buffer), 0, size * 8, this.base + offset);
    return out;
  }

  flush(): void {
    if (!this.pending.length) return;
    const buf = new Uint8Array(this.pendingBytes);
    let at = 0;
    for (const p of this.pending) {
      buf.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
      at += p.byteLength;
    }
    writeSync(this.fd, buf, 0, buf.length, this.base + this.pendingStart);
    this.pendingStart += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** The first unit with this exact shingle set, by a hash of the set checked against the unit itself. */
  private sameSet(sh: Float64Array, hash: number): number | undefined {
    const u = this.firstOfSet.get(hash);
    if (u === undefined || this.unitSize.data[u] !== sh.length) return undefined;
    const other = this.read(u);
    for (let i = 0; i < sh.length; i++) if (other[i] !== sh[i]) return undefined;
    return u;
  }

  /**
   * The earlier unit this one most nearly repeats (as "docId:index"), then this one added: both at once,
   * so each shingle is looked up once.
   */
  mark(doc: number, index: number, sh: Float64Array): string | undefined {
    if (sh.length < MIN_SHINGLES) return undefined;
    if (this.lists.length < sh.length) {
      this.lists = new Int32Array(sh.length * 2);
      this.bits = new Int32Array(sh.length * 2);
    }
    const mask = this.sketchWords * 32 - 1;
    for (let i = 0; i < sh.length; i++) {
      // A shingle new to the index gets an empty list now: the counter takes it for one no unit has.
      this.lists[i] = this.shingles.list(sh[i]);
      this.bits[i] = sketchBit(sh[i], mask);
    }
    const hash = setHash(sh);
    const found = this.find(sh, hash);
    this.add(doc, index, sh, hash);
    return found === undefined ? undefined : `${this.docIds[this.unitDoc.data[found]]}:${this.unitIndex.data[found]}`;
  }

  private find(sh: Float64Array, hash: number): number | undefined {
    // An exact repeat has Jaccard 1, the best there is, and the first unit with that set wins the tie.
    const same = this.sameSet(sh, hash);
    if (same !== undefined) return same;
    const counter = this.counter;
    const n = counter.rank(this.shingles.postings, this.lists, sh.length, this.size);
    let best: number | undefined;
    let bestJ = 0;
    for (let k = 0; k < n; k++) {
      const u = counter.candidates[k];
      const size = this.unitSize.data[u];
      // Most candidates fail, and reading one may cost a system call: first the most it can share
      // (its counted hits, plus every seen shingle that was not counted, and no more than either
      // size). The tests are monotone in the shared count, so a candidate that fails with this bound
      // fails exactly, and one whose best Jaccard is below the best so far cannot win.
      const most = Math.min(counter.hits[k] + counter.uncounted, size, sh.length);
      let bound = nearDuplicateJaccard(most, sh.length, size);
      if (bound < 0 || bound < bestJ) continue;
      // Then the sketch's bound (a loop over the new unit's shingles, still far cheaper than a read).
      const sketches = this.sketches;
      const bits = this.bits;
      const row = u * this.sketchWords;
      let inSketch = 0;
      for (let i = 0; i < sh.length; i++) inSketch += (sketches[row + (bits[i] >>> 5)] >>> (bits[i] & 31)) & 1;
      if (inSketch < most) {
        bound = nearDuplicateJaccard(inSketch, sh.length, size);
        if (bound < 0 || bound < bestJ) continue;
      }
      const jaccard = nearDuplicateJaccard(shared(sh, this.read(u)), sh.length, size);
      if (jaccard < 0) continue;
      if (jaccard > bestJ || (jaccard === bestJ && best !== undefined && u < best)) {
        best = u;
        bestJ = jaccard;
      }
    }
    return best;
  }

  private add(doc: number, index: number, sh: Float64Array, hash: number): void {
    const u = this.size;
    // Only the first unit of a set is remembered; a hash collision with another set keeps the first.
    if (!this.firstOfSet.has(hash)) this.firstOfSet.set(hash, u);
    this.unitDoc.push(doc);
    this.unitIndex.push(index);
    this.unitOffset.push(this.fileLength);
    this.unitSize.push(sh.length);
    this.fileLength += sh.byteLength;
    this.pending.push(sh);
    this.recent[u % RECENT] = sh;
    this.recentId[u % RECENT] = u;
    this.pendingBytes += sh.byteLength;
    if (this.pendingBytes > 1 << 20) this.flush();
    if ((u + 1) * this.sketchWords > this.sketches.length) {
      const grown = new Int32Array(this.sketches.length * 2);
      grown.set(this.sketches);
      this.sketches = grown;
    }
    const row = u * this.sketchWords;
    for (let i = 0; i < sh.length; i++) {
      this.shingles.postings.push(this.lists[i], u);
      this.sketches[row + (this.bits[i] >>> 5)] |= 1 << (this.bits[i] & 31);
    }
  }
}

/**
 * The Jaccard similarity of two units of sizes a and b sharing n shingles if they are near-duplicates
 * (the reference's isNearDuplicate, with the same arithmetic), else -1.
 */
function nearDuplicateJaccard(n: number, a: number, b: number): number {
  const small = Math.min(a, b);
  const union = a + b - n;
  const containment = small ? n / small : 0;
  const jaccard = union ? n / union : 0;
  return containment >= MIN_CONTAINMENT && jaccard >= MIN_JACCARD ? jaccard : -1;
}

/** Duplicate marks of one document: per sentence and per paragraph, the "docId:index" it repeats. */
export interface DuplicateMarks {
  sentences: (string | undefined)[];
  paragraphs: (string | undefined)[];
}

/**
 * Feed documents in build order with their precomputed shingles; returns the duplicate marks that
 * NearDuplicateIndex.add would set. `scratch` is a file path for the spilled units (deleted by close()).
 */
export class CompactNearDuplicateIndex {
  private fds: number[];
  private docIds: string[] = [];
  private sentences: SpilledShingleIndex;
  private paragraphs: SpilledShingleIndex;

  /**
   * `scratch` is the path prefix of the index's two unit files. With `state` (a snapshot of an earlier
   * build), the files must already hold that build's units (copied there by the caller): marking goes
   * on after its documents, exactly as if they had been added again.
   */
  constructor(
    private scratch: string,
    state?: NearDuplicateState,
  ) {
    // One file per index, so each appends without knowing the other's length.
    const mode = state ? "r+" : "w+";
    this.fds = [openSync(`${scratch}${FILE_SUFFIXES[0]}`, mode), openSync(`${scratch}${FILE_SUFFIXES[1]}`, mode)];
    if (state) this.docIds.push(...state.docIds);
    this.sentences = new SpilledShingleIndex(this.fds[0], 0, this.docIds, SENTENCE_SKETCH_WORDS);
    this.paragraphs = new SpilledShingleIndex(this.fds[1], 0, this.docIds, PARAGRAPH_SKETCH_WORDS);
    if (state) {
      this.sentences.restore(state.sentences);
      this.paragraphs.restore(state.paragraphs);
    }
  }

  /** The index's data besides its files (which must be kept with it), for v8.serialize. */
  snapshot(): NearDuplicateState {
    return { docIds: [...this.docIds], sentences: this.sentences.snapshot(), paragraphs: this.paragraphs.snapshot() };
  }

  /** The paths of the unit files. */
  files(): string[] {
    return nearDuplicateFiles(this.scratch);
  }

  add(docId: string, sh: UnitShingles): DuplicateMarks {
    const d = this.docIds.length;
    this.docIds.push(docId);
    const sentences = sh.sentences.map((s, i) => this.sentences.mark(d, i, s));
    const paragraphs = sh.paragraphs.map((p, i) => this.paragraphs.mark(d, i, p));
    return { sentences, paragraphs };
  }

  /** Closes the files, and deletes them unless they are kept for a later build's snapshot. */
  close(options: { keepFiles?: boolean } = {}): void {
    this.sentences.flush();
    this.paragraphs.flush();
    for (const fd of this.fds) closeSync(fd);
    if (!options.keepFiles) for (const f of this.files()) rmSync(f, { force: true });
  }
}

/** A document with the marks set, exactly as NearDuplicateIndex.add returns it. */
export function applyDuplicateMarks<T extends Pick<CleanDocument, "sentences" | "paragraphs">>(doc: T, marks: DuplicateMarks): T {
  const sentences = doc.sentences.map((s, i) => {
    const { duplicateOf: _old, ...rest } = s;
    const dup = marks.sentences[i];
    return dup ? { ...rest, duplicateOf: dup } : rest;
  });
  const paragraphs = doc.paragraphs.map((p, i) => {
    const { duplicateOf: _old, ...rest } = p;
    const dup = marks.paragraphs[i];
    return dup ? { ...rest, duplicateOf: dup } : rest;
  });
  return { ...doc, sentences, paragraphs };
}

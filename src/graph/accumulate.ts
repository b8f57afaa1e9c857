// The co-mention graph, accumulated one document at a time (in build order) instead of from every
// analysis at once: what buildGraph (build.ts) computes, without holding the corpus in memory.
//
// buildGraph keeps every document, and per pair the Set of window keys that count it. At 100,000
// articles both are the size of the corpus. Here a document is folded in and dropped; what stays is:
//   - per window (sentence, paragraph, article) a number, and the sorted list of the entities in it
//     (typed arrays: a few bytes per mention);
//   - the duplicate maps (only windows marked as near-duplicates, and duplicate articles);
//   - per pair its counts, and only for the rare windows that a duplicate resolves onto, a set;
//   - evidence goes to a sink (src/evidence: the build's spill files), capped per pair and level.
// A pair counted in a window is known without a per-pair set: an own window counts every pair of its
// entity list once; a window reached again through a duplicate counted the pair if both entities are
// in its list (or in the pair's small set of windows counted through duplicates).
//
// The rules are those of build.ts and windows.ts (resolved windows, duplicate articles counted only for
// pairs their original lacks, npmi over the chosen level). One difference, by design: documents are
// taken in build (input) order, not sorted by id, so where more than maxEvidencePerLevel windows prove
// a pair, the passages kept are the first ones in input order. Counts, weights and dates are the same.

import { MultiGraph } from "graphology";
import { pairKey } from "../evidence/key.ts";
import { LEVEL_NUMBER, type EvidenceSink } from "../evidence/select.ts";
import type { Dictionary, EdgeAttributes, Evidence, Mention, NodeAttributes, Paragraph, Role, Sentence, WindowLevel } from "../types.ts";
import { WINDOW_LEVELS } from "../types.ts";
import { DEFAULT_WINDOW, MAX_EVIDENCE_PER_LEVEL, npmi, type BuildGraphOptions, type GraphAttributes, type GuanxiGraph, type LevelCounts } from "./model.ts";
import { DUPLICATE_ARTICLE_SHARE } from "./windows.ts";

/** The part of a cleaned document the graph needs. */
export interface GraphDocument {
  id: string;
  source: string;
  title?: string;
  date?: string;
  text: string;
  sentences: Sentence[];
  paragraphs: Paragraph[];
  articles: unknown[];
}

/** A growable Int32 column: millions of rows without millions of objects. */
class Column {
  data: Int32Array;
  length = 0;
  constructor(initial = 1024) {
    this.data = new Int32Array(initial);
  }
  push(x: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = x;
  }
  grow(n: number): void {
    if (n <= this.data.length) return;
    const next = new Int32Array(Math.max(n, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/** A column as plain data (its used part), and back. */
const columnData = (c: Column): Int32Array => c.data.slice(0, c.length);
function columnFrom(data: Int32Array): Column {
  const c = new Column(Math.max(1024, data.length));
  c.data.set(data);
  c.length = data.length;
  return c;
}

/** Per level: each window's entity list (sorted entity numbers) and the pass it was visited in. */
class WindowTable {
  start = new Column();
  size = new Column();
  pass = new Column();
  pool = new Column(4096);
  /** Make room for windows [0, n): unvisited windows have an empty list. */
  ensure(n: number): void {
    while (this.start.length < n) {
      this.start.push(0);
      this.size.push(0);
      this.pass.push(0);
    }
  }
  set(w: number, entities: number[], pass: number): void {
    this.start.data[w] = this.pool.length;
    this.size.data[w] = entities.length;
    this.pass.data[w] = pass;
    for (const e of entities) this.pool.push(e);
  }
  has(w: number, e: number): boolean {
    if (w < 0 || w >= this.start.length) return false;
    const s = this.start.data[w];
    const n = this.size.data[w];
    // Lists are short (the entities of one window) and sorted: a linear scan is fastest.
    for (let i = s; i < s + n; i++) {
      const x = this.pool.data[i];
      if (x === e) return true;
      if (x > e) return false;
    }
    return false;
  }
  visitedInPass(w: number): number {
    return w >= 0 && w < this.pass.length ? this.pass.data[w] : 0;
  }
}

interface PairState {
  counts: LevelCounts;
  documents: number;
  /** The last document counted through its own article window (documents come in order). */
  lastDoc: number;
  /** Windows counted through a duplicate (or in a duplicate article), per level: rare, so lazily made. */
  extra?: Partial<Record<WindowLevel, Set<number>>>;
  extraDocs?: Set<number>;
  kept: [LevelCounts, LevelCounts];
  firstDate?: string;
  lastDate?: string;
  /** Dated documents naming both, per month ("2024-05"); see DatedSpan. */
  months?: Record<string, number>;
}

/** When something was seen: first and last date, and dated documents per month. */
interface DatedSpan {
  firstDate?: string;
  lastDate?: string;
  months?: Record<string, number>;
}

/** Counts one dated document into a span (the caller makes sure a document is counted once). */
function addDate(span: DatedSpan, date: string): void {
  if (!span.firstDate || date < span.firstDate) span.firstDate = date;
  if (!span.lastDate || date > span.lastDate) span.lastDate = date;
  const month = date.slice(0, 7);
  span.months ??= {};
  span.months[month] = (span.months[month] ?? 0) + 1;
}

/** A span's dates as attributes, months in calendar order (so that outputs are byte-stable). */
function spanAttributes(span: DatedSpan): DatedSpan {
  const out: DatedSpan = {};
  if (span.firstDate) out.firstDate = span.firstDate;
  if (span.lastDate) out.lastDate = span.lastDate;
  if (span.months) out.months = Object.fromEntries(Object.entries(span.months).sort((x, y) => (x[0] < y[0] ? -1 : 1)));
  return out;
}

interface NodeState extends DatedSpan {
  mention: Mention;
  mentions: number;
  documents: number;
  lastDoc: number;
}

interface RoleState extends DatedSpan {
  person: string;
  org: string;
  title: string;
  statements: Set<number | string>;
  documents: Set<number | string>;
  /** The last dated document counted into the dates (documents come in order). */
  lastDatedDoc?: number;
}

/** The accumulator's data, for v8.serialize (see GraphAccumulator.snapshot). */
export interface AccumulatorState {
  options: { window: WindowLevel; includeCandidates: boolean; maxEvidence: number };
  docIds: string[];
  base: Record<WindowLevel, Int32Array>;
  next: LevelCounts;
  articleOf: Map<number, Uint16Array>;
  dupRoot: Record<"sentence" | "paragraph", Map<number, number>>;
  outsideNames: string[];
  outside: Map<string, number>;
  articleParent: Map<number, number>;
  windows: Record<WindowLevel, { start: Int32Array; size: Int32Array; pass: Int32Array; pool: Int32Array }>;
  seen: Record<WindowLevel, Int32Array>;
  seenOutside: Set<string>;
  totals: LevelCounts;
  entityIds: string[];
  entityWindows: Int32Array;
  entityExtra: Map<number, Set<number>>;
  nodes: Map<string, NodeState>;
  roleNodes: Map<string, Role>;
  titles: Map<string, Map<string, number>>;
  pairs: Map<number, PairState>;
  roleEdges: Map<string, RoleState>;
  seq: number;
  documents: number;
}

/** The same options as buildGraph's (the accumulator is what buildGraph runs). */
export type AccumulateOptions = BuildGraphOptions;

interface Instance {
  level: WindowLevel;
  index: number;
  key: number;
  own: number;
  deferred: boolean;
  duplicateOf?: string;
  articleWindow: number;
  sentencesOf: Map<string, number[]>;
}

/** Entity numbers stay below this (2^26 entities), so two fit exactly in one double. */
const PAIR_BASE = 2 ** 26;
/** One number for an unordered pair of entity numbers. */
const pairNumber = (a: number, b: number): number => (a < b ? a * PAIR_BASE + b : b * PAIR_BASE + a);

const newCounts = (): LevelCounts => ({ sentence: 0, paragraph: 0, article: 0 });

function mentionSentence(doc: GraphDocument, m: Mention): number {
  const s = doc.sentences[m.sentence];
  if (s && m.start >= s.start && m.start < Math.max(s.end, s.start + 1)) return m.sentence;
  const i = doc.sentences.findIndex((x) => m.start >= x.start && m.start < x.end);
  return i >= 0 ? i : Math.max(0, Math.min(m.sentence, doc.sentences.length - 1));
}

/** The passage that proves a pair in one window (build.ts's rule). */
function passage(doc: GraphDocument, sa: number[], sb: number[]): { start: number; end: number; text: string; index: number } {
  const inB = new Set(sb);
  const both = sa.filter((s) => inB.has(s)).sort((x, y) => x - y)[0];
  const sentences = doc.sentences;
  if (both !== undefined) {
    const s = sentences[both];
    return { start: s.start, end: s.end, text: doc.text.slice(s.start, s.end), index: both };
  }
  let best: [number, number] = [sa[0], sb[0]];
  for (const x of sa) for (const y of sb) if (Math.abs(x - y) < Math.abs(best[0] - best[1])) best = [x, y];
  const [lo, hi] = best[0] < best[1] ? best : [best[1], best[0]];
  const first = sentences[lo];
  const last = sentences[hi];
  const text = hi - lo <= 2 ? doc.text.slice(first.start, last.end) : `${doc.text.slice(first.start, first.end)} … ${doc.text.slice(last.start, last.end)}`;
  return { start: first.start, end: last.end, text, index: lo };
}

export class GraphAccumulator {
  private window: WindowLevel;
  private includeCandidates: boolean;
  private maxEvidence: number;

  private docIndex = new Map<string, number>();
  private docIds: string[] = [];
  /** First window number of each document, per level (window numbers are dense, in build order). */
  private base: Record<WindowLevel, Column> = { sentence: new Column(), paragraph: new Column(), article: new Column() };
  private next: Record<WindowLevel, number> = { sentence: 0, paragraph: 0, article: 0 };
  /** Article of each sentence, only for documents of more than one article. */
  private articleOf = new Map<number, Uint16Array>();
  private dupRoot: Record<"sentence" | "paragraph", Map<number, number>> = { sentence: new Map(), paragraph: new Map() };
  /** Windows outside the build that a duplicate mark names: negative numbers. */
  private outside = new Map<string, number>();
  private outsideNames: string[] = [];
  private articleParent = new Map<number, number>();
  private windows: Record<WindowLevel, WindowTable> = { sentence: new WindowTable(), paragraph: new WindowTable(), article: new WindowTable() };
  private seen: Record<WindowLevel, Column> = { sentence: new Column(), paragraph: new Column(), article: new Column() };
  private seenOutside = new Set<string>();
  private totals: LevelCounts = newCounts();

  private entityNumber = new Map<string, number>();
  /** Distinct windows of the chosen level per entity (npmi's marginals), by entity number. */
  private entityWindows = new Column();
  private entityExtra = new Map<number, Set<number>>();
  private nodes = new Map<string, NodeState>();
  private roleNodes = new Map<string, Role>();
  private titles = new Map<string, Map<string, number>>();
  /** Per pair, keyed by its two entity numbers (pairNumber): no string is made per window and pair. */
  private pairs = new Map<number, PairState>();
  private entityIds: string[] = [];
  private roleEdges = new Map<string, RoleState>();
  private seq = 0;
  /**
   * The passages of the document being folded already given to the sink, per pair (pair number,
   * start, end). A sentence that holds both names is the passage of its sentence, its paragraph and its
   * article alike; it is given once, at the closest level, and the wider levels keep their places for
   * passages of their own. A third of a dense corpus's evidence was such repeats, which every reader
   * dropped anyway (the viewer and `guanxi with` show a passage once).
   */
  private docPassages = new Set<string>();
  documents = 0;

  constructor(
    private dictionary: Dictionary,
    private sink: EvidenceSink,
    options: AccumulateOptions = {},
  ) {
    this.window = options.window ?? DEFAULT_WINDOW;
    this.includeCandidates = options.includeCandidates ?? false;
    this.maxEvidence = options.maxEvidencePerLevel ?? MAX_EVIDENCE_PER_LEVEL;
  }

  private entityNo(id: string): number {
    let n = this.entityNumber.get(id);
    if (n === undefined) {
      n = this.entityNumber.size;
      this.entityNumber.set(id, n);
      this.entityIds.push(id);
      this.entityWindows.push(0);
    }
    return n;
  }

  /** The document a window number belongs to (binary search over the bases). */
  private docOfWindow(level: WindowLevel, w: number): number {
    const b = this.base[level].data;
    let lo = 0;
    let hi = this.base[level].length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (b[mid] <= w) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private windowName(level: WindowLevel, w: number): string {
    if (w < 0) return this.outsideNames[-w - 1];
    const d = this.docOfWindow(level, w);
    return `${this.docIds[d]}:${w - this.base[level].data[d]}`;
  }

  private outsideRef(level: WindowLevel, name: string): number {
    let n = this.outside.get(`${level}:${name}`);
    if (n === undefined) {
      this.outsideNames.push(name);
      n = -this.outsideNames.length;
      this.outside.set(`${level}:${name}`, n);
    }
    return n;
  }

  /** The root window of a "docId:index" reference (following duplicate chains), or an outside number. */
  private resolveRef(level: "sentence" | "paragraph", ref: string): number {
    const at = ref.lastIndexOf(":");
    const index = Number(ref.slice(at + 1));
    const d = at > 0 && Number.isInteger(index) && index >= 0 ? this.docIndex.get(ref.slice(0, at)) : undefined;
    if (d === undefined) return this.outsideRef(level, ref);
    const w = this.base[level].data[d] + index;
    const end = d + 1 < this.base[level].length ? this.base[level].data[d + 1] : this.next[level];
    // An index past the target's windows names no window of the build: it is its own identity.
    if (w >= end) return this.outsideRef(level, ref);
    return this.dupRoot[level].get(w) ?? w;
  }

  private articleRootOf(w: number): number {
    let cur = w;
    const seen = new Set<number>();
    while (this.articleParent.has(cur) && !seen.has(cur)) {
      seen.add(cur);
      cur = this.articleParent.get(cur)!;
    }
    return cur;
  }

  private sentenceArticle(d: number, i: number, fallback: number): number {
    const map = this.articleOf.get(d);
    return map ? map[i] : fallback;
  }

  /** Folds one document (cleaned, duplicate-marked) with its mentions and roles into the graph. */
  add(doc: GraphDocument, mentions: Mention[], roles: Role[]): void {
    const d = this.docIds.length;
    this.docIds.push(doc.id);
    this.docIndex.set(doc.id, d);
    this.documents++;
    const base: LevelCounts = { sentence: this.next.sentence, paragraph: this.next.paragraph, article: this.next.article };
    const articleCount = Math.max(doc.articles.length, ...doc.sentences.map((s) => s.article + 1), 1);
    const counts: LevelCounts = { sentence: doc.sentences.length, paragraph: Math.max(doc.paragraphs.length, ...doc.sentences.map((s) => s.paragraph + 1), 0), article: articleCount };
    for (const level of WINDOW_LEVELS) {
      this.base[level].push(base[level]);
      this.next[level] += counts[level];
      this.windows[level].ensure(this.next[level]);
      this.seen[level].grow(this.next[level]);
      this.seen[level].length = this.next[level];
    }
    if (articleCount > 1) this.articleOf.set(d, Uint16Array.from(doc.sentences, (s) => s.article));

    // ---- resolve the duplicate marks onto root windows
    const sRoot = doc.sentences.map((s, i) => {
      const own = base.sentence + i;
      if (!s.duplicateOf) return own;
      const root = this.resolveRef("sentence", s.duplicateOf);
      if (root !== own) this.dupRoot.sentence.set(own, root);
      return root;
    });
    const pRoot = doc.paragraphs.map((p, i) => {
      const own = base.paragraph + i;
      if (!p.duplicateOf) return own;
      const root = this.resolveRef("paragraph", p.duplicateOf);
      if (root !== own) this.dupRoot.paragraph.set(own, root);
      return root;
    });
    // Duplicate articles: the article most of whose sentences repeat one earlier article (windows.ts).
    const perArticle = new Map<number, { total: number; votes: Map<string, [number, number]> }>();
    doc.sentences.forEach((s, i) => {
      let entry = perArticle.get(s.article);
      if (!entry) perArticle.set(s.article, (entry = { total: 0, votes: new Map() }));
      entry.total++;
      if (!s.duplicateOf) return;
      const root = sRoot[i];
      if (root < 0 || root === base.sentence + i) return;
      const t = this.docOfWindow("sentence", root);
      const j = root - this.base.sentence.data[t];
      const art = t === d ? doc.sentences[j]?.article ?? 0 : this.sentenceArticle(t, j, 0);
      const target = `${this.docIds[t]}:${art}`;
      if (target === `${doc.id}:${s.article}`) return;
      const v = entry.votes.get(target);
      if (v) v[1]++;
      else entry.votes.set(target, [this.base.article.data[t] + art, 1]);
    });
    for (const [article, { total, votes }] of perArticle) {
      let best: number | undefined;
      let bestVotes = 0;
      for (const [, [w, n]] of [...votes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        if (n > bestVotes) [best, bestVotes] = [w, n];
      }
      if (best !== undefined && bestVotes > total * DUPLICATE_ARTICLE_SHARE) this.articleParent.set(base.article + article, best);
    }

    const keyOf = (level: WindowLevel, si: number): number => {
      const s = doc.sentences[si];
      if (level === "sentence") return sRoot[si];
      if (level === "paragraph") return pRoot[s.paragraph] ?? base.paragraph + s.paragraph;
      return this.articleRootOf(base.article + s.article);
    };
    const ownOf = (level: WindowLevel, si: number): number => {
      const s = doc.sentences[si];
      return base[level] + (level === "sentence" ? si : level === "paragraph" ? s.paragraph : s.article);
    };

    // ---- distinct windows per level (npmi's N)
    for (let i = 0; i < doc.sentences.length; i++) {
      for (const level of WINDOW_LEVELS) {
        const k = keyOf(level, i);
        if (k < 0) {
          const name = `${level}:${this.outsideNames[-k - 1]}`;
          if (!this.seenOutside.has(name)) {
            this.seenOutside.add(name);
            this.totals[level]++;
          }
        } else if (!this.seen[level].data[k]) {
          this.seen[level].data[k] = 1;
          this.totals[level]++;
        }
      }
    }

    // ---- nodes
    const keep = (m: Mention) => this.includeCandidates || !m.candidate;
    for (const m of mentions) {
      if (!keep(m)) continue;
      let n = this.nodes.get(m.entity);
      if (!n) this.nodes.set(m.entity, (n = { mention: m, mentions: 0, documents: 0, lastDoc: -1 }));
      n.mentions++;
      if (n.lastDoc !== d) {
        n.lastDoc = d;
        n.documents++;
        if (doc.date) addDate(n, doc.date);
      }
    }
    for (const r of roles) {
      for (const id of [r.person, r.org]) if (id && !this.roleNodes.has(id) && this.dictionary.byId.has(id)) this.roleNodes.set(id, r);
      if (r.person) {
        let t = this.titles.get(r.person);
        if (!t) this.titles.set(r.person, (t = new Map()));
        t.set(r.title, (t.get(r.title) ?? 0) + (r.sentences?.length ?? 1));
      }
    }

    // ---- window instances of this document
    const instances: Instance[] = [];
    const perLevel = new Map<string, Instance>();
    for (const m of mentions) {
      if (!keep(m)) continue;
      const si = mentionSentence(doc, m);
      const s = doc.sentences[si];
      if (!s) continue;
      for (const level of WINDOW_LEVELS) {
        const index = level === "sentence" ? si : level === "paragraph" ? s.paragraph : s.article;
        const id = `${level}:${index}`;
        let inst = perLevel.get(id);
        if (!inst) {
          const key = keyOf(level, si);
          const own = ownOf(level, si);
          inst = {
            level,
            index,
            key,
            own,
            deferred: this.articleParent.has(base.article + s.article),
            duplicateOf: key === own ? undefined : this.windowName(level, key),
            articleWindow: this.articleRootOf(base.article + s.article),
            sentencesOf: new Map(),
          };
          perLevel.set(id, inst);
          instances.push(inst);
        }
        const list = inst.sentencesOf.get(m.entity);
        if (!list) inst.sentencesOf.set(m.entity, [si]);
        else if (!list.includes(si)) list.push(si);
      }
    }
    // Each own window's entity list, before any pair is counted (a later duplicate window resolves onto it).
    for (const inst of instances) {
      if (inst.key !== inst.own) continue;
      const ents = [...inst.sentencesOf.keys()].map((e) => this.entityNo(e)).sort((a, b) => a - b);
      this.windows[inst.level].set(inst.own, ents, inst.deferred ? 2 : 1);
    }
    // Original windows first, then those of duplicate articles (build.ts's two passes, per document:
    // a duplicate's original is always an earlier document, or an earlier article of this one).
    // Closest level first (a stable sort: within a level, the order of the windows stays), so that a
    // passage is given at its closest level (see docPassages).
    const byLevel = [...instances].sort((x, y) => LEVEL_NUMBER[x.level] - LEVEL_NUMBER[y.level]);
    this.docPassages.clear();
    for (const inst of byLevel) if (!inst.deferred) this.visit(doc, d, inst, 1);
    for (const inst of byLevel) if (inst.deferred) this.visit(doc, d, inst, 2);

    // ---- dates, over every document where a pair stands (copies included: a republication is an
    // appearance on its own date), each document counted once per pair however many articles it holds
    if (doc.date) {
      const dated = new Set<number>();
      for (const inst of instances) {
        if (inst.level !== "article") continue;
        const entities = [...inst.sentencesOf.keys()];
        for (let i = 0; i < entities.length; i++) {
          for (let j = i + 1; j < entities.length; j++) {
            const a = this.entityNo(entities[i]), b = this.entityNo(entities[j]);
            const n = pairNumber(a, b);
            if (dated.has(n)) continue;
            dated.add(n);
            addDate(this.pair(a, b), doc.date);
          }
        }
      }
    }

    // ---- role statements
    for (const r of roles) {
      if (!r.person || !r.org || r.person === r.org) continue;
      const key = `role:${r.person}>${r.org}:${r.title}`;
      let acc = this.roleEdges.get(key);
      if (!acc) this.roleEdges.set(key, (acc = { person: r.person, org: r.org, title: r.title, statements: new Set(), documents: new Set() }));
      if (doc.date && acc.lastDatedDoc !== d) {
        acc.lastDatedDoc = d;
        addDate(acc, doc.date);
      }
      // Every sentence that states the role (a role row holds them all since rows are one per document).
      for (const sentence of r.sentences ?? [r.sentence]) {
        if (doc.sentences.length) {
          const si = Math.max(0, Math.min(sentence, doc.sentences.length - 1));
          const sk = keyOf("sentence", si);
          acc.statements.add(sk < 0 ? this.windowName("sentence", sk) : sk);
          acc.documents.add(this.docOfWindow("article", keyOf("article", si)));
        } else {
          acc.statements.add(`${doc.id}:${sentence}`);
          acc.documents.add(d);
        }
      }
    }
  }

  private pair(a: number, b: number): PairState {
    const key = pairNumber(a, b);
    let st = this.pairs.get(key);
    if (!st) {
      st = { counts: newCounts(), documents: 0, lastDoc: -1, kept: [newCounts(), newCounts()] };
      this.pairs.set(key, st);
    }
    return st;
  }

  /** Did the pass-1 article windows of document t hold both entities? */
  private docHoldsPair(t: number, a: number, b: number): boolean {
    const table = this.windows.article;
    const from = this.base.article.data[t];
    const to = t + 1 < this.base.article.length ? this.base.article.data[t + 1] : this.next.article;
    for (let w = from; w < to; w++) if (table.visitedInPass(w) === 1 && table.has(w, a) && table.has(w, b)) return true;
    return false;
  }

  private visit(doc: GraphDocument, d: number, inst: Instance, pass: 1 | 2): void {
    const level = inst.level;
    const table = this.windows[level];
    const own = inst.key === inst.own;
    const entities = [...inst.sentencesOf.keys()].sort();
    const nums = entities.map((e) => this.entityNo(e));
    if (level === this.window) {
      for (const e of nums) {
        if (own) this.entityWindows.data[e]++;
        else {
          let extra = this.entityExtra.get(e);
          if (table.has(inst.key, e) || extra?.has(inst.key)) continue;
          if (!extra) this.entityExtra.set(e, (extra = new Set()));
          extra.add(inst.key);
          this.entityWindows.data[e]++;
        }
      }
    }
    if (entities.length < 2) return;
    for (let i = 0; i < entities.length; i++) {
      for (let j = i + 1; j < entities.length; j++) {
        const a = nums[i];
        const b = nums[j];
        const st = this.pair(a, b);
        // A copied article speaks for a pair only when its original does not name the pair at all.
        if (pass === 2 && this.windows.article.visitedInPass(inst.articleWindow) === 1 && this.windows.article.has(inst.articleWindow, a) && this.windows.article.has(inst.articleWindow, b)) continue;
        if (!own) {
          const counted = (table.visitedInPass(inst.key) === 1 && table.has(inst.key, a) && table.has(inst.key, b)) || !!st.extra?.[level]?.has(inst.key);
          if (counted) continue;
        }
        st.counts[level]++;
        if (!(own && pass === 1)) {
          st.extra ??= {};
          (st.extra[level] ??= new Set()).add(inst.key);
        }
        if (level === "article") {
          if (own && pass === 1) {
            if (st.lastDoc !== d && !st.extraDocs?.has(d)) {
              st.lastDoc = d;
              st.documents++;
            }
          } else {
            const t = this.docOfWindow("article", inst.key);
            const already = (t === d ? st.lastDoc === d : this.docHoldsPair(t, a, b)) || !!st.extraDocs?.has(t);
            if (!already) {
              (st.extraDocs ??= new Set()).add(t);
              st.documents++;
            }
          }
        }
        const kept = st.kept[pass - 1];
        if (kept[level] >= this.maxEvidence) continue;
        const p = passage(doc, inst.sentencesOf.get(entities[i])!, inst.sentencesOf.get(entities[j])!);
        const given = `${pairNumber(a, b)}:${p.start}:${p.end}`;
        if (!this.docPassages.has(given)) {
          this.docPassages.add(given);
          kept[level]++;
          const ev: Evidence = {
            doc: doc.id,
            level,
            index: level === "sentence" ? p.index : inst.index,
            start: p.start,
            end: p.end,
            text: p.text,
            source: doc.source,
          };
          if (doc.title) ev.title = doc.title;
          if (doc.date) ev.date = doc.date;
          if (inst.duplicateOf) ev.duplicateOf = inst.duplicateOf;
          this.sink.add(pairKey(entities[i], entities[j]), level, pass, this.seq++, ev);
        }
      }
    }
  }

  /** The graph (without metrics and layout: the caller composes them), and per co-mention pair its exact window totals. */
  finish(): { graph: GuanxiGraph; evidenceTotals: Map<string, LevelCounts>; pairs: string[] } {
    const dictionary = this.dictionary;
    const graph: GuanxiGraph = new MultiGraph<NodeAttributes, EdgeAttributes, GraphAttributes>({ type: "mixed", allowSelfLoops: false });
    const ids = new Set(this.nodes.keys());
    for (const id of this.roleNodes.keys()) ids.add(id);
    for (const id of [...ids].sort()) {
      const acc = this.nodes.get(id);
      const entry = dictionary.byId.get(id);
      const role = this.roleNodes.get(id);
      const titles = this.titles.get(id) ?? new Map<string, number>();
      const stated = [...titles].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([t]) => t);
      const known = (entry?.titles ?? []).map((t) => t.title).filter((t) => !stated.includes(t));
      const fallbackLabel = acc?.mention.label ?? (role && (role.person === id ? role.person_label : role.org_label)) ?? id;
      graph.addNode(id, {
        label: entry?.label ?? fallbackLabel,
        type: entry?.type ?? acc!.mention.type,
        aliases: entry ? [...entry.aliases] : [],
        name_en: entry?.name_en ?? "",
        candidate: !entry && !!acc?.mention.candidate,
        mentions: acc?.mentions ?? 0,
        documents: acc?.documents ?? 0,
        titles: [...stated, ...new Set(known)],
        ...(acc ? spanAttributes(acc) : {}),
      });
    }

    const window = this.window;
    const evidenceTotals = new Map<string, LevelCounts>();
    const pairs: string[] = [];
    const byKey = new Map<string, PairState>();
    for (const [n, st] of this.pairs) byKey.set(pairKey(this.entityIds[Math.floor(n / PAIR_BASE)], this.entityIds[n % PAIR_BASE]), st);
    for (const key of [...byKey.keys()].sort()) {
      const st = byKey.get(key)!;
      if (st.counts.article === 0) continue;
      const [a, b] = key.split("|");
      const ea = this.entityWindows.data[this.entityNumber.get(a)!];
      const eb = this.entityWindows.data[this.entityNumber.get(b)!];
      const attrs: EdgeAttributes = {
        kind: "co-mention",
        weight: st.counts[window],
        sentence: st.counts.sentence,
        paragraph: st.counts.paragraph,
        article: st.counts.article,
        documents: st.documents,
        npmi: npmi(st.counts[window], ea, eb, this.totals[window]),
      };
      Object.assign(attrs, spanAttributes(st));
      graph.addUndirectedEdgeWithKey(`co:${key}`, a, b, attrs);
      evidenceTotals.set(key, { ...st.counts });
      pairs.push(key);
    }
    for (const key of [...this.roleEdges.keys()].sort()) {
      const r = this.roleEdges.get(key)!;
      if (!graph.hasNode(r.person) || !graph.hasNode(r.org)) continue;
      graph.addDirectedEdgeWithKey(key, r.person, r.org, { kind: "role", title: r.title, weight: r.statements.size, documents: r.documents.size, ...spanAttributes(r) });
    }
    graph.replaceAttributes({
      window,
      windows: { ...this.totals },
      documents: this.documents,
      creator: "guanxi",
      description: `Co-mentions of entities in Chinese news; edge weight = distinct ${window} windows`,
    });
    return { graph, evidenceTotals, pairs };
  }

  /**
   * Everything folded in so far, as data v8.serialize can write (typed arrays, Maps, Sets, plain
   * objects): a later build that only appends articles restores it instead of folding every article
   * again. Evidence is not in it: it stays in the sink (the spill files).
   */
  snapshot(): AccumulatorState {
    const levels = <T>(f: (level: WindowLevel) => T): Record<WindowLevel, T> => ({ sentence: f("sentence"), paragraph: f("paragraph"), article: f("article") });
    return {
      options: { window: this.window, includeCandidates: this.includeCandidates, maxEvidence: this.maxEvidence },
      docIds: this.docIds,
      base: levels((l) => columnData(this.base[l])),
      next: { ...this.next },
      articleOf: this.articleOf,
      dupRoot: this.dupRoot,
      outsideNames: this.outsideNames,
      outside: this.outside,
      articleParent: this.articleParent,
      windows: levels((l) => {
        const t = this.windows[l];
        return { start: columnData(t.start), size: columnData(t.size), pass: columnData(t.pass), pool: columnData(t.pool) };
      }),
      seen: levels((l) => columnData(this.seen[l])),
      seenOutside: this.seenOutside,
      totals: { ...this.totals },
      entityIds: this.entityIds,
      entityWindows: columnData(this.entityWindows),
      entityExtra: this.entityExtra,
      nodes: this.nodes,
      roleNodes: this.roleNodes,
      titles: this.titles,
      pairs: this.pairs,
      roleEdges: this.roleEdges,
      seq: this.seq,
      documents: this.documents,
    };
  }

  /** Continues from a snapshot taken with the same options (see snapshot()). */
  restore(state: AccumulatorState): void {
    const o = state.options;
    if (o.window !== this.window || o.includeCandidates !== this.includeCandidates || o.maxEvidence !== this.maxEvidence) {
      throw new Error("the saved graph state was made with other options");
    }
    this.docIds = state.docIds;
    this.docIndex = new Map(state.docIds.map((id, i) => [id, i]));
    for (const l of WINDOW_LEVELS) {
      this.base[l] = columnFrom(state.base[l]);
      const t = new WindowTable();
      t.start = columnFrom(state.windows[l].start);
      t.size = columnFrom(state.windows[l].size);
      t.pass = columnFrom(state.windows[l].pass);
      t.pool = columnFrom(state.windows[l].pool);
      this.windows[l] = t;
      this.seen[l] = columnFrom(state.seen[l]);
    }
    this.next = { ...state.next };
    this.articleOf = state.articleOf;
    this.dupRoot = state.dupRoot;
    this.outsideNames = state.outsideNames;
    this.outside = state.outside;
    this.articleParent = state.articleParent;
    this.seenOutside = state.seenOutside;
    this.totals = { ...state.totals };
    this.entityIds = state.entityIds;
    this.entityNumber = new Map(state.entityIds.map((id, i) => [id, i]));
    this.entityWindows = columnFrom(state.entityWindows);
    this.entityExtra = state.entityExtra;
    this.nodes = state.nodes;
    this.roleNodes = state.roleNodes;
    this.titles = state.titles;
    this.pairs = state.pairs;
    this.roleEdges = state.roleEdges;
    this.seq = state.seq;
    this.documents = state.documents;
  }

  /** A pair's kept evidence (after finish). */
  evidence(pair: string): Evidence[] {
    return this.sink.take(pair, this.maxEvidence);
  }
}

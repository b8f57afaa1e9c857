// Builds the co-mention graph from the analyses of a build: one node per entity, one undirected
// co-mention edge per pair that shares a window, one directed role edge per (person, org, title).
//
// The graph is a graphology MultiGraph of type "mixed": a pair may carry an undirected co-mention edge and
// one or more directed role edges at once, which neither a simple nor a single-direction graph can hold.
// Edge keys are stable (`co:${pairKey}`, `role:${person}>${org}:${title}`) so readers and the viewer can
// address an edge without an index.
//
// Co-mentions are counted at the three window levels at once; `weight` is the level chosen at build time.
// Near-duplicate windows count once (see windows.ts for the rule). Everything is processed in a fixed
// order (documents by id, entities by id) so the same input always gives the same graph.

import { MultiGraph } from "graphology";
import { pairKey } from "../export/evidence-key.ts";
import type {
  CleanDocument,
  DocumentAnalysis,
  Dictionary,
  EdgeAttributes,
  Evidence,
  Mention,
  NodeAttributes,
  WindowLevel,
} from "../types.ts";
import { WINDOW_LEVELS } from "../types.ts";
import { layoutGraph } from "./layout.ts";
import { computeMetrics } from "./metrics.ts";
import { resolveWindows, type ResolvedWindows } from "./windows.ts";

export interface GraphAttributes {
  /** The level `weight` counts. */
  window: WindowLevel;
  /** Distinct (resolved) windows in the corpus per level: the N of npmi. */
  windows: Record<WindowLevel, number>;
  documents: number;
  creator: string;
  description: string;
  [key: string]: unknown;
}

export type GuanxiGraph = MultiGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

export interface BuildGraphOptions {
  window?: WindowLevel;
  includeCandidates?: boolean;
  /** Evidence windows kept per edge per level (the totals are always exact). Default 20. */
  maxEvidencePerLevel?: number;
  /** Compute metrics and layout (default true): the exports and the viewer need them. */
  metrics?: boolean;
  layout?: boolean;
  /** Seed of Louvain's random walk and of the initial layout. */
  seed?: number;
}

export type LevelCounts = Record<WindowLevel, number>;

export interface BuildGraphResult {
  graph: GuanxiGraph;
  /** Evidence per co-mention edge, keyed by pairKey(a, b); at most maxEvidencePerLevel items per level. */
  evidence: Map<string, Evidence[]>;
  /** The exact number of windows behind each pair's evidence, per level. */
  evidenceTotals: Map<string, LevelCounts>;
}

export const DEFAULT_WINDOW: WindowLevel = "article";
export const MAX_EVIDENCE_PER_LEVEL = 20;

/** A pair's sentences in one window instance, to pick the passage that proves it. */
interface Placement {
  doc: CleanDocument;
  /** Sentence indices of each entity's mentions in the window. */
  sentencesOf: Map<string, number[]>;
}

interface PairState {
  windows: Record<WindowLevel, Set<string>>;
  evidence: Evidence[];
  kept: LevelCounts;
  /** Article roots where the pair stands together in an original article (for the duplicate-article rule). */
  articles: Set<string>;
  documents: Set<string>;
  firstDate?: string;
  lastDate?: string;
}

const round = (x: number, digits = 4) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Normalised pointwise mutual information; 1 = always together, 0 = independent, -1 = never. */
export function npmi(pair: number, a: number, b: number, total: number): number {
  if (pair <= 0 || total <= 0 || a <= 0 || b <= 0) return -1;
  const pxy = pair / total;
  if (pxy >= 1) return 1;
  const value = Math.log(pxy / ((a / total) * (b / total))) / -Math.log(pxy);
  return round(Math.max(-1, Math.min(1, value)));
}

function mentionSentence(doc: CleanDocument, m: Mention): number {
  const s = doc.sentences[m.sentence];
  if (s && m.start >= s.start && m.start < Math.max(s.end, s.start + 1)) return m.sentence;
  // A stale sentence index: find the sentence by offset.
  const i = doc.sentences.findIndex((x) => m.start >= x.start && m.start < x.end);
  return i >= 0 ? i : Math.max(0, Math.min(m.sentence, doc.sentences.length - 1));
}

/** The passage that proves a pair in one window: a sentence holding both, else the nearest two. */
function passage(p: Placement, a: string, b: string): { start: number; end: number; text: string; index: number } {
  const sa = p.sentencesOf.get(a)!;
  const sb = p.sentencesOf.get(b)!;
  const inB = new Set(sb);
  const both = sa.filter((s) => inB.has(s)).sort((x, y) => x - y)[0];
  const sentences = p.doc.sentences;
  if (both !== undefined) {
    const s = sentences[both];
    return { start: s.start, end: s.end, text: p.doc.text.slice(s.start, s.end), index: both };
  }
  let best: [number, number] = [sa[0], sb[0]];
  for (const x of sa) for (const y of sb) if (Math.abs(x - y) < Math.abs(best[0] - best[1])) best = [x, y];
  const [lo, hi] = best[0] < best[1] ? best : [best[1], best[0]];
  const first = sentences[lo];
  const last = sentences[hi];
  // Neighbouring sentences read as one passage; farther apart, the gap is elided so the evidence stays short.
  const text =
    hi - lo <= 2
      ? p.doc.text.slice(first.start, last.end)
      : `${p.doc.text.slice(first.start, first.end)} … ${p.doc.text.slice(last.start, last.end)}`;
  return { start: first.start, end: last.end, text, index: lo };
}

export function buildGraph(analyses: DocumentAnalysis[], dictionary: Dictionary, options: BuildGraphOptions = {}): BuildGraphResult {
  const window = options.window ?? DEFAULT_WINDOW;
  const includeCandidates = options.includeCandidates ?? false;
  const maxEvidence = options.maxEvidencePerLevel ?? MAX_EVIDENCE_PER_LEVEL;

  // Fixed order: documents by id, so output does not depend on worker scheduling.
  const sorted = [...analyses].sort((x, y) => (x.doc.id < y.doc.id ? -1 : x.doc.id > y.doc.id ? 1 : 0));
  const docs = sorted.map((a) => a.doc);
  const resolved: ResolvedWindows = resolveWindows(docs);

  const keep = (m: Mention) => includeCandidates || !m.candidate;

  // ---------------------------------------------------------------- nodes
  interface NodeAcc {
    mention: Mention;
    mentions: number;
    documents: Set<string>;
    titles: Map<string, number>;
  }
  const nodes = new Map<string, NodeAcc>();
  for (const { doc, mentions } of sorted) {
    for (const m of mentions) {
      if (!keep(m)) continue;
      let acc = nodes.get(m.entity);
      if (!acc) nodes.set(m.entity, (acc = { mention: m, mentions: 0, documents: new Set(), titles: new Map() }));
      acc.mentions++;
      acc.documents.add(doc.id);
    }
  }
  // Role edges may name a dictionary entity the linker did not count as a mention (e.g. inside a title
  // phrase); such an entity still becomes a node, with zero mentions, so the role is not lost.
  for (const { roles } of sorted) {
    for (const r of roles) {
      for (const [id, label] of [
        [r.person, r.person_label],
        [r.org, r.org_label],
      ] as const) {
        if (!id || nodes.has(id)) continue;
        const entry = dictionary.byId.get(id);
        if (!entry) continue;
        nodes.set(id, {
          mention: { doc: r.doc, entity: id, label: entry.label ?? label, type: entry.type, surface: label, start: r.start, end: r.end, sentence: r.sentence },
          mentions: 0,
          documents: new Set(),
          titles: new Map(),
        });
      }
    }
  }
  for (const { roles } of sorted) {
    for (const r of roles) {
      if (r.person && nodes.has(r.person)) {
        const t = nodes.get(r.person)!.titles;
        t.set(r.title, (t.get(r.title) ?? 0) + 1);
      }
    }
  }

  const graph: GuanxiGraph = new MultiGraph<NodeAttributes, EdgeAttributes, GraphAttributes>({ type: "mixed", allowSelfLoops: false });
  for (const id of [...nodes.keys()].sort()) {
    const acc = nodes.get(id)!;
    const entry = dictionary.byId.get(id);
    const stated = [...acc.titles].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([t]) => t);
    const known = (entry?.titles ?? []).map((t) => t.title).filter((t) => !stated.includes(t));
    graph.addNode(id, {
      label: entry?.label ?? acc.mention.label,
      type: entry?.type ?? acc.mention.type,
      aliases: entry ? [...entry.aliases] : [],
      name_en: entry?.name_en ?? "",
      candidate: !entry && !!acc.mention.candidate,
      mentions: acc.mentions,
      documents: acc.documents.size,
      titles: [...stated, ...new Set(known)],
    });
  }

  // ---------------------------------------------------------------- co-mention windows
  const pairs = new Map<string, PairState>();
  /** Entities per resolved window per level, for npmi's marginals. */
  const entityWindows = new Map<string, Record<WindowLevel, Set<string>>>();
  const newLevels = <T>(make: () => T): Record<WindowLevel, T> => ({ sentence: make(), paragraph: make(), article: make() });

  // Window instances: per document and level, the mentions grouped by the window that holds them.
  interface Instance {
    level: WindowLevel;
    doc: CleanDocument;
    index: number;
    key: string;
    /** A window inside a near-duplicate article: counted in the second pass, against the original. */
    deferred: boolean;
    duplicateOf?: string;
    placement: Placement;
  }
  const instances: Instance[] = [];
  for (const { doc, mentions } of sorted) {
    const perLevel = new Map<string, Instance>();
    for (const m of mentions) {
      if (!keep(m) || !graph.hasNode(m.entity)) continue;
      const si = mentionSentence(doc, m);
      const s = doc.sentences[si];
      if (!s) continue;
      for (const level of WINDOW_LEVELS) {
        const index = level === "sentence" ? si : level === "paragraph" ? s.paragraph : s.article;
        const id = `${level}:${index}`;
        let inst = perLevel.get(id);
        if (!inst) {
          inst = {
            level,
            doc,
            index,
            key: resolved.key(level, doc.id, si),
            deferred: resolved.inDuplicateArticle(doc.id, si),
            duplicateOf: resolved.duplicateOf(level, doc.id, si),
            placement: { doc, sentencesOf: new Map() },
          };
          perLevel.set(id, inst);
          instances.push(inst);
        }
        const list = inst.placement.sentencesOf.get(m.entity);
        if (!list) inst.placement.sentencesOf.set(m.entity, [si]);
        else if (!list.includes(si)) list.push(si);
      }
    }
  }

  const articleRootOf = (inst: Instance) => resolved.articleRoot(inst.doc.id, firstSentenceOf(inst));
  const firstSentenceOf = (inst: Instance) => Math.min(...[...inst.placement.sentencesOf.values()].map((l) => l[0]));

  function visit(inst: Instance, pass: 1 | 2): void {
    const entities = [...inst.placement.sentencesOf.keys()].sort();
    for (const e of entities) {
      let w = entityWindows.get(e);
      if (!w) entityWindows.set(e, (w = newLevels(() => new Set<string>())));
      w[inst.level].add(inst.key);
    }
    if (entities.length < 2) return;
    const articleRoot = articleRootOf(inst);
    for (let i = 0; i < entities.length; i++) {
      for (let j = i + 1; j < entities.length; j++) {
        const a = entities[i];
        const b = entities[j];
        const key = pairKey(a, b);
        let st = pairs.get(key);
        if (!st) {
          st = {
            windows: newLevels(() => new Set<string>()),
            evidence: [],
            kept: { sentence: 0, paragraph: 0, article: 0 },
            articles: new Set<string>(),
            documents: new Set(),
          };
          pairs.set(key, st);
        }
        // Second pass: a copied article speaks for a pair only when its original does not name the pair at
        // all; otherwise the original's windows already count it, and a copy's re-cut sentences would
        // count the same statement again.
        if (pass === 2 && st.articles.has(articleRoot)) continue;
        if (st.windows[inst.level].has(inst.key)) continue;
        st.windows[inst.level].add(inst.key);
        if (pass === 1 && inst.level === "article") st.articles.add(articleRoot);
        if (inst.level === "article") {
          st.documents.add(inst.key.slice(2, inst.key.lastIndexOf(":")));
        }
        if (st.kept[inst.level] < maxEvidence) {
          st.kept[inst.level]++;
          const p = passage(inst.placement, a, b);
          const ev: Evidence = {
            doc: inst.doc.id,
            level: inst.level,
            index: inst.level === "sentence" ? p.index : inst.index,
            start: p.start,
            end: p.end,
            text: p.text,
            source: inst.doc.source,
          };
          if (inst.doc.title) ev.title = inst.doc.title;
          if (inst.doc.date) ev.date = inst.doc.date;
          if (inst.duplicateOf) ev.duplicateOf = inst.duplicateOf;
          st.evidence.push(ev);
        }
      }
    }
  }
  for (const inst of instances) if (!inst.deferred) visit(inst, 1);
  for (const inst of instances) if (inst.deferred) visit(inst, 2);

  // Dates over every copy of every article where the pair stands: a republication extends lastDate.
  for (const inst of instances) {
    if (inst.level !== "article" || !inst.doc.date) continue;
    const entities = [...inst.placement.sentencesOf.keys()];
    for (let i = 0; i < entities.length; i++) {
      for (let j = i + 1; j < entities.length; j++) {
        const st = pairs.get(pairKey(entities[i], entities[j]));
        if (!st) continue;
        const d = inst.doc.date;
        if (!st.firstDate || d < st.firstDate) st.firstDate = d;
        if (!st.lastDate || d > st.lastDate) st.lastDate = d;
      }
    }
  }

  const totals: LevelCounts = {
    sentence: resolved.allWindows.sentence.size,
    paragraph: resolved.allWindows.paragraph.size,
    article: resolved.allWindows.article.size,
  };
  const evidence = new Map<string, Evidence[]>();
  const evidenceTotals = new Map<string, LevelCounts>();
  for (const key of [...pairs.keys()].sort()) {
    const st = pairs.get(key)!;
    const [a, b] = key.split("|");
    const counts: LevelCounts = {
      sentence: st.windows.sentence.size,
      paragraph: st.windows.paragraph.size,
      article: st.windows.article.size,
    };
    if (counts.article === 0) continue;
    const ea = entityWindows.get(a)![window].size;
    const eb = entityWindows.get(b)![window].size;
    const attrs: EdgeAttributes = {
      kind: "co-mention",
      weight: counts[window],
      sentence: counts.sentence,
      paragraph: counts.paragraph,
      article: counts.article,
      documents: st.documents.size,
      npmi: npmi(counts[window], ea, eb, totals[window]),
    };
    if (st.firstDate) attrs.firstDate = st.firstDate;
    if (st.lastDate) attrs.lastDate = st.lastDate;
    graph.addUndirectedEdgeWithKey(`co:${key}`, a, b, attrs);
    const order: Record<WindowLevel, number> = { sentence: 0, paragraph: 1, article: 2 };
    evidence.set(
      key,
      [...st.evidence].sort((x, y) => order[x.level] - order[y.level] || (x.doc < y.doc ? -1 : x.doc > y.doc ? 1 : x.start - y.start)),
    );
    evidenceTotals.set(key, counts);
  }

  // ---------------------------------------------------------------- role edges
  interface RoleAcc {
    person: string;
    org: string;
    title: string;
    statements: Set<string>;
    documents: Set<string>;
  }
  const roleEdges = new Map<string, RoleAcc>();
  for (const { doc, roles } of sorted) {
    for (const r of roles) {
      if (!r.person || !r.org || r.person === r.org) continue;
      if (!graph.hasNode(r.person) || !graph.hasNode(r.org)) continue;
      const key = `role:${r.person}>${r.org}:${r.title}`;
      let acc = roleEdges.get(key);
      if (!acc) roleEdges.set(key, (acc = { person: r.person, org: r.org, title: r.title, statements: new Set(), documents: new Set() }));
      // A statement repeated in a near-duplicate sentence counts once, like a co-mention window.
      const si = Math.max(0, Math.min(r.sentence, doc.sentences.length - 1));
      acc.statements.add(doc.sentences.length ? resolved.key("sentence", doc.id, si) : `${doc.id}:${r.sentence}`);
      acc.documents.add(doc.sentences.length ? resolved.key("article", doc.id, si).slice(2).replace(/:\d+$/, "") : doc.id);
    }
  }
  for (const key of [...roleEdges.keys()].sort()) {
    const r = roleEdges.get(key)!;
    graph.addDirectedEdgeWithKey(key, r.person, r.org, {
      kind: "role",
      title: r.title,
      weight: r.statements.size,
      documents: r.documents.size,
    });
  }

  graph.replaceAttributes({
    window,
    windows: totals,
    documents: docs.length,
    creator: "guanxi",
    description: `Co-mentions of entities in Chinese news; edge weight = distinct ${window} windows`,
  });

  // Metrics and layout belong to every build (the build command exports straight after this call).
  if (options.metrics ?? true) computeMetrics(graph, { seed: options.seed });
  if (options.layout ?? true) layoutGraph(graph, { seed: options.seed });

  return { graph, evidence, evidenceTotals };
}

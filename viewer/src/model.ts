// Turns a build's graph.json (graphology's export, untrusted) into the viewer's own graph. The viewer
// never renders the build's data object directly: it copies what it needs into a graph it owns, with
// attribute names sigma will not misread (the build's node `type` is an entity type, while sigma reads
// `type` as the name of a rendering program), and it keeps the entity records aside for the panel.
import Graph from "graphology";
import { ENTITY_TYPES, type EntityType, type WindowLevel } from "../../src/types.ts";
import { TYPE_COLORS, UNKNOWN_TYPE_COLOR } from "./colors.ts";
import { strengthsAt, type PairCounts } from "../../src/query/rank.ts";
import type { SizeMetric } from "./url-state.ts";
import { monthSpan } from "./time-filter.ts";

export interface Entity {
  id: string;
  label: string;
  type: EntityType | string;
  aliases: string[];
  name_en: string;
  candidate: boolean;
  mentions: number;
  documents: number;
  titles: string[];
  community?: number;
  pagerank: number;
  weightedDegree: number;
}

/** Attributes of a node in the viewer's graph: what the reducers read. */
export interface ViewNode {
  x: number;
  y: number;
  label: string;
  color: string;
  size: number;
  etype: string;
  community: number | undefined;
  /** Proposed by the build, not in the dictionary: drawn pale (see colors.ts). */
  candidate: boolean;
  /** Rendered size under each metric, precomputed so the reducer only picks one. */
  sizes: Record<SizeMetric, number>;
}

export interface ViewEdge {
  kind: "co-mention" | "role";
  /** Build-time weight: what ForceAtlas2 reads. */
  weight: number;
  sentence: number;
  paragraph: number;
  article: number;
  documents: number;
  /** Normalised pointwise mutual information at the build's window (co-mentions; 0 for roles). */
  npmi: number;
  title: string;
  /** sigma's program: a line for co-mentions, an arrow for person → organisation roles. */
  type: "line" | "arrow";
  /** Entity types of the extremities, so the edge reducer needs no node lookup. */
  sourceType: string;
  targetType: string;
  size: number;
  color: string;
  /** Dated documents naming both ends, per month ("2024-05"): what the time range filters on. */
  months?: Record<string, number>;
}

export interface Model {
  /**
   * Node keys are positions ("0", "1", …), not entity ids: graphology keeps each node's neighbours in
   * an object keyed by node key, and array-index keys are stored as elements, where arbitrary ids
   * would make V8 create a hidden class per neighbour added (half a second on 50,000 edges).
   * Convert with `nodeKey` and `entityId`.
   */
  graph: Graph<ViewNode, ViewEdge>;
  entities: Map<string, Entity>;
  /** Graph node key of each entity id. */
  keys: Map<string, string>;
  /** Entity id at each node key. */
  ids: string[];
  /** Largest co-mention weight at each window, for the slider's range. */
  maxWeight: Record<WindowLevel, number>;
  /** Entity types present, in contract order. */
  types: string[];
  /** Every month from the first dated tie to the last (empty when the build has no dates). */
  months: string[];
}

const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function typeColor(type: string): string {
  return (TYPE_COLORS as Record<string, string>)[type] ?? UNKNOWN_TYPE_COLOR;
}

/** Maps values onto [min, max] pixels by square root, so that area, not radius, follows the value. */
function sizeScale(values: number[], min: number, max: number): (v: number) => number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return () => (min + max) / 2;
  const span = Math.sqrt(hi - lo);
  return (v) => min + (max - min) * (Math.sqrt(Math.max(0, v - lo)) / span);
}

export function buildModel(data: unknown): Model {
  const root = obj(data);
  const nodes = Array.isArray(root.nodes) ? root.nodes : [];
  const edges = Array.isArray(root.edges) ? root.edges : [];
  if (!nodes.length) throw new Error("graph.json holds no nodes");

  const entities = new Map<string, Entity>();
  const positions: { x: number; y: number }[] = [];
  let missingPosition = false;
  for (const raw of nodes) {
    const n = obj(raw);
    const id = str(n.key);
    if (!id || entities.has(id)) continue;
    const a = obj(n.attributes);
    const community = typeof a.community === "number" && Number.isFinite(a.community) ? a.community : undefined;
    entities.set(id, {
      id,
      label: str(a.label) || id,
      type: str(a.type),
      aliases: strList(a.aliases),
      name_en: str(a.name_en),
      candidate: a.candidate === true,
      mentions: num(a.mentions),
      documents: num(a.documents),
      titles: strList(a.titles),
      community,
      pagerank: num(a.pagerank),
      weightedDegree: num(a.weightedDegree),
    });
    const x = a.x;
    const y = a.y;
    if (typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y)) positions.push({ x, y });
    else {
      positions.push({ x: NaN, y: NaN });
      missingPosition = true;
    }
  }

  // Node sizes: fewer, larger discs on a small graph; smaller ones when thousands must fit.
  const list = [...entities.values()];
  const big = list.length > 1000;
  const [minSize, maxSize] = big ? [1.5, 14] : [4, 20];
  const scales: Record<SizeMetric, (v: number) => number> = {
    mentions: sizeScale(list.map((e) => e.mentions), minSize, maxSize),
    weightedDegree: sizeScale(list.map((e) => e.weightedDegree), minSize, maxSize),
    pagerank: sizeScale(list.map((e) => e.pagerank), minSize, maxSize),
  };

  const graph = new Graph<ViewNode, ViewEdge>({ type: "mixed", multi: true, allowSelfLoops: false });
  const keys = new Map<string, string>();
  const ids: string[] = [];
  list.forEach((e, i) => {
    let { x, y } = positions[i];
    // A build always saves a layout; should one be missing, a circle still shows every entity.
    if (missingPosition && !(Number.isFinite(x) && Number.isFinite(y))) {
      const angle = (2 * Math.PI * i) / list.length;
      x = 100 * Math.cos(angle);
      y = 100 * Math.sin(angle);
    }
    const sizes = {
      mentions: scales.mentions(e.mentions),
      weightedDegree: scales.weightedDegree(e.weightedDegree),
      pagerank: scales.pagerank(e.pagerank),
    };
    const key = String(i);
    keys.set(e.id, key);
    ids.push(e.id);
    graph.addNode(key, { x, y, label: e.label, color: typeColor(e.type), size: sizes.mentions, etype: e.type, community: e.community, candidate: e.candidate, sizes });
  });

  const maxWeight: Record<WindowLevel, number> = { sentence: 0, paragraph: 0, article: 0 };
  const seenMonths = new Set<string>();
  let autoKey = 0;
  for (const raw of edges) {
    const ed = obj(raw);
    const source = keys.get(str(ed.source));
    const target = keys.get(str(ed.target));
    if (source === undefined || target === undefined || source === target) continue;
    const a = obj(ed.attributes);
    const kind = a.kind === "role" ? "role" : "co-mention";
    let key = str(ed.key) || `edge-${autoKey++}`;
    if (graph.hasEdge(key)) key = `${key}#${autoKey++}`;
    const attrs: ViewEdge = {
      kind,
      weight: Math.max(num(a.weight), 0),
      sentence: num(a.sentence),
      paragraph: num(a.paragraph),
      article: num(a.article),
      documents: num(a.documents),
      npmi: num(a.npmi),
      title: str(a.title),
      type: kind === "role" ? "arrow" : "line",
      sourceType: list[Number(source)].type,
      targetType: list[Number(target)].type,
      size: 1,
      color: "#ccc",
    };
    const months = obj(a.months);
    for (const m in months) {
      const n = num(months[m]);
      if (n <= 0) continue;
      (attrs.months ??= {})[m] = n;
      seenMonths.add(m);
    }
    if (kind === "co-mention") {
      maxWeight.sentence = Math.max(maxWeight.sentence, attrs.sentence);
      maxWeight.paragraph = Math.max(maxWeight.paragraph, attrs.paragraph);
      maxWeight.article = Math.max(maxWeight.article, attrs.article);
      graph.addUndirectedEdgeWithKey(key, source, target, attrs);
    } else {
      graph.addDirectedEdgeWithKey(key, source, target, attrs);
    }
  }

  const present = new Set(list.map((e) => e.type));
  const types = [...ENTITY_TYPES.filter((t) => present.has(t)), ...[...present].filter((t) => !(ENTITY_TYPES as readonly string[]).includes(t)).sort()];
  return { graph, entities, keys, ids, maxWeight, types, months: monthSpan(seenMonths) };
}

/** The graph's node key of an entity (undefined for an id this build does not have). */
export function nodeKey(model: Model, id: string): string | undefined {
  return model.keys.get(id);
}

/** The entity id of a graph node key. */
export function entityId(model: Model, key: string): string {
  return model.ids[Number(key)];
}

/** Co-mention weight of an edge at a window level. */
export function weightAt(edge: ViewEdge, window: WindowLevel): number {
  return edge[window];
}

/** The co-mention counts of one entity with each other, as rank.ts takes them; `keep` limits the edges (the time range). */
export function pairCountsOf(model: Model, id: string, keep: (edge: ViewEdge) => boolean = () => true): PairCounts[] {
  const key = nodeKey(model, id);
  if (key === undefined) return [];
  const byId = new Map<string, PairCounts>();
  model.graph.forEachEdge(key, (_e, a, source, target) => {
    if (a.kind !== "co-mention" || !keep(a)) return;
    const other = entityId(model, source === key ? target : source);
    const p = byId.get(other);
    if (p) {
      p.sentence += a.sentence;
      p.paragraph += a.paragraph;
      p.article += a.article;
      p.documents = Math.max(p.documents, a.documents);
    } else byId.set(other, { id: other, sentence: a.sentence, paragraph: a.paragraph, article: a.article, documents: a.documents });
  });
  return [...byId.values()];
}

const strengthCache = new WeakMap<Model, Map<WindowLevel, Map<string, number>>>();

/** Every entity's co-mention strength at a level (rank.ts), computed once per level. */
export function strengthsOf(model: Model, window: WindowLevel): Map<string, number> {
  let byLevel = strengthCache.get(model);
  if (!byLevel) strengthCache.set(model, (byLevel = new Map()));
  let s = byLevel.get(window);
  if (!s) {
    const pairs: { a: string; b: string; counts: Record<WindowLevel, number> }[] = [];
    model.graph.forEachEdge((_e, a, source, target) => {
      if (a.kind === "co-mention") pairs.push({ a: entityId(model, source), b: entityId(model, target), counts: a });
    });
    s = strengthsAt(pairs, window);
    byLevel.set(window, s);
  }
  return s;
}

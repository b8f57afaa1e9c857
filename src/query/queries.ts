// The queries behind `guanxi who|with|path|roles|stats`, as functions returning typed data; the CLI
// commands only parse arguments and print. Every query reads a loaded build (see load.ts).

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Graph from "graphology";
import { bidirectional } from "graphology-shortest-path/unweighted.js";
import type { CoMentionEdgeAttributes, EntityType, Evidence, WindowLevel } from "../types.ts";
import { ENTITY_TYPES, WINDOW_LEVELS } from "../types.ts";
import { LEVEL_NUMBER } from "../evidence/select.ts";
import { QueryError, type Build } from "./load.ts";
import { DEFAULT_RANK, DEFAULT_WINDOW, rankPairs, strengthsAt, type RankBy } from "./rank.ts";
import { entityInfo, resolveEntity, type EntityInfo } from "./resolve.ts";
import { countIn, dateIn, type Period } from "./period.ts";


export function parseWindow(value: string | undefined, fallback: WindowLevel): WindowLevel {
  if (value === undefined) return fallback;
  if (!(WINDOW_LEVELS as readonly string[]).includes(value)) throw new QueryError(`--window must be sentence, paragraph or article, not "${value}"`);
  return value as WindowLevel;
}

export function parseType(value: string | undefined): EntityType | undefined {
  if (value === undefined) return undefined;
  if (!(ENTITY_TYPES as readonly string[]).includes(value)) throw new QueryError(`--type must be one of ${ENTITY_TYPES.join(", ")}, not "${value}"`);
  return value as EntityType;
}

/**
 * Passages of a pair within a window level, closest level first (a sentence that holds both proves more
 * than an article that does), each passage once even when it proves several levels.
 */
export function passagesWithin(items: Evidence[], window: WindowLevel = "article"): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  const sorted = items
    .filter((e) => LEVEL_NUMBER[e.level] <= LEVEL_NUMBER[window])
    .sort((x, y) => LEVEL_NUMBER[x.level] - LEVEL_NUMBER[y.level] || (x.date ?? "").localeCompare(y.date ?? "") || x.doc.localeCompare(y.doc) || x.start - y.start);
  for (const e of sorted) {
    const key = `${e.doc}:${e.start}:${e.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** The passages whose document is dated in the period (all of them without one). */
export function inPeriodOnly(items: Evidence[], period: Period | undefined): Evidence[] {
  return period ? items.filter((e) => dateIn(e.date, period)) : items;
}

function coMention(build: Build, a: string, b: string): CoMentionEdgeAttributes | null {
  const g = build.graph;
  for (const edge of g.edges(a, b)) {
    const attr = g.getEdgeAttributes(edge);
    if (attr.kind === "co-mention") return attr;
  }
  return null;
}

// ---------------------------------------------------------------- who

export interface WhoRow extends EntityInfo {
  /** Distinct windows shared at the chosen level. */
  weight: number;
  /** weight / √(strength · strength) at the level, in [0, 1] (see rank.ts). */
  association: number;
  /** What the rows are ordered by: weight × association, or the weight with --rank count. */
  score: number;
  sentence: number;
  paragraph: number;
  article: number;
  documents: number;
  npmi: number;
  /** With a period: the dated documents in it that name both (what the rows are ranked by). */
  inPeriod?: number;
  /** First and last date of the documents naming both (whole build). */
  firstDate?: string;
  lastDate?: string;
  /** Roles between the two, either way (e.g. "主任"). */
  roles: string[];
  evidence: Evidence[];
}

export interface WhoResult {
  entity: EntityInfo;
  window: WindowLevel;
  rank: RankBy;
  period?: Period;
  /** Entities co-mentioned at this level (and in the period) before --type/--limit. */
  total: number;
  rows: WhoRow[];
}

export interface WhoOptions {
  window?: WindowLevel;
  type?: EntityType;
  limit?: number;
  rank?: RankBy;
  /** Evidence passages per row (1 to 3). */
  evidence?: number;
  /** Only ties with dated documents in these months, ranked by them; evidence from them. */
  period?: Period;
}

const strengthCache = new WeakMap<Build["graph"], Map<WindowLevel, Map<string, number>>>();

/** Every entity's co-mention strength at a level (rank.ts), computed once per loaded graph and level. */
export function strengths(build: Build, window: WindowLevel): Map<string, number> {
  let byLevel = strengthCache.get(build.graph);
  if (!byLevel) strengthCache.set(build.graph, (byLevel = new Map()));
  let s = byLevel.get(window);
  if (!s) {
    const g = build.graph;
    const pairs: { a: string; b: string; counts: Record<WindowLevel, number> }[] = [];
    g.forEachEdge((_e, attr, a, b) => {
      if (attr.kind === "co-mention") pairs.push({ a, b, counts: attr });
    });
    s = strengthsAt(pairs, window);
    byLevel.set(window, s);
  }
  return s;
}

export function who(build: Build, name: string, options: WhoOptions = {}): WhoResult {
  const id = resolveEntity(build, name);
  const g = build.graph;
  const window = options.window ?? DEFAULT_WINDOW;
  const rank = options.rank ?? DEFAULT_RANK;
  const perRow = Math.max(0, Math.min(3, options.evidence ?? 3));
  const pairs: (CoMentionEdgeAttributes & { id: string })[] = [];
  g.forEachEdge(id, (_e, attr, source, target) => {
    if (attr.kind !== "co-mention") return;
    pairs.push({ ...attr, id: source === id ? target : source });
  });
  const s = strengths(build, window);
  let ranked = rankPairs(id, pairs, window, rank, (x) => s.get(x) ?? 0);
  // With a period, only the ties dated in it, the most documents in it first (the ranking breaks ties).
  const inPeriodOf = new Map<string, number>();
  if (options.period) {
    for (const r of ranked) inPeriodOf.set(r.pair.id, countIn(r.pair.months, options.period));
    ranked = ranked.filter((r) => inPeriodOf.get(r.pair.id)! > 0).sort((x, y) => inPeriodOf.get(y.pair.id)! - inPeriodOf.get(x.pair.id)!);
  }
  const total = ranked.length;
  const rows: WhoRow[] = [];
  for (const r of ranked) {
    const oa = g.getNodeAttributes(r.pair.id);
    if (options.type && oa.type !== options.type) continue;
    const inPeriod = inPeriodOf.get(r.pair.id);
    rows.push({
      ...entityInfo(r.pair.id, oa),
      weight: r.count,
      association: Math.round(r.association * 1e4) / 1e4,
      score: Math.round(r.score * 1e4) / 1e4,
      sentence: r.pair.sentence,
      paragraph: r.pair.paragraph,
      article: r.pair.article,
      documents: r.pair.documents,
      npmi: r.pair.npmi,
      ...(inPeriod !== undefined ? { inPeriod } : {}),
      ...(r.pair.firstDate ? { firstDate: r.pair.firstDate } : {}),
      ...(r.pair.lastDate ? { lastDate: r.pair.lastDate } : {}),
      roles: [],
      evidence: [],
    });
  }
  const limited = options.limit && options.limit > 0 ? rows.slice(0, options.limit) : rows;
  for (const row of limited) {
    g.forEachEdge(id, row.id, (_e, attr) => {
      if (attr.kind === "role") row.roles.push(attr.title);
    });
    g.forEachEdge(row.id, id, (_e, attr) => {
      if (attr.kind === "role" && !row.roles.includes(attr.title)) row.roles.push(attr.title);
    });
    if (perRow) row.evidence = passagesWithin(inPeriodOnly(build.evidence(id, row.id)?.items ?? [], options.period), window).slice(0, perRow);
  }
  return { entity: entityInfo(id, g.getNodeAttributes(id)), window, rank, ...(options.period ? { period: options.period } : {}), total, rows: limited };
}

// ---------------------------------------------------------------- with

export interface RoleLink {
  person: EntityInfo;
  org: EntityInfo;
  title: string;
  statements: number;
}

export interface WithResult {
  a: EntityInfo;
  b: EntityInfo;
  coMention: CoMentionEdgeAttributes | null;
  roles: RoleLink[];
  /** Windows per level (exact), and the passages kept in the store, closest level first. */
  total: Record<WindowLevel, number>;
  /** With a period: the dated documents in it that name both; the passages are those of the period. */
  period?: Period;
  inPeriod?: number;
  passages: Evidence[];
}

export function withPair(build: Build, nameA: string, nameB: string, options: { period?: Period } = {}): WithResult {
  const a = resolveEntity(build, nameA);
  const b = resolveEntity(build, nameB);
  if (a === b) throw new QueryError(`"${nameA}" and "${nameB}" are the same entity (${a})`);
  const g = build.graph;
  const roles: RoleLink[] = [];
  g.forEachEdge(a, b, (_e, attr, source, target) => {
    if (attr.kind === "role") {
      if (options.period && countIn(attr.months, options.period) === 0) return;
      roles.push({ person: entityInfo(source, g.getNodeAttributes(source)), org: entityInfo(target, g.getNodeAttributes(target)), title: attr.title, statements: attr.weight });
    }
  });
  const entry = build.evidence(a, b);
  const co = coMention(build, a, b);
  return {
    a: entityInfo(a, g.getNodeAttributes(a)),
    b: entityInfo(b, g.getNodeAttributes(b)),
    coMention: co,
    roles,
    total: entry?.total ?? { sentence: co?.sentence ?? 0, paragraph: co?.paragraph ?? 0, article: co?.article ?? 0 },
    ...(options.period ? { period: options.period, inPeriod: countIn(co?.months, options.period) } : {}),
    passages: passagesWithin(inPeriodOnly(entry?.items ?? [], options.period), "article"),
  };
}

// ---------------------------------------------------------------- path

export interface PathStep {
  from: EntityInfo;
  to: EntityInfo;
  /** The ties between the two: a co-mention (with its weight at the level) and/or titles. */
  coMention: number;
  roles: string[];
}

export interface PathResult {
  from: EntityInfo;
  to: EntityInfo;
  window: WindowLevel;
  period?: Period;
  found: boolean;
  hops: number;
  nodes: EntityInfo[];
  steps: PathStep[];
}

export function path(build: Build, nameA: string, nameB: string, options: { window?: WindowLevel; period?: Period } = {}): PathResult {
  const a = resolveEntity(build, nameA);
  const b = resolveEntity(build, nameB);
  const g = build.graph;
  const window = options.window ?? DEFAULT_WINDOW;
  // Ties without direction: a role links person and organisation both ways for the purpose of a path.
  const ties = new Graph({ type: "undirected", allowSelfLoops: false });
  for (const n of [...g.nodes()].sort()) ties.addNode(n);
  const edges = [...g.edges()].sort();
  for (const e of edges) {
    const attr = g.getEdgeAttributes(e);
    if (attr.kind === "co-mention" && attr[window] <= 0) continue;
    // In a period, only ties stated by documents of the period (undated ties are in none).
    if (options.period && countIn(attr.months, options.period) === 0) continue;
    const [s, t] = g.extremities(e);
    if (!ties.hasEdge(s, t)) ties.addEdge(s, t);
  }
  const route = a === b ? [a] : bidirectional(ties, a, b);
  const info = (id: string) => entityInfo(id, g.getNodeAttributes(id));
  const result: PathResult = { from: info(a), to: info(b), window, ...(options.period ? { period: options.period } : {}), found: !!route, hops: route ? route.length - 1 : -1, nodes: [], steps: [] };
  if (!route) return result;
  result.nodes = route.map(info);
  for (let i = 0; i + 1 < route.length; i++) {
    const [x, y] = [route[i], route[i + 1]];
    const step: PathStep = { from: info(x), to: info(y), coMention: 0, roles: [] };
    const counts = (attr: { months?: Record<string, number> }) => !options.period || countIn(attr.months, options.period) > 0;
    g.forEachEdge(x, y, (_e, attr) => {
      if (!counts(attr)) return;
      if (attr.kind === "co-mention") step.coMention = attr[window];
      else step.roles.push(attr.title);
    });
    g.forEachEdge(y, x, (_e, attr) => {
      if (attr.kind === "role" && counts(attr) && !step.roles.includes(attr.title)) step.roles.push(attr.title);
    });
    result.steps.push(step);
  }
  return result;
}

// ---------------------------------------------------------------- roles

export interface RoleRow {
  person: string | null;
  person_label: string;
  title: string;
  org: string | null;
  org_label: string;
  /** Statements of the role (sentences), and the documents they stand in. */
  count: number;
  documents: number;
}

export interface RolesResult {
  entity: EntityInfo;
  /** "person": the titles the person holds; "organisation": who holds titles in it. */
  as: "person" | "organisation";
  period?: Period;
  rows: RoleRow[];
}

export function roles(build: Build, name: string, options: { period?: Period } = {}): RolesResult {
  const id = resolveEntity(build, name);
  const g = build.graph;
  const attrs = g.getNodeAttributes(id);
  const asPerson = attrs.type === "person";
  const names = new Set([attrs.label, ...(attrs.aliases ?? [])]);
  const groups = new Map<string, RoleRow & { docs: Set<string>; sentences: Set<string> }>();
  const period = options.period;
  const docs = period ? build.documents() : undefined;
  for (const r of build.roles()) {
    const mine = asPerson ? r.person === id : r.org === id || (!r.org && names.has(r.org_label));
    if (!mine) continue;
    if (period && !dateIn(docs!.get(r.doc)?.date, period)) continue;
    const key = asPerson ? `${r.title}\u0000${r.org ?? r.org_label}` : `${r.person ?? r.person_label}\u0000${r.title}`;
    let row = groups.get(key);
    if (!row) {
      // Labels from the graph where the id is known: the text may write a short form.
      const orgLabel = r.org && g.hasNode(r.org) ? g.getNodeAttribute(r.org, "label") : r.org_label;
      const personLabel = r.person && g.hasNode(r.person) ? g.getNodeAttribute(r.person, "label") : r.person_label;
      row = { person: r.person, person_label: personLabel, title: r.title, org: r.org, org_label: orgLabel, count: 0, documents: 0, docs: new Set(), sentences: new Set() };
      groups.set(key, row);
    }
    for (const sentence of r.sentences ?? [r.sentence]) row.sentences.add(`${r.doc}:${sentence}`);
    row.docs.add(r.doc);
  }
  // Without roles.jsonl (a graph exported alone), the role edges still answer.
  if (groups.size === 0 && (!period || build.roles().length === 0)) {
    const edges = asPerson ? g.outEdges(id) : g.inEdges(id);
    for (const e of edges) {
      const attr = g.getEdgeAttributes(e);
      if (attr.kind !== "role") continue;
      if (period && countIn(attr.months, period) === 0) continue;
      const [p, o] = g.extremities(e);
      groups.set(e, {
        person: p,
        person_label: g.getNodeAttribute(p, "label"),
        title: attr.title,
        org: o,
        org_label: g.getNodeAttribute(o, "label"),
        count: attr.weight,
        documents: attr.documents,
        docs: new Set(),
        sentences: new Set(),
      });
    }
  }
  const rows: RoleRow[] = [...groups.values()].map(({ docs, sentences, ...row }) => ({
    ...row,
    count: sentences.size || row.count,
    documents: docs.size || row.documents,
  }));
  rows.sort((x, y) => y.count - x.count || y.documents - x.documents || x.title.localeCompare(y.title, "zh") || x.org_label.localeCompare(y.org_label, "zh"));
  return { entity: entityInfo(id, attrs), as: asPerson ? "person" : "organisation", ...(period ? { period } : {}), rows };
}

// ---------------------------------------------------------------- stats

export interface StatsResult {
  dir: string;
  window: WindowLevel;
  /** With a period: everything below counts only what dated documents of the period name. */
  period?: Period;
  /** First and last date of the build's dated documents, and how many documents have no date. */
  firstDate?: string;
  lastDate?: string;
  undated: number;
  documents: number;
  entities: number;
  /** Candidate nodes in the graph (none when the build was --dictionary-only). */
  candidates: number;
  /** Candidates the build proposed (the rows of candidates.jsonl): what `guanxi candidates` counts. */
  candidatesProposed: number;
  byType: Record<string, number>;
  coMentionEdges: Record<WindowLevel, number>;
  roleEdges: number;
  communities: number;
  top: Array<EntityInfo & { pagerank: number; weightedDegree: number; mentions: number }>;
}

/** The candidates a build proposed: the rows of its candidates.jsonl (0 when it has none). */
export function countCandidates(dir: string): number {
  const file = join(dir, "candidates.jsonl");
  if (!existsSync(file)) return 0;
  let n = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) if (line.trim()) n++;
  return n;
}

export function stats(build: Build, options: { top?: number; period?: Period } = {}): StatsResult {
  const g = build.graph;
  const period = options.period;
  const seen = (a: { months?: Record<string, number> }) => !period || countIn(a.months, period) > 0;
  const byType: Record<string, number> = Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0]));
  let candidates = 0;
  let entities = 0;
  const communities = new Set<number>();
  g.forEachNode((_n, a) => {
    if (!seen(a)) return;
    entities++;
    byType[a.type] = (byType[a.type] ?? 0) + 1;
    if (a.candidate) candidates++;
    if (typeof a.community === "number") communities.add(a.community);
  });
  const coMentionEdges: Record<WindowLevel, number> = { sentence: 0, paragraph: 0, article: 0 };
  let roleEdges = 0;
  g.forEachEdge((_e, a) => {
    if (!seen(a)) return;
    if (a.kind === "role") roleEdges++;
    else for (const level of WINDOW_LEVELS) if (a[level] > 0) coMentionEdges[level]++;
  });
  const top = g
    .filterNodes((_n, a) => seen(a))
    .map((n) => [n, g.getNodeAttributes(n)] as const)
    .map(([n, a]) => ({ ...entityInfo(n, a), pagerank: a.pagerank ?? 0, weightedDegree: a.weightedDegree ?? 0, mentions: a.mentions }))
    .sort((x, y) => y.pagerank - x.pagerank || y.mentions - x.mentions || (x.id < y.id ? -1 : 1))
    .slice(0, options.top ?? 10);
  // Dates come from documents.jsonl (a graph exported alone has none: undated then counts nothing).
  const docs = [...build.documents().values()];
  let firstDate: string | undefined, lastDate: string | undefined;
  let undated = 0;
  let inPeriod = 0;
  for (const d of docs) {
    if (typeof d.date !== "string" || !d.date) {
      undated++;
      continue;
    }
    if (!firstDate || d.date < firstDate) firstDate = d.date;
    if (!lastDate || d.date > lastDate) lastDate = d.date;
    if (period && dateIn(d.date, period)) inPeriod++;
  }
  const documents = period ? inPeriod : ((g.getAttribute("documents") as number | undefined) ?? docs.length);
  return {
    dir: build.dir,
    window: build.window,
    ...(period ? { period } : {}),
    ...(firstDate ? { firstDate, lastDate } : {}),
    undated,
    documents,
    entities,
    candidates,
    candidatesProposed: countCandidates(build.dir),
    byType,
    coMentionEdges,
    roleEdges,
    communities: communities.size,
    top,
  };
}

// The data exports of the current view, built in the browser from the view state alone (the viewer reads
// only a build's files, so this works the same from `guanxi serve` and from a static site): GEXF and
// GraphML of the entities and links the filters leave (view-filter.ts), written by the build's own
// writers (src/export), CSV of its nodes and edges, and CSV of a pair's evidence as the panel lists it.
// Values are the build's; the filters choose which nodes and edges are in the file. Plain functions of
// strings, so that vitest checks them without a browser.
import { MultiGraph } from "graphology";
import { gexfString } from "../../src/export/gexf-text.ts";
import { graphmlString } from "../../src/export/graphml-text.ts";
import type { XmlGraph } from "../../src/export/xml-text.ts";
import type { EdgeAttributes, EntityType, NodeAttributes } from "../../src/types.ts";
import { TYPE_NAMES, nodeColor } from "./colors.ts";
import type { EvidenceItem } from "./data.ts";
import { entityId, type Entity, type Model, type ViewEdge } from "./model.ts";
import { isActive, type TimeRange } from "./time-filter.ts";
import type { ViewState } from "./url-state.ts";
import type { VisibleSet } from "./view-filter.ts";

/** What every export of the view reads: the model, the state and what the filters leave. */
export interface ViewSnapshot {
  model: Model;
  state: Readonly<ViewState>;
  shown: VisibleSet;
}

/** The filters in force and what they leave, in a line: the subtitle of an image, the GEXF's description. */
export function describeView({ model, state: s, shown }: ViewSnapshot): string {
  const parts: string[] = [];
  if (s.showCoMention) parts.push(`co-mentions in a ${s.window}${s.minWeight > 1 ? ` at least ${s.minWeight} times` : ""}`);
  else parts.push("no co-mentions");
  if (!s.showRole) parts.push("no roles");
  if (isActive(s.time)) parts.push(`${s.time.from ?? model.months[0]} to ${s.time.to ?? model.months[model.months.length - 1]}`);
  if (s.hiddenTypes.size) parts.push(`without ${[...s.hiddenTypes].map((t) => typeName(t)).join(", ")}`);
  if (s.hideCandidates) parts.push("reviewed names only");
  if (s.minCore > 1) parts.push(`${s.minCore}-core`);
  const centre = s.selected ? model.entities.get(s.selected) : undefined;
  if (s.ego && centre) parts.push(`within ${s.ego} link${s.ego === 1 ? "" : "s"} of ${centre.label}`);
  if (s.showIsolated) parts.push("unlinked entities kept");
  parts.push(`${shown.nodes.size} entities, ${shown.edges.size} links`);
  return parts.join(" · ");
}

export function typeName(type: string): string {
  return (TYPE_NAMES as Record<string, string>)[type] ?? type;
}

/** Dated documents of the range naming both ends (undefined when no range is set). */
function documentsInRange(months: Record<string, number> | undefined, time: TimeRange): number | undefined {
  if (!isActive(time)) return undefined;
  let n = 0;
  for (const m in months ?? {}) if ((!time.from || m >= time.from) && (!time.to || m <= time.to)) n += months![m];
  return n;
}

/** A link's weight as the view counts it: co-mentions at the chosen window, roles by their own weight. */
function viewWeight(edge: ViewEdge, state: Readonly<ViewState>): number {
  return edge.kind === "role" ? edge.weight : edge[state.window];
}

/**
 * The view as a graph with the build's attribute names (what src/export's writers take): entity ids as
 * node keys, the position, size and colour the view draws, and each link's weight at the view's window.
 */
export function viewGraph(snapshot: ViewSnapshot): XmlGraph {
  const { model, state, shown } = snapshot;
  const graph = new MultiGraph<NodeAttributes, EdgeAttributes>({ type: "mixed", allowSelfLoops: false });
  graph.mergeAttributes({ creator: "Guanxi viewer", description: describeView(snapshot), window: state.window });
  for (const key of shown.nodes) {
    const a = model.graph.getNodeAttributes(key);
    const e = model.entities.get(entityId(model, key))!;
    graph.addNode(e.id, {
      label: e.label,
      type: e.type as EntityType,
      aliases: e.aliases,
      name_en: e.name_en,
      candidate: e.candidate,
      mentions: e.mentions,
      documents: e.documents,
      titles: e.titles,
      community: e.community,
      pagerank: e.pagerank,
      weightedDegree: e.weightedDegree,
      x: a.x,
      y: a.y,
      size: a.sizes[state.size],
      color: nodeColor(a, state.community),
    });
  }
  for (const key of shown.edges) {
    const a = model.graph.getEdgeAttributes(key);
    const [source, target] = model.graph.extremities(key).map((k) => entityId(model, k));
    const inRange = documentsInRange(a.months, state.time);
    const common = { weight: viewWeight(a, state), documents: a.documents, months: a.months, ...(inRange === undefined ? {} : { documentsInRange: inRange }) };
    if (a.kind === "role") graph.addDirectedEdgeWithKey(key, source, target, { kind: "role", title: a.title, ...common });
    else graph.addUndirectedEdgeWithKey(key, source, target, { kind: "co-mention", sentence: a.sentence, paragraph: a.paragraph, article: a.article, npmi: a.npmi, ...common });
  }
  return graph;
}

export function viewGexf(snapshot: ViewSnapshot): string {
  return gexfString(viewGraph(snapshot), "1.3");
}

export function viewGraphml(snapshot: ViewSnapshot): string {
  return graphmlString(viewGraph(snapshot));
}

// ------------------------------------------------------------ CSV

type Cell = string | number | boolean | null | undefined;

/**
 * One field of RFC 4180 CSV: quoted when it holds a comma, quote, line break or edge space. Text that a
 * spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe; numbers never do.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value))) return "";
  if (typeof value !== "string") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV file: a byte-order mark (spreadsheets then read the Chinese as UTF-8), a header row, one row a
 * record, CRLF line ends.
 */
export function csvText(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(csvField).join(",")];
  for (const row of rows) lines.push(row.map(csvField).join(","));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

export const NODE_COLUMNS = ["id", "label", "name_en", "type", "candidate", "aliases", "titles", "mentions", "documents", "links_shown", "community", "pagerank", "weighted_degree", "x", "y"] as const;

/** The entities shown, most mentioned first; `links_shown` counts their links in the view. */
export function nodesCsv({ model, shown }: ViewSnapshot): string {
  const links = new Map<string, number>();
  for (const e of shown.edges) for (const n of model.graph.extremities(e)) links.set(n, (links.get(n) ?? 0) + 1);
  const rows = [...shown.nodes].map((key) => {
    const e = model.entities.get(entityId(model, key))!;
    const a = model.graph.getNodeAttributes(key);
    return { e, row: [e.id, e.label, e.name_en, e.type, e.candidate, e.aliases.join(";"), e.titles.join(";"), e.mentions, e.documents, links.get(key) ?? 0, e.community, e.pagerank, e.weightedDegree, a.x, a.y] };
  });
  rows.sort((x, y) => y.e.mentions - x.e.mentions || x.e.id.localeCompare(y.e.id));
  return csvText(NODE_COLUMNS, rows.map((r) => r.row));
}

export const EDGE_COLUMNS = ["source", "source_label", "target", "target_label", "kind", "title", "window", "weight", "sentence", "paragraph", "article", "documents", "documents_in_range", "npmi"] as const;

/**
 * The links shown, heaviest first: `weight` at the view's window (a role's, its own), the co-mention
 * counts at each window (the windows of evidence behind the pair), documents, and with a time range the
 * dated documents of the range.
 */
export function edgesCsv({ model, state, shown }: ViewSnapshot): string {
  const rows = [...shown.edges].map((key) => {
    const a = model.graph.getEdgeAttributes(key);
    const [s, t] = model.graph.extremities(key).map((k) => model.entities.get(entityId(model, k))!);
    const role = a.kind === "role";
    const weight = viewWeight(a, state);
    const row: Cell[] = [s.id, s.label, t.id, t.label, a.kind, role ? a.title : "", role ? "" : state.window, weight];
    row.push(...(role ? ["", "", ""] : [a.sentence, a.paragraph, a.article]), a.documents, documentsInRange(a.months, state.time), role ? "" : a.npmi);
    return { weight, key: `${s.id}\u0000${t.id}\u0000${a.kind}`, row };
  });
  rows.sort((x, y) => y.weight - x.weight || x.key.localeCompare(y.key));
  return csvText(EDGE_COLUMNS, rows.map((r) => r.row));
}

export const EVIDENCE_COLUMNS = ["entity_a", "label_a", "entity_b", "label_b", "level", "date", "title", "source", "doc", "duplicate_of", "text"] as const;

/** A pair's passages as the panel lists them (evidence.ts's shownEvidence), one row each. */
export function evidenceCsv(a: Entity, b: Entity, items: readonly EvidenceItem[]): string {
  return csvText(
    EVIDENCE_COLUMNS,
    items.map((it) => [a.id, a.label, b.id, b.label, it.level, it.date, it.title, it.source, it.doc, it.duplicateOf, it.text]),
  );
}

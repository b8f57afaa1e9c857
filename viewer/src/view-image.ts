// The picture of the current view as SVG: the whole of what the filters leave (not the viewport), fitted
// to the size the user asks for with every label inside the frame, a title with the filters in force
// under it, and a legend (types or communities, the pale unreviewed names, role arrows). The PNG export
// is this SVG rasterised by the browser (exports.ts), so the two pictures are the same. Colours, fonts
// and link widths are the graph view's (colors.ts); labels are placed greedily, the selection first and
// then the largest entities, each where it overlaps no label placed before it (right of its disc, else
// left, below, above). A plain function of strings, so that vitest checks it without a browser.
import { escapeXml } from "../../src/export/xml-text.ts";
import { HAIRLINE_EDGES, LABEL_FONT, LABEL_SIZE, ROLE_EDGE, ROLE_LABEL, candidateColor, communityColor, edgeStyle, nodeColor } from "./colors.ts";
import { entityId, typeColor } from "./model.ts";
import { describeView, typeName, type ViewSnapshot } from "./view-export.ts";

/** Width in pixels of a text at a font size (bold or not). */
export type TextMeasure = (text: string, px: number, bold?: boolean) => number;

export interface ImageOptions {
  width: number;
  height: number;
  title: string;
  /** Measures text as it will be drawn; the browser passes a canvas's measureText, tests an estimate. */
  measure?: TextMeasure;
}

/** The sizes a user may ask for, in pixels a side: Chromium's canvas refuses much larger ones. */
export const IMAGE_SIDE = { min: 320, max: 8000, width: 1600, height: 1200 } as const;

export function clampSide(value: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.round(Math.max(IMAGE_SIDE.min, Math.min(IMAGE_SIDE.max, value)));
}

/** An estimate without a browser: CJK and full-width characters one em, others a little over half. */
export function estimateWidth(text: string, px: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 1 : 0.58;
  return em * px * (bold ? 1.06 : 1);
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Disc {
  key: string;
  label: string;
  x: number;
  y: number;
  r: number;
  color: string;
  labelWidth: number;
}

interface LegendItem {
  kind: "disc" | "role";
  color: string;
  text: string;
}

interface Text {
  x: number;
  y: number;
  text: string;
  anchor: "start" | "middle" | "end";
}

/** Fonts and spacing, all scaled with the picture so a poster is not a postage stamp. */
function metrics(width: number, height: number) {
  const k = Math.max(0.5, Math.min(4, Math.min(width, height) / 900));
  return { k, margin: 16 * k, title: 22 * k, subtitle: 12 * k, legend: 12 * k, label: LABEL_SIZE * k, edgeLabel: 10 * k, gap: 3 * k };
}

const round = (v: number) => Math.round(v * 10) / 10;

/** The SVG document of the view. */
export function viewSvg(snapshot: ViewSnapshot, options: ImageOptions): string {
  const width = clampSide(options.width, IMAGE_SIDE.width);
  const height = clampSide(options.height, IMAGE_SIDE.height);
  const measure = options.measure ?? estimateWidth;
  const m = metrics(width, height);
  const title = fitText(options.title.trim() || "Guanxi 关系", width - 2 * m.margin, m.title, measure, true);
  const subtitle = fitText(describeView(snapshot), width - 2 * m.margin, m.subtitle, measure);
  const headerBottom = m.margin + m.title * 1.25 + m.subtitle * 1.6;
  const legend = legendItems(snapshot);
  const legendRows = layoutLegend(legend, width, m, measure);
  const legendTop = height - m.margin - legendRows.length * m.legend * 1.7;
  const area: Box = { x0: m.margin, y0: headerBottom + m.margin / 2, x1: width - m.margin, y1: legendTop - m.margin / 2 };
  const discs = fitDiscs(snapshot, area, m, measure);
  const byKey = new Map(discs.map((d) => [d.key, d]));
  const labels = placeLabels(snapshot, discs, area, m, measure);

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(LABEL_FONT)}">`);
  out.push(`<title>${escapeXml(title)}</title>`, `<desc>${escapeXml(describeView(snapshot))}</desc>`);
  const arrow = 7 * m.k;
  out.push(`<defs><marker id="role-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="${round(arrow)}" markerHeight="${round(arrow)}" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="${ROLE_EDGE}"/></marker></defs>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(...edgeLines(snapshot, byKey, m.k));
  out.push(...discCircles(snapshot, discs, m.k));
  out.push(textGroup("labels", labels.nodes, m.label, "#222222", m.k, 500));
  if (labels.roles.length) out.push(textGroup("role-labels", labels.roles, m.edgeLabel, ROLE_LABEL, m.k, 400));
  if (!discs.length) out.push(textGroup("empty", [{ x: width / 2, y: (area.y0 + area.y1) / 2, text: "Nothing is shown under these filters.", anchor: "middle" }], m.label, "#6e6e73", m.k, 400));
  out.push(`<g class="header"><text class="title" x="${round(m.margin)}" y="${round(m.margin + m.title)}" font-size="${round(m.title)}" font-weight="700" fill="#111111">${escapeXml(title)}</text>`);
  out.push(`<text class="subtitle" x="${round(m.margin)}" y="${round(m.margin + m.title * 1.25 + m.subtitle * 1.2)}" font-size="${round(m.subtitle)}" fill="#555555">${escapeXml(subtitle)}</text></g>`);
  out.push(legendGroup(legendRows, legendTop, m));
  out.push("</svg>");
  return out.join("\n") + "\n";
}

/** A text cut with an ellipsis to fit a width. */
function fitText(text: string, maxWidth: number, px: number, measure: TextMeasure, bold = false): string {
  if (measure(text, px, bold) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join("") + "…", px, bold) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join("") + "…";
}

// ------------------------------------------------------------ legend

/** What the picture needs explained: the types (or communities) shown, pale names, role arrows. */
function legendItems({ model, state, shown }: ViewSnapshot): LegendItem[] {
  const items: LegendItem[] = [];
  const nodes = [...shown.nodes].map((key) => model.entities.get(entityId(model, key))!);
  if (state.community) {
    const groups = new Map<number, { size: number; lead: string; leadMentions: number }>();
    for (const e of nodes) {
      if (e.community === undefined) continue;
      const g = groups.get(e.community) ?? { size: 0, lead: e.label, leadMentions: -1 };
      g.size++;
      if (e.mentions > g.leadMentions) Object.assign(g, { lead: e.label, leadMentions: e.mentions });
      groups.set(e.community, g);
    }
    const sorted = [...groups].sort((a, b) => b[1].size - a[1].size || a[0] - b[0]);
    for (const [id, g] of sorted.slice(0, 10)) items.push({ kind: "disc", color: communityColor(id), text: `${g.lead} … (${g.size})` });
    if (sorted.length > 10) items.push({ kind: "disc", color: "#bbbbbb", text: `${sorted.length - 10} more communities` });
  } else {
    const counts = new Map<string, number>();
    for (const e of nodes) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    for (const type of model.types) if (counts.has(type)) items.push({ kind: "disc", color: typeColor(type), text: `${typeName(type)} (${counts.get(type)})` });
  }
  const pale = nodes.find((e) => e.candidate);
  if (pale) items.push({ kind: "disc", color: candidateColor(state.community ? communityColor(pale.community) : typeColor(pale.type)), text: "pale: unreviewed name 候选" });
  if ([...shown.edges].some((e) => model.graph.getEdgeAttribute(e, "kind") === "role")) items.push({ kind: "role", color: ROLE_EDGE, text: "role 职务 (person → organisation)" });
  return items;
}

interface PlacedLegendItem extends LegendItem {
  x: number;
}

/** Legend items left to right, in as many rows as the width needs. */
function layoutLegend(items: LegendItem[], width: number, m: ReturnType<typeof metrics>, measure: TextMeasure): PlacedLegendItem[][] {
  const rows: PlacedLegendItem[][] = [];
  let row: PlacedLegendItem[] = [];
  let x = m.margin;
  for (const item of items) {
    const w = 22 * m.k + measure(item.text, m.legend) + 16 * m.k;
    if (row.length && x + w > width - m.margin) {
      rows.push(row);
      row = [];
      x = m.margin;
    }
    row.push({ ...item, x });
    x += w;
  }
  if (row.length) rows.push(row);
  return rows;
}

function legendGroup(rows: PlacedLegendItem[][], top: number, m: ReturnType<typeof metrics>): string {
  const parts: string[] = ['<g class="legend">'];
  rows.forEach((row, i) => {
    const y = top + (i + 0.5) * m.legend * 1.7;
    for (const item of row) {
      if (item.kind === "disc") parts.push(`<circle cx="${round(item.x + 6 * m.k)}" cy="${round(y)}" r="${round(5 * m.k)}" fill="${item.color}"/>`);
      else parts.push(`<line x1="${round(item.x)}" y1="${round(y)}" x2="${round(item.x + 14 * m.k)}" y2="${round(y)}" stroke="${item.color}" stroke-width="${round(2 * m.k)}" marker-end="url(#role-arrow)"/>`);
      parts.push(`<text x="${round(item.x + 22 * m.k)}" y="${round(y + m.legend * 0.35)}" font-size="${round(m.legend)}" fill="#333333">${escapeXml(item.text)}</text>`);
    }
  });
  parts.push("</g>");
  return parts.join("\n");
}

// ------------------------------------------------------------ graph

/**
 * Every entity shown, scaled into the area so that each disc and a label to its right fit inside it:
 * the width the layout may take is bounded, node by node, by the room its label needs at its place.
 * Sigma's y axis points up, the picture's down.
 */
function fitDiscs({ model, state, shown }: ViewSnapshot, area: Box, m: ReturnType<typeof metrics>, measure: TextMeasure): Disc[] {
  const maxLabel = (area.x1 - area.x0) * 0.4;
  const raw = [...shown.nodes].map((key) => {
    const a = model.graph.getNodeAttributes(key);
    const label = fitText(a.label, maxLabel, m.label, measure);
    return { key, label, gx: a.x, gy: -a.y, r: a.sizes[state.size] * m.k, color: nodeColor(a, state.community), labelWidth: measure(label, m.label) };
  });
  if (!raw.length) return [];
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  let maxR = 0;
  for (const d of raw) {
    minX = Math.min(minX, d.gx);
    maxX = Math.max(maxX, d.gx);
    minY = Math.min(minY, d.gy);
    maxY = Math.max(maxY, d.gy);
    maxR = Math.max(maxR, d.r);
  }
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const room = area.x1 - area.x0;
  const left = maxR;
  const top = Math.max(maxR, m.label * 0.8);
  const need = (d: (typeof raw)[number]) => d.r + m.gap + d.labelWidth;
  // The widest the layout may be drawn: each node's label must still end inside the area.
  let drawWidth = room - 2 * left;
  for (const d of raw) {
    const u = spanX > 0 ? (d.gx - minX) / spanX : 0;
    if (u > 0) drawWidth = Math.min(drawWidth, (room - left - need(d)) / u);
  }
  const drawHeight = area.y1 - area.y0 - 2 * top;
  const scale = Math.max(0, Math.min(spanX > 0 ? Math.max(0, drawWidth) / spanX : Infinity, spanY > 0 ? Math.max(0, drawHeight) / spanY : Infinity));
  const s = Number.isFinite(scale) ? scale : 0;
  // Centred where the labels allow it.
  let slack = room - 2 * left - s * spanX;
  for (const d of raw) slack = Math.min(slack, room - left - need(d) - (d.gx - minX) * s);
  const dx = area.x0 + left + Math.max(0, Math.min(slack, (room - 2 * left - s * spanX) / 2));
  const dy = area.y0 + top + Math.max(0, (drawHeight - s * spanY) / 2);
  return raw.map((d) => ({ key: d.key, label: d.label, x: dx + (d.gx - minX) * s, y: dy + (d.gy - minY) * s, r: d.r, color: d.color, labelWidth: d.labelWidth }));
}

function edgeLines({ model, state, shown }: ViewSnapshot, discs: Map<string, Disc>, k: number): string[] {
  const hairlines = model.graph.size > HAIRLINE_EDGES;
  const co: string[] = [];
  const roles: string[] = [];
  for (const key of shown.edges) {
    const a = model.graph.getEdgeAttributes(key);
    const [s, t] = model.graph.extremities(key).map((n) => discs.get(n)!);
    const role = a.kind === "role";
    const style = edgeStyle(role, role ? a.weight : a[state.window], hairlines);
    let { x: x2, y: y2 } = t;
    if (role) {
      // The arrow's tip on the organisation's disc, not under it.
      const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
      x2 = t.x - ((t.x - s.x) / len) * t.r;
      y2 = t.y - ((t.y - s.y) / len) * t.r;
    }
    const line = `<line x1="${round(s.x)}" y1="${round(s.y)}" x2="${round(x2)}" y2="${round(y2)}" stroke="${style.color}" stroke-width="${round(style.size * k)}"${role ? ' marker-end="url(#role-arrow)"' : ""}/>`;
    (role ? roles : co).push(line);
  }
  return [`<g class="co-mentions" stroke-linecap="round">`, ...co, "</g>", `<g class="roles" stroke-linecap="round">`, ...roles, "</g>"];
}

function discCircles({ model, state }: ViewSnapshot, discs: Disc[], k: number): string[] {
  const selected = state.selected;
  const out = ['<g class="nodes" stroke="#ffffff" stroke-width="' + round(0.8 * k) + '">'];
  // Small first, so that a large disc is never hidden under many small ones.
  for (const d of [...discs].sort((a, b) => a.r - b.r)) {
    const ring = selected !== null && entityId(model, d.key) === selected ? ` stroke="#222222" stroke-width="${round(2 * k)}"` : "";
    out.push(`<circle cx="${round(d.x)}" cy="${round(d.y)}" r="${round(d.r)}" fill="${d.color}"${ring}/>`);
  }
  out.push("</g>");
  return out;
}

/** Labels of entities, then role titles at their arrows' middle, each where it overlaps no other. */
function placeLabels(snapshot: ViewSnapshot, discs: Disc[], area: Box, m: ReturnType<typeof metrics>, measure: TextMeasure): { nodes: Text[]; roles: Text[] } {
  const { model, state, shown } = snapshot;
  const grid = new BoxGrid(64 * m.k);
  const inside = (b: Box) => b.x0 >= area.x0 - 1 && b.x1 <= area.x1 + 1 && b.y0 >= area.y0 - 1 && b.y1 <= area.y1 + 1;
  const first = new Set([state.selected, state.neighbour].filter((id): id is string => id !== null));
  const order = [...discs].sort((a, b) => Number(first.has(entityId(model, b.key))) - Number(first.has(entityId(model, a.key))) || b.r - a.r);
  const nodes: Text[] = [];
  const h = m.label;
  for (const d of order) {
    const w = d.labelWidth;
    const candidates: [Box, Text][] = [
      [{ x0: d.x + d.r + m.gap, y0: d.y - h * 0.7, x1: d.x + d.r + m.gap + w, y1: d.y + h * 0.5 }, { x: d.x + d.r + m.gap, y: d.y + h * 0.35, text: d.label, anchor: "start" }],
      [{ x0: d.x - d.r - m.gap - w, y0: d.y - h * 0.7, x1: d.x - d.r - m.gap, y1: d.y + h * 0.5 }, { x: d.x - d.r - m.gap, y: d.y + h * 0.35, text: d.label, anchor: "end" }],
      [{ x0: d.x - w / 2, y0: d.y + d.r + m.gap, x1: d.x + w / 2, y1: d.y + d.r + m.gap + h * 1.2 }, { x: d.x, y: d.y + d.r + m.gap + h * 0.9, text: d.label, anchor: "middle" }],
      [{ x0: d.x - w / 2, y0: d.y - d.r - m.gap - h * 1.2, x1: d.x + w / 2, y1: d.y - d.r - m.gap }, { x: d.x, y: d.y - d.r - m.gap - h * 0.3, text: d.label, anchor: "middle" }],
    ];
    const spot = candidates.find(([box]) => inside(box) && !grid.hits(box));
    if (!spot) continue;
    grid.add(spot[0]);
    nodes.push(spot[1]);
  }
  const roles: Text[] = [];
  if (model.graph.size <= HAIRLINE_EDGES && shown.edges.size <= 2000) {
    const byKey = new Map(discs.map((d) => [d.key, d]));
    for (const key of shown.edges) {
      const a = model.graph.getEdgeAttributes(key);
      if (a.kind !== "role" || !a.title) continue;
      const [s, t] = model.graph.extremities(key).map((n) => byKey.get(n)!);
      const w = measure(a.title, m.edgeLabel);
      const x = (s.x + t.x) / 2;
      const y = (s.y + t.y) / 2;
      const box = { x0: x - w / 2, y0: y - m.edgeLabel * 0.8, x1: x + w / 2, y1: y + m.edgeLabel * 0.4 };
      if (!inside(box) || grid.hits(box)) continue;
      grid.add(box);
      roles.push({ x, y, text: a.title, anchor: "middle" });
    }
  }
  return { nodes, roles };
}

/** Texts with a white halo, so that they read over links. */
function textGroup(cls: string, texts: Text[], px: number, fill: string, k: number, weight: number): string {
  const parts = [`<g class="${cls}" font-size="${round(px)}" font-weight="${weight}" fill="${fill}" stroke="#ffffff" stroke-width="${round(2.5 * k)}" stroke-linejoin="round" paint-order="stroke">`];
  for (const t of texts) parts.push(`<text x="${round(t.x)}" y="${round(t.y)}"${t.anchor === "start" ? "" : ` text-anchor="${t.anchor}"`}>${escapeXml(t.text)}</text>`);
  parts.push("</g>");
  return parts.join("\n");
}

/** Boxes in a uniform grid of cells: whether a new box overlaps any placed one, without a scan of all. */
class BoxGrid {
  private readonly cells = new Map<string, Box[]>();

  constructor(private readonly cell: number) {}

  private keys(b: Box): string[] {
    const out: string[] = [];
    for (let i = Math.floor(b.x0 / this.cell); i <= Math.floor(b.x1 / this.cell); i++)
      for (let j = Math.floor(b.y0 / this.cell); j <= Math.floor(b.y1 / this.cell); j++) out.push(`${i},${j}`);
    return out;
  }

  hits(b: Box): boolean {
    return this.keys(b).some((k) => (this.cells.get(k) ?? []).some((o) => o.x0 < b.x1 && b.x0 < o.x1 && o.y0 < b.y1 && b.y0 < o.y1));
  }

  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }
}

// Colours: one per entity type (the legend's), a palette for communities, and the dimmed greys used
// while hovering; with the label font and link styles. Fixed here rather than read from the build so that
// legend and graph always agree, and shared by the graph view and the image exports (view-image.ts).
import type { EntityType } from "../../src/types.ts";

export const TYPE_COLORS: Record<EntityType, string> = {
  person: "#d62728",
  company: "#1f77b4",
  lab: "#2ca02c",
  government: "#ff7f0e",
  programme: "#9467bd",
  place: "#17becf",
  event: "#8c564b",
};

export const TYPE_NAMES: Record<EntityType, string> = {
  person: "人物 person",
  company: "企业 company",
  lab: "机构 lab",
  government: "政府 government",
  programme: "项目 programme",
  place: "地点 place",
  event: "活动 event",
};

export const LABEL_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
export const LABEL_SIZE = 13;

/** Edges above which co-mentions are drawn as hairlines (see graph-view.ts's constructor). */
export const HAIRLINE_EDGES = 20000;

export const UNKNOWN_TYPE_COLOR = "#7f7f7f";

const COMMUNITY_PALETTE = [
  "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6", "#bcf60c",
  "#008080", "#9a6324", "#800000", "#808000", "#000075", "#e6beff", "#aaffc3", "#ffd8b1",
];

export function communityColor(community: number | undefined): string {
  if (community === undefined || !Number.isFinite(community)) return UNKNOWN_TYPE_COLOR;
  const i = Math.abs(Math.trunc(community)) % COMMUNITY_PALETTE.length;
  return COMMUNITY_PALETTE[i];
}

export const DIM_NODE = "#e4e4e4";
export const DIM_EDGE = "#f0f0f0";
export const CO_EDGE = "#c7c7c7";
/** Co-mentions drawn as hairlines (large graphs), light to dark by weight: shade stands in for width. */
const CO_EDGE_SHADES = ["#d2d2d2", "#bdbdbd", "#a8a8a8", "#939393", "#7f7f7f"];
export function coEdgeShade(weight: number): string {
  // Weight 1 is the lightest; each doubling of the weight is one shade darker.
  const step = Math.floor(Math.log2(1 + Math.max(0, weight))) - 1;
  return CO_EDGE_SHADES[Math.max(0, Math.min(CO_EDGE_SHADES.length - 1, step))];
}
export const CO_EDGE_FOCUS = "#7a7a7a";
export const ROLE_EDGE = "#e3a21a";

/**
 * The colour of a candidate (a name the build proposed, not yet in the dictionary): its type's colour
 * mixed three parts to one with white, so that it reads as the same type, unconfirmed.
 */
export function candidateColor(color: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const n = parseInt(m[1], 16);
  const mix = (c: number) => Math.round(c + (255 - c) * 0.6);
  const [r, g, b] = [mix(n >> 16), mix((n >> 8) & 255), mix(n & 255)];
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, "0")}`;
}

export const ROLE_LABEL = "#9a6a00";

/** A node's colour as drawn: its type's (or its community's), pale when no one reviewed the name. */
export function nodeColor(node: { color: string; community: number | undefined; candidate: boolean }, byCommunity: boolean): string {
  const base = byCommunity ? communityColor(node.community) : node.color;
  return node.candidate ? candidateColor(base) : base;
}

/** Width and colour of a link as drawn (without focus): roles orange, co-mentions grey, wider when heavier. */
export function edgeStyle(role: boolean, weight: number, hairlines: boolean): { size: number; color: string } {
  // At least 1.5 px: a thinner line is hard to point at (sigma picks edges on a half-size buffer).
  const size = Math.min(6, (hairlines ? 0.5 : 1) + Math.log2(1 + weight) * 0.8);
  return { size, color: role ? ROLE_EDGE : hairlines ? coEdgeShade(weight) : CO_EDGE };
}

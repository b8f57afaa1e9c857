// Layout: ForceAtlas2 then noverlap, on the undirected projection. Deterministic: initial positions come
// from a hash of the node id (not Math.random), node order is sorted, and FA2/noverlap are deterministic
// given their input. Coordinates are rounded so exports stay byte-identical run to run.

import forceAtlas2 from "graphology-layout-forceatlas2";
import noverlap from "graphology-layout-noverlap";
import { fnv1a } from "../hash.ts";
import type { EntityType } from "../types.ts";
import type { GuanxiGraph } from "./model.ts";
import { undirectedProjection } from "./projection.ts";

/** One colour per entity type (Okabe–Ito based, distinguishable for colour-blind readers). */
export const TYPE_COLORS: Record<EntityType, string> = {
  person: "#d55e00",
  company: "#0072b2",
  lab: "#009e73",
  government: "#cc79a7",
  programme: "#e69f00",
  place: "#56b4e9",
  event: "#7f7f7f",
};

/** Graphs above this order use the Barnes-Hut approximation: exact repulsion is O(n²) per iteration. */
export const BARNES_HUT_ORDER = 500;

export interface LayoutOptions {
  seed?: number;
  iterations?: number;
}

export const MIN_SIZE = 4;
export const MAX_SIZE = 24;

function iterationsFor(order: number): number {
  if (order <= 100) return 600;
  if (order <= 1000) return 300;
  if (order <= 10000) return 150;
  return 80;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function layoutGraph(graph: GuanxiGraph, options: LayoutOptions = {}): void {
  const seed = options.seed ?? 42;
  const proj = undirectedProjection(graph);

  // Size from PageRank when metrics ran, else from the mention count; square root keeps hubs readable.
  const hasRank = graph.someNode((_n, a) => typeof a.pagerank === "number");
  const score = (n: string) => {
    const a = graph.getNodeAttributes(n);
    return hasRank ? (a.pagerank ?? 0) : a.mentions;
  };
  let lo = Infinity;
  let hi = -Infinity;
  graph.forEachNode((n) => {
    const s = Math.sqrt(Math.max(0, score(n)));
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  });
  const sizeOf = (n: string) => {
    const s = Math.sqrt(Math.max(0, score(n)));
    return hi > lo ? MIN_SIZE + ((s - lo) / (hi - lo)) * (MAX_SIZE - MIN_SIZE) : (MIN_SIZE + MAX_SIZE) / 2;
  };

  // Initial positions on a disc from the node id's hash: stable across runs and independent of order.
  const radius = Math.max(10, Math.sqrt(proj.order) * 10);
  proj.forEachNode((n) => {
    const h1 = fnv1a(`${seed}:x:${n}`) / 0xffffffff;
    const h2 = fnv1a(`${seed}:y:${n}`) / 0xffffffff;
    const angle = h1 * 2 * Math.PI;
    const dist = Math.sqrt(h2) * radius;
    proj.mergeNodeAttributes(n, { x: Math.cos(angle) * dist, y: Math.sin(angle) * dist, size: sizeOf(n) });
  });

  if (proj.order > 1) {
    const settings = forceAtlas2.inferSettings(proj);
    settings.barnesHutOptimize = proj.order > BARNES_HUT_ORDER;
    forceAtlas2.assign(proj, { iterations: options.iterations ?? iterationsFor(proj.order), settings, getEdgeWeight: "weight" });
    noverlap.assign(proj, { maxIterations: 200, settings: { margin: 2, ratio: 1.1 } });
  }

  proj.forEachNode((n, a) => {
    const type = graph.getNodeAttribute(n, "type");
    graph.mergeNodeAttributes(n, {
      x: r3(Number.isFinite(a.x) ? a.x! : 0),
      y: r3(Number.isFinite(a.y) ? a.y! : 0),
      size: r3(a.size ?? MIN_SIZE),
      color: TYPE_COLORS[type] ?? "#999999",
    });
  });
}

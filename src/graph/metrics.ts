// Node metrics for ranking and colouring: weighted degree, PageRank, betweenness and Louvain communities.
// All run on the undirected projection (see projection.ts) and are rounded so that the files they land in
// do not change with the last bits of floating-point noise.

import louvain from "graphology-communities-louvain";
import betweenness from "graphology-metrics/centrality/betweenness.js";
import pagerank from "graphology-metrics/centrality/pagerank.js";
import type { GuanxiGraph } from "./model.ts";
import { undirectedProjection } from "./projection.ts";

/** A small seeded PRNG (mulberry32): Louvain's random walk must not depend on Math.random. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sig = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : 0);

export interface MetricsOptions {
  seed?: number;
}

export function computeMetrics(graph: GuanxiGraph, options: MetricsOptions = {}): void {
  const proj = undirectedProjection(graph);
  if (proj.order === 0) return;

  const degree: Record<string, number> = {};
  proj.forEachNode((n) => {
    let sum = 0;
    proj.forEachEdge(n, (_e, attr) => {
      sum += attr.weight;
    });
    degree[n] = sum;
  });

  let ranks: Record<string, number>;
  try {
    ranks = pagerank(proj, { getEdgeWeight: "weight", maxIterations: 1000, tolerance: 1e-9 });
  } catch {
    // Non-convergence on a pathological graph: fall back to the uniform rank rather than failing a build.
    ranks = Object.fromEntries(proj.nodes().map((n) => [n, 1 / proj.order]));
  }
  // Betweenness on hops: graphology reads edge weights as distances, and our weights are strengths.
  const between = betweenness(proj, { getEdgeWeight: null, normalized: true });
  const communities = louvain(proj, { getEdgeWeight: "weight", rng: seededRandom(options.seed ?? 42) });

  // Communities renumbered by first appearance in id order, so the numbers are stable too.
  const renumber = new Map<number, number>();
  for (const n of proj.nodes()) {
    const c = communities[n];
    if (!renumber.has(c)) renumber.set(c, renumber.size);
  }

  graph.forEachNode((n) => {
    graph.mergeNodeAttributes(n, {
      weightedDegree: sig(degree[n] ?? 0),
      pagerank: sig(ranks[n] ?? 0),
      betweenness: sig(between[n] ?? 0),
      community: renumber.get(communities[n]) ?? 0,
    });
  });
}

// A simple undirected, weighted view of the mixed multigraph. Louvain refuses mixed graphs, and PageRank,
// betweenness and ForceAtlas2 would count a pair twice when it has both a co-mention and a role edge;
// all of them run on this projection, whose results are copied back onto the real nodes.

import Graph from "graphology";
import type { GuanxiGraph } from "./model.ts";

/** How much one stated role weighs against one co-mention window: a title is a strong, explicit tie. */
export const ROLE_WEIGHT = 1;

export function undirectedProjection(graph: GuanxiGraph): Graph<{ x?: number; y?: number; size?: number }, { weight: number }> {
  const g = new Graph<{ x?: number; y?: number; size?: number }, { weight: number }>({ type: "undirected", allowSelfLoops: false });
  // Sorted insertion: graphology iterates in insertion order, and the algorithms' results depend on it.
  for (const node of [...graph.nodes()].sort()) g.addNode(node);
  const weights = new Map<string, [string, string, number]>();
  graph.forEachEdge((_edge, attr, source, target) => {
    const [a, b] = source < target ? [source, target] : [target, source];
    const key = `${a}\u0000${b}`;
    const w = attr.kind === "role" ? ROLE_WEIGHT * attr.weight : attr.weight;
    const cur = weights.get(key);
    if (cur) cur[2] += w;
    else weights.set(key, [a, b, w]);
  });
  for (const key of [...weights.keys()].sort()) {
    const [a, b, w] = weights.get(key)!;
    // A pair whose co-mention has no window at the chosen level carries no tie at that level.
    if (w > 0) g.addEdge(a, b, { weight: w });
  }
  return g;
}

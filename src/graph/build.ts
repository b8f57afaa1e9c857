// Builds the co-mention graph from the analyses of a build: one node per entity, one undirected
// co-mention edge per pair that shares a window, one directed role edge per (person, org, title).
//
// The graph is a graphology MultiGraph of type "mixed": a pair may carry an undirected co-mention edge and
// one or more directed role edges at once, which neither a simple nor a single-direction graph can hold.
// Edge keys are stable (`co:${pairKey}`, `role:${person}>${org}:${title}`) so readers and the viewer can
// address an edge without an index.
//
// Co-mentions are counted at the three window levels at once; `weight` is the level chosen at build time.
// Near-duplicate windows count once (see windows.ts for the rule). The counting itself is the streaming
// accumulator's (accumulate.ts), which `guanxi build` feeds one article at a time; this entry point feeds
// it a whole batch in a fixed order (documents by id), so the same input always gives the same graph.

import type { Dictionary, DocumentAnalysis } from "../types.ts";
import { MemoryEvidenceSink } from "../evidence/select.ts";
import { GraphAccumulator } from "./accumulate.ts";
import { layoutGraph } from "./layout.ts";
import { computeMetrics } from "./metrics.ts";
import type { BuildGraphOptions, BuildGraphResult } from "./model.ts";

export * from "./model.ts";

export function buildGraph(analyses: DocumentAnalysis[], dictionary: Dictionary, options: BuildGraphOptions = {}): BuildGraphResult {
  const sorted = [...analyses].sort((x, y) => (x.doc.id < y.doc.id ? -1 : x.doc.id > y.doc.id ? 1 : 0));
  const accumulator = new GraphAccumulator(dictionary, new MemoryEvidenceSink(), options);
  for (const { doc, mentions, roles } of sorted) accumulator.add(doc, mentions, roles);
  const { graph, evidenceTotals, pairs } = accumulator.finish();
  if (options.metrics ?? true) computeMetrics(graph, { seed: options.seed });
  if (options.layout ?? true) layoutGraph(graph, { seed: options.seed });
  return { graph, evidence: new Map(pairs.map((p) => [p, accumulator.evidence(p)])), evidenceTotals };
}

// The shapes every graph module shares: the graph type, its options and results, and npmi. A module of
// its own so that the streaming accumulator and the batch entry point (build.ts) do not import each other.

import type { MultiGraph } from "graphology";
import type { EdgeAttributes, Evidence, LevelCounts, NodeAttributes, WindowLevel } from "../types.ts";

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
  /** Evidence windows kept per edge per level (the totals are always exact). Default MAX_EVIDENCE_PER_LEVEL. */
  maxEvidencePerLevel?: number;
  /** Compute metrics and layout (default true): the exports and the viewer need them. */
  metrics?: boolean;
  layout?: boolean;
  /** Seed of Louvain's random walk and of the initial layout. */
  seed?: number;
}

export type { LevelCounts };

export interface BuildGraphResult {
  graph: GuanxiGraph;
  /** Evidence per co-mention edge, keyed by pairKey(a, b); at most maxEvidencePerLevel items per level. */
  evidence: Map<string, Evidence[]>;
  /** The exact number of windows behind each pair's evidence, per level. */
  evidenceTotals: Map<string, LevelCounts>;
}

export const DEFAULT_WINDOW: WindowLevel = "article";
/** Passages kept per pair and level (counts stay exact). Five: at 20, the dense 3,000-article bench
 * corpus wrote 550 MB of passages (40,000 pairs, up to 60 passages each), and the store a second copy. */
export const MAX_EVIDENCE_PER_LEVEL = 5;

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

// The evidence store: for every co-mention edge, the windows that prove it. Sharded by a hash of the
// pair key (see evidence-key.ts) so that one edge's evidence is one small file away, for the CLI and for
// the static viewer over HTTP alike; nothing reads the whole store.
//
// Shard file: evidence/<hh>.json = { [pairKey]: { total: {sentence, paragraph, article}, items: Evidence[] } },
// keys sorted. `total` is the exact number of windows per level; `items` keeps at most a fixed number per
// level (the build's maxEvidencePerLevel), closest level first.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { GuanxiGraph, LevelCounts } from "../graph/build.ts";
import type { Evidence, WindowLevel } from "../types.ts";
import { evidenceShardPath, pairKey } from "./evidence-key.ts";

export interface EvidenceEntry {
  total: LevelCounts;
  items: Evidence[];
}

export type EvidenceShard = Record<string, EvidenceEntry>;

/** Totals from the graph's co-mention edges, else from the items themselves (exact unless capped). */
function totalFor(key: string, items: Evidence[], totals?: Map<string, LevelCounts>, graph?: GuanxiGraph): LevelCounts {
  const known = totals?.get(key);
  if (known) return known;
  const edge = `co:${key}`;
  if (graph?.hasEdge(edge)) {
    const a = graph.getEdgeAttributes(edge);
    if (a.kind === "co-mention") return { sentence: a.sentence, paragraph: a.paragraph, article: a.article };
  }
  const counted: LevelCounts = { sentence: 0, paragraph: 0, article: 0 };
  for (const e of items) counted[e.level as WindowLevel]++;
  return counted;
}

export interface EvidenceStoreOptions {
  totals?: Map<string, LevelCounts>;
  graph?: GuanxiGraph;
}

export function writeEvidenceStore(dir: string, evidence: Map<string, Evidence[]>, options: EvidenceStoreOptions = {}): number {
  const shards = new Map<string, EvidenceShard>();
  for (const key of [...evidence.keys()].sort()) {
    const items = evidence.get(key)!;
    const [a, b] = key.split("|");
    const path = evidenceShardPath(a, b);
    let shard = shards.get(path);
    if (!shard) shards.set(path, (shard = {}));
    shard[key] = { total: totalFor(key, items, options.totals, options.graph), items };
  }
  mkdirSync(join(dir, "evidence"), { recursive: true });
  for (const path of [...shards.keys()].sort()) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, JSON.stringify(shards.get(path)) + "\n", "utf8");
  }
  return shards.size;
}

/** The evidence of one pair, reading only its shard; null when the pair has none. */
export function readEvidence(dir: string, a: string, b: string): EvidenceEntry | null {
  let text: string;
  try {
    text = readFileSync(join(dir, evidenceShardPath(a, b)), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const shard = JSON.parse(text) as EvidenceShard;
  return shard[pairKey(a, b)] ?? null;
}

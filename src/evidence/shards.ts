// The evidence shards: for every co-mention edge, the windows that prove it, as static files sharded
// by a hash of the pair key (key.ts), so that one edge's evidence is one small file away for the CLI
// and for the static viewer over HTTP alike; nothing reads the whole set.
//
// Shard file: evidence/<hh>.json = { [pairKey]: { total: {sentence, paragraph, article}, items: Evidence[] } },
// keys sorted. `total` is the exact number of windows per level; `items` keeps at most a fixed number
// per level (the build's maxEvidencePerLevel), closest level first.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Evidence, LevelCounts, WindowLevel } from "../types.ts";
import { evidenceShardFile, evidenceShardOf, evidenceShardPath, pairKey } from "./key.ts";

export interface EvidenceEntry {
  total: LevelCounts;
  items: Evidence[];
}

export type EvidenceShard = Record<string, EvidenceEntry>;

/** Where one pair's entry stands in its shard file: the bytes of its value ({"total":…,"items":[…]}). */
export interface EvidenceEntryPlace {
  /** The shard file, relative to the output folder (evidence/XX.json). */
  file: string;
  offset: number;
  length: number;
  /** Where the pair's first item starts in the file (the items follow, one comma apart). */
  items: number;
}

/**
 * Writes the shards one at a time, in bounded memory. `itemsOfShard(shard)` gives the kept items of
 * every pair of one shard as their JSON text (a pair with none may be absent): one selection per shard
 * rather than one per pair. Where each entry's value stands in its file is handed to `onEntry` (the
 * store indexes them by pair, so the evidence text is written once, here).
 */
export function writeEvidenceShards(
  dir: string,
  pairs: string[],
  totals: Map<string, LevelCounts>,
  itemsOfShard: (shard: number) => Map<string, string[]>,
  onEntry?: (pair: string, place: EvidenceEntryPlace) => void,
): number {
  const byShard = new Map<number, string[]>();
  for (const key of pairs) {
    const shard = evidenceShardOf(key);
    let list = byShard.get(shard);
    if (!list) byShard.set(shard, (list = []));
    list.push(key);
  }
  mkdirSync(join(dir, "evidence"), { recursive: true });
  for (const shard of [...byShard.keys()].sort((a, b) => a - b)) {
    const items = itemsOfShard(shard);
    // The shard's text is assembled from the items' JSON as it was spilled: the same text as
    // JSON.stringify of the EvidenceShard object, without parsing and writing every item again.
    const file = evidenceShardFile(shard);
    const parts: string[] = ["{"];
    let offset = 1;
    for (const key of byShard.get(shard)!.sort()) {
      const t = totals.get(key)!;
      const head = `${parts.length > 1 ? "," : ""}${JSON.stringify(key)}:`;
      const opening = `{"total":${JSON.stringify({ sentence: t.sentence, paragraph: t.paragraph, article: t.article })},"items":[`;
      const value = `${opening}${(items.get(key) ?? []).join(",")}]}`;
      const headBytes = Buffer.byteLength(head);
      const length = Buffer.byteLength(value);
      onEntry?.(key, { file, offset: offset + headBytes, length, items: offset + headBytes + Buffer.byteLength(opening) });
      offset += headBytes + length;
      parts.push(head, value);
    }
    parts.push("}\n");
    const full = join(dir, file);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, parts.join(""), "utf8");
  }
  return byShard.size;
}

/** Counts a pair's items per level: its total when no exact one is known (the items were not capped). */
function countedTotal(items: Evidence[]): LevelCounts {
  const counted: LevelCounts = { sentence: 0, paragraph: 0, article: 0 };
  for (const e of items) counted[e.level as WindowLevel]++;
  return counted;
}

/** Writes the shards of evidence held in memory (a batch buildGraph's), through the same writer. */
export function writeEvidenceMap(dir: string, evidence: Map<string, Evidence[]>, totals: Map<string, LevelCounts> = new Map()): number {
  const pairs = [...evidence.keys()];
  const all = new Map(pairs.map((key) => [key, totals.get(key) ?? countedTotal(evidence.get(key)!)]));
  const byShard = new Map<number, string[]>();
  for (const key of pairs) {
    const shard = evidenceShardOf(key);
    byShard.set(shard, [...(byShard.get(shard) ?? []), key]);
  }
  return writeEvidenceShards(dir, pairs, all, (shard) => new Map((byShard.get(shard) ?? []).map((key) => [key, evidence.get(key)!.map((e) => JSON.stringify(e))])));
}

/** The evidence of one pair, reading only its shard; null when the pair has none. A damaged shard is an error naming it. */
export function readEvidence(dir: string, a: string, b: string): EvidenceEntry | null {
  const file = join(dir, evidenceShardPath(a, b));
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  let shard: unknown;
  try {
    shard = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is damaged (${(err as Error).message}): build again to rewrite it`);
  }
  if (!shard || typeof shard !== "object" || Array.isArray(shard)) throw new Error(`${file} is damaged (not an evidence shard): build again to rewrite it`);
  const entry = (shard as EvidenceShard)[pairKey(a, b)];
  if (entry === undefined) return null;
  if (!entry || typeof entry !== "object" || !Array.isArray(entry.items) || !entry.total) throw new Error(`${file} is damaged (the entry of ${pairKey(a, b)} is not evidence): build again to rewrite it`);
  return entry;
}

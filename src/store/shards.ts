// The static evidence shards (evidence/XX.json) the viewer fetches, written one shard at a time from the
// accumulated evidence instead of from one map of every pair's evidence: the same files as
// export/evidence-store.ts's writeEvidenceStore (keys sorted, same entries), in bounded memory. Each
// entry also goes to the store, for lookups by pair key.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LevelCounts } from "../graph/build.ts";
import { evidenceShardFile, evidenceShardOf } from "../export/evidence-key.ts";

/**
 * `itemsOfShard(shard)` gives the kept items of every pair of one shard, as their JSON text (a pair
 * with none may be absent): one selection per shard rather than one per pair.
 */
export function writeEvidenceShards(
  dir: string,
  pairs: string[],
  totals: Map<string, LevelCounts>,
  itemsOfShard: (shard: number) => Map<string, string[]>,
  onEntry?: (pair: string, total: LevelCounts, itemsJson: string) => void,
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
    const entries: string[] = [];
    for (const key of byShard.get(shard)!.sort()) {
      const t = totals.get(key)!;
      const itemsJson = `[${(items.get(key) ?? []).join(",")}]`;
      entries.push(`${JSON.stringify(key)}:{"total":${JSON.stringify({ sentence: t.sentence, paragraph: t.paragraph, article: t.article })},"items":${itemsJson}}`);
      onEntry?.(key, t, itemsJson);
    }
    const full = join(dir, evidenceShardFile(shard));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, `{${entries.join(",")}}\n`, "utf8");
  }
  return byShard.size;
}

// The static evidence shards (evidence/XX.json) the viewer fetches, written one shard at a time from the
// accumulated evidence instead of from one map of every pair's evidence: the same files as
// export/evidence-store.ts's writeEvidenceStore (keys sorted, same entries), in bounded memory. Each
// entry also goes to the store's evidence table, for lookups by pair key.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LevelCounts } from "../graph/build.ts";
import type { EvidenceEntry, EvidenceShard } from "../export/evidence-store.ts";
import { evidenceShardPath } from "../export/evidence-key.ts";
import type { Evidence } from "../types.ts";

export function writeEvidenceShards(
  dir: string,
  pairs: string[],
  totals: Map<string, LevelCounts>,
  evidenceOf: (pair: string) => Evidence[],
  onEntry?: (pair: string, entry: EvidenceEntry) => void,
): number {
  const byShard = new Map<string, string[]>();
  for (const key of [...pairs].sort()) {
    const [a, b] = key.split("|");
    const path = evidenceShardPath(a, b);
    let list = byShard.get(path);
    if (!list) byShard.set(path, (list = []));
    list.push(key);
  }
  mkdirSync(join(dir, "evidence"), { recursive: true });
  for (const path of [...byShard.keys()].sort()) {
    const shard: EvidenceShard = {};
    for (const key of byShard.get(path)!) {
      const entry: EvidenceEntry = { total: totals.get(key)!, items: evidenceOf(key) };
      shard[key] = entry;
      onEntry?.(key, entry);
    }
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, JSON.stringify(shard) + "\n", "utf8");
  }
  return byShard.size;
}

// The static evidence shards (evidence/XX.json) the viewer fetches, written one shard at a time from the
// accumulated evidence instead of from one map of every pair's evidence: the same files as
// export/evidence-store.ts's writeEvidenceStore (keys sorted, same entries), in bounded memory. Each
// entry also goes to the store's evidence table, for lookups by pair key.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LevelCounts } from "../graph/build.ts";
import { evidenceShardPath } from "../export/evidence-key.ts";

export function writeEvidenceShards(
  dir: string,
  pairs: string[],
  totals: Map<string, LevelCounts>,
  itemsJsonOf: (pair: string) => string[],
  onEntry?: (pair: string, total: LevelCounts) => void,
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
    // The shard's text is assembled from the items' JSON as the store keeps it: the same text as
    // JSON.stringify of the EvidenceShard object, without parsing and writing every item again.
    const entries: string[] = [];
    for (const key of byShard.get(path)!) {
      const t = totals.get(key)!;
      const entry = `{"total":${JSON.stringify({ sentence: t.sentence, paragraph: t.paragraph, article: t.article })},"items":[${itemsJsonOf(key).join(",")}]}`;
      entries.push(`${JSON.stringify(key)}:${entry}`);
      onEntry?.(key, t);
    }
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, `{${entries.join(",")}}\n`, "utf8");
  }
  return byShard.size;
}

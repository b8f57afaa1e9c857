// How the evidence of one co-mention edge is found without loading all of it: the evidence store is
// sharded by a hash of the pair's key, so a reader (the CLI, or the viewer over HTTP) fetches one small
// shard. Pure functions with no Node dependency: the viewer imports this file too.
import { fnv1a } from "../hash.ts";

/** Number of shards of the evidence store; a power of two so the shard name is a fixed-width hex. */
export const EVIDENCE_SHARDS = 256;

/** The key of an unordered pair of entity ids: the smaller id first. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The shard number (0 … EVIDENCE_SHARDS − 1) of a pair key. */
export function evidenceShardOf(key: string): number {
  return fnv1a(key) % EVIDENCE_SHARDS;
}

/** File name (relative to the output folder) of a shard, by number. */
export function evidenceShardFile(shard: number): string {
  return `evidence/${shard.toString(16).padStart(2, "0")}.json`;
}

/** File name (relative to the output folder) of the shard that holds a pair's evidence. */
export function evidenceShardPath(a: string, b: string): string {
  return evidenceShardFile(evidenceShardOf(pairKey(a, b)));
}

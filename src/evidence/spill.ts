// The accumulator's evidence candidates, spilled to one append-only file per evidence shard. Writing
// the shards then reads each file once, front to back: with the candidates in a SQLite table (rows in
// build order, an index by pair) the shards were a random read per row, 20–30 s of a 100,000-article
// build's export, and the inserts as much again while folding. A shard's evidence is the kept part of
// its candidates (the one selection rule, select.ts), written once, to evidence/XX.json; the store
// indexes those entries by pair (see store.ts), so the evidence text is kept once.
//
// A line per candidate: the pair key and the document as JSON strings (no tab or newline can occur in
// them), level, pass, seq and offset as numbers, and the item's JSON last, never parsed here: it goes
// into the shard as it is.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Evidence, WindowLevel } from "../types.ts";
import { EVIDENCE_SHARDS, evidenceShardOf } from "./key.ts";
import { LEVEL_NUMBER, selectKept, type EvidenceSink, type RankedCandidate } from "./select.ts";
/** Characters buffered per shard before an append: 256 shards × 64 K stay small, appends stay few. */
const FLUSH_AT = 65536;

/** The spill files of a spill folder, by shard number (what must be kept, or copied, with the saved state). */
export function evidenceSpillFiles(dir: string): string[] {
  return Array.from({ length: EVIDENCE_SHARDS }, (_, s) => join(dir, s.toString(16).padStart(2, "0")));
}

/** A candidate as read back: what the selection rule reads, and the item's JSON. */
interface SpilledCandidate extends RankedCandidate {
  item: string;
}

export class EvidenceSpill implements EvidenceSink {
  private files: string[];
  private buffers: string[][] = Array.from({ length: EVIDENCE_SHARDS }, () => []);
  private sizes = new Int32Array(EVIDENCE_SHARDS);

  /** Files already in `dir` (an earlier build's, copied there to go on from) are appended to. */
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.files = evidenceSpillFiles(dir);
  }

  /** Forgets every candidate (a build that folds every article again). */
  clear(): void {
    for (const f of this.files) rmSync(f, { force: true });
    this.buffers.forEach((b) => (b.length = 0));
    this.sizes.fill(0);
  }

  add(pair: string, level: WindowLevel, pass: 1 | 2, seq: number, ev: Evidence): void {
    const shard = evidenceShardOf(pair);
    const line = `${JSON.stringify(pair)}\t${LEVEL_NUMBER[level]}\t${pass}\t${seq}\t${JSON.stringify(ev.doc)}\t${ev.start}\t${JSON.stringify(ev)}\n`;
    this.buffers[shard].push(line);
    this.sizes[shard] += line.length;
    if (this.sizes[shard] >= FLUSH_AT) this.flush(shard);
  }

  private flush(shard: number): void {
    if (!this.buffers[shard].length) return;
    appendFileSync(this.files[shard], this.buffers[shard].join(""));
    this.buffers[shard].length = 0;
    this.sizes[shard] = 0;
  }

  /** Writes out what is buffered, and makes every shard's file (a complete set is kept with the saved state). */
  flushAll(): void {
    for (let s = 0; s < EVIDENCE_SHARDS; s++) {
      this.flush(s);
      if (!existsSync(this.files[s])) appendFileSync(this.files[s], "");
    }
  }

  /** The candidates of one shard, by pair key. */
  private read(shard: number): Map<string, SpilledCandidate[]> {
    this.flush(shard);
    const out = new Map<string, SpilledCandidate[]>();
    if (!existsSync(this.files[shard])) return out;
    const text = readFileSync(this.files[shard], "utf8");
    for (let at = 0; at < text.length; ) {
      const end = text.indexOf("\n", at);
      const tabs: number[] = [];
      for (let t = at; t < end && tabs.length < 6; t++) if (text.charCodeAt(t) === 9) tabs.push(t);
      // Only this file's own lines are here; a cut-off one means the file was damaged outside a build.
      if (end < 0 || tabs.length < 6) throw new Error(`${this.files[shard]}: a damaged evidence candidate line at character ${at}; build into a new output folder`);
      const pair = JSON.parse(text.slice(at, tabs[0])) as string;
      let rows = out.get(pair);
      if (!rows) out.set(pair, (rows = []));
      rows.push({
        level: Number(text.slice(tabs[0] + 1, tabs[1])),
        pass: Number(text.slice(tabs[1] + 1, tabs[2])),
        seq: Number(text.slice(tabs[2] + 1, tabs[3])),
        doc: JSON.parse(text.slice(tabs[3] + 1, tabs[4])) as string,
        start: Number(text.slice(tabs[4] + 1, tabs[5])),
        item: text.slice(tabs[5] + 1, end),
      });
      at = end + 1;
    }
    return out;
  }

  /** The kept items (their JSON) of every pair of one shard that has candidates. */
  shardJson(shard: number, max: number): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [pair, rows] of this.read(shard)) out.set(pair, selectKept(rows, max).map((r) => r.item));
    return out;
  }

  take(pair: string, max: number): Evidence[] {
    const rows = this.read(evidenceShardOf(pair)).get(pair) ?? [];
    return selectKept(rows, max).map((r) => JSON.parse(r.item) as Evidence);
  }
}

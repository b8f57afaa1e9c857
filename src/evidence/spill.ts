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
//
// Once the shards are written, what a later build needs of the candidates is only which items were kept
// and their ranks: a candidate not kept now is never kept later (the items a resumed build adds rank
// after every earlier one of their pass, so the kept ones stay a prefix of the same order). So each
// file is cut down to the kept candidates, and their item JSON, which the shard already holds, becomes a
// reference to it: "#", the byte offset and length of the item in the shard file, and the checksum of
// its JSON. A resumed build puts the JSON back from the shards' bytes (expand) before it adds to them.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fnv1a } from "../hash.ts";
import type { Evidence, WindowLevel } from "../types.ts";
import { EVIDENCE_SHARDS, evidenceShardFile, evidenceShardOf } from "./key.ts";
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

/** The start of an item field that refers to the shard's copy of the item instead of holding it. */
const IN_SHARD = "#";
const itemCheck = (json: string) => fnv1a(json).toString(16);
const candidateLine = (pair: string, r: RankedCandidate, item: string) => `${JSON.stringify(pair)}\t${r.level}\t${r.pass}\t${r.seq}\t${JSON.stringify(r.doc)}\t${r.start}\t${item}\n`;

/** Why an expansion could not go on: the file (relative to the output folder) and what is wrong with it. */
export interface SpillProblem {
  file: string;
  why: string;
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
    const line = candidateLine(pair, { level: LEVEL_NUMBER[level], pass, seq, doc: ev.doc, start: ev.start }, JSON.stringify(ev));
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
  private read(shard: number, text?: string): Map<string, SpilledCandidate[]> {
    this.flush(shard);
    const out = new Map<string, SpilledCandidate[]>();
    if (text === undefined && !existsSync(this.files[shard])) return out;
    text ??= readFileSync(this.files[shard], "utf8");
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

  /** The kept candidates of the shard last selected for compaction, by pair, and its lines so far. */
  private pending: { shard: number; kept: Map<string, SpilledCandidate[]>; lines: string[] } | undefined;

  /**
   * The kept items (their JSON) of every pair of one shard that has candidates. With `compact`, the
   * shard's file is then cut down to the kept candidates, each referring to its item's bytes in the
   * written shard (see the head of this file): `placed` is told where each pair's items stand, and the
   * file is rewritten at the next shard or at `endCompaction`. Only for a build whose shards are
   * written from exactly these items.
   */
  shardJson(shard: number, max: number, compact = false): Map<string, string[]> {
    this.endCompaction();
    const out = new Map<string, string[]>();
    const kept = new Map<string, SpilledCandidate[]>();
    for (const [pair, rows] of this.read(shard)) {
      const chosen = selectKept(rows, max);
      out.set(pair, chosen.map((r) => r.item));
      kept.set(pair, chosen);
    }
    if (compact && out.size) this.pending = { shard, kept, lines: [] };
    return out;
  }

  /** Where a pair's items were written (the shard writer's place of its entry): their references. */
  placed(pair: string, place: { items: number }): void {
    const rows = this.pending?.kept.get(pair);
    if (!rows) return;
    let at = place.items;
    for (const r of rows) {
      const bytes = Buffer.byteLength(r.item);
      this.pending!.lines.push(candidateLine(pair, r, `${IN_SHARD}${at}:${bytes}:${itemCheck(r.item)}`));
      at += bytes + 1;
    }
    this.pending!.kept.delete(pair);
  }

  /** Rewrites the file of the shard last selected: references, and in full any pair the shard did not take. */
  endCompaction(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    for (const [pair, rows] of p.kept) for (const r of rows) p.lines.push(candidateLine(pair, r, r.item));
    writeFileSync(this.files[p.shard], p.lines.join(""));
  }

  /**
   * Puts back the JSON of every item a cut-down file refers to, from the bytes of the shards of the
   * output `out` (the build these files were copied from). Returns what is wrong when a shard is
   * missing or no longer holds the item a line refers to; the files are then unusable (clear them).
   */
  expand(out: string): SpillProblem | undefined {
    for (let s = 0; s < EVIDENCE_SHARDS; s++) {
      this.flush(s);
      if (!existsSync(this.files[s])) continue;
      const text = readFileSync(this.files[s], "utf8");
      if (!text.includes("\t" + IN_SHARD)) continue;
      const file = evidenceShardFile(s);
      let shard: Buffer;
      try {
        shard = readFileSync(join(out, file));
      } catch (err) {
        return { file, why: (err as Error).message };
      }
      const lines: string[] = [];
      for (const [pair, rows] of this.read(s, text)) {
        for (const r of rows) {
          let item = r.item;
          if (item.startsWith(IN_SHARD)) {
            const [at, bytes, check] = item.slice(1).split(":");
            const start = Number(at);
            const end = start + Number(bytes);
            item = end <= shard.length ? shard.toString("utf8", start, end) : "";
            if (!item || itemCheck(item) !== check) return { file, why: `it does not hold the evidence item of ${pair} at byte ${start} that the saved state refers to` };
          }
          lines.push(candidateLine(pair, r, item));
        }
      }
      writeFileSync(this.files[s], lines.join(""));
    }
    return undefined;
  }

  take(pair: string, max: number): Evidence[] {
    const rows = this.read(evidenceShardOf(pair)).get(pair) ?? [];
    return selectKept(rows, max).map((r) => JSON.parse(r.item) as Evidence);
  }
}

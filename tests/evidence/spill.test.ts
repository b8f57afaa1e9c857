// The spilled evidence candidates choose, per pair, what the in-memory sink chooses (selectEvidence):
// here with many candidates per pair, so the per-level cap binds, two passes, documents whose names
// sort differently from their arrival, and a spill that goes on after being copied (a resumed build).
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EvidenceSpill, evidenceSpillFiles } from "../../src/evidence/spill.ts";
import { MemoryEvidenceSink } from "../../src/evidence/select.ts";
import { evidenceShardFile, evidenceShardOf } from "../../src/evidence/key.ts";
import { writeEvidenceShards } from "../../src/evidence/shards.ts";
import type { Evidence, WindowLevel } from "../../src/types.ts";

const work = mkdtempSync(join(tmpdir(), "guanxi-spill-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LEVELS: WindowLevel[] = ["sentence", "paragraph", "article"];

/** A seeded stream of candidates: [pair, level, pass, seq, evidence]. */
function candidates(n: number, seed: number): [string, WindowLevel, 1 | 2, number, Evidence][] {
  let x = seed;
  const rand = (k: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % k;
  };
  const pairs = ["a|b", "a|c", "b|d", "甲|乙", "x\ty|z"].concat(Array.from({ length: 40 }, (_, i) => `e${i}|f${i % 7}`));
  const out: [string, WindowLevel, 1 | 2, number, Evidence][] = [];
  for (let seq = 0; seq < n; seq++) {
    const level = LEVELS[rand(3)];
    const doc = ["news-9", "news-10", "新闻-2", "a\"quoted\"", "news-1"][rand(5)];
    const start = rand(50) * 10;
    const ev: Evidence = { doc, level, index: rand(9), start, end: start + 12, text: `第${seq}句，含“引号”与\\反斜杠`, source: `/in/${doc}.txt`, title: "标题", date: "2024-05-01" };
    out.push([pairs[rand(pairs.length)], level, rand(4) === 0 ? 2 : 1, seq, ev]);
  }
  return out;
}

describe("EvidenceSpill", () => {
  const stream = candidates(6000, 7);
  const reference = new MemoryEvidenceSink();
  for (const c of stream) reference.add(...c);
  const pairs = [...new Set(stream.map((c) => c[0]))];

  it("keeps, per pair, the items the in-memory sink keeps, in its order", () => {
    const spill = new EvidenceSpill(join(work, "one"));
    for (const c of stream) spill.add(...c);
    for (const max of [3, 20, 1000]) {
      for (const pair of pairs) expect(spill.take(pair, max), `${pair} max ${max}`).toEqual(reference.take(pair, max));
      const byShard = new Map<number, Map<string, string[]>>();
      for (const pair of pairs) {
        const shard = evidenceShardOf(pair);
        if (!byShard.has(shard)) byShard.set(shard, spill.shardJson(shard, max));
        expect(byShard.get(shard)!.get(pair)!.map((j) => JSON.parse(j) as Evidence)).toEqual(reference.take(pair, max));
      }
    }
    // The cap did bind: some pair had more candidates at a level than it kept.
    expect(pairs.some((p) => reference.take(p, 3).length < reference.take(p, 1000).length)).toBe(true);
  });

  it("goes on after its files are copied, as if it had never stopped", () => {
    const first = new EvidenceSpill(join(work, "first"));
    const half = stream.length / 2;
    for (const c of stream.slice(0, half)) first.add(...c);
    first.flushAll();
    const second = new EvidenceSpill(join(work, "second"));
    evidenceSpillFiles(first.dir).forEach((f, i) => copyFileSync(f, evidenceSpillFiles(second.dir)[i]));
    for (const c of stream.slice(half)) second.add(...c);
    for (const pair of pairs) expect(second.take(pair, 20)).toEqual(reference.take(pair, 20));
  });

  it("cut down to references into its written shards, goes on after a copy as if it had never been cut", () => {
    const max = 3;
    const half = stream.length / 2;
    const first = new EvidenceSpill(join(work, "cut-first"));
    for (const c of stream.slice(0, half)) first.add(...c);
    const halfPairs = [...new Set(stream.slice(0, half).map((c) => c[0]))];
    const out = join(work, "cut-out");
    writeEvidenceShards(out, halfPairs, new Map(halfPairs.map((p) => [p, { sentence: 0, paragraph: 0, article: 0 }])), (shard) => first.shardJson(shard, max, true), (pair, place) => first.placed(pair, place));
    first.endCompaction();
    first.flushAll();
    const files = evidenceSpillFiles(first.dir);
    // The files now hold no item text, only references ("#" and a checksum), and fewer lines than candidates.
    const cut = files.map((f) => readFileSync(f, "utf8")).join("");
    expect(cut).not.toContain("反斜杠");
    expect(cut.trim().split("\n").length).toBeLessThan(half);
    expect(cut).toMatch(/\t#\d+:\d+:[0-9a-f]+\n/);
    const second = new EvidenceSpill(join(work, "cut-second"));
    files.forEach((f, i) => copyFileSync(f, evidenceSpillFiles(second.dir)[i]));
    expect(second.expand(out)).toBeUndefined();
    for (const c of stream.slice(half)) second.add(...c);
    for (const pair of pairs) expect(second.take(pair, max), pair).toEqual(reference.take(pair, max));
  });

  it("names the shard that no longer holds an item its references point to", () => {
    const spill = new EvidenceSpill(join(work, "cut-damaged"));
    for (const c of stream.slice(0, 400)) spill.add(...c);
    const some = [...new Set(stream.slice(0, 400).map((c) => c[0]))];
    const out = join(work, "cut-damaged-out");
    writeEvidenceShards(out, some, new Map(some.map((p) => [p, { sentence: 0, paragraph: 0, article: 0 }])), (shard) => spill.shardJson(shard, 3, true), (pair, place) => spill.placed(pair, place));
    spill.endCompaction();
    const pair = stream[0][0];
    const file = join(out, evidenceShardFile(evidenceShardOf(pair)));
    writeFileSync(file, readFileSync(file, "utf8").replace("第", "弟"));
    expect(spill.expand(out)).toMatchObject({ file: evidenceShardFile(evidenceShardOf(pair)), why: expect.stringContaining("does not hold") });
    rmSync(file);
    expect(spill.expand(out)).toMatchObject({ file: evidenceShardFile(evidenceShardOf(pair)) });
  });

  it("names the file of a damaged line instead of reading past it", () => {
    const spill = new EvidenceSpill(join(work, "damaged"));
    for (const c of stream.slice(0, 50)) spill.add(...c);
    spill.flushAll();
    const pair = stream[0][0];
    const file = evidenceSpillFiles(spill.dir)[evidenceShardOf(pair)];
    appendFileSync(file, '"a|b"\t0\t1');
    expect(() => spill.take(pair, 20)).toThrow(file);
  });

  it("forgets everything on clear", () => {
    const spill = new EvidenceSpill(join(work, "cleared"));
    for (const c of stream.slice(0, 100)) spill.add(...c);
    spill.flushAll();
    spill.clear();
    for (const pair of pairs) expect(spill.take(pair, 20)).toEqual([]);
  });
});

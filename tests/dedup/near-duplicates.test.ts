import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanDocument } from "../../src/clean/index.ts";
import { CandidateCounter, PostingLists } from "../../src/dedup/postings.ts";
import { MIN_CONTAINMENT, MIN_JACCARD } from "../../src/dedup/thresholds.ts";
import { readInputFile } from "../../src/ingest/index.ts";
import type { RawDocument } from "../../src/types.ts";
import { NearDuplicateIndex, shingles, similarity } from "./reference.ts";

const raw = (id: string, content: string): RawDocument => ({ id, source: `${id}.txt`, format: "text", encoding: "utf-8", content });

describe("near duplicates", () => {
  const SEEDS = path.resolve(import.meta.dirname, "../../seeds");
  const docs = fs.readdirSync(SEEDS).sort().map((f) => cleanDocument(readInputFile(path.join(SEEDS, f)).docs[0]));
  const sents = (i: number) => docs[i].sentences.map((s) => shingles(docs[i].normText.slice(s.start, s.end)));

  it("separates real repeats from unrelated sentences (the measurement behind the thresholds)", () => {
    // Seed 004 against seed 001: best match of every sentence.
    const repeats = sents(4).map((a) => Math.max(...sents(1).map((b) => similarity(a, b).jaccard)));
    expect(Math.min(...repeats)).toBeGreaterThanOrEqual(0.6);
    // Unrelated: every cross-document pair except 004–001.
    let worst = { containment: 0, jaccard: 0 };
    for (let x = 0; x < 5; x++) for (let y = x + 1; y < 5; y++) {
      if (x === 1 && y === 4) continue;
      for (const a of sents(x)) for (const b of sents(y)) {
        if (a.size < 8 || b.size < 8) continue;
        const s = similarity(a, b);
        if (s.containment >= MIN_CONTAINMENT && s.jaccard >= MIN_JACCARD) worst = s;
        if (s.jaccard > worst.jaccard && s.containment < MIN_CONTAINMENT) worst = { ...worst, jaccard: Math.max(worst.jaccard, s.jaccard) };
      }
    }
    expect(worst.jaccard).toBeLessThan(MIN_JACCARD);
  });

  it("marks seed 004 against seed 001 in build order, and nothing across unrelated seeds", () => {
    const index = new NearDuplicateIndex();
    const out = docs.map((d) => index.add(d));
    const d4 = out[4];
    expect(d4.sentences.every((s) => s.duplicateOf?.startsWith("001_a0d1a62f7fd3dcd1:"))).toBe(true);
    expect(d4.paragraphs.every((p) => p.duplicateOf?.startsWith("001_a0d1a62f7fd3dcd1:"))).toBe(true);
    // The lead sentence points at the lead sentence of 001, not at the headline it contains.
    const [, idx] = d4.sentences[0].duplicateOf!.split(":");
    const d1 = out[1];
    const s1 = d1.sentences[Number(idx)];
    expect(d1.text.slice(s1.start, s1.end)).toContain("余杭区经济高质量发展大会举行。");
    for (const i of [0, 2, 3]) expect(out[i].sentences.filter((s) => s.duplicateOf && !s.duplicateOf.startsWith(out[i].id)).length).toBe(0);
    // The input documents are not mutated.
    expect(docs[4].sentences.some((s) => s.duplicateOf)).toBe(false);
  });

  it("counts more than 255 shared rare shingles (a long paragraph) without the counts wrapping", () => {
    // 600 shingles, each shared by units 0 and 1: the rarest half plus one (301 lists) are counted.
    const postings = new PostingLists();
    const lists = Int32Array.from({ length: 600 }, () => postings.create());
    for (const l of lists) for (const u of [0, 1]) postings.push(l, u);
    const counter = new CandidateCounter();
    expect(counter.rank(postings, lists, lists.length, 2)).toBe(2);
    expect([...counter.candidates.subarray(0, 2)]).toEqual([0, 1]);
    expect([...counter.hits.subarray(0, 2)]).toEqual([301, 301]);
    expect(counter.uncounted).toBe(299);
    // A short unit next: the narrow counts were left at zero.
    expect(counter.rank(postings, lists, 10, 2)).toBe(2);
    expect([...counter.hits.subarray(0, 2)]).toEqual([6, 6]);
  });
});

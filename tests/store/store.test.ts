// The store and the bounded-memory pieces of a build: evidence looked up by pair key (the same entry as
// the static shard), the compact near-duplicate index (the same marks as the reference in tests/dedup/reference.ts), and the
// streaming graph accumulator (the same graph as graph/build.ts's buildGraph).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/pipeline/build.ts";
import { lookupEvidence, openEvidenceLookup } from "../../src/store/store.ts";
import { readEvidence } from "../../src/evidence/shards.ts";
import { graphJsonString } from "../../src/export/graph-json.ts";
import { listInputFiles, readInputFile } from "../../src/ingest/index.ts";
import { cleanDocument } from "../../src/clean/index.ts";
import { NearDuplicateIndex } from "../dedup/reference.ts";
import { CompactNearDuplicateIndex, applyDuplicateMarks, documentShingles } from "../../src/dedup/near-duplicates.ts";
import { GraphAccumulator } from "../../src/graph/accumulate.ts";
import { MemoryEvidenceSink } from "../../src/evidence/select.ts";
import { buildGraph } from "../../src/graph/build.ts";
import { analyseCleanDocument } from "../../src/pipeline/analyse.ts";
import { buildOptions, shippedContext } from "../helpers.ts";
import type { RawDocument } from "../../src/types.ts";

const repo = join(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "guanxi-store-"));
const out = join(work, "out");
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  await runBuild(buildOptions([join(repo, "seeds")], out));
});

/** Seeds plus edited copies: near-duplicate sentences, paragraphs and a duplicate article. */
function corpus(): RawDocument[] {
  const seeds = listInputFiles([join(repo, "seeds")]).files.flatMap((f) => readInputFile(f).docs);
  const copies = seeds.slice(0, 2).map((d, i) => ({ ...d, id: `copy${i}`, source: `copy${i}.txt`, content: d.content.replace(/杭州/g, "杭州市") }));
  return [...seeds, ...copies];
}

describe("evidence by pair key", () => {
  it("finds the same entry as the shard, in either order of the pair", () => {
    const lookup = openEvidenceLookup(out)!;
    expect(lookup).not.toBeNull();
    const pairs = ["alibaba", "zhejiang-lab"];
    const fromShard = readEvidence(out, pairs[0], pairs[1]);
    expect(fromShard).not.toBeNull();
    expect(lookup.get(pairs[0], pairs[1])).toEqual(fromShard);
    expect(lookup.get(pairs[1], pairs[0])).toEqual(fromShard);
    lookup.close();
    expect(lookupEvidence(out, "alibaba", "no-such-entity")).toBeNull();
    expect(lookupEvidence(join(work, "nothing-here"), "a", "b")).toBeNull();
  });
});

describe("compact near-duplicate index", () => {
  it("marks what NearDuplicateIndex marks", () => {
    const docs = corpus().map((r) => cleanDocument(r));
    const reference = new NearDuplicateIndex();
    const compact = new CompactNearDuplicateIndex(join(work, "dedup"));
    let marked = 0;
    for (const d of docs) {
      const want = reference.add(d);
      const got = applyDuplicateMarks(d, compact.add(d.id, documentShingles(d)));
      expect(got.sentences).toEqual(want.sentences);
      expect(got.paragraphs).toEqual(want.paragraphs);
      marked += want.sentences.filter((s) => s.duplicateOf).length;
    }
    compact.close();
    expect(marked).toBeGreaterThan(10);
  });
});

describe("graph accumulator", () => {
  it("gives the same graph and evidence fed in input order as buildGraph feeds it (by document id)", () => {
    const ctx = shippedContext();
    const index = new NearDuplicateIndex();
    const analyses = corpus().map((r) => analyseCleanDocument(index.add(cleanDocument(r)), ctx));
    for (const window of ["article", "sentence"] as const) {
      // The accumulator leaves metrics and layout to its caller: compare with the batch build without them.
      const want = buildGraph(analyses, ctx.dictionary, { window, metrics: false, layout: false });
      const acc = new GraphAccumulator(ctx.dictionary, new MemoryEvidenceSink(), { window });
      for (const a of analyses) acc.add(a.doc, a.mentions, a.roles);
      const got = acc.finish();
      expect(graphJsonString(got.graph)).toBe(graphJsonString(want.graph));
      expect(got.pairs).toEqual([...want.evidence.keys()]);
      for (const p of got.pairs) expect(acc.evidence(p), p).toEqual(want.evidence.get(p));
      expect(got.evidenceTotals).toEqual(want.evidenceTotals);
    }
  });
});

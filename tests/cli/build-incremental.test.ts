// Incremental builds and parallel extraction, through runBuild (in process: the CLI adds only argument
// parsing). A second build of the same input reuses everything; one new file is the only article
// processed; a dictionary change re-links every article without cleaning any again; and the output
// does not depend on the number of worker threads.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/pipeline/build.ts";
import { DEFAULT_DICTIONARY_DIR } from "../../src/link/dictionary.ts";
import { buildOptions } from "../helpers.ts";

const repo = join(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "guanxi-incremental-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const options = buildOptions;

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const allEvidence = (dir: string) => readdirSync(join(dir, "evidence")).map((f) => `evidence/${f}`);
const OUTPUTS = ["documents.jsonl", "mentions.jsonl", "roles.jsonl", "candidates.jsonl", "graph.json", "evidence/00.json"];

describe("incremental build", () => {
  const inputs = join(work, "inputs");
  const out = join(work, "out");
  cpSync(join(repo, "seeds"), inputs, { recursive: true });

  it("processes every article the first time, none the second, with the same output", async () => {
    const first = await runBuild(options([inputs], out));
    expect(first).toMatchObject({ documents: 5, processed: 5, relinked: 0, reused: 0 });
    const before = OUTPUTS.map((f) => { try { return read(out, f); } catch { return ""; } });
    const second = await runBuild(options([inputs], out));
    expect(second).toMatchObject({ documents: 5, processed: 0, relinked: 0, reused: 5 });
    expect(OUTPUTS.map((f) => { try { return read(out, f); } catch { return ""; } })).toEqual(before);
  });

  it("processes only an added file", async () => {
    // A new article that republishes part of seed 001 with a new sentence: it is near-duplicate
    // marked against the stored articles it was not built with.
    const seed = read(join(repo, "seeds"), "001_a0d1a62f7fd3dcd1.txt");
    writeFileSync(join(inputs, "005_added.txt"), `${seed.slice(0, 1500)}\n阿里巴巴与之江实验室在杭州签署合作协议。\n`);
    const third = await runBuild(options([inputs], out));
    // Appended after the five: the build goes on from the saved state, folding only the new article.
    expect(third).toMatchObject({ documents: 6, processed: 1, relinked: 0, reused: 5, resumed: 5 });
    // The same as building all six from scratch.
    const fresh = join(work, "fresh");
    await runBuild(options([inputs], fresh));
    for (const f of [...OUTPUTS, ...allEvidence(fresh), "graph.gexf", "warnings.jsonl"]) expect(read(out, f), f).toBe(read(fresh, f));
  });

  it("folds everything again when an article comes before the saved ones end, with the same output as a fresh build", async () => {
    const seed = read(join(repo, "seeds"), "003_fb79c2cc7258167d.txt");
    // Sorts between 003 and 004: the saved sequence no longer is a prefix of the inputs.
    writeFileSync(join(inputs, "003b_inserted.txt"), `${seed.slice(0, 1200)}\n网易在杭州发布新产品。\n`);
    const built = await runBuild(options([inputs], out));
    expect(built).toMatchObject({ documents: 7, processed: 1, reused: 6, resumed: 0 });
    const fresh = join(work, "fresh-inserted");
    await runBuild(options([inputs], fresh));
    for (const f of [...OUTPUTS, ...allEvidence(fresh), "graph.gexf"]) expect(read(out, f), f).toBe(read(fresh, f));
    // And the next append resumes from the state this build saved.
    writeFileSync(join(inputs, "006_appended.txt"), "之江实验室主任王坚在杭州出席会议。\n");
    expect(await runBuild(options([inputs], out))).toMatchObject({ documents: 8, processed: 1, resumed: 7 });
    const fresh2 = join(work, "fresh-appended");
    await runBuild(options([inputs], fresh2));
    for (const f of [...OUTPUTS, ...allEvidence(fresh2)]) expect(read(out, f), f).toBe(read(fresh2, f));
  });

  it("does not go on from a saved state whose output files are gone", async () => {
    const copy = join(work, "out-damaged");
    cpSync(out, copy, { recursive: true });
    rmSync(join(copy, "mentions.jsonl"));
    const built = await runBuild(options([inputs], copy));
    expect(built).toMatchObject({ documents: 8, processed: 0, resumed: 0 });
    for (const f of OUTPUTS) expect(read(copy, f), f).toBe(read(out, f));
  });

  it("re-links without re-cleaning when the dictionary changes", async () => {
    const dict = join(work, "dict");
    cpSync(DEFAULT_DICTIONARY_DIR, dict, { recursive: true });
    const file = join(dict, "company.yaml");
    writeFileSync(file, read(dict, "company.yaml").replace('aliases: ["阿里巴巴集团",', 'aliases: ["阿里巴巴集团", "阿里巴巴控股",'));
    const fourth = await runBuild(options([inputs], out, { dictionaryDir: dict }));
    expect(fourth).toMatchObject({ documents: 8, processed: 0, relinked: 8, reused: 0 });
    const fifth = await runBuild(options([inputs], out, { dictionaryDir: dict }));
    expect(fifth).toMatchObject({ processed: 0, relinked: 0, reused: 8, resumed: 8 });
  });

  it("leaves no temporary folder behind", async () => {
    expect(readdirSync(work).filter((f) => f.startsWith(".guanxi-tmp"))).toEqual([]);
  });
});

describe("parallel extraction", () => {
  it("gives the same output with 1 and 2 workers", async () => {
    const inputs = join(work, "parallel-inputs");
    cpSync(join(repo, "seeds"), inputs, { recursive: true });
    // Copies with edits, so near-duplicate marking (order dependent) has work to do across workers.
    const seed = read(join(repo, "seeds"), "000_cfefb0d88effab0e.txt");
    for (let i = 0; i < 6; i++) writeFileSync(join(inputs, `1${i}_copy.txt`), seed.replace(/。/g, i % 2 ? "。" : "。\n"));
    const one = join(work, "w1");
    const two = join(work, "w2");
    const r1 = await runBuild(options([inputs], one, { workers: 1 }));
    const r2 = await runBuild(options([inputs], two, { workers: 2 }));
    expect(r1.workers).toBe(0);
    expect(r2.workers).toBe(2);
    for (const f of [...OUTPUTS, "graph.gexf", "warnings.jsonl"]) expect(read(two, f), f).toBe(read(one, f));
  }, 120_000);
});

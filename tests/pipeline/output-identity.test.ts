// The refactors of the build engine must not change what a build writes: every output file of three
// builds (the seeds in the main thread; a generated corpus with two workers; the same corpus with the
// next day's articles, resumed from the saved state) is hashed and compared with the hashes recorded
// by the code before the change. A change that is meant to alter the output re-records them:
//   GUANXI_RECORD_OUTPUT_HASHES=1 npx vitest run tests/pipeline/output-identity.test.ts
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/generate.ts";
import { runBuild } from "../../src/pipeline/build.ts";
import { buildOptions } from "../helpers.ts";
import { fileHashes } from "./output-hashes.ts";

const RECORD = process.env.GUANXI_RECORD_OUTPUT_HASHES === "1";
const FIXTURE = path.join(import.meta.dirname, "../fixtures/output-hashes.json");
// Relative paths: documents.jsonl and build.json carry the inputs as given.
const WORK = "test-artifacts/output-identity";

describe("build outputs are byte-identical to the recorded ones", () => {
  it("seeds, a generated corpus with workers, and a resumed build", async () => {
    rmSync(WORK, { recursive: true, force: true });
    const corpus = generateCorpus(`${WORK}/corpus`, { articles: 400, seed: 7 });
    const seedsOut = `${WORK}/seeds-out`;
    const corpusOut = `${WORK}/corpus-out`;
    const resumedOut = `${WORK}/resumed-out`;
    await runBuild(buildOptions(["seeds"], seedsOut));
    await runBuild(buildOptions([path.relative(".", corpus.base)], corpusOut, { workers: 2 }));
    await runBuild(buildOptions([path.relative(".", corpus.base)], resumedOut));
    const resumed = await runBuild(buildOptions([path.relative(".", corpus.base), path.relative(".", corpus.extra)], resumedOut));
    expect(resumed.resumed).toBe(corpus.articles);
    const actual = {
      corpus: fileHashes(`${WORK}/corpus`),
      seeds: fileHashes(seedsOut),
      corpusWithWorkers: fileHashes(corpusOut),
      resumed: fileHashes(resumedOut),
    };
    if (RECORD) writeFileSync(FIXTURE, JSON.stringify(actual, null, 1) + "\n");
    expect(existsSync(FIXTURE), `${FIXTURE} is missing: record it (see the comment at the top)`).toBe(true);
    const expected = JSON.parse(readFileSync(FIXTURE, "utf8"));
    for (const key of Object.keys(expected)) expect(actual[key as keyof typeof actual], key).toEqual(expected[key]);
    rmSync(WORK, { recursive: true, force: true });
  }, 300_000);
});

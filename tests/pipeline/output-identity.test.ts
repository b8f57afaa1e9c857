// The refactors of the build engine must not change what a build writes: every output file of three
// builds (the seeds in the main thread; a generated corpus with two workers; the same corpus with the
// next day's articles, resumed from the saved state) is hashed and compared with the hashes recorded
// by the code before the change. A change that is meant to alter the output re-records them:
//   GUANXI_RECORD_OUTPUT_HASHES=1 npx vitest run tests/pipeline/output-identity.test.ts
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deserialize } from "node:v8";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/generate.ts";
import { runBuild } from "../../src/pipeline/build.ts";
import { buildOptions } from "../helpers.ts";

const RECORD = process.env.GUANXI_RECORD_OUTPUT_HASHES === "1";
const FIXTURE = path.join(import.meta.dirname, "../fixtures/output-hashes.json");
// Relative paths: documents.jsonl and build.json carry the inputs as given.
const WORK = "test-artifacts/output-identity";

/** Maps, Sets and typed arrays as plain arrays, for JSON. */
function plainValue(_key: string, v: unknown): unknown {
  if (v instanceof Map) return { map: [...v.entries()] };
  if (v instanceof Set) return { set: [...v] };
  if (ArrayBuffer.isView(v)) return { typed: Array.from(v as unknown as ArrayLike<number>) };
  return v;
}

/**
 * store.sqlite, as what it holds: every table's rows in key order, with the code versions left out. Those
 * are hashes of the source the stages declare: they change whenever a file moves, which is their job;
 * everything else in the store must not.
 */
function storeHash(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const h = createHash("sha256");
    for (const table of ["meta", "articles", "evidence", "state"]) {
      const rows = db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all() as Record<string, unknown>[];
      for (const row of rows) {
        const { clean_version: _c, link_version: _l, ...kept } = row;
        // The saved state by what it holds: v8's serialisation of equal values differs with how V8 happens to
        // store them (a string that came from a worker thread, a number held as an integer or a double).
        if (table === "state") {
          kept.key = String(kept.key).replace(/@.*/, "");
          kept.value = deserialize(kept.value as Buffer);
        }
        h.update(table).update(JSON.stringify(kept, plainValue)).update("\n");
      }
    }
    return h.digest("hex");
  } finally {
    db.close();
  }
}

/** Every file's hash by relative path (store.sqlite by its content, see storeHash); a folder of many files (the evidence shards) as one hash of its listing. */
function fileHashes(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const key = path.relative(base, p).split(path.sep).join("/");
    if (name === "store.sqlite") out[key] = storeHash(p);
    else if (!statSync(p).isDirectory()) out[key] = createHash("sha256").update(readFileSync(p)).digest("hex");
    else if (readdirSync(p).length > 32) out[`${key}/*`] = createHash("sha256").update(JSON.stringify(fileHashes(p))).digest("hex");
    else fileHashes(p, base, out);
  }
  return out;
}

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

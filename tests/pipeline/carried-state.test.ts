// Everything a build goes on from is verified against the counts and checksums the previous build
// recorded in build.json: a damaged file is named, and the build rebuilds from the inputs, giving the
// same files as a fresh build (store.sqlite compared by its rows, see output-hashes.ts; build.json by
// everything but its counts of reused articles and its record of checksums).
import { cpSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, appendFileSync, openSync, readSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { serialize } from "node:v8";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild, type BuildResult } from "../../src/pipeline/build.ts";
import { fileDigest } from "../../src/pipeline/resume.ts";
import { fileHashes } from "./output-hashes.ts";
import { smallBuild } from "./small-build.ts";

const small = smallBuild("guanxi-carried-");
afterAll(() => rmSync(small.work, { recursive: true, force: true }));

/** The previous output (two articles), and a fresh build of the three. */
const previous = join(small.work, "previous");
const fresh = join(small.work, "fresh");
let expected: Record<string, unknown>;

/** What two builds of the same inputs must share: every file, build.json less what depends on the build's history. */
function outputs(dir: string): Record<string, unknown> {
  const { "build.json": _, ...files } = fileHashes(dir);
  const { articles: _a, carried: _c, ...summary } = JSON.parse(readFileSync(join(dir, "build.json"), "utf8"));
  return { files, summary };
}

/** The carried files the previous build recorded, by name relative to the output folder. */
function recorded(dir: string): string[] {
  return Object.keys(JSON.parse(readFileSync(join(dir, "build.json"), "utf8")).carried ?? {});
}

beforeAll(async () => {
  await runBuild(small.options(previous));
  small.appendArticle();
  await runBuild(small.options(fresh));
  expected = outputs(fresh);
}, 300_000);

let runs = 0;
/** Copies the previous output, damages it, builds the three articles into it. */
async function rebuildAfter(damage: (out: string) => void): Promise<{ result: BuildResult; notes: string[]; out: string }> {
  const out = join(small.work, `run-${runs++}`);
  cpSync(previous, out, { recursive: true });
  damage(out);
  const notes: string[] = [];
  const result = await runBuild(small.options(out, { onNote: (line) => notes.push(line) }));
  return { result, notes, out };
}

function halve(file: string): void {
  truncateSync(file, Math.floor(statSync(file).size / 2));
}

describe("build.json records what the next build goes on from", () => {
  it("counts and checksums of the store, the line files, the near-duplicate files and the evidence candidates", () => {
    const record = JSON.parse(readFileSync(join(previous, "build.json"), "utf8")).carried;
    for (const name of ["store.sqlite", "documents.jsonl", "mentions.jsonl", "roles.jsonl", ".near-duplicates.sentences", ".near-duplicates.paragraphs", ".evidence-candidates/00", ".evidence-candidates/ff"]) {
      expect(record[name], name).toMatchObject({ bytes: statSync(join(previous, name)).size, sha256: expect.stringMatching(/^[0-9a-f]{32,64}$/) });
    }
    expect(record["documents.jsonl"].lines).toBe(2);
  });

  it("an undamaged output is gone on from", async () => {
    const { result, notes } = await rebuildAfter(() => {});
    expect(result).toMatchObject({ resumed: 2, processed: 1, damaged: [] });
    expect(notes.join("\n")).not.toMatch(/damaged/);
  });
});

describe("a damaged file is named and rebuilt from the inputs", () => {
  it("documents.jsonl and roles.jsonl cut to half (the issue's case)", async () => {
    const { result, notes, out } = await rebuildAfter((dir) => {
      halve(join(dir, "documents.jsonl"));
      halve(join(dir, "roles.jsonl"));
    });
    expect(result.resumed).toBe(0);
    expect(result.damaged).toEqual(expect.arrayContaining(["documents.jsonl", "roles.jsonl"]));
    expect(notes.join("\n")).toMatch(/documents\.jsonl/);
    expect(outputs(out)).toEqual(expected);
    expect(readFileSync(join(out, "documents.jsonl"), "utf8").trim().split("\n")).toHaveLength(3);
  });

  it("an evidence shard rewritten: the candidates that refer to it are not gone on from", async () => {
    // The saved candidates hold references into the shards, not the passages (src/evidence/spill.ts).
    let shard = "";
    const { result, notes, out } = await rebuildAfter((dir) => {
      const record = JSON.parse(readFileSync(join(dir, "build.json"), "utf8")).carried as Record<string, { bytes: number }>;
      const name = Object.keys(record).find((n) => n.startsWith(".evidence-candidates/") && record[n].bytes > 0)!;
      expect(readFileSync(join(dir, name), "utf8")).toMatch(/\t#\d+:\d+:[0-9a-f]+\n/);
      shard = `evidence/${name.slice(-2)}.json`;
      const text = readFileSync(join(dir, shard), "utf8");
      writeFileSync(join(dir, shard), text.replace(/"text":"(.)/, '"text":"X'));
    });
    expect(result.resumed).toBe(0);
    expect(result.damaged).toEqual([shard]);
    expect(notes.join("\n")).toContain(shard);
    expect(outputs(out)).toEqual(expected);
  });

  it("random bytes in .near-duplicates.sentences", async () => {
    const { result, notes, out } = await rebuildAfter((dir) => {
      const file = join(dir, ".near-duplicates.sentences");
      const fd = openSync(file, "r+");
      writeSync(fd, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03]), 0, 7, Math.floor(statSync(file).size / 3));
      closeSync(fd);
    });
    expect(result.damaged).toEqual([".near-duplicates.sentences"]);
    expect(notes.join("\n")).toMatch(/\.near-duplicates\.sentences/);
    expect(outputs(out)).toEqual(expected);
  });

  it("random pages in store.sqlite: named, not opened, every article built again", async () => {
    const { result, notes, out } = await rebuildAfter((dir) => {
      const file = join(dir, "store.sqlite");
      const fd = openSync(file, "r+");
      const page = Buffer.alloc(4096, 0x5a);
      for (const at of [1, 3]) writeSync(fd, page, 0, page.length, at * 4096);
      closeSync(fd);
    });
    expect(result.damaged).toEqual(["store.sqlite"]);
    expect(result).toMatchObject({ processed: 3, reused: 0 });
    expect(notes.join("\n")).toMatch(/store\.sqlite/);
    expect(outputs(out)).toEqual(expected);
  });

  it("a saved state that cannot be deserialised (another Node's format, say) is named, and the build starts over", async () => {
    const { result, notes, out } = await rebuildAfter((dir) => {
      const file = join(dir, "store.sqlite");
      const db = new Database(file);
      const bad = serialize({ x: 1 });
      bad[1] = 0xff; // a serialisation format version no Node reads
      db.prepare("UPDATE state SET value = ? WHERE key LIKE 'accumulator@%'").run(bad);
      db.close();
      // As if the previous build had written it so: the record matches, only the content cannot be read.
      const summary = JSON.parse(readFileSync(join(dir, "build.json"), "utf8"));
      summary.carried["store.sqlite"] = fileDigest(file, false);
      writeFileSync(join(dir, "build.json"), JSON.stringify(summary, null, 2));
    });
    expect(result.resumed).toBe(0);
    expect(result.damaged).toEqual(["store.sqlite"]);
    expect(notes.join("\n")).toMatch(/store\.sqlite.*saved state/);
    expect(outputs(out)).toEqual(expected);
  });

  it("a build.json that is not JSON: nothing is trusted, the output is still a fresh build's", async () => {
    const { result, out } = await rebuildAfter((dir) => writeFileSync(join(dir, "build.json"), "{ broken"));
    expect(result.damaged).toEqual(["build.json"]);
    expect(result).toMatchObject({ processed: 3, resumed: 0 });
    expect(outputs(out)).toEqual(expected);
  });
});

describe("damage of any kind to any carried file (fast-check)", () => {
  it("is named by the next build, whose outputs equal a fresh build's", async () => {
    const names = recorded(previous).concat("build.json");
    expect(names.length).toBeGreaterThan(10);
    const damage = fc.oneof(
      fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("flip" as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), mask: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant("append" as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), damage, async (name, d) => {
        const { result, out } = await rebuildAfter((dir) => {
          const file = join(dir, name);
          const size = statSync(file).size;
          // An empty file (a shard with no candidates) can only be added to.
          if (d.kind === "append" || size === 0) appendFileSync(file, d.kind === "append" ? d.bytes : Buffer.from([0]));
          else if (d.kind === "truncate") truncateSync(file, d.at % size);
          else {
            const fd = openSync(file, "r+");
            for (const at of d.at) {
              const byte = Buffer.alloc(1);
              readSync(fd, byte, 0, 1, at % size);
              byte[0] ^= d.mask;
              writeSync(fd, byte, 0, 1, at % size);
            }
            closeSync(fd);
          }
        });
        // build.json's own damage may leave its record readable (a changed count of documents): then nothing needs naming.
        if (name !== "build.json") expect(result.damaged, name).toContain(name);
        expect(outputs(out), `${name} ${JSON.stringify(d)}`).toEqual(expected);
        rmSync(out, { recursive: true, force: true });
      }),
      { numRuns: 14, seed: 20261202 },
    );
  }, 600_000);
});

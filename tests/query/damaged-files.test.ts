// A damaged graph.json or evidence shard is an error that names the file, in every query; a store that
// fails gives way to the shards.
import { cpSync, readdirSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/pipeline/build.ts";
import { loadBuild } from "../../src/query/load.ts";
import { readEvidence } from "../../src/evidence/shards.ts";
import { evidenceShardPath } from "../../src/evidence/key.ts";
import { main } from "../../src/cli/main.ts";
import { captureCommand } from "../helpers.ts";
import { smallBuild } from "../pipeline/small-build.ts";

const small = smallBuild("guanxi-damaged-query-");
const built = join(small.work, "out");
let pair: [string, string];
afterAll(() => rmSync(small.work, { recursive: true, force: true }));
beforeAll(async () => {
  await runBuild(small.options(built));
  const shard = readdirSync(join(built, "evidence"))[0];
  pair = Object.keys(JSON.parse(readFileSync(join(built, "evidence", shard), "utf8")))[0].split("|") as [string, string];
}, 300_000);

let copies = 0;
function damagedCopy(damage: (dir: string) => void): string {
  const dir = join(small.work, `copy-${copies++}`);
  cpSync(built, dir, { recursive: true });
  damage(dir);
  return dir;
}

describe("a damaged graph.json", () => {
  it("cut short: loading names the file", () => {
    const dir = damagedCopy((d) => truncateSync(join(d, "graph.json"), Math.floor(statSync(join(d, "graph.json")).size / 2)));
    expect(() => loadBuild(dir)).toThrow(join(dir, "graph.json"));
  });

  it("valid JSON that is not a graph: loading names the file", () => {
    const dir = damagedCopy((d) => writeFileSync(join(d, "graph.json"), '{"nodes": 3}'));
    expect(() => loadBuild(dir)).toThrow(join(dir, "graph.json"));
  });

  it("guanxi stats says which file, with exit code 1", async () => {
    const dir = damagedCopy((d) => writeFileSync(join(d, "graph.json"), "\u0000\u0001garbage"));
    const result = await captureCommand((argv) => main(["stats", ...argv]), [], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("graph.json");
  });
});

describe("a damaged evidence shard", () => {
  it("read directly: the error names the shard", () => {
    const dir = damagedCopy((d) => writeFileSync(join(d, evidenceShardPath(...pair)), '{"a|b": {"total"'));
    expect(() => readEvidence(dir, ...pair)).toThrow(evidenceShardPath(...pair));
  });

  it("a query whose store fails reads the shard; a damaged shard then is named", () => {
    const fallback = damagedCopy((d) => writeFileSync(join(d, "store.sqlite"), "not a database, not at all".repeat(200)));
    const build = loadBuild(fallback);
    try {
      expect(build.evidence(...pair)).toEqual(readEvidence(built, ...pair));
    } finally {
      build.close();
    }
    const both = damagedCopy((d) => {
      writeFileSync(join(d, "store.sqlite"), "not a database, not at all".repeat(200));
      writeFileSync(join(d, evidenceShardPath(...pair)), "[1, 2");
    });
    const broken = loadBuild(both);
    try {
      expect(() => broken.evidence(...pair)).toThrow(evidenceShardPath(...pair));
    } finally {
      broken.close();
    }
  });
});

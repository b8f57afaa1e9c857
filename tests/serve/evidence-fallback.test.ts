// `guanxi serve` answers a pair's evidence from store.sqlite, and from the pair's shard when the store
// fails (damaged, or missing the pair); a damaged shard is answered by an error naming it.
import { cpSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvidence } from "../../src/evidence/shards.ts";
import { runBuild } from "../../src/pipeline/build.ts";
import { startServer } from "../../src/serve/server.ts";
import { smallBuild } from "../pipeline/small-build.ts";

const small = smallBuild("guanxi-serve-fallback-");
const built = join(small.work, "out");
const viewer = join(small.work, "viewer");
let pair: [string, string];
afterAll(() => rmSync(small.work, { recursive: true, force: true }));
beforeAll(async () => {
  await runBuild(small.options(built));
  cpSync(join(import.meta.dirname, "../../viewer/dist"), viewer, { recursive: true });
  const shard = readdirSync(join(built, "evidence"))[0];
  const key = Object.keys(JSON.parse(readFileSync(join(built, "evidence", shard), "utf8")))[0];
  pair = key.split("|") as [string, string];
}, 300_000);

let copies = 0;
/** A copy of the build, damaged, served: the evidence API's answer for the pair. */
async function evidenceAfter(damage: (dir: string) => void): Promise<{ status: number; body: string; dir: string }> {
  const dir = join(small.work, `copy-${copies++}`);
  cpSync(built, dir, { recursive: true });
  damage(dir);
  const server = await startServer({ buildDir: dir, viewerDir: viewer, port: 0 });
  try {
    const res = await fetch(`${server.url}data/api/evidence?a=${encodeURIComponent(pair[0])}&b=${encodeURIComponent(pair[1])}`);
    return { status: res.status, body: await res.text(), dir };
  } finally {
    await server.close();
  }
}

function overwrite(file: string, at: number, bytes: Buffer): void {
  const fd = openSync(file, "r+");
  writeSync(fd, bytes, 0, bytes.length, at);
  closeSync(fd);
}

describe("serve's evidence when the store fails", () => {
  it("an undamaged store answers", async () => {
    const { status, body } = await evidenceAfter(() => {});
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual(readEvidence(built, ...pair));
    expect(JSON.parse(body).items.length).toBeGreaterThan(0);
  });

  it("a store whose header is damaged (not a database): the shard answers, not 'no evidence'", async () => {
    const { status, body } = await evidenceAfter((dir) => overwrite(join(dir, "store.sqlite"), 0, Buffer.alloc(100, 0x41)));
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual(readEvidence(built, ...pair));
  });

  it("a store with random pages: the shard answers", async () => {
    const { status, body } = await evidenceAfter((dir) => {
      for (let page = 1; page < 40; page++) overwrite(join(dir, "store.sqlite"), page * 4096, Buffer.alloc(4096, 0x5a));
    });
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual(readEvidence(built, ...pair));
  });

  it("a store that fails and a damaged shard: an error that names the shard", async () => {
    const { status, body } = await evidenceAfter((dir) => {
      overwrite(join(dir, "store.sqlite"), 0, Buffer.alloc(100, 0x41));
      for (const shard of readdirSync(join(dir, "evidence"))) writeFileSync(join(dir, "evidence", shard), '{"truncated');
    });
    expect(status).toBe(500);
    expect(body).toMatch(/evidence\/[0-9a-f]{2}\.json/);
  });
});

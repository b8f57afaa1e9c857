// One build at a time into an output folder: a second one fails at once, naming the build that holds
// the folder; a lock left by a killed build (its process gone) is taken over; temporary folders left
// by killed builds are removed by the next build.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/pipeline/build.ts";
import { smallBuild } from "./small-build.ts";

const small = smallBuild("guanxi-lock-");
afterAll(() => rmSync(small.work, { recursive: true, force: true }));

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("the output folder's lock", () => {
  it("a second build into the same folder while one runs fails clearly; the first completes", async () => {
    const out = join(small.work, "out");
    const first = runBuild(small.options(out));
    const second = runBuild(small.options(out));
    await expect(second).rejects.toThrow(new RegExp(`another build \\(pid ${process.pid}.*is writing ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    await expect(first).resolves.toMatchObject({ documents: 2 });
    // Released when done: the next build runs.
    await expect(runBuild(small.options(out))).resolves.toMatchObject({ documents: 2 });
    expect(readdirSync(small.work).filter((n) => n.startsWith(".guanxi-lock"))).toEqual([]);
  }, 300_000);

  it("a lock left by a process that is gone is taken over", async () => {
    const out = join(small.work, "out-stale");
    const pid = deadPid();
    writeFileSync(join(small.work, ".guanxi-lock-out-stale"), JSON.stringify({ pid, host: (await import("node:os")).hostname(), started: "2026-12-01T00:00:00.000Z", token: "x" }));
    const notes: string[] = [];
    await expect(runBuild(small.options(out, { onNote: (l) => notes.push(l) }))).resolves.toMatchObject({ documents: 2 });
    expect(notes.join("\n")).toMatch(new RegExp(`pid ${pid}`));
    expect(existsSync(join(small.work, ".guanxi-lock-out-stale"))).toBe(false);
  }, 300_000);
});

describe("temporary folders of killed builds", () => {
  it("are removed by the next build into the same folder, not those of other folders", async () => {
    const out = join(small.work, "out-tmp");
    const pid = deadPid();
    const stale = [`.guanxi-tmp-out-tmp-${pid}-1764633600000`, `.guanxi-tmp-out-tmp-${pid}-1764633600001-old`];
    const other = `.guanxi-tmp-other-${pid}-1764633600000`;
    for (const name of [...stale, other]) {
      mkdirSync(join(small.work, name));
      writeFileSync(join(small.work, name, "documents.jsonl"), "{}\n");
    }
    await runBuild(small.options(out));
    const left = readdirSync(small.work);
    for (const name of stale) expect(left, name).not.toContain(name);
    expect(left).toContain(other);
  }, 300_000);
});

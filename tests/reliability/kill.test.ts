// A build killed at any moment (SIGKILL) leaves the previous output complete and loadable, and the next
// build cleans up after it (its lock and temporary folder).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const bin = path.resolve("bin/guanxi.mjs");

function snapshot(out: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of ["documents.jsonl", "mentions.jsonl", "roles.jsonl", "graph.json", "graph.gexf"]) {
    files[name] = readFileSync(path.join(out, name), "utf8");
  }
  return files;
}

/** Runs a build and kills it after `ms`; resolves to whether it was killed (or had finished first). */
function killAfter(args: string[], ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === "SIGKILL");
    });
  });
}

describe("a killed build", () => {
  it("never damages the previous output, wherever it is killed", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "guanxi-kill-"));
    const out = path.join(work, "out");
    // The previous output: a build of two seeds.
    const first = spawnSync(process.execPath, [bin, "build", "seeds/001_a0d1a62f7fd3dcd1.txt", "seeds/002_61747138703a29e3.txt", "--out", out, "--quiet"], {
      encoding: "utf8",
    });
    expect(first.status).toBe(0);
    const before = snapshot(out);
    // Kill a build of all the seeds into the same folder at moments spread over its run: while the
    // dictionary loads, while articles are processed, while exports are written.
    const started = Date.now();
    const full = spawnSync(process.execPath, [bin, "build", "seeds", "--out", path.join(work, "timing"), "--quiet"]);
    expect(full.status).toBe(0);
    const duration = Date.now() - started;
    const after = snapshot(path.join(work, "timing"));
    let killed = 0;
    for (const fraction of [0.2, 0.4, 0.6, 0.75, 0.85, 0.95]) {
      const wasKilled = await killAfter(["build", "seeds", "--out", out, "--quiet"], Math.round(duration * fraction));
      if (wasKilled) {
        killed++;
        // Killed: the previous output is there, whole (or, killed after the swap, the new one whole).
        const now = snapshot(out);
        if (JSON.stringify(now) === JSON.stringify(after)) continue;
        expect(now).toEqual(before);
      } else {
        expect(snapshot(out)).toEqual(after);
        continue;
      }
      const stats = spawnSync(process.execPath, [bin, "stats", "--out", out, "--json"], { encoding: "utf8" });
      expect(stats.status).toBe(0);
      expect(JSON.parse(stats.stdout)).toBeTruthy();
    }
    expect(killed).toBeGreaterThanOrEqual(3);
    // A build that finishes replaces the output whole, taking over the lock a killed build left and
    // removing the temporary folders the killed builds left.
    const done = spawnSync(process.execPath, [bin, "build", "seeds", "--out", out, "--quiet"]);
    expect(done.status).toBe(0);
    expect(readdirSync(work).filter((name) => name.startsWith(".guanxi-tmp-") || name === ".guanxi-lock-out")).toEqual([]);
    expect(readFileSync(path.join(out, "documents.jsonl"), "utf8").trim().split("\n")).toHaveLength(5);
    expect(readdirSync(out)).toContain("graph.json");
  }, 300_000);
});

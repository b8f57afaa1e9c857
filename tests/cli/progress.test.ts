// A build's progress as a user sees it: on a terminal, articles with their rate and an ETA; otherwise
// (a log, CI) nothing while it runs and one summary line at the end, with per-document lines only on
// request (--verbose).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { progressLine } from "../../src/cli/progress.ts";

const repo = path.join(import.meta.dirname, "../..");
const bin = path.join(repo, "bin/guanxi.mjs");
const work = mkdtempSync(path.join(tmpdir(), "guanxi-progress-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("progress line", () => {
  it("counts articles, with their rate, the files and an ETA from the bytes read", () => {
    const line = progressLine({ articles: 1200, filesRead: 3, files: 12, bytesRead: 25, bytes: 100 }, 60, 20);
    expect(line).toContain("1,200 articles");
    expect(line).toContain("20/s");
    expect(line).toContain("file 3/12");
    // A quarter of the bytes in 60 s: three more minutes.
    expect(line).toContain("ETA 3 min 0 s");
    expect(line.startsWith("█".repeat(5) + "░".repeat(15))).toBe(true);
  });

  it("says it does not know the ETA before anything is read", () => {
    expect(progressLine({ articles: 0, filesRead: 0, files: 2, bytesRead: 0, bytes: 10 }, 1)).toContain("ETA ?");
  });
});

describe("guanxi build's report", () => {
  it("prints one summary line when stderr is not a terminal, and a line per document with --verbose", () => {
    const plain = spawnSync(process.execPath, [bin, "build", "seeds", "--out", path.join(work, "plain")], { cwd: repo, encoding: "utf8" });
    expect(plain.status).toBe(0);
    const lines = plain.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^built 5 document\(s\) into .*: \d+ entities, \d+ edges/);
    const verbose = spawnSync(process.execPath, [bin, "build", "seeds", "--out", path.join(work, "verbose"), "--verbose"], { cwd: repo, encoding: "utf8" });
    const vlines = verbose.stderr.trim().split("\n");
    expect(vlines).toHaveLength(6);
    expect(vlines[0]).toMatch(/^000_cfefb0d88effab0e: \d+ chars in, \d+ kept/);
  }, 120_000);

  it("documents --dict in its help, and answers --help with exit 0", () => {
    const help = spawnSync(process.execPath, [bin, "build", "--help"], { cwd: repo, encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--dict DIR");
  });
});

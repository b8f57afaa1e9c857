// A folder of bad inputs builds to completion: one warning per bad file, naming it (and the line),
// the good articles all present, exit code 0 unless --strict, and no stack trace.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const bin = path.resolve("bin/guanxi.mjs");
let work: string;
let result: ReturnType<typeof spawnSync>;

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "guanxi-bad-"));
  const input = path.join(work, "in");
  cpSync(path.resolve("tests/fixtures/bad-inputs"), input, { recursive: true });
  // A 50 MB article, and a file that is gone by the time the build reads it (a dangling link).
  writeFileSync(path.join(input, "huge.txt"), "余杭区之江实验室与阿里巴巴合作。".repeat(3_300_000));
  symlinkSync(path.join(work, "was-here.txt"), path.join(input, "vanished.txt"));
  result = spawnSync(process.execPath, [bin, "build", input, path.join(work, "no-such-folder"), "--out", path.join(work, "out")], {
    encoding: "utf8",
    timeout: 240_000,
  });
}, 300_000);

describe("a build over bad inputs", () => {
  it("completes with exit code 0 and no stack trace", () => {
    expect(result.status).toBe(0);
    expect(String(result.stderr)).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it("warns once per bad file, naming the file and the reason", () => {
    const warnings = readJsonl(path.join(work, "out", "warnings.jsonl")) as { file: string; line?: number; reason: string }[];
    const about = (name: string) => warnings.filter((w) => path.basename(w.file) === name);
    expect(about("binary.txt")).toHaveLength(1);
    expect(about("empty.txt")).toHaveLength(1);
    expect(about("vanished.txt")).toHaveLength(1);
    expect(about("no-such-folder")).toHaveLength(1);
    expect(about("huge.txt")).toHaveLength(1);
    expect(about("huge.txt")[0].reason).toMatch(/longer than/);
    expect(about("broken.jsonl").map((w) => w.line).sort()).toEqual([2, 4]);
    const stderr = String(result.stderr);
    expect(stderr).toMatch(/binary\.txt/);
    expect(stderr).toMatch(/broken\.jsonl:2/);
  });

  it("builds every good article, the undeclared GBK and Big5 ones and the malformed HTML included", () => {
    const docs = readJsonl(path.join(work, "out", "documents.jsonl")) as { id: string; text: string }[];
    const ids = docs.map((d) => d.id).sort();
    expect(ids).toEqual(["big5-undeclared", "broken#1", "broken#3", "broken#5", "gbk-undeclared", "good", "huge", "malformed"]);
    const text = (id: string) => docs.find((d) => d.id === id)!.text;
    expect(text("gbk-undeclared")).toContain("杭州市余杭区召开经济高质量发展大会");
    expect(text("big5-undeclared")).toContain("之江實驗室與阿里巴巴");
    expect(text("malformed")).toContain("强脑科技展示新产品");
    const mentions = readJsonl(path.join(work, "out", "mentions.jsonl")) as { doc: string; label: string }[];
    expect(mentions.some((m) => m.doc === "big5-undeclared" && m.label === "之江实验室")).toBe(true);
  });

  it("fails with --strict when anything was skipped", () => {
    const strict = spawnSync(process.execPath, [bin, "build", path.resolve("tests/fixtures/bad-inputs"), "--out", path.join(work, "out-strict"), "--strict", "--quiet"], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(strict.status).toBe(1);
  });
});

// A build refuses to run on an invalid dictionary rather than guess, naming file, line and a fix.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const bin = path.resolve("bin/guanxi.mjs");

describe("an invalid dictionary", () => {
  it("stops the build before anything is written, and says where and how to fix it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "guanxi-baddict-"));
    writeFileSync(
      path.join(dir, "company.yaml"),
      "- id: alibaba\n  label: 阿里巴巴\n  type: company\n  name_en: Alibaba\n- id: Bad Id\n  label: 某公司\n  type: firm\n  name_en: Some\n",
    );
    const out = path.join(dir, "out");
    const run = spawnSync(process.execPath, [bin, "build", "seeds/001_a0d1a62f7fd3dcd1.txt", "--dict", dir, "--out", out], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/company\.yaml:5: error: field `id`/);
    expect(run.stderr).toMatch(/company\.yaml:7: error: field `type`.*fix: use one of person, company/);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(spawnSync("test", ["-e", out]).status).toBe(1);
  });

  it("is reported by guanxi dict check with a failing exit code", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "guanxi-baddict-"));
    writeFileSync(path.join(dir, "person.yaml"), "- id: a\n  label: 甲\n  type: person\n  name_en: A Person\n  aliases: [乙]\n- id: a\n  label: 丙丁\n  type: person\n  name_en: \"\"\n");
    const run = spawnSync(process.execPath, [bin, "dict", "check", "--dir", dir], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/person\.yaml:6: error: duplicate id a/);
    expect(run.stdout).toMatch(/one-character alias “乙”/);
  });

  it("an empty --dict folder stops the build: no 0-entity graph with exit 0", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "guanxi-emptydict-"));
    mkdirSync(path.join(dir, "dict"));
    const out = path.join(dir, "out");
    const run = spawnSync(process.execPath, [bin, "build", "seeds/001_a0d1a62f7fd3dcd1.txt", "--dict", path.join(dir, "dict"), "--out", out], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/dict: error: no dictionary entries in this folder/);
    expect(spawnSync("test", ["-e", out]).status).toBe(1);
  });
});

describe("build options", () => {
  it("an unsupported --gexf-version is an error listing the supported ones, not a silent 1.3", async () => {
    const { run } = await import("../../src/cli/commands/build.ts");
    await expect(run(["seeds/001_a0d1a62f7fd3dcd1.txt", "--out", path.join(tmpdir(), "guanxi-never-built"), "--gexf-version", "9"])).rejects.toThrow(
      /--gexf-version must be 1\.3 or 1\.2draft, not 9/,
    );
  });
});

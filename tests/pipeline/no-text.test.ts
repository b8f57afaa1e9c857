// A page that holds only scripts cleans to no text: the build names the file in a warning, leaves the
// article out of its outputs and goes on; a build that goes on from the saved state says it again.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/pipeline/build.ts";
import { buildOptions } from "../helpers.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "guanxi-no-text-"));
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "a-article.txt"), "区委书记刘颖出席大会并讲话。\n之江实验室主任王坚出席签约仪式。");
  writeFileSync(
    join(dir, "in", "b-scripts.html"),
    '<!doctype html><html><head><title></title><script>var ct = "x";</script><style>body{margin:0}</style></head><body><script src="app.js"></script><noscript></noscript><svg><text>图</text></svg></body></html>',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("an HTML page of scripts only", () => {
  it("is a warning naming the file, not a document, and the build goes on", async () => {
    const out = join(dir, "out");
    const first = await runBuild(buildOptions([join(dir, "in")], out));
    const docs = readFileSync(join(out, "documents.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string });
    expect(docs.map((d) => d.id)).toEqual(["a-article"]);
    expect(first.documents).toBe(1);
    const warning = first.warnings.find((w) => w.file.endsWith("b-scripts.html"));
    expect(warning?.reason).toMatch(/no text once cleaned .*scripts.*left out/);
    expect(readFileSync(join(out, "warnings.jsonl"), "utf8")).toContain("b-scripts.html");

    const again = await runBuild(buildOptions([join(dir, "in")], out));
    expect(again.resumed).toBe(2);
    expect(again.warnings.filter((w) => w.file.endsWith("b-scripts.html"))).toEqual([warning]);
  }, 120_000);
});

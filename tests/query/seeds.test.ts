// The acceptance checks on the seed articles, through the real pipeline: `guanxi build` into a
// temporary folder, then the query commands as a user runs them.

import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBuild, roles, who, withPair } from "../../src/query/index.ts";
import { readEvidence } from "../../src/evidence/shards.ts";
import { lookupEvidence } from "../../src/store/store.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SEED_001 = "seeds/001_a0d1a62f7fd3dcd1.txt";
const SEED_004 = "seeds/004_5168063a1af2bf1e.txt";

let tmp: string;
const out = (name: string) => join(tmp, name);

function guanxi(...args: string[]): string {
  return execFileSync(process.execPath, [join(ROOT, "bin/guanxi.mjs"), ...args], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "guanxi-seeds-"));
  guanxi("build", SEED_001, "--out", out("001"));
  guanxi("build", SEED_004, "--out", out("004"));
  guanxi("build", SEED_001, SEED_004, "--out", out("001+004"));
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("seed 001", () => {
  it("who 刘颖 includes 杨建根, 王坚 and 阿里巴巴 at article level, not 杨建根 at sentence level", () => {
    const text = guanxi("who", "刘颖", "--out", out("001"), "--limit", "0", "--window", "article");
    for (const name of ["杨建根", "王坚", "阿里巴巴"]) expect(text).toContain(name);
    const build = loadBuild(out("001"));
    const article = who(build, "刘颖", { window: "article" }).rows.map((r) => r.label);
    expect(article).toEqual(expect.arrayContaining(["杨建根", "王坚", "阿里巴巴"]));
    const sentence = who(build, "刘颖", { window: "sentence" }).rows.map((r) => r.label);
    expect(sentence).not.toContain("杨建根");
    const json = JSON.parse(guanxi("who", "刘颖", "--window", "sentence", "--json", "--limit", "0", "--out", out("001")));
    expect(json.rows.map((r: { label: string }) => r.label)).not.toContain("杨建根");
  });

  it('with Alibaba "Zhejiang Lab" prints the passages where both stand, closest level first', () => {
    const text = guanxi("with", "Alibaba", "Zhejiang Lab", "--out", out("001"));
    expect(text).toContain("阿里巴巴");
    expect(text).toContain("之江实验室");
    const r = withPair(loadBuild(out("001")), "Alibaba", "Zhejiang Lab");
    expect(r.passages.length).toBeGreaterThan(0);
    const order = { sentence: 0, paragraph: 1, article: 2 } as const;
    const levels = r.passages.map((p) => order[p.level]);
    expect(levels).toEqual([...levels].sort((x, y) => x - y));
    expect(r.passages[0].text).toContain("阿里巴巴");
    expect(r.passages[0].text).toContain("之江实验室");
    expect(r.passages[0].source).toContain("001_a0d1a62f7fd3dcd1");
  });

  it("roles 王坚 gives 院士 (中国工程院), 主任 (之江实验室) and 名誉镇长 (人工智能小镇)", () => {
    const r = roles(loadBuild(out("001")), "王坚");
    const held = r.rows.map((x) => `${x.title} (${x.org_label})`);
    expect(held).toEqual(expect.arrayContaining(["院士 (中国工程院)", "主任 (之江实验室)", "名誉镇长 (人工智能小镇)"]));
    const text = guanxi("roles", "王坚", "--out", out("001"));
    expect(text).toMatch(/院士\s+中国工程院/);
  });

  it("with reads a pair's evidence from the store by key, the same entry as its shard", () => {
    const build = loadBuild(out("001"));
    const fromStore = lookupEvidence(out("001"), "alibaba", "zhejiang-lab");
    expect(fromStore?.items.length).toBeGreaterThan(0);
    expect(fromStore).toEqual(readEvidence(out("001"), "alibaba", "zhejiang-lab"));
    // The store indexes the shards (one copy of the evidence): without them, the error names the missing file.
    const copy = out("001-no-shards");
    cpSync(out("001"), copy, { recursive: true });
    rmSync(join(copy, "evidence"), { recursive: true });
    const fromCopy = loadBuild(copy);
    expect(withPair(build, "阿里巴巴", "之江实验室").passages.length).toBeGreaterThan(0);
    expect(() => withPair(fromCopy, "阿里巴巴", "之江实验室")).toThrow(/evidence\/[0-9a-f]{2}\.json is missing/);
    fromCopy.close();
    build.close();
  });

  it("resolves English names case-insensitively", () => {
    const build = loadBuild(out("001"));
    for (const name of ["alibaba", "Zhejiang Lab", "BrainCo"]) expect(() => who(build, name)).not.toThrow();
  });
});

describe("seeds 001 and 004 together", () => {
  it("give the pairs of their shared lead article the weights of 001 alone", () => {
    const alone = loadBuild(out("001"));
    const only004 = loadBuild(out("004"));
    const both = loadBuild(out("001+004"));
    let compared = 0;
    alone.graph.forEachEdge((edge, a, s, t) => {
      if (a.kind !== "co-mention") return;
      // Pairs that stand together only in 001's lead article (article 0), and that 004 (the
      // republication of that article) holds as well.
      const items = alone.evidence(s, t)?.items.filter((e) => e.level === "article") ?? [];
      if (a.article !== 1 || items.length !== 1 || items[0].index !== 0) return;
      if (!only004.graph.hasEdge(edge)) return;
      const b = both.graph.getEdgeAttributes(edge);
      if (b.kind !== "co-mention") throw new Error(`${edge} is not a co-mention`);
      expect({ edge, sentence: b.sentence, paragraph: b.paragraph, article: b.article, documents: b.documents }).toEqual({
        edge,
        sentence: a.sentence,
        paragraph: a.paragraph,
        article: a.article,
        documents: a.documents,
      });
      compared++;
    });
    expect(compared).toBeGreaterThan(50);
  });
});

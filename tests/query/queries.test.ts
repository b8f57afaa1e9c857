import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import stringWidth from "string-width";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { exportAll } from "../../src/export/index.ts";
import { writeEvidenceMap } from "../../src/evidence/shards.ts";
import { buildGraph } from "../../src/graph/build.ts";
import { AmbiguousNameError, loadBuild, passagesWithin, path, renderTable, resolveEntity, roles, stats, UnknownNameError, who, withPair, type Build } from "../../src/query/index.ts";
import { run as runWho } from "../../src/cli/commands/who.ts";
import { run as runWith } from "../../src/cli/commands/with.ts";
import { run as runRoles } from "../../src/cli/commands/roles.ts";
import { run as runStats } from "../../src/cli/commands/stats.ts";
import { run as runPath } from "../../src/cli/commands/path.ts";
import { analysesAB, fixtureDictionary } from "../graph/fixtures.ts";
import { captureCommand } from "../helpers.ts";

let dir: string;
let build: Build;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "guanxi-query-"));
  const analyses = analysesAB();
  const built = buildGraph(analyses, fixtureDictionary());
  exportAll(dir, built.graph);
  writeEvidenceMap(dir, built.evidence, built.evidenceTotals);
  // What the build command writes beside the graph.
  writeFileSync(join(dir, "roles.jsonl"), analyses.flatMap((a) => a.roles).map((r) => JSON.stringify(r)).join("\n") + "\n");
  writeFileSync(join(dir, "documents.jsonl"), analyses.map(({ doc }) => JSON.stringify({ id: doc.id, source: doc.source, title: doc.title, date: doc.date, text: doc.text })).join("\n") + "\n");
  build = loadBuild(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capture = (run: (argv: string[]) => Promise<number>, argv: string[]) => captureCommand(run, argv, dir);

describe("resolveEntity", () => {
  it("resolves by id, label, alias and English name, ignoring case and width", () => {
    expect(resolveEntity(build, "alibaba")).toBe("alibaba");
    expect(resolveEntity(build, "阿里巴巴")).toBe("alibaba");
    expect(resolveEntity(build, "ALIBABA")).toBe("alibaba");
    expect(resolveEntity(build, "alibaba group")).toBe("alibaba");
    expect(resolveEntity(build, "zhejiang lab")).toBe("zhejiang-lab");
    expect(resolveEntity(build, "Ｚｈｅｊｉａｎｇ　Ｌａｂ")).toBe("zhejiang-lab");
    expect(resolveEntity(build, "工程院")).toBe("cae");
    expect(resolveEntity(build, "  王坚 ")).toBe("wang-jian");
  });

  it("lists the options of an ambiguous name and suggests near names for an unknown one", () => {
    let err: unknown;
    try {
      resolveEntity(build, "阿里");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AmbiguousNameError);
    expect((err as AmbiguousNameError).options.map((o) => o.id)).toEqual(["ali-prefecture", "alibaba"]);
    expect((err as Error).message).toContain("阿里地区");
    expect(() => resolveEntity(build, "nobody")).toThrow(UnknownNameError);
    try {
      resolveEntity(build, "实验");
    } catch (e) {
      expect((e as UnknownNameError).suggestions.map((s) => s.id)).toEqual(["zhejiang-lab"]);
    }
  });
});

describe("queries", () => {
  it("who ranks co-mentioned entities by weight, with evidence", () => {
    const r = who(build, "王坚", { window: "article" });
    expect(r.window).toBe("article");
    expect(r.rows[0].id).toBe("zhejiang-lab");
    expect(r.rows[0]).toMatchObject({ weight: 2, documents: 2, roles: ["主任"] });
    expect(r.rows.map((x) => x.id)).toEqual(expect.arrayContaining(["liu-ying", "yang-jiangen", "alibaba", "cae"]));
    for (const row of r.rows) {
      expect(row.evidence.length).toBeGreaterThanOrEqual(1);
      expect(row.evidence.length).toBeLessThanOrEqual(3);
    }
    // Closest level first: the sentence that holds both comes before wider windows.
    expect(r.rows[0].evidence[0].level).toBe("sentence");
  });

  it("who switches window level, filters by type and limits", () => {
    const article = who(build, "刘颖", { window: "article" }).rows.map((x) => x.id);
    expect(article).toEqual(expect.arrayContaining(["yang-jiangen", "wang-jian", "alibaba"]));
    expect(who(build, "刘颖", { window: "paragraph" }).rows.map((x) => x.id)).toEqual(["yang-jiangen"]);
    expect(who(build, "刘颖", { window: "sentence" }).rows).toEqual([]);
    expect(who(build, "王坚", { type: "place", window: "article" }).rows.map((x) => x.id).sort()).toEqual(["ai-town", "ali-prefecture"]);
    const limited = who(build, "王坚", { limit: 2, window: "article" });
    expect(limited.rows).toHaveLength(2);
    expect(limited.total).toBe(7);
  });

  it("with gives every passage, closest level first, with source and title", () => {
    const r = withPair(build, "Alibaba", "王坚");
    expect(r.total).toEqual({ sentence: 1, paragraph: 1, article: 1 });
    expect(r.passages).toHaveLength(1);
    expect(r.passages[0]).toMatchObject({ level: "sentence", text: "王坚与阿里巴巴负责人交流。", source: "seeds/doc-a.txt", title: "余杭区经济高质量发展大会举行" });
    const wide = withPair(build, "刘颖", "王坚");
    expect(wide.passages.map((p) => p.level)).toEqual(["article"]);
    const both = withPair(build, "王坚", "之江实验室");
    expect(both.roles.map((x) => x.title)).toEqual(["主任"]);
    expect(both.passages.map((p) => p.level)).toEqual(["sentence", "sentence"]);
    expect(() => withPair(build, "王坚", "wang-jian")).toThrow(/same entity/);
  });

  it("passagesWithin orders by level and drops repeats", () => {
    const base = { doc: "d", start: 0, end: 5, text: "x", source: "s" };
    const items = [
      { ...base, level: "article" as const, index: 0 },
      { ...base, level: "sentence" as const, index: 0 },
      { ...base, level: "paragraph" as const, index: 0, start: 10, end: 20 },
    ];
    expect(passagesWithin(items).map((e) => e.level)).toEqual(["sentence", "paragraph"]);
    expect(passagesWithin(items, "sentence")).toHaveLength(1);
  });

  it("path finds the shortest chain over co-mentions and roles", () => {
    const r = path(build, "刘颖", "阿里地区", { window: "article" });
    expect(r.found).toBe(true);
    expect(r.hops).toBe(2);
    expect(r.nodes.map((n) => n.id)).toEqual(["liu-ying", "wang-jian", "ali-prefecture"]);
    expect(path(build, "刘颖", "阿里地区", { window: "sentence" }).found).toBe(false);
    const viaRole = path(build, "王坚", "人工智能小镇", { window: "sentence" });
    expect(viaRole.steps[0].roles).toEqual(["名誉镇长"]);
  });

  it("roles lists a person's titles and an organisation's title holders", () => {
    const r = roles(build, "王坚");
    expect(r.as).toBe("person");
    expect(r.rows.map((x) => `${x.title} (${x.org_label})`).sort()).toEqual(["主任 (之江实验室)", "名誉镇长 (人工智能小镇)", "院士 (中国工程院)"].sort());
    // Stated in doc-a and in doc-b's copy: two statements in two documents.
    expect(r.rows.find((x) => x.title === "院士")).toMatchObject({ count: 2, documents: 2 });
    const org = roles(build, "Zhejiang Lab");
    expect(org.as).toBe("organisation");
    expect(org.rows.map((x) => [x.person_label, x.title])).toEqual([["王坚", "主任"]]);
  });

  it("stats counts what the build holds", () => {
    const s = stats(build);
    expect(s).toMatchObject({ documents: 2, entities: 8, candidates: 0, roleEdges: 3, window: "article" });
    expect(s.coMentionEdges.article).toBeGreaterThan(s.coMentionEdges.sentence);
    expect(s.byType.person).toBe(3);
    expect(s.top[0].id).toBe("wang-jian");
  });
});

describe("renderTable", () => {
  it("lines up columns holding Chinese by display width", () => {
    const rows = [
      { name: "王坚", en: "Wang Jian", n: 12 },
      { name: "人工智能小镇", en: "AI Town", n: 3 },
      { name: "BrainCo", en: "强脑科技", n: 100 },
    ];
    const text = renderTable(rows, [
      { header: "名称", value: (r) => r.name },
      { header: "English", value: (r) => r.en },
      { header: "n", value: (r) => r.n, align: "right" },
    ]);
    const lines = text.split("\n");
    expect(lines).toHaveLength(5);
    // Every line's second column starts at the same display column.
    const starts = lines.map((l) => {
      const cut = l.search(/\s{2}\S/);
      return stringWidth(l.slice(0, cut + 2));
    });
    expect(new Set(starts).size).toBe(1);
    // Right-aligned numbers end at the same display column.
    const widths = lines.filter((_, i) => i !== 1).map((l) => stringWidth(l));
    expect(new Set(widths).size).toBe(1);
  });

  it("cuts long cells by display width", () => {
    const text = renderTable([{ t: "中国工程院院士、之江实验室主任王坚出席大会" }], [{ header: "t", value: (r) => r.t, maxWidth: 10 }]);
    const cell = text.split("\n")[2];
    expect(stringWidth(cell)).toBeLessThanOrEqual(10);
    expect(cell.endsWith("…")).toBe(true);
  });
});

describe("query commands", () => {
  it("print a table, or JSON with --json", async () => {
    const table = await capture(runWho, ["王坚", "--limit", "3", "--window", "article"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("之江实验室");
    expect(table.stdout).toContain("中国工程院院士、之江实验室主任王坚出席。");
    const json = await capture(runWho, ["王坚", "--json", "--window", "sentence"]);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.window).toBe("sentence");
    expect(parsed.rows[0].id).toBe("zhejiang-lab");
    for (const [run, argv] of [
      [runWith, ["Alibaba", "王坚"]],
      [runRoles, ["王坚"]],
      [runStats, []],
      [runPath, ["刘颖", "阿里地区", "--window", "article"]],
    ] as const) {
      const r = await capture(run, [...argv, "--json"]);
      expect(r.code).toBe(0);
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
    const rolesOut = await capture(runRoles, ["王坚"]);
    expect(rolesOut.stdout).toMatch(/院士\s+中国工程院/);
  });

  it("exit with 2 and a clear message for an unknown or ambiguous name", async () => {
    const unknown = await capture(runWho, ["nobody"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no entity called "nobody"');
    const ambiguous = await capture(runWith, ["阿里", "王坚"]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("ali-prefecture");
    expect(ambiguous.stderr).toContain("alibaba");
    const badWindow = await capture(runWho, ["王坚", "--window", "page"]);
    expect(badWindow.code).toBe(2);
  });

  it("say so when the folder holds no build", async () => {
    const out: string[] = [];
    const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
    const code = await runStats(["--out", join(dir, "missing")]);
    error.mockRestore();
    expect(code).toBe(1);
    expect(out.join("\n")).toContain("guanxi build");
  });
});

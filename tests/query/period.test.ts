import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { exportAll } from "../../src/export/index.ts";
import { writeEvidenceMap } from "../../src/evidence/shards.ts";
import { buildGraph } from "../../src/graph/build.ts";
import { loadBuild, path, roles, stats, who, withPair, type Build } from "../../src/query/index.ts";
import { countIn, parsePeriod } from "../../src/query/period.ts";
import { timeline } from "../../src/query/timeline.ts";
import { run as runWho } from "../../src/cli/commands/who.ts";
import { run as runTimeline } from "../../src/cli/commands/timeline.ts";
import { run as runStats } from "../../src/cli/commands/stats.ts";
import { DOC_A, DOC_B, fixtureDictionary, makeAnalysis, type DocSpec } from "../graph/fixtures.ts";
import { captureCommand } from "../helpers.ts";

/** April: 王坚 with 之江实验室 only. */
const DOC_C: DocSpec = {
  id: "doc-c",
  title: "之江实验室论坛",
  date: "2025-04-10",
  articles: [[[{ text: "之江实验室主任王坚出席论坛。" }]]],
  roles: [{ person: "wang-jian", person_label: "王坚", title: "主任", org: "zhejiang-lab", org_label: "之江实验室", sentence: 0 }],
};
/** June: 刘颖 with 阿里巴巴 only. */
const DOC_E: DocSpec = { id: "doc-e", title: "区领导走访企业", date: "2025-06-03", articles: [[[{ text: "刘颖走访阿里巴巴。" }]]] };
/** No date: in no period. */
const DOC_F: DocSpec = { id: "doc-f", articles: [[[{ text: "王坚与刘颖交流。" }]]] };

let dir: string;
let build: Build;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "guanxi-period-"));
  const analyses = [DOC_A, DOC_B, DOC_C, DOC_E, DOC_F].map((d) => makeAnalysis(d));
  const built = buildGraph(analyses, fixtureDictionary());
  exportAll(dir, built.graph);
  writeEvidenceMap(dir, built.evidence, built.evidenceTotals);
  writeFileSync(join(dir, "roles.jsonl"), analyses.flatMap((a) => a.roles).map((r) => JSON.stringify(r)).join("\n") + "\n");
  writeFileSync(join(dir, "documents.jsonl"), analyses.map(({ doc }) => JSON.stringify({ id: doc.id, source: doc.source, title: doc.title, date: doc.date ?? null })).join("\n") + "\n");
  build = loadBuild(dir);
});
afterAll(() => {
  build.close();
  rmSync(dir, { recursive: true, force: true });
});

const capture = (run: (argv: string[]) => Promise<number>, argv: string[]) => captureCommand(run, argv, dir);

describe("parsePeriod", () => {
  it("takes months and years, both ends included", () => {
    expect(parsePeriod("2025-04", undefined)).toEqual({ since: "2025-04" });
    expect(parsePeriod("2025", "2025")).toEqual({ since: "2025-01", until: "2025-12" });
    expect(parsePeriod(undefined, "2025-4")).toEqual({ until: "2025-04" });
    expect(parsePeriod(undefined, undefined)).toBeUndefined();
    expect(countIn({ "2025-02": 2, "2025-04": 1, "2025-06": 5 }, { since: "2025-03", until: "2025-06" })).toBe(6);
  });
  it("refuses days, nonsense and empty periods, saying why", () => {
    expect(() => parsePeriod("2025-04-01", undefined)).toThrow(/counted by month.*2025-04/);
    expect(() => parsePeriod("April", undefined)).toThrow(/--since must be a month/);
    expect(() => parsePeriod("2025-13", undefined)).toThrow(/--since must be a month/);
    expect(() => parsePeriod("2025-06", "2025-02")).toThrow(/empty/);
  });
});

describe("queries in a period", () => {
  it("who: only the ties of the period, ranked by its documents, with its evidence", () => {
    const all = who(build, "王坚");
    expect(all.rows.map((r) => r.id)).toContain("liu-ying");
    const april = who(build, "王坚", { period: parsePeriod("2025-04", undefined) });
    expect(april.rows.map((r) => [r.id, r.inPeriod])).toEqual([["zhejiang-lab", 1]]);
    expect(april.total).toBe(1);
    expect(april.rows[0].evidence.length).toBeGreaterThan(0);
    for (const e of april.rows[0].evidence) expect(e.doc).toBe("doc-c");
    const feb = who(build, "王坚", { period: parsePeriod("2025-02", "2025-02") });
    expect(feb.rows.find((r) => r.id === "zhejiang-lab")?.inPeriod).toBe(2);
    for (const r of feb.rows) for (const e of r.evidence) expect(e.date?.slice(0, 7)).toBe("2025-02");
    // 刘颖 and 王坚 also meet in the undated doc-f: that counts in no period.
    expect(feb.rows.find((r) => r.id === "liu-ying")?.inPeriod).toBe(2);
  });
  it("with: the documents and passages of the period", () => {
    const r = withPair(build, "王坚", "之江实验室", { period: parsePeriod("2025-03", undefined) });
    expect(r.inPeriod).toBe(1);
    expect(r.passages.map((e) => e.doc)).toEqual(["doc-c"]);
    expect(r.total.article).toBeGreaterThan(1); // the whole build's count is still given
    expect(r.roles.map((x) => x.title)).toEqual(["主任"]);
    expect(withPair(build, "王坚", "之江实验室", { period: parsePeriod("2025-05", undefined) }).roles).toEqual([]);
  });
  it("path: over the ties of the period only", () => {
    expect(path(build, "王坚", "刘颖").found).toBe(true);
    expect(path(build, "王坚", "刘颖", { period: parsePeriod("2025-02", "2025-02") }).hops).toBe(1);
    expect(path(build, "王坚", "刘颖", { period: parsePeriod("2025-03", undefined) }).found).toBe(false);
  });
  it("roles: the statements of the period", () => {
    expect(roles(build, "王坚").rows.map((r) => r.title).sort()).toEqual(["主任", "名誉镇长", "院士"]);
    const april = roles(build, "王坚", { period: parsePeriod("2025-04", "2025-04") });
    expect(april.rows.map((r) => [r.title, r.org_label, r.count])).toEqual([["主任", "之江实验室", 1]]);
  });
  it("stats: the documents of the period and what they name", () => {
    const all = stats(build);
    expect(all).toMatchObject({ documents: 5, firstDate: "2025-02-01", lastDate: "2025-06-03", undated: 1 });
    const later = stats(build, { period: parsePeriod("2025-04", undefined) });
    expect(later.documents).toBe(2);
    expect(later.entities).toBe(4); // 王坚, 之江实验室, 刘颖, 阿里巴巴
    expect(later.coMentionEdges.article).toBe(2);
    expect(later.roleEdges).toBe(1);
  });
});

describe("timeline", () => {
  it("lists every month from first to last, with who came and who went", () => {
    const t = timeline(build, "王坚");
    expect(t.firstDate).toBe("2025-02-01");
    expect(t.lastDate).toBe("2025-04-10");
    expect(t.buildLastMonth).toBe("2025-06");
    expect(t.months.map((m) => [m.month, m.documents, m.active.length])).toEqual([
      ["2025-02", 2, t.months[0].active.length],
      ["2025-03", 0, 0],
      ["2025-04", 1, 1],
    ]);
    const feb = t.months[0];
    expect(feb.came.map((x) => x.id)).toEqual(expect.arrayContaining(["liu-ying", "zhejiang-lab", "alibaba"]));
    expect(feb.went.map((x) => x.id)).toContain("liu-ying");
    expect(feb.went.map((x) => x.id)).not.toContain("zhejiang-lab");
    expect(t.months[2].came).toEqual([]);
    expect(t.months[2].went.map((x) => [x.id, x.count])).toEqual([["zhejiang-lab", 1]]);
  });
  it("does not call a tie of the build's last month gone", () => {
    const t = timeline(build, "刘颖");
    const june = t.months.find((m) => m.month === "2025-06")!;
    expect(june.came.map((x) => x.id)).toEqual([]); // 阿里巴巴 first came in February
    expect(june.active.map((x) => x.id)).toEqual(["alibaba"]);
    expect(june.went).toEqual([]);
  });
  it("prints a table and JSON, and limits to a period", async () => {
    const table = await capture(runTimeline, ["王坚"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/seen 2025-02-01 to 2025-04-10/);
    expect(table.stdout).toMatch(/2025-03\s+0\s+0/);
    const json = await capture(runTimeline, ["王坚", "--json", "--since", "2025-04"]);
    const data = JSON.parse(json.stdout);
    expect(data.months.map((m: { month: string }) => m.month)).toEqual(["2025-04"]);
  });
});

describe("the period flags on the command line", () => {
  it("who --since shows the documents of the period", async () => {
    const r = await capture(runWho, ["王坚", "--since", "2025-04"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 co-mentioned within a sentence, in the period 2025-04 and after/);
    expect(r.stdout).toContain("docs in period");
    expect(r.stdout).toContain("之江实验室");
    expect(r.stdout).not.toContain("刘颖");
  });
  it("a day is refused with exit code 2", async () => {
    const r = await capture(runStats, ["--since", "2025-04-01"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/counted by month/);
  });
});

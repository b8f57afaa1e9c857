// A build of dated and undated inputs of every kind: documents.jsonl carries ISO dates or null, table
// rows carry their publisher, --columns reaches the reader, and a bad row is a warning while the build
// goes on.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/pipeline/build.ts";
import { buildOptions } from "../helpers.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "guanxi-dates-build-"));
  const input = join(dir, "in");
  const f = (name: string, content: string | Buffer) => writeFileSync(join(input, name), content);
  mkdirSync(input);
  f("a-dateline.txt", "2024年12月4日 星期三\n余杭区召开大会\n本报讯（记者 阮伟康）12月3日，区委书记刘颖出席大会并讲话。");
  f("b-undated.txt", "余杭区召开大会\n昨日上午，区委书记刘颖出席大会并讲话。");
  f("c-feed.jsonl", JSON.stringify({ title: "签约", date: "2025-01-08T09:00:00+08:00", text: "之江实验室主任王坚出席签约仪式。" }) + "\n" + JSON.stringify({ title: "无日期", date: "近日", text: "王坚出席论坛。" }) + "\n");
  f(
    "d-table.csv",
    iconv.encode(["编号,发文时间,稿件,来源", '1,2024/06/12,"区长杨建根主持会议。\n区委书记刘颖强调，要支持强脑科技发展。",示例数据', '2,2024-06-13,"未闭合', "3,2024-06-14,之江实验室主任王坚出席论坛。,示例数据"].join("\r\n"), "gb18030"),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a build's dates", () => {
  it("are ISO or null in documents.jsonl, from fields, datelines and tables", async () => {
    const out = join(dir, "out");
    const result = await runBuild(buildOptions([join(dir, "in")], out, { columns: { text: "稿件", date: "发文时间" } }));
    const docs = readFileSync(join(out, "documents.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; date: string | null; publisher?: string; encoding: string });
    expect(docs.map((d) => [d.id, d.date])).toEqual([
      ["a-dateline", "2024-12-03"],
      ["b-undated", null],
      ["c-feed#1", "2025-01-08"],
      ["c-feed#2", null],
      ["d-table#2", "2024-06-12"],
      ["d-table#5", "2024-06-14"], // line 2 holds two lines (a quoted line break), line 4 the bad row,
    ]);
    for (const d of docs) expect(Object.hasOwn(d, "date")).toBe(true);
    expect(docs.find((d) => d.id === "d-table#2")).toMatchObject({ publisher: "示例数据", encoding: "gb18030" });
    // The row whose quote never closes is reported with its file and line; the next rows are read.
    const bad = result.warnings.find((w) => w.file.endsWith("d-table.csv") && w.line === 4);
    expect(bad?.reason).toMatch(/never closed/);
    // The graph's ties have the dates of their documents.
    const graph = JSON.parse(readFileSync(join(out, "graph.json"), "utf8")) as { edges: { key: string; attributes: Record<string, unknown> }[] };
    const tie = graph.edges.find((e) => e.key.startsWith("co:") && e.key.includes("liu-ying") && e.key.includes("yang-jiangen"));
    expect(tie?.attributes).toMatchObject({ firstDate: "2024-06-12", lastDate: "2024-06-12", months: { "2024-06": 1 } });
  }, 120_000);
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listInputFiles, readInputFile } from "../../src/ingest/index.ts";
import { parseColumnsOption, parseDelimited, readTable } from "../../src/ingest/table.ts";
import { cleanDocument } from "../../src/clean/index.ts";

const LIU = "市委常委、区委书记刘颖出席大会并讲话。";
const WANG = "之江实验室主任王坚介绍了实验室的进展。";
let dir: string;
const f = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanxi-table-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("parseDelimited", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks, each row with its first line", () => {
    const { rows, errors } = parseDelimited('a,b\r\n"x, y","say ""hi""\nsecond line"\n\nplain,"last"\n', ",");
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x, y", 'say "hi"\nsecond line'] },
      { line: 5, fields: ["plain", "last"] },
    ]);
  });
  it("keeps a quote inside an unquoted field, and text after a closing quote", () => {
    expect(parseDelimited('a"b,"c"d\n', ",").rows).toEqual([{ line: 1, fields: ['a"b', "cd"] }]);
  });
  it("keeps empty fields, including a trailing one", () => {
    expect(parseDelimited("a,,\n", ",").rows).toEqual([{ line: 1, fields: ["a", "", ""] }]);
  });
  it("reports a quote never closed at the line it opened on, and reads on from the next line", () => {
    const { rows, errors } = parseDelimited('h1,h2\n1,"open\n2,two\n3,three\n', ",");
    expect(errors).toEqual([{ line: 2, reason: "a quote opened on line 2 is never closed" }]);
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4]);
    expect(rows[2].fields).toEqual(["3", "three"]);
  });
  it("splits on tabs", () => {
    expect(parseDelimited("a\tb\n1,2\t3\n", "\t").rows[1].fields).toEqual(["1,2", "3"]);
  });
});

describe("parseColumnsOption", () => {
  it("maps fields to columns", () => {
    expect(parseColumnsOption("text=正文,date=发布时间")).toEqual({ text: "正文", date: "发布时间" });
    expect(parseColumnsOption(" title = 标题 ， url=链接 ")).toEqual({ title: "标题", url: "链接" });
  });
  it("refuses an unknown field or a missing column", () => {
    expect(() => parseColumnsOption("body=正文")).toThrow(/unknown field "body"/);
    expect(() => parseColumnsOption("text=")).toThrow(/no column given for text/);
    expect(() => parseColumnsOption("text")).toThrow(/no column given/);
  });
});

describe("readTable", () => {
  it("maps English and Chinese headers by name, in any order and case", () => {
    const en = readTable(`URL,Title,Date,Content,Source\nhttps://example.cn/1,大会,2024-12-03,${LIU},新华社\n`, "a.csv", ",");
    expect(en.warnings).toEqual([]);
    expect(en.articles).toEqual([{ line: 2, text: LIU, title: "大会", date: "2024-12-03", url: "https://example.cn/1", publisher: "新华社" }]);
    const zh = readTable(`标题,发布时间,正文,链接,来源\n大会,2024年12月3日,${LIU},https://example.cn/2,浙江日报\n`, "b.csv", ",");
    expect(zh.articles[0]).toMatchObject({ title: "大会", date: "2024年12月3日", text: LIU, url: "https://example.cn/2", publisher: "浙江日报" });
  });
  it("takes the named columns over the recognised ones", () => {
    const t = readTable(`摘要,全文,时间,入库时间\n短,${LIU},2024-12-03,2025-01-01\n`, "c.csv", ",", { text: "全文", date: "时间" });
    expect(t.articles[0]).toMatchObject({ text: LIU, date: "2024-12-03" });
    const u = readTable(`摘要,全文,入库时间\n${WANG},${LIU},2025-01-01\n`, "c.csv", ",", { text: "摘要", date: "入库时间" });
    expect(u.articles[0]).toMatchObject({ text: WANG, date: "2025-01-01" });
  });
  it("says which column is missing, naming the file and the header", () => {
    const t = readTable(`标题,摘要\n大会,${LIU}\n`, "d.csv", ",");
    expect(t.articles).toEqual([]);
    expect(t.warnings).toHaveLength(1);
    expect(t.warnings[0]).toMatchObject({ file: "d.csv", line: 1 });
    expect(t.warnings[0].reason).toMatch(/no text column .*the header has: 标题, 摘要.*--columns text=COLUMN/);
    const u = readTable(`标题,正文\n大会,${LIU}\n`, "d.csv", ",", { date: "发布时间" });
    expect(u.articles).toHaveLength(1);
    expect(u.warnings[0].reason).toMatch(/--columns date=发布时间: no such column/);
  });
  it("reports bad rows by line and reads the others", () => {
    const csv = ["title,date,text", `一,2024-12-01,${LIU}`, `二,2024-12-02,多了,一列`, `三,2024-12-03,`, `四,昨天,"${WANG}`, `第二行"`, `五,2024-12-05,"未闭合`, `六,2024-12-06,${WANG}`].join("\n");
    const t = readTable(csv, "e.csv", ",");
    expect(t.articles.map((a) => [a.line, a.title])).toEqual([
      [2, "一"],
      [5, "四"],
      [8, "六"],
    ]);
    expect(t.articles[1].text).toBe(`${WANG}\n第二行`);
    expect(t.warnings.map((w) => [w.line, w.reason.replace(/;.*$/, "").replace(/ \(.*$/, "")])).toEqual([
      [3, "4 field(s) where the header has 3"],
      [4, "empty text"],
      [5, '"昨天" in the date column is not a date'],
      [7, "a quote opened on line 7 is never closed"],
    ]);
    for (const w of t.warnings) expect(w.file).toBe("e.csv");
  });
});

describe("CSV and TSV files", () => {
  const rows = [`标题,日期,正文`, `大会,2024-12-03,"${LIU}\n${WANG}"`, `"会议，第二场",2024/12/05,"他说：""干就完了。""${LIU}"`].join("\r\n");
  it("are listed as inputs", () => {
    fs.writeFileSync(f("list.csv"), rows);
    fs.writeFileSync(f("list.tsv"), "title\ttext\n大会\t" + LIU);
    expect(listInputFiles([dir]).files.map((p) => path.basename(p))).toEqual(expect.arrayContaining(["list.csv", "list.tsv"]));
  });
  it("read UTF-8 with and without a BOM, and GB18030, to the same articles", () => {
    fs.writeFileSync(f("utf8.csv"), rows);
    fs.writeFileSync(f("bom.csv"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows, "utf8")]));
    fs.writeFileSync(f("gb.csv"), iconv.encode(rows, "gb18030"));
    const read = (n: string) => readInputFile(f(n));
    const utf8 = read("utf8.csv"), bom = read("bom.csv"), gb = read("gb.csv");
    expect(utf8.warnings).toEqual([]);
    expect(utf8.docs.map((d) => [d.id, d.format, d.encoding, d.title, d.date])).toEqual([
      ["utf8#2", "csv", "utf-8", "大会", "2024-12-03"],
      ["utf8#4", "csv", "utf-8", "会议，第二场", "2024/12/05"],
    ]);
    expect(utf8.docs[0].content).toBe(`${LIU}\n${WANG}`); // the line break inside the quotes, as written
    expect(utf8.docs[1].content).toBe(`他说："干就完了。"${LIU}`);
    const strip = (d: { content: string; title?: string; date?: string }) => [d.content, d.title, d.date];
    expect(bom.docs.map(strip)).toEqual(utf8.docs.map(strip));
    expect(gb.docs.map(strip)).toEqual(utf8.docs.map(strip));
    expect(gb.docs[0].encoding).toBe("gb18030");
  });
  it("read a TSV and a tab-separated .csv", () => {
    fs.writeFileSync(f("tabs.tsv"), `title\tdate\ttext\n大会\t2024-12-03\t${LIU}，会上\n`);
    fs.writeFileSync(f("tabs.csv"), `title\tdate\ttext\n大会\t2024-12-03\t${LIU}，会上\n`);
    for (const n of ["tabs.tsv", "tabs.csv"]) {
      const r = readInputFile(f(n));
      expect(r.warnings).toEqual([]);
      expect(r.docs[0].content).toBe(`${LIU}，会上`);
    }
    expect(readInputFile(f("tabs.tsv")).docs[0].format).toBe("tsv");
  });
  it("pass the column mapping through, and clean to documents with ISO dates and the publisher", () => {
    fs.writeFileSync(f("mapped.csv"), `编号,发文时间2,稿件,媒体\n1,2024年12月3日,${LIU},新华社\n`);
    const r = readInputFile(f("mapped.csv"), { columns: { text: "稿件", date: "发文时间2" } });
    expect(r.warnings).toEqual([]);
    const doc = cleanDocument(r.docs[0]);
    expect(doc.date).toBe("2024-12-03");
    expect(doc.publisher).toBe("新华社");
    expect(doc.text).toBe(LIU);
  });
  it("report a header-only file as having no article", () => {
    fs.writeFileSync(f("empty-rows.csv"), "title,text\n");
    const r = readInputFile(f("empty-rows.csv"));
    expect(r.docs).toEqual([]);
    expect(r.warnings[0].reason).toBe("no article found");
  });
});

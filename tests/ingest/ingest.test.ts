import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeBuffer, listInputFiles, readInputFile, unescapeJsonString, isJsonEscapedHtml } from "../../src/ingest/index.ts";
import { cleanDocument } from "../../src/clean/index.ts";

const SEEDS = path.resolve(import.meta.dirname, "../../seeds");
const PASSAGE = "余杭区经济高质量发展大会举行。市委常委、区委书记刘颖出席大会并讲话，强调要奋力干出“十五五”开局之年高质量发展新气象。";
const TRAD = "余杭區經濟高質量發展大會舉行。市委常委、區委書記劉穎出席大會並講話，強調要奮力幹出「十五五」開局之年高質量發展新氣象。";
let dir: string;
const f = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanxi-ingest-"));
  fs.writeFileSync(f("gbk.txt"), iconv.encode(PASSAGE, "gbk"));
  fs.writeFileSync(f("gb18030.txt"), iconv.encode(PASSAGE, "gb18030"));
  fs.writeFileSync(f("big5.txt"), iconv.encode(TRAD, "big5"));
  fs.writeFileSync(f("utf16le.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(PASSAGE, "utf-16le")]));
  fs.writeFileSync(f("utf16be.txt"), Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(PASSAGE, "utf-16be")]));
  fs.writeFileSync(f("utf8bom.txt"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PASSAGE, "utf8")]));
  fs.writeFileSync(f("empty.txt"), "");
  fs.writeFileSync(f("blank.txt"), "  \n\n ");
  fs.writeFileSync(f("binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  fs.writeFileSync(f("noise.txt"), Buffer.from(Array.from({ length: 400 }, (_, i) => ((i * 37) % 250) + 1 === 0x0a ? 0x20 : ((i * 37) % 250) + 1)));
  fs.writeFileSync(
    f("feed.jsonl"),
    [
      JSON.stringify({ title: "第一篇", text: PASSAGE, date: "2025-12-12T08:00:00+08:00", url: "https://example.cn/1" }),
      '{"title": "坏的", "text": "没有结尾',
      "",
      JSON.stringify({ html: "<p>第二篇。</p><p>段落二。</p><p>段落三。</p>" }),
      JSON.stringify({ nothing: 1 }),
    ].join("\n"),
  );
  fs.writeFileSync(f("list.json"), JSON.stringify([{ content: "甲。" }, { text: "乙。", title: "乙题" }, 5]));
  fs.writeFileSync(f("one.json"), JSON.stringify({ text: "单篇。", title: "单" }));
  fs.writeFileSync(f("page.html"), "<html><head><title>页面标题</title></head><body><p>正文&amp;内容。</p></body></html>");
  fs.writeFileSync(f("notes.md"), "ignored");
  fs.mkdirSync(f("sub/deeper"), { recursive: true });
  fs.writeFileSync(f("sub/deeper/a.htm"), "<p>深层。</p>");
  fs.writeFileSync(f("sub/B.TXT"), "大写扩展名。");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("encodings", () => {
  it.each([
    ["gbk.txt", "gb18030", PASSAGE],
    ["gb18030.txt", "gb18030", PASSAGE],
    ["big5.txt", "big5", TRAD],
    ["utf16le.txt", "utf-16le", PASSAGE],
    ["utf16be.txt", "utf-16be", PASSAGE],
    ["utf8bom.txt", "utf-8", PASSAGE],
  ])("%s decodes as %s", (name, enc, text) => {
    const { docs, warnings } = readInputFile(f(name));
    expect(warnings).toEqual([]);
    expect(docs[0].encoding).toBe(enc);
    expect(docs[0].content).toBe(text);
    expect(docs[0].id).toBe(name.replace(/\.txt$/, ""));
  });
  it("Big5 text normalises to the Simplified passage", () => {
    const d = cleanDocument(readInputFile(f("big5.txt")).docs[0]);
    expect(d.normText).toContain("余杭区经济高质量发展大会举行");
    expect(d.normText).toContain("区委书记刘颖");
  });
  it.each([
    ["empty.txt", /empty/],
    ["blank.txt", /empty/],
    ["binary.txt", /binary/],
    ["noise.txt", /undecodable|binary/],
  ])("%s is a warning with a reason, not a throw", (name, reason) => {
    const { docs, warnings } = readInputFile(f(name));
    expect(docs).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].file).toBe(f(name));
    expect(warnings[0].reason).toMatch(reason);
  });
  it("decodeBuffer prefers strict UTF-8 when the bytes are valid UTF-8", () => {
    expect(decodeBuffer(Buffer.from(PASSAGE))).toEqual({ text: PASSAGE, encoding: "utf-8" });
  });
});

describe("formats", () => {
  it("jsonl: good lines count, the broken line is named", () => {
    const { docs, warnings } = readInputFile(f("feed.jsonl"));
    expect(docs.map((d) => d.id)).toEqual(["feed#1", "feed#4"]);
    expect(docs[0]).toMatchObject({ format: "jsonl", title: "第一篇", url: "https://example.cn/1", content: PASSAGE });
    expect(warnings.map((w) => w.line)).toEqual([2, 5]);
    expect(warnings[0].reason).toMatch(/line 2: invalid JSON/);
    const c = cleanDocument(docs[0]);
    expect(c.date).toBe("2025-12-12");
    const h = cleanDocument(docs[1]);
    expect(h.text).toBe("第二篇。\n段落二。\n段落三。");
  });
  it("json: an array gives stem#N, an object gives the stem", () => {
    const a = readInputFile(f("list.json"));
    expect(a.docs.map((d) => [d.id, d.content, d.title])).toEqual([["list#1", "甲。", undefined], ["list#2", "乙。", "乙题"]]);
    expect(a.warnings[0].reason).toMatch(/article 3/);
    const o = readInputFile(f("one.json"));
    expect(o.docs.map((d) => [d.id, d.title])).toEqual([["one", "单"]]);
  });
  it("html: parsed, title from <title>, entity mapped inexactly", () => {
    const { docs } = readInputFile(f("page.html"));
    expect(docs[0].format).toBe("html");
    const c = cleanDocument(docs[0]);
    expect(c.title).toBe("页面标题");
    expect(c.text).toBe("正文&内容。");
    const seg = c.sourceMap.find((s) => !s.exact)!;
    expect(docs[0].content.slice(seg.sourceStart, seg.sourceEnd)).toBe("&amp;");
  });
  it("seed 000 is JSON-escaped HTML and is unescaped exactly", () => {
    const { docs } = readInputFile(path.join(SEEDS, "000_cfefb0d88effab0e.txt"));
    expect(docs[0]).toMatchObject({ id: "000_cfefb0d88effab0e", format: "json-escaped-html", encoding: "utf-8" });
    expect(docs[0].content).not.toContain("\\u003c");
    expect(docs[0].content).toContain('<p class="image_desc">杭州余杭区。');
  });
  it("the other seeds are plain text", () => {
    for (const s of ["001_a0d1a62f7fd3dcd1", "002_61747138703a29e3", "003_fb79c2cc7258167d", "004_5168063a1af2bf1e"]) {
      expect(readInputFile(path.join(SEEDS, `${s}.txt`)).docs[0].format).toBe("text");
    }
  });
  it("unescapes JSON string bodies, by hand when JSON.parse cannot", () => {
    expect(unescapeJsonString('\\u003cp class=\\"x\\"\\u003e中\\/文\\u003c/p\\u003e')).toBe('<p class="x">中/文</p>');
    expect(unescapeJsonString('\\u003cp\\u003e一\n二 "引" \\u003c/p\\u003e')).toBe('<p>一\n二 "引" </p>');
    expect(isJsonEscapedHtml("普通的文字,没有标签。")).toBe(false);
  });
});

describe("listInputFiles", () => {
  it("walks folders recursively, sorted, input extensions only; a missing path is a warning", () => {
    const { files, warnings } = listInputFiles([dir, f("missing-folder"), f("notes.md")]);
    const rel = files.map((x) => path.relative(dir, x));
    expect(rel).toContain("sub/deeper/a.htm");
    expect(rel).toContain("sub/B.TXT");
    expect(rel).toContain("feed.jsonl");
    expect(rel).not.toContain("notes.md");
    expect([...files].sort()).toEqual(files);
    expect(warnings.map((w) => [path.basename(w.file), w.reason.slice(0, 10)])).toEqual([
      ["missing-folder", "no such fi"],
      ["notes.md", "not an inp"],
    ]);
  });
  it("lists the seeds", () => {
    expect(listInputFiles([SEEDS]).files.map((x) => path.basename(x))).toEqual([
      "000_cfefb0d88effab0e.txt", "001_a0d1a62f7fd3dcd1.txt", "002_61747138703a29e3.txt", "003_fb79c2cc7258167d.txt", "004_5168063a1af2bf1e.txt",
    ]);
  });
  it("readInputFile on a missing file warns", () => {
    const r = readInputFile(f("nope.txt"));
    expect(r.docs).toEqual([]);
    expect(r.warnings[0].reason).toMatch(/cannot read/);
  });
});

describe("damaged and ambiguous inputs (#18)", () => {
  let work: string;
  const w = (name: string) => path.join(work, name);
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "guanxi-ingest18-"));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("a UTF-8 file with a few invalid bytes is kept, each bad sequence a U+FFFD, with a warning naming it", () => {
    const good = Buffer.from(PASSAGE.repeat(20), "utf8");
    // A truncated character (the first two bytes of 刘) and a stray 0xFF.
    const bytes = Buffer.concat([good.subarray(0, 300), Buffer.from([0xe5, 0x88]), good.subarray(300, 900), Buffer.from([0xff]), good.subarray(900)]);
    fs.writeFileSync(w("damaged.txt"), bytes);
    const r = readInputFile(w("damaged.txt"));
    expect(r.docs.length).toBe(1);
    expect(r.docs[0].encoding).toBe("utf-8");
    expect([...r.docs[0].content.matchAll(/\uFFFD/g)].length).toBe(2);
    expect(r.docs[0].content.replace(/\uFFFD/g, "")).toBe(good.toString("utf8"));
    expect(r.warnings).toEqual([{ file: w("damaged.txt"), reason: expect.stringMatching(/2 invalid UTF-8 byte sequence\(s\) replaced/) }]);
  });

  it("text that is not UTF-8 at all is still read as GBK, and noise is still refused", () => {
    const gbk = readInputFile(f("gbk.txt"));
    expect(gbk.docs[0].encoding).toBe("gb18030");
    expect(gbk.warnings).toEqual([]);
    expect(readInputFile(f("noise.txt")).docs).toEqual([]);
    expect(readInputFile(f("binary.txt")).docs).toEqual([]);
  });

  it("a NUL byte past the first 64 KB is found: removed, with a warning naming the file", () => {
    const head = Buffer.from(PASSAGE.repeat(600), "utf8");
    expect(head.length).toBeGreaterThan(65536);
    fs.writeFileSync(w("nul-late.txt"), Buffer.concat([head, Buffer.from([0, 0]), Buffer.from("尾段。", "utf8"), Buffer.alloc(4096)]));
    const r = readInputFile(w("nul-late.txt"));
    expect(r.docs.length).toBe(1);
    expect(r.docs[0].content).not.toContain("\0");
    expect(r.docs[0].content.endsWith("尾段。")).toBe(true);
    expect(r.warnings).toEqual([{ file: w("nul-late.txt"), reason: expect.stringMatching(/4098 NUL byte\(s\) removed/) }]);
  });

  it("binary past the first 64 KB is refused", () => {
    const head = Buffer.from(PASSAGE.repeat(600), "utf8");
    const png = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 131 + 7) % 256));
    fs.writeFileSync(w("text-then-binary.txt"), Buffer.concat([head, png]));
    const r = readInputFile(w("text-then-binary.txt"));
    expect(r.docs).toEqual([]);
    expect(r.warnings[0].reason).toMatch(/binary|undecodable/);
  });

  it("plain text is never read as HTML: escaped tags and entities stay as written", () => {
    const text = "标题\n\n之江实验室发布说明，文中写道&lt;b&gt;实体&lt;/b&gt;，以及 a &amp; b，&nbsp;不变。\n";
    fs.writeFileSync(w("escaped.txt"), text);
    const r = readInputFile(w("escaped.txt"));
    expect(r.docs[0].format).toBe("text");
    expect(cleanDocument(r.docs[0]).text).toContain("&lt;b&gt;实体&lt;/b&gt;，以及 a &amp; b，&nbsp;不变");
  });

  it("ids are unique: the path inside the folder given, a file given on its own by its name", () => {
    for (const sub of ["in/a", "in/b", "solo"]) fs.mkdirSync(w(sub), { recursive: true });
    for (const p of ["in/a/x.txt", "in/b/x.txt", "in/top.txt", "in/same.txt", "in/same.html", "solo/x.txt"]) fs.writeFileSync(w(p), PASSAGE);
    const listed = listInputFiles([w("in"), w("solo/x.txt")]);
    const ids = Object.fromEntries(listed.files.map((file) => [path.relative(work, file).split(path.sep).join("/"), listed.ids.get(file)]));
    expect(ids).toEqual({
      "in/a/x.txt": "a/x",
      "in/b/x.txt": "b/x",
      "in/top.txt": "top",
      // Two files claim the same id: both are named by their paths instead.
      "in/same.html": w("in/same.html").split(path.sep).join("/"),
      "in/same.txt": w("in/same.txt").split(path.sep).join("/"),
      "solo/x.txt": "x",
    });
    expect(readInputFile(w("in/b/x.txt"), { id: listed.ids.get(w("in/b/x.txt")) }).docs[0].id).toBe("b/x");
    // Two files given on their own with the same name.
    const two = listInputFiles([path.relative(".", w("in/a/x.txt")), path.relative(".", w("in/b/x.txt"))]);
    expect(new Set(two.files.map((file) => two.ids.get(file))).size).toBe(2);
  });

  it("the seeds keep their ids (the gold standard refers to them)", () => {
    const listed = listInputFiles([SEEDS]);
    expect(listed.files.map((file) => listed.ids.get(file))).toEqual(["000_cfefb0d88effab0e", "001_a0d1a62f7fd3dcd1", "002_61747138703a29e3", "003_fb79c2cc7258167d", "004_5168063a1af2bf1e"]);
    const one = listInputFiles([path.join(SEEDS, "001_a0d1a62f7fd3dcd1.txt")]);
    expect(one.ids.get(one.files[0])).toBe("001_a0d1a62f7fd3dcd1");
  });
});

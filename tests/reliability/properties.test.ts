// Property tests (fast-check) on cleaning and linking: for any input, offsets stay true to the text,
// and the time stays linear on pathological input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanDocument } from "../../src/clean/index.ts";
import { buildMatcher, linkMentions } from "../../src/link/link.ts";
import { normalizeString } from "../../src/clean/index.ts";
import type { Dictionary, DictionaryEntry, RawDocument } from "../../src/types.ts";
import { analyseCleanDocument } from "../../src/pipeline/analyse.ts";
import { shippedContext } from "../helpers.ts";

// Pieces real articles are made of: entity names (Simplified and Traditional), titles, punctuation,
// line breaks, markup, spam and plain prose.
const pieces = [
  "余杭区", "餘杭區", "之江实验室", "之江實驗室", "阿里巴巴", "阿里公园", "王坚", "王坚持", "刘颖", "区委书记", "市委常委、",
  "“296X”", "BrainCo", "中国(杭州)人工智能小镇", "（记者 陈坚）", "本报讯", "，", "。", "、", "\n", "\n\n", " ",
  "<p>", "</p>", "<br>", "&amp;", "<!--IMG_0-->", "球球直播app下载_球球体育官网-线上买球", "昨日上午", "大会举行",
  "推动科技创新和产业", "创新深度融合", "ｆｕｌｌ", "①", "㈠",
];
const articleText = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 60 }).map((a) => a.join(""));

function raw(content: string, format: RawDocument["format"] = "text"): RawDocument {
  return { id: "p", source: "p.txt", format, encoding: "utf-8", content };
}

describe("cleaning and linking properties", () => {
  const ctx = shippedContext();

  it("every mention's surface is the cleaned text at its offsets; offsets map back into the source", () => {
    fc.assert(
      fc.property(articleText, fc.boolean(), (content, asHtml) => {
        const doc = cleanDocument(raw(content, asHtml ? "html" : "text"));
        const a = analyseCleanDocument(doc, ctx);
        for (const m of a.mentions) {
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeLessThanOrEqual(doc.text.length);
          expect(doc.text.slice(m.start, m.end)).toBe(m.surface);
        }
        // normText maps onto the cleaned text, monotonically.
        expect(doc.normToClean.length).toBe(doc.normText.length + 1);
        for (let i = 1; i < doc.normToClean.length; i++) expect(doc.normToClean[i]).toBeGreaterThanOrEqual(doc.normToClean[i - 1]);
        // Exact source segments are the very characters of the source.
        for (const seg of doc.sourceMap) {
          expect(seg.sourceStart).toBeGreaterThanOrEqual(0);
          expect(seg.sourceEnd).toBeLessThanOrEqual(content.length);
          if (seg.exact) expect(doc.text.slice(seg.cleanStart, seg.cleanStart + seg.length)).toBe(content.slice(seg.sourceStart, seg.sourceStart + seg.length));
        }
      }),
      { numRuns: 150, seed: 20261130 },
    );
  });
});

function timeOf(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

describe("linear time on pathological input", () => {
  it("a line without punctuation: ten times the text costs about ten times the time, not a hundred", () => {
    const ctx = shippedContext();
    const unit = "余杭区之江实验室阿里巴巴王坚持续推进产业创新深度融合人工智能小镇";
    const run = (n: number) => timeOf(() => analyseCleanDocument(cleanDocument(raw(unit.repeat(n))), ctx));
    run(200); // warm up the JIT and nodejieba
    const small = Math.max(run(3_000), 5);
    const large = run(30_000); // ~1 MB of text in one line
    expect(unit.repeat(30_000).length).toBeGreaterThan(900_000);
    expect(large / small).toBeLessThan(30);
  });

  it("10,000 aliases sharing a prefix: linking stays linear in the text", () => {
    const entries: DictionaryEntry[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `e${i}`,
      label: `共同前缀名称${i.toString(36)}号`,
      type: "programme",
      aliases: [],
      name_en: "",
    }));
    const dictionary: Dictionary = { entries, byId: new Map(entries.map((e) => [e.id, e])), version: "x" };
    const matcher = buildMatcher(dictionary, normalizeString);
    const text = (n: number) => Array.from({ length: n }, (_, i) => `共同前缀名称${(i % 10_000).toString(36)}号，`).join("");
    const docOf = (t: string) => cleanDocument(raw(t));
    const smallDoc = docOf(text(2_000));
    const largeDoc = docOf(text(20_000));
    linkMentions(docOf(text(200)), matcher);
    const small = Math.max(timeOf(() => linkMentions(smallDoc, matcher)), 5);
    let found = 0;
    const large = timeOf(() => {
      found = linkMentions(largeDoc, matcher).length;
    });
    expect(found).toBe(20_000);
    expect(large / small).toBeLessThan(30);
  });
});

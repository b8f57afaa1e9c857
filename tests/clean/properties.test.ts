// Properties over generated inputs: cleaning never throws, and the map back to the source holds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanDocument } from "../../src/clean/index.ts";
import type { CleanDocument, RawDocument, SourceFormat } from "../../src/types.ts";

const pieces = ["余杭区", "召开会议", "。", ",", "“", "”", "\n", "\n\n", " ", "本报讯", "(记者 张三)", "• 国内", "(下转第3版)", "球球直播app下载_球球体育官网", "&amp;", "<p>", "</p>", "<br>", "<!--IMG_0-->", "EOP_1", "<style>a{b:c}</style>", "ＡＢＣ", "經濟", "\u3000", "2025年12月12日", "?", "详见第2版"];
const doc = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(""));

function checkMap(raw: RawDocument, d: CleanDocument) {
  let covered = 0;
  for (const seg of d.sourceMap) {
    expect(seg.cleanStart).toBe(covered);
    covered += seg.length;
    if (seg.exact) expect(d.text.slice(seg.cleanStart, seg.cleanStart + seg.length)).toBe(raw.content.slice(seg.sourceStart, seg.sourceEnd));
    expect(seg.sourceStart).toBeGreaterThanOrEqual(0);
    expect(seg.sourceEnd).toBeLessThanOrEqual(raw.content.length);
  }
  expect(covered).toBe(d.text.length);
  expect(d.normToClean).toHaveLength(d.normText.length + 1);
  for (let i = 1; i < d.normToClean.length; i++) expect(d.normToClean[i]).toBeGreaterThanOrEqual(d.normToClean[i - 1]);
  for (const p of d.paragraphs) expect(p.end).toBeGreaterThan(p.start);
  for (const s of d.sentences) expect(d.text.slice(s.start, s.end).includes("\n")).toBe(false);
}

describe("cleanDocument properties", () => {
  it.each(["text", "html"] as SourceFormat[])("%s: never throws, exact segments are verbatim", (format) => {
    fc.assert(
      fc.property(doc, (content) => {
        const raw: RawDocument = { id: "p", source: "p.txt", format, encoding: "utf-8", content };
        checkMap(raw, cleanDocument(raw));
      }),
      { numRuns: 300 },
    );
  });
});

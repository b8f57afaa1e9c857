// Pathologically deep HTML: the nesting past MAX_DEPTH is flattened before any parser sees it, the
// page still yields its text, every kept character still maps to the page, and the document says so.
// (Its speed is measured by bench/deep-html.ts, not here.)
import { describe, expect, it } from "vitest";
import { cleanDocument, flattenDeepNesting, htmlToText, mapToSource, MAX_DEPTH } from "../../src/clean/index.ts";
import type { CleanDocument, RawDocument } from "../../src/types.ts";

const PARAGRAPH = "记者从杭州市余杭区获悉，未来科技城今年第一季度新增三家企业研发中心，主要集中在人工智能和生物医药领域。";
const SECOND = "据介绍，三家研发中心将与之江实验室和浙江大学开展联合攻关，计划在两年内建成共享实验平台，向园区中小企业开放仪器设备。";

function deepPage(levels: number): string {
  return `<!doctype html><html><head><title>余杭新增研发中心</title></head><body>${'<div class="box">'.repeat(levels)}<p>${PARAGRAPH}</p><p>${SECOND}</p>${"</div>".repeat(levels)}</body></html>`;
}

const raw = (content: string): RawDocument => ({ id: "deep", source: "deep.html", format: "html", encoding: "utf-8", content });

function expectMapped(content: string, doc: CleanDocument) {
  for (const seg of doc.sourceMap) {
    if (seg.exact) expect(doc.text.slice(seg.cleanStart, seg.cleanStart + seg.length)).toBe(content.slice(seg.sourceStart, seg.sourceEnd));
  }
}

describe("HTML nested far deeper than any page", () => {
  it("still yields its text, mapped to the page, with a warning", () => {
    const page = deepPage(20_000);
    const doc = cleanDocument(raw(page));
    expect(doc.text).toBe(`${PARAGRAPH}\n${SECOND}`);
    expectMapped(page, doc);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings![0]).toMatch(/nested 20\d{3} levels deep/);
  });

  it("leaves a page of ordinary depth alone, with no warning", () => {
    const page = deepPage(30);
    expect(flattenDeepNesting(page).flattened).toBe(0);
    expect(flattenDeepNesting(page).html).toBe(page);
    const doc = cleanDocument(raw(page));
    expect(doc.text).toBe(`${PARAGRAPH}\n${SECOND}`);
    expect(doc.warnings).toBeUndefined();
  });

  it("flattens only as many levels as exceed the limit, keeping the innermost structure", () => {
    const page = `<div>${"<section><b>深</b>".repeat(MAX_DEPTH + 10)}底${"</section>".repeat(MAX_DEPTH + 10)}</div><p>尾&amp;段</p>`;
    const f = flattenDeepNesting(page);
    expect(f.depth).toBe(MAX_DEPTH + 12); // the div, the sections and a <b>
    expect(f.flattened).toBe(12);
    // The flattened page is within the limit, and its innermost elements are all still there.
    expect(flattenDeepNesting(f.html).depth).toBe(MAX_DEPTH);
    expect(f.html.split("<b>").length).toBe(MAX_DEPTH + 11);
    expect(f.html.endsWith("</div><p>尾&amp;段</p>")).toBe(true);
  });

  it("gives the same text as the page itself, every character at its own source offset", () => {
    const page = `<div>${"<section><b>深</b>".repeat(MAX_DEPTH + 10)}底${"</section>".repeat(MAX_DEPTH + 10)}</div><p>尾&amp;段</p>`;
    const f = flattenDeepNesting(page);
    const flat = htmlToText(f.html, { mode: "all" });
    const mt = mapToSource(flat.mt, f);
    const whole = htmlToText(page, { mode: "all" }).mt;
    expect(mt.text.replace(/\s+/g, "")).toBe(whole.text.replace(/\s+/g, ""));
    for (let i = 0; i < mt.text.length; i++) if (mt.exact[i]) expect(page[mt.start[i]]).toBe(mt.text[i]);
    // The decoded entity points at its own source range.
    const amp = mt.text.indexOf("&");
    expect(page.slice(mt.start[amp], mt.end[amp])).toBe("&amp;");
  });
});

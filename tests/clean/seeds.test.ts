// Every seed through ingest + cleanDocument: what must go is gone, what must stay is whole.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputFile } from "../../src/ingest/index.ts";
import { cleanDocument } from "../../src/clean/index.ts";
import type { CleanDocument, RawDocument } from "../../src/types.ts";

const SEEDS = path.resolve(import.meta.dirname, "../../seeds");
const GOLD = "/work/shared/eval/seeds.gold.json";

function load(stem: string): { raw: RawDocument; doc: CleanDocument } {
  const file = fs.readdirSync(SEEDS).find((f) => f.startsWith(stem))!;
  const { docs, warnings } = readInputFile(path.join(SEEDS, file));
  expect(warnings).toEqual([]);
  expect(docs).toHaveLength(1);
  return { raw: docs[0], doc: cleanDocument(docs[0]) };
}

const STEMS = ["000", "001", "002", "003", "004"];

describe.each(STEMS)("seed %s", (stem) => {
  const { raw, doc } = load(stem);

  it("has no markup, CSS, comment or placeholder left", () => {
    expect(doc.text).not.toMatch(/<\/?[a-z!][^>]*>|<!--|-->/i);
    expect(doc.text).not.toMatch(/[{}]/);
    expect(doc.text).not.toMatch(/[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_\d+/);
    expect(doc.text).not.toMatch(/[a-z]+_[a-z_]+/);
    expect(doc.text).not.toMatch(/\\u00|\\"/);
  });

  it("has no disclaimer, navigation, spam", () => {
    for (const s of ["快照", "本站", "侵权", "原文地址", "更多关于", "• ", "本文转自", "发布时间", "买球", "体育官网", "app下载", "本报讯", "数字报纸", "详见第"]) {
      expect(doc.text).not.toContain(s);
    }
  });

  it("maps back to the source: exact segments are verbatim copies, every character is covered", () => {
    let covered = 0;
    for (const seg of doc.sourceMap) {
      expect(seg.cleanStart).toBe(covered);
      covered += seg.length;
      if (seg.exact) expect(doc.text.slice(seg.cleanStart, seg.cleanStart + seg.length)).toBe(raw.content.slice(seg.sourceStart, seg.sourceStart + seg.length));
      else expect(seg.sourceEnd).toBeGreaterThanOrEqual(seg.sourceStart);
    }
    expect(covered).toBe(doc.text.length);
    // Only synthetic paragraph breaks are inexact in these seeds (no entities in them).
    for (const seg of doc.sourceMap.filter((s) => !s.exact)) expect(doc.text.slice(seg.cleanStart, seg.cleanStart + seg.length)).toBe("\n");
  });

  it("paragraphs tile the text, sentences tile the paragraphs", () => {
    expect(doc.paragraphs.map((p) => doc.text.slice(p.start, p.end)).join("\n")).toBe(doc.text);
    for (const p of doc.paragraphs) expect(doc.text.slice(p.start, p.end)).not.toMatch(/\n|^\s|\s$/);
    doc.paragraphs.forEach((p, pi) => {
      const ss = doc.sentences.filter((s) => s.paragraph === pi);
      expect(ss.length).toBeGreaterThan(0);
      expect(ss[0].start).toBe(p.start);
      expect(ss[ss.length - 1].end).toBe(p.end);
      for (const s of ss) expect(s.article).toBe(p.article);
    });
    expect(doc.normText.length).toBe(doc.text.length);
    expect(doc.normToClean).toHaveLength(doc.normText.length + 1);
  });

  it("counts what it removed", () => {
    expect(doc.stats.charsIn).toBe(raw.content.length);
    expect(doc.stats.charsKept).toBe(doc.text.length);
  });
});

describe("gold junk lists", () => {
  const gold: { doc: string; junk: string[]; out_of_scope: string[] }[] = fs.existsSync(GOLD) ? JSON.parse(fs.readFileSync(GOLD, "utf8")) : [];
  it.each(gold.map((g) => [g.doc, g] as const))("%s keeps none of its junk", (_name, g) => {
    const { doc } = load(g.doc.slice(0, 3));
    for (const j of g.junk) {
      if (j.startsWith("trailing <style>")) expect(doc.text).not.toMatch(/letter-spacing|rich_media/);
      else expect(doc.text).not.toContain(j);
    }
  });
});

describe("seed 000 (JSON-escaped WeChat HTML)", () => {
  const { raw, doc } = load("000");
  it("is unescaped and parsed", () => {
    expect(raw.format).toBe("json-escaped-html");
    expect(raw.content.startsWith('<div class="rich_media_content">')).toBe(true);
  });
  it("keeps captions as their own paragraphs and text around placeholders intact", () => {
    const paras = doc.paragraphs.map((p) => doc.text.slice(p.start, p.end));
    expect(paras[0]).toBe("杭州余杭区。本文图片均来自余杭区委宣传部");
    expect(paras).toContain("杭州未来科技城脑机科学创新示范中心。");
    expect(doc.text).toContain("在全省率先实现GDP突亿元大关。");
    expect(doc.text).toContain("形成了以阿里巴巴等龙头企业为引领");
    expect(paras).toContain("重中之重是AI");
    expect(doc.text.endsWith("贡献更多余杭力量。")).toBe(true);
  });
});

describe("seed 001 (newspaper page)", () => {
  const { doc } = load("001");
  const art = (i: number) => doc.text.slice(doc.articles[i].start, doc.articles[i].end);
  it("joins words broken across lines", () => {
    expect(doc.text).toContain("“创投余杭”系列战略合作签约");
    expect(doc.text).toContain("产业创新深度融合");
    expect(doc.text).toContain("安全发展能级新提升");
    expect(doc.text).toContain("筑牢思想根基,全面增强");
    expect(doc.text).toContain("也成为该行动的一大亮点");
    expect(doc.text).toContain("“阳光、土壤和雨露”。");
    expect(doc.text).toContain("“忠诚担当谱新篇,实干争先开新局”");
  });
  it("keeps real paragraph breaks and headlines apart", () => {
    const paras = doc.paragraphs.map((p) => doc.text.slice(p.start, p.end));
    expect(paras).toContain("区政府廉政工作会议举行");
    expect(paras).toContain("努力打造人民满意政府");
    expect(paras).toContain("◎俞杰");
  });
  it("splits into the five articles with titles and bylines", () => {
    expect(doc.articles).toHaveLength(5);
    expect(art(0)).toMatch(/^忠诚担当谱新篇 实干争先开新局\n/);
    expect(doc.articles[0].byline).toBe("记者 阮伟康 陈书恒");
    expect(art(1)).toMatch(/^区政府廉政工作会议举行\n努力打造人民满意政府\n\(记者 宋晗语 陈名\) 近日,区政府召开廉政工作会议/);
    expect(doc.articles[2].title).toBe("余杭启动“三新”升级行动");
    expect(doc.articles[3].byline).toBe("◎俞杰");
    expect(doc.articles[4].title).toBe("从一场高规格大会看余杭的“进”与“立”");
    expect(doc.articles[4].byline).toBe("记者 金一清");
  });
  it("puts the feature back in reading order and drops the table of contents", () => {
    const f = art(4);
    expect(f).toMatch(/^从一场高规格大会看余杭的“进”与“立”\n\(记者 金一清\) 昨日上午9时,/);
    expect(f).toContain("他和杭州量安科技的工作人员聊了很久,这家公司研究的是前沿量子密码技术。“我们正琢磨");
    expect(f.endsWith("人才力量则是“创造者”。")).toBe(true);
    for (const toc of ["从余杭出发", "何以说到了他们心坎里", "大力营造一流创新生态", "下转第3版"]) expect(doc.text).not.toContain(toc);
    expect(doc.stats.removed.toc).toBeGreaterThan(0);
  });
  it("removes 本报讯 but keeps the byline after it", () => {
    expect(doc.text).toContain("(记者 阮伟康 陈书恒) 昨日上午,“忠诚担当谱新篇");
  });
});

describe("seed 002 (浙江日报 数字报纸)", () => {
  const { doc } = load("002");
  it("drops masthead, page line and metadata line, keeps the byline and credit", () => {
    expect(doc.text.startsWith("全力推进数字经济二次攀峰和新型工业化\n余杭:数实深度融合,锻造城市新中心硬核支撑\n在浙江奋力打造")).toBe(true);
    expect(doc.text).toContain("■\u00a0邵天懿\u00a0王尧熠"); // as written (no-break spaces)
    expect(doc.articles[0].byline).toMatch(/^■\s邵天懿\s王尧熠$/);
    expect(doc.text.endsWith("图片由余杭区经济和信息化局提供")).toBe(true);
    expect(doc.text).not.toContain("浙江日报");
    expect(doc.date).toBe("2025-12-12");
    expect(doc.title).toBe("余杭:数实深度融合,锻造城市新中心硬核支撑");
  });
});

describe("seed 003 (scraped page)", () => {
  const { doc } = load("003");
  it("keeps the article and nothing of the page around it", () => {
    expect(doc.text.startsWith("锚定经济新目标 余杭向杭州城市重要新中心“再出发”\n刘军国\n眼下,正值余杭的“两会时间”")).toBe(true);
    expect(doc.text.endsWith("(徐颖、谭琴参与采写)")).toBe(true);
    // Other headlines of the tail, their snippets and timestamps.
    for (const s of ["杭州余杭:打造杭州城市重要新中心", "一问余杭", "新春第一会", "长春大冬会", "吕国平", "万官社区", "义乌", "琶洲", "北戴河", "2024-01-25", "2026-01-31", "td.fyun.cc", "人民资讯", "人民日报客户端"]) {
      expect(doc.text).not.toContain(s);
    }
    // The title is not repeated at the end.
    expect(doc.text.indexOf("锚定经济新目标")).toBe(doc.text.lastIndexOf("锚定经济新目标"));
    expect(doc.date).toBe("2024-01-17");
    expect(doc.stats.removed.related).toBeGreaterThan(2000);
    expect(doc.stats.removed.disclaimer).toBeGreaterThan(50);
    expect(doc.stats.removed.navigation).toBeGreaterThan(0);
  });
});

describe("seed 004 (repeat with injected spam)", () => {
  const { doc } = load("004");
  it("removes only the spam run", () => {
    expect(doc.text).toContain("加快推动文化“新三样”高质量发展高水平出海,打造具有余杭辨识度的“文化+”标志性成果。");
    expect(doc.stats.removed.spam).toBe("球球直播app下载_球球体育官网-线上买球".length);
    expect(doc.paragraphs).toHaveLength(7);
  });
});

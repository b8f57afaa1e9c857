// Credit lines, source notes and account headers: each a shape of line (fixtures written for these
// tests; the reporters named are those the seeds credit), removed whole, the article around intact.
import { describe, expect, it } from "vitest";
import { cleanDocument, creditKind, fromSource, removeAccountHeader, removeCredits } from "../../src/clean/index.ts";
import type { RawDocument } from "../../src/types.ts";

const BODY = "区委书记刘颖出席余杭区经济高质量发展大会并讲话，强调要支持之江实验室与企业开展联合攻关。";
const BODY2 = "会议还对获得表彰的企业和个人进行了颁奖，区长杨建根主持会议。";
const BODY3 = "园区管理方表示，将继续优化人才公寓和子女入学等配套服务，让研发人员安心工作，并向园区中小企业开放仪器设备。";
const run = (s: string) => removeCredits(fromSource(s)).mt.text.trimEnd();

describe("credit lines: an outlet, a role and names, alone on a line", () => {
  it("go at the end of the body, the body intact", () => {
    for (const credit of ["杭州日报记者 阮伟康", "余杭晨报记者 宋晗语 陈名", "记者 陈坚 通讯员 贾丹红", "文/记者 金一清", "记者 王逸飞 摄", "本报记者 吕春荣"]) {
      expect(run(`${BODY}\n${BODY2}\n${credit}`)).toBe(`${BODY}\n${BODY2}`);
    }
  });

  it("go at the start of the body when an outlet stands before the role", () => {
    expect(run(`杭州日报记者 阮伟康 陈书恒\n${BODY}\n${BODY2}`)).toBe(`${BODY}\n${BODY2}`);
  });

  it("a byline the article splitter reads (记者 …) stays where it may open an article", () => {
    expect(run(`本报记者 吕春荣\n${BODY}\n${BODY2}`)).toBe(`本报记者 吕春荣\n${BODY}\n${BODY2}`);
  });

  it("a sentence naming a reporter, or a line of a few words after 记者, is no credit", () => {
    for (const s of ["记者从余杭区获悉，三家研发中心已投入使用。", "记者节快乐", "记者 张望未来的科技城，感慨万千。", `（记者 阮伟康）${BODY}`]) expect(creditKind(s)).toBeUndefined();
    expect(run(`${BODY}\n记者从余杭区获悉，三家研发中心已投入使用。`)).toBe(`${BODY}\n记者从余杭区获悉，三家研发中心已投入使用。`);
  });

  it("a note naming who took part in writing stays (the seeds' gold counts those people)", () => {
    expect(creditKind("(徐颖、谭琴参与采写)")).toBeUndefined();
  });
});

describe("source notes: where the article was compiled or reprinted from", () => {
  it("go, bracketed or not", () => {
    for (const note of ["（综合整理自新华社、人民日报等）", "(综合整理自杭州日报、余杭晨报)", "综合自新华社、中国新闻网", "（本文转载自余杭晨报）", "（据新华社报道）", "来源：杭州日报"]) {
      expect(creditKind(note)).toBe("source");
      expect(run(`${BODY}\n${note}`)).toBe(BODY);
    }
  });

  it("a sentence that starts with 据 stays", () => {
    for (const s of ["据了解，三家研发中心将与之江实验室开展联合攻关。", "据悉", "据介绍，园区将继续优化人才公寓"]) expect(creditKind(s)).toBeUndefined();
  });
});

describe("the account header of a self-media article", () => {
  const title = "之江实验室与企业开展联合攻关";
  it("the headline printed again with a badge, and the account's name under it, go", () => {
    const out = removeAccountHeader(fromSource(`原创${title}\n余杭发布\n${BODY}\n${BODY2}`), title).mt.text;
    expect(out).toBe(`${BODY}\n${BODY2}`);
    expect(removeAccountHeader(fromSource(`【原创】 ${title}\n余杭发布\n2024-06-12\n${BODY}`), title).mt.text).toBe(BODY);
  });

  it("without the badge, the headline and a subheading under it stay", () => {
    const s = `${title}\n联合攻关\n${BODY}`;
    expect(removeAccountHeader(fromSource(s), title).mt.text).toBe(s);
  });

  it("on a page: gone, the title without the badge, every kept character mapped to the source", () => {
    const html = `<html><head><title>${title}_余杭发布</title></head><body><div class="article"><h1>${title}</h1><div class="content">` +
      `<p><span>原创</span>${title}</p><p><a href="/u/1">余杭发布</a></p><p>${BODY}</p><p>${BODY2}</p><p>${BODY3}</p><p>杭州日报记者 阮伟康</p></div></div></body></html>`;
    const raw: RawDocument = { id: "p", source: "p.html", format: "html", encoding: "utf-8", content: html };
    const doc = cleanDocument(raw);
    expect(doc.title).toBe(title);
    expect(doc.text).toBe(`${BODY}\n${BODY2}\n${BODY3}`);
    for (const seg of doc.sourceMap) if (seg.exact) expect(html.slice(seg.sourceStart, seg.sourceEnd)).toBe(doc.text.slice(seg.cleanStart, seg.cleanStart + seg.length));
  });
});

// Only the article: HTML pages (tests/fixtures/pages, written for these tests) and scraped plain
// text, one test per kind of junk, each checking that the junk is gone and the article whole, and
// that every kept character still maps back to the source.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputFile } from "../../src/ingest/index.ts";
import {
  chooseTitle, cleanDocument, extractArticle, findPinyin, findSpam, fromSource, parseDate, removeBoilerplate, removeTextBoilerplate,
  repeatedLines, scriptDate,
} from "../../src/clean/index.ts";
import type { CleanDocument, RawDocument } from "../../src/types.ts";

const PAGES = path.resolve(import.meta.dirname, "../fixtures/pages");

function cleanFile(file: string): { raw: RawDocument; doc: CleanDocument } {
  const { docs, warnings } = readInputFile(file);
  expect(warnings).toEqual([]);
  return { raw: docs[0], doc: cleanDocument(docs[0]) };
}

function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanxi-article-"));
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}

/** Every exact segment is a verbatim copy of the source, and the segments cover the text. */
function expectMapped(raw: RawDocument, doc: CleanDocument) {
  let covered = 0;
  for (const seg of doc.sourceMap) {
    expect(seg.cleanStart).toBe(covered);
    covered += seg.length;
    if (seg.exact) expect(doc.text.slice(seg.cleanStart, seg.cleanStart + seg.length)).toBe(raw.content.slice(seg.sourceStart, seg.sourceEnd));
  }
  expect(covered).toBe(doc.text.length);
}

// Trailing newlines left by a removal are normalised later in the pipeline.
const run = (s: string, repeated?: Set<string>) => removeTextBoilerplate(fromSource(s), repeated).mt.text.trimEnd();

describe("a portal page: navigation, date line, hidden login box, hot lists, comments, copyright", () => {
  const { raw, doc } = cleanFile(path.join(PAGES, "portal.html"));
  const paragraphs = doc.text.split("\n");

  it("keeps every paragraph of the article, in order", () => {
    expect(paragraphs).toEqual([
      "记者从杭州市余杭区获悉，未来科技城今年第一季度新增三家企业研发中心，主要集中在人工智能和生物医药领域。",
      "据介绍，三家研发中心将与之江实验室和浙江大学开展联合攻关，计划在两年内建成共享实验平台，向园区中小企业开放仪器设备。",
      "园区管理方表示，将继续优化人才公寓和子女入学等配套服务，让研发人员安心工作。",
    ]);
  });

  it("keeps no navigation, date/source line, login box, list, comment, editor or copyright line", () => {
    for (const junk of ["首页", "财经", "正文", "来源", "登录", "密码", "为你推荐", "杭州地铁", "点击排行", "宁波舟山港", "网友", "原标题", "责任编辑", "版权所有", "ICP", "分享"]) {
      expect(doc.text).not.toContain(junk);
    }
  });

  it("maps every kept character back to the HTML", () => expectMapped(raw, doc));

  it("takes the headline without the site and the date from the meta tag", () => {
    expect(doc.title).toBe("余杭未来科技城新增三家研发中心");
    expect(doc.date).toBe("2024-03-05");
  });

});

describe("a page whose article container's class names a share box", () => {
  const { raw, doc } = cleanFile(path.join(PAGES, "share-container.html"));

  it("keeps the article (the whole-page extractor dropped it with the share box)", () => {
    for (const p of ["之江实验室近日发布一个面向科研机构的开放计算平台", "平台提供算力调度", "实验室有关负责人说"]) expect(doc.text).toContain(p);
    expect(cleanDocument(raw, { wholePage: true }).text).not.toContain("平台提供算力调度");
  });

  it("drops the menu, the date line, the share links and the side list (时报观察)", () => {
    for (const junk of ["首页", "2023年11月20日", "来源", "收藏", "时报观察", "城市更新"]) expect(doc.text).not.toContain(junk);
  });

  it("finds the date in the date line and the title without the site", () => {
    expect(doc.date).toBe("2023-11-20");
    expect(doc.title).toBe("之江实验室发布开放计算平台");
  });

  it("maps back to the source", () => expectMapped(raw, doc));
});

describe("encoding", () => {
  it("a page that declares gb2312 but is UTF-8 decodes as UTF-8", () => {
    const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>浙江省发布数字经济统计</title></head><body><div class="content"><p>浙江省统计局发布数据，全省数字经济核心产业增加值继续保持增长，增速高于同期地区生产总值。</p><p>其中，杭州和宁波两市的贡献最大，软件和信息技术服务业增长最快。</p></div></body></html>';
    const { raw, doc } = cleanFile(tempFile("gb.html", Buffer.from(html, "utf8")));
    expect(raw.encoding).toBe("utf-8");
    expect(doc.text).toContain("浙江省统计局发布数据");
    expect(doc.text).not.toMatch(/\uFFFD/);
  });
});

describe("titles", () => {
  it("drops the site suffix the <title> adds, keeping the headline the page shows", () => {
    expect(chooseTitle("某市发布新规_示例新闻", ["某市发布新规"])).toBe("某市发布新规");
    expect(chooseTitle("浙江推进数字化改革取得新进展-新华网", [])).toBe("浙江推进数字化改革取得新进展");
    expect(chooseTitle("浙江推进数字化改革取得新进展 | 澎湃新闻 - The Paper", [])).toBe("浙江推进数字化改革取得新进展");
    expect(chooseTitle("浙江推进数字化改革取得新进展_财经_示例网", ["热门推荐"])).toBe("浙江推进数字化改革取得新进展");
  });
  it("a <title> that is only a channel name gives way to the headline above the article", () => {
    expect(chooseTitle("新闻动态--某学会官网", [], "首页 > 新闻动态\n2019年学术年会在重庆成功举行！\n2019-05-18")).toBe("2019年学术年会在重庆成功举行！");
  });
  it("keeps a hyphen inside the headline", () => {
    expect(chooseTitle("中国男篮77-73战胜对手保住希望", [])).toBe("中国男篮77-73战胜对手保住希望");
  });
});

describe("dates", () => {
  it("parseDate reads the usual forms", () => {
    expect(parseDate("2019-09-07T09:59:22+08:00")).toBe("2019-09-07");
    expect(parseDate("2019-09-26 10:09:11")).toBe("2019-09-26");
    expect(parseDate("2019/9/8")).toBe("2019-09-08");
    expect(parseDate("2019年10月31日 23:00")).toBe("2019-10-31");
    expect(parseDate("2019-02-30")).toBeNull();
    expect(parseDate("暂无")).toBeNull();
    expect(parseDate("9月26日", { year: 2019 })).toBe("2019-09-26");
  });
  it("a date line filled by script: the time the script data holds (unix seconds read in UTC+8)", () => {
    expect(scriptDate('<em id="publish_time">前天</em><script>var ct = "1581418070";</script>')).toBe("2020-02-11T18:47:50+08:00");
    expect(scriptDate("<script>var info = { publish_time: '2019-09-08 11:42:03' };</script>")).toBe("2019-09-08 11:42:03");
    expect(scriptDate('<script>window.DATA = { "article_id": "x", "pubtime": "2019-09-07 19:02:26" };</script>')).toBe("2019-09-07 19:02:26");
    expect(scriptDate("<script>var n = 1581418070;</script>")).toBeUndefined();
  });
  it("a labelled date at the top of the article is the date; a date inside a sentence is not", () => {
    const body = (first: string) =>
      `<html><head><title>t</title></head><body><div class="article"><p>${first}</p><p>该院举办药学知识竞赛，来自各科室的代表参加比赛，现场气氛热烈，评委对选手表现给予肯定。</p><p>医院有关负责人说，将把竞赛办成常态活动，帮助年轻药师提高专业水平和服务能力。</p></div></body></html>`;
    expect(extractArticle(body("时间：2019年10月31日 23:00 浏览：33")).date).toBe("2019-10-31");
    expect(extractArticle(body("2018年3月20日，全国人大会议表决通过了这部法律，自公布之日起施行。")).date).toBeUndefined();
  });
});

describe("plain text: navigation, link lists, site headers, image marks, pinyin", () => {
  const article = "杭州市余杭区今天举行新闻发布会，介绍今年的重点工作安排。";
  it("a line of short menu words goes; a sentence with spaces stays", () => {
    expect(run(`推荐 最新原创 专题 新经济 杭州 宁波 温州 绍兴 衢州\n${article}`)).toBe(article);
    const spaced = "会议 强调 要 把 工作 做实 做细，确保 各项 任务 落地。";
    expect(run(spaced)).toBe(spaced);
  });
  it("a bar-separated link list goes, as spam when it lists gambling or porn sites", () => {
    const r = removeTextBoilerplate(fromSource(`${article}\n澳门葡京娱乐城 | 百家乐真人 | 成人视频在线 | 体育投注平台`));
    expect(r.mt.text).toBe(article);
    expect(r.removed.spam).toBeGreaterThan(0);
    expect(run(`新闻 | 财经 | 科技 | 体育\n${article}`)).toBe(article);
  });
  it("site headers and share prompts go", () => {
    const out = removeBoilerplate(fromSource(`示例新闻网欢迎你\n分享至\n${article}\n扫描下方二维码关注我们`)).mt.text;
    expect(out.trimEnd()).toBe(article);
  });
  it("markdown image marks go, the sentence around them stays", () => {
    const doc = cleanDocument({ id: "m", source: "m.txt", format: "text", encoding: "utf-8", content: `${article}![](https://example.com/a.jpg)\n![图片说明](https://example.com/b.png)` });
    expect(doc.text).toBe(article);
  });
  it("pinyin annotations go, offsets kept", () => {
    const content = "阿里巴巴与湖畔實(shí)驗(yàn)室合作，成立联合研究中心。";
    const raw: RawDocument = { id: "p", source: "p.txt", format: "text", encoding: "utf-8", content };
    const doc = cleanDocument(raw);
    expect(doc.text).toBe("阿里巴巴与湖畔實驗室合作，成立联合研究中心。");
    expectMapped(raw, doc);
    // A bracket without a tone is text, not an annotation.
    expect(findPinyin("人工智能(AI)和芯片(a)")).toEqual([]);
  });
});

describe("plain text: unrelated headlines after the article", () => {
  const body = "余杭区今天召开会议，部署今年的营商环境工作。\n会议要求各部门加强协作，提高审批效率，做好企业服务。";
  it("three or more headlines after the last paragraph go", () => {
    expect(run(`${body}\n杭州地铁新线路年底开通运营\n西湖景区春季游客量创新高\n钱塘江大桥维修工程进入收尾阶段`)).toBe(body);
  });
  it("a block of other headlines above the article goes, the article's own headline stays", () => {
    const own = "余杭召开营商环境工作会议";
    const plain = (content: string) => cleanDocument({ id: "h", source: "h.txt", format: "text", encoding: "utf-8", content });
    expect(plain(`杭州地铁新线路年底开通运营？\n西湖景区春季游客量创新高！\n\n钱塘江大桥维修工程进入收尾阶段\n\n${own}\n${body}`).text).toBe(`${own}\n${body}`);
    // Under a list header (热门新闻) even two headlines are a list, and the header does not end the page.
    const doc = plain(`热门新闻\n杭州地铁新线路年底开通运营\n西湖景区春季游客量创新高\n\n${own}\n\n${body}`);
    expect(doc.text).toBe(`${own}\n${body}`);
    expect(doc.title).toBe(own);
  });
  it("a headline with a kicker line above it stays", () => {
    expect(run(`数字经济\n余杭召开营商环境工作会议\n${body}`)).toBe(`数字经济\n余杭召开营商环境工作会议\n${body}`);
  });
  it("one closing line stays", () => {
    expect(run(`${body}\n（完）`)).toBe(`${body}\n（完）`);
  });
});

describe("the editor's line", () => {
  const a = "余杭区今天召开会议，部署今年的营商环境工作，要求各部门加强协作，提高审批效率。";
  const b = "临平区启动老旧小区改造，涉及两千多户居民，计划年底前完成外立面和管网更新。";
  it("closes the article: a short tail after it goes", () => {
    const out = removeBoilerplate(fromSource(`${a}\n${b}\n责任编辑：示例\n港口货物吞吐量创新高，相关部门表示将继续扩容。`)).mt.text;
    expect(out.trimEnd()).toBe(`${a}\n${b}`);
  });
  it("does not cut the next article of a text holding several", () => {
    const out = removeBoilerplate(fromSource(`${a}\n责任编辑：示例\n${b}\n${a}\n${b}`)).mt.text;
    expect(out).toBe(`${a}\n${b}\n${a}\n${b}`);
  });
});

describe("lines repeated across the articles of one file", () => {
  it("a JSONL of one site: its header and footer lines go, each article's own lines stay", () => {
    const own = ["余杭区新增三家研发中心，集中在人工智能领域。", "临平区启动老旧小区改造，涉及两千多户居民。", "西湖区发布文旅消费券，市民可在线领取使用。", "钱塘区一季度工业投资增长，新开工项目十二个。"];
    const lines = own.map((t) => JSON.stringify({ text: `示例资讯网 首页\n${t}\n更多精彩请下载示例资讯APP` }));
    const { docs } = readInputFile(tempFile("feed.jsonl", lines.join("\n")));
    expect(docs).toHaveLength(4);
    docs.forEach((d, i) => {
      expect(d.repeatedLines).toEqual(["更多精彩请下载示例资讯APP", "示例资讯网 首页"]);
      expect(cleanDocument(d).text).toBe(own[i]);
    });
  });
  it("needs three articles and a quarter of the file: a line two articles share is kept", () => {
    expect(repeatedLines(["甲\n共同一行", "乙\n共同一行", "丙", "丁", "戊", "己"]).size).toBe(0);
  });
});

describe("spam: only as spam", () => {
  it("a news sentence about a lottery shop keeps every word", () => {
    const s = "记者走访发现，这家彩票投注站的店主每天早上八点开门，周边居民常来购买体育彩票。";
    expect(findSpam(s)).toEqual([]);
    const doc = cleanDocument({ id: "l", source: "l.txt", format: "text", encoding: "utf-8", content: s });
    expect(doc.text).toBe(s);
  });
  it("a crackdown report naming online gambling stays", () => {
    expect(findSpam("警方破获一起网络赌博平台案件，查扣涉案资金数百万元。")).toEqual([]);
  });
  it("an injected spam run still goes", () => {
    expect(findSpam("推进项目建设，某某体育app下载_官网入口-线上买球，加快落地。").length).toBe(1);
  });
});

describe("code on a page is text", () => {
  it("identifiers and braces the page shows stay (they are class names or CSS only in scraped text)", () => {
    const intro = "我们先来看一个简单的例子，它在函数结束时写入一条带时间的记录，无论函数是正常结束还是中途报错。";
    const code = "def add_ts():\n    handler.insert_one({'finished': True, 'ts': now()})";
    const html = `<html><head><title>延迟调用</title></head><body><article><p>${intro}</p><pre>${code}</pre><p>这样，add_ts函数总会运行，确保始终增加一条日期数据。${intro}</p></article></body></html>`;
    const doc = cleanDocument({ id: "code", source: "code.html", format: "html", encoding: "utf-8", content: html });
    expect(doc.text).toContain("def add_ts():");
    expect(doc.text).toContain("handler.insert_one({'finished': True, 'ts': now()})");
    expect(doc.text).toContain("这样，add_ts函数总会运行");
    // The same words in scraped plain text are leaked markup, as before.
    expect(cleanDocument({ id: "t", source: "t.txt", format: "text", encoding: "utf-8", content: `图注 image_desc 说明。\n${intro}` }).text).not.toContain("image_desc");
  });
});

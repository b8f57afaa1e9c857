// Each cleaning step on its own, on passages of the seeds: what must go is gone, the text around
// it is intact to the character.
import { describe, expect, it } from "vitest";
import {
  fromSource, htmlToText, joinBrokenLines, normalizeWhitespace, removeBoilerplate, removeMarkupLeaks, removeSpam,
  splitArticles, findSpam, toSegments,
} from "../../src/clean/index.ts";

const run = (f: (mt: ReturnType<typeof fromSource>) => { mt: { text: string } }, s: string) => f(fromSource(s)).mt.text;

describe("htmlToText", () => {
  const html =
    '<div class="rich_media_content"><p><!--IMG_0--></p><p class="image_desc">杭州余杭区。</p><p>在全省率先实现<!--VERTICAL_CARD_BEGIN_0-->GDP<!--VERTICAL_CARD_END_0-->突亿元大关。</p>' +
    "<p>战略性技术。<!--AI_AD_1000--><!--MID_AD_0--><!--EOP_0--></p><!--PARAGRAPH_0--><p>MID_AD_3 对余杭来说,A&amp;B<br>第二行</p>" +
    "<style>.rich_media_content p{letter-spacing:.5px}</style><script>var x=1</script><figure><img alt=\"余杭区城市新中心航拍\"><figcaption>图:中轴线</figcaption></figure></div>";
  const { mt } = htmlToText(html);
  const text = normalizeWhitespace(mt).mt.text;
  it("drops comments, placeholders, style and script, keeps text around them whole", () => {
    expect(text).toBe("杭州余杭区。\n\n在全省率先实现GDP突亿元大关。\n\n战略性技术。\n\n对余杭来说,A&B\n第二行\n\n余杭区城市新中心航拍\n\n图:中轴线");
  });
  it("maps text back: exact pieces verbatim, the entity inexact over its source", () => {
    const norm = normalizeWhitespace(mt).mt;
    for (const seg of toSegments(norm)) {
      const piece = norm.text.slice(seg.cleanStart, seg.cleanStart + seg.length);
      if (seg.exact) expect(html.slice(seg.sourceStart, seg.sourceEnd)).toBe(piece);
      else if (piece === "&") expect(html.slice(seg.sourceStart, seg.sourceEnd)).toBe("&amp;");
      else expect(piece).toMatch(/^\n+$/);
    }
  });
  it("takes the <title>", () => {
    expect(htmlToText("<html><head><title>余杭 新闻</title></head><body><p>正文。</p></body></html>").title).toBe("余杭 新闻");
  });
});

describe("removeMarkupLeaks", () => {
  it("removes CSS, comments, placeholders and class names that stand as text", () => {
    const s = "成果。.rich_media_content p:not([data-x=image-box]){letter-spacing:.5px;line-height:30px}@media(prefers-color-scheme:dark){body .a{color:#fff}}\n<!--IMG_1-->图注 image_desc 说明。EOP_0";
    expect(run(removeMarkupLeaks, s)).toBe("成果。\n图注  说明。");
  });
  it("leaves ordinary Latin text, URLs and numbers alone", () => {
    const s = "淘宝 Vision 与 vivo 合作,访问 https://a.b/c_d.html,增长9.2%{注}。";
    expect(run(removeMarkupLeaks, s)).toBe(s);
  });
});

describe("removeBoilerplate", () => {
  it("removes navigation, category/source lines, 本文转自 (seed 003 head)", () => {
    const s = "• 我的订阅\n• 国内\n\n锚定经济新目标 余杭向杭州城市重要新中心“再出发”\n\n类别:国内\u00a0发布时间:2024-01-17 15:51:00\u00a0来源:人民资讯\n\n本文转自:人民日报客户端\n\n刘军国\n\n眼下,正值余杭的“两会时间”。";
    expect(run(removeBoilerplate, s)).toBe("\n锚定经济新目标 余杭向杭州城市重要新中心“再出发”\n\n\n\n刘军国\n\n眼下,正值余杭的“两会时间”。");
  });
  it("cuts the tail from the snapshot disclaimer on, with the repeated title (seed 003 end)", () => {
    const s = "标题在这里 余杭再出发\n\n正文。\n\n(徐颖、谭琴参与采写)\n\n标题在这里 余杭再出发\n\n以上内容为资讯信息快照,由td.fyun.cc爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。\n\n快照生成时间:2024-01-17 18:45:03\n\n信息原文地址:\n\n别的新闻标题\n...摘要\n2024-01-25 06:06:00\n更多关于国内的资讯:\n长春大冬会意向赞助企业集中推介活动成功举办\n2026-01-31 20:19:00";
    const r = removeBoilerplate(fromSource(s));
    expect(r.mt.text).toBe("标题在这里 余杭再出发\n\n正文。\n\n(徐颖、谭琴参与采写)\n\n");
    expect(r.removed.disclaimer).toBeGreaterThan(0);
    expect(r.removed.related).toBeGreaterThan(0);
  });
  it("removes a list of other headlines with timestamps inside a page", () => {
    const s = "正文第一段。\n\n其他新闻一\n摘要一\n2024-01-25 06:06:00\n其他新闻二\n2023-12-06 11:59:00\n\n正文最后一段。";
    expect(run(removeBoilerplate, s)).toBe("正文第一段。\n\n\n正文最后一段。");
  });
  it("removes newspaper furniture (seed 002 and 001) and keeps the words around inline furniture", () => {
    const s = "浙江日报 数字报纸\n\n\n00013版:专版\n\n本报讯(记者 阮伟康 陈书恒) 昨日上午,大会举行。\n人才力量则是“创造者”。(下转第3版)\n(上接第1版)\n浙江日报 专版 00013 余杭:数实深度融合 2025-12-12 浙江日报2025-12-1200017;浙江日报2025-12-1200015 2 2025年12月12日 星期五";
    expect(run(removeBoilerplate, s).replace(/\n+/g, "\n").trim()).toBe("(记者 阮伟康 陈书恒) 昨日上午,大会举行。\n人才力量则是“创造者”。");
  });
  it("keeps article lines that merely mention a source or a date", () => {
    const s = "来源于群众的智慧,2025年12月12日星期五举行的会议上,他说。\n图片由余杭区经济和信息化局提供";
    expect(run(removeBoilerplate, s)).toBe(s);
  });
});

describe("removeSpam", () => {
  const passage = "加快推动文化“新三样”高质量发展高水平出海,打造球球直播app下载_球球体育官网-线上买球具有余杭辨识度的“文化+”标志性成果。";
  it("removes the spam run only (seed 004)", () => {
    const r = removeSpam(fromSource(passage));
    expect(r.mt.text).toBe("加快推动文化“新三样”高质量发展高水平出海,打造具有余杭辨识度的“文化+”标志性成果。");
    expect(r.removed.spam).toBe(21);
  });
  it("finds other shapes of spam", () => {
    expect(run(removeSpam, "会议强调,澳门娱乐城官网入口|百家乐-真人娱乐要深入学习。")).toBe("会议强调,澳门要深入学习。");
    expect(run(removeSpam, "推进体育彩票app下载注册送彩金项目。")).not.toContain("彩金");
  });
  it("does not touch ordinary news vocabulary", () => {
    for (const s of ["直播+平台+跨境电商深度融合", "访问余杭区政府官网下载申报表。", "人民网-浙江频道", "放大赛事经济,体育产业与文旅平台联动。", "2025-12-12"]) {
      expect(findSpam(s)).toEqual([]);
    }
  });
});

describe("joinBrokenLines", () => {
  const s = [
    "大会发布了三大行动;进行了“创投余杭”系",
    "",
    "列战略合作签约和“海创未来”人才项目签约;举行了三项启动仪式。",
    "",
    "杨建根表示,要筑牢思想根",
    "",
    "基,全面增强拒腐防变的政治自觉。深刻把握“三个更加”的重要要求。",
    "",
    "让“闲置”流转起来,也成为",
    "",
    "该行动的一大亮点。",
    "",
    "如果说前几年余杭的“雄心”是吸引企业、做大产值,那么今天余杭要吸引的是“最强大脑”,并为之提供所需的“阳光、土壤和雨",
    "",
    "露”。",
    "",
    "区政府廉政工作会议举行",
    "努力打造人民满意政府",
    "",
    "(记者 宋晗语 陈名) 近日,区政府召开廉政工作会议。",
    "",
    "提升营商环境,营造最优生态",
    "",
    "要实现两个“千亿级”目标,营商环境是助力经济发展的重要支撑。",
    "",
    "从一场高规格大会看余杭的“进”与“立”",
    "",
    "是前沿量子密码技术。",
  ].join("\n");
  const out = run(joinBrokenLines, s);
  it("joins lines cut inside a sentence or a word", () => {
    expect(out).toContain("进行了“创投余杭”系列战略合作签约");
    expect(out).toContain("要筑牢思想根基,全面增强");
    expect(out).toContain("也成为该行动的一大亮点。");
    expect(out).toContain("“阳光、土壤和雨露”。");
  });
  it("keeps headlines, bylines and real paragraph breaks", () => {
    expect(out).toContain("签约;举行了三项启动仪式。\n\n杨建根表示");
    expect(out).toContain("区政府廉政工作会议举行\n努力打造人民满意政府\n\n(记者 宋晗语 陈名)");
    expect(out).toContain("提升营商环境,营造最优生态\n\n要实现两个");
    expect(out).toContain("从一场高规格大会看余杭的“进”与“立”\n\n是前沿量子密码技术。");
  });
});

describe("splitArticles", () => {
  it("reassembles an opening printed after its continuation, drops the TOC", () => {
    const s = [
      "第一篇标题在这里",
      "",
      "(记者 张三) 昨日,会议举行。",
      "",
      "第二篇的标题在这里",
      "",
      "是前沿技术。大会结束了。",
      "",
      "目录一",
      "目录二条目",
      "目录三条目?",
      "",
      ">>>>详见第2版",
      "",
      "(记者 李四) 昨日上午9时,会场高朋满座。他和工作人员聊了很久,这家公司研究的",
    ].join("\n");
    const r = splitArticles(fromSource(s));
    const paras = r.blocks.map((b) => `${b.article}:${b.mt.text}`);
    expect(paras).toEqual([
      "0:第一篇标题在这里",
      "0:(记者 张三) 昨日,会议举行。",
      "1:第二篇的标题在这里",
      "1:(记者 李四) 昨日上午9时,会场高朋满座。他和工作人员聊了很久,这家公司研究的是前沿技术。大会结束了。",
    ]);
    expect(r.articles).toEqual([
      { title: "第一篇标题在这里", byline: "记者 张三" },
      { title: "第二篇的标题在这里", byline: "记者 李四" },
    ]);
    expect(r.removed.toc).toBeGreaterThan(0);
  });
  it("treats a headline followed by an ordinary paragraph as a subheading", () => {
    const s = "主标题\n\n第一段。\n\n小标题一\n\n作为主阵地,余杭区是压舱石。";
    const r = splitArticles(fromSource(s));
    expect(r.articles).toHaveLength(1);
    expect(r.blocks.map((b) => b.mt.text)).toEqual(["主标题", "第一段。", "小标题一", "作为主阵地,余杭区是压舱石。"]);
  });
});

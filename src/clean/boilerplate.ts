// Page furniture that is not the article: site navigation, metadata lines, "reprinted from",
// snapshot disclaimers, lists of other headlines, newspaper page furniture. Each pattern is general
// (a kind of line, not a particular site's sentence) and carries a comment saying what it catches.

import type { RemovalKind } from "../types.ts";
import { lineRanges, removeRanges, type KindRange, type MappedText, type StepResult } from "./mapped.ts";
import { FINAL_PUNCT, isHeadlineLike } from "./lines.ts";

interface LineRule {
  kind: RemovalKind;
  re: RegExp;
  why: string;
}

/** Whole lines that go. Tested against the trimmed line. */
export const LINE_RULES: LineRule[] = [
  // Navigation
  { kind: "navigation", re: /^[•·●▪►▶»›]\s*\S{1,10}$/, why: "a bulleted menu item (• 我的订阅, • 国内)" },
  { kind: "navigation", re: /^(?:当前位置|您的位置|你的位置|所在位置)[:：]/, why: "breadcrumb" },
  { kind: "navigation", re: /^[^\s>＞»›]{1,8}(?:\s*[>＞»›]\s*[^\s>＞»›]{1,12}){2,}$/, why: "breadcrumb 首页 > 国内 > 正文" },
  { kind: "navigation", re: /^(?:[\[【]?(?:首页|返回首页|返回顶部|返回|登录|注册|分享到?|打印|关闭|关闭窗口|收藏|纠错|上一篇|下一篇|字号|我的订阅|手机版|客户端|扫一扫|微信|微博|举报|评论|关注|已关注|点赞|查看更多|查看全部|展开全文|阅读全文|加载更多|收起)[\]】]?[\s|｜/]*){1,8}[:：]?$/, why: "site buttons and menu words" },
  { kind: "navigation", re: /^(?=.{0,50}$)(?!.*。).*(?:二维码|扫码|扫一扫|长按(?:识别|关注|扫描)|点击(?:关注|菜单|阅读原文|投票|进入|查看)|阅读原文|回复【|点【在看】|【点击|分享至|分享到)/, why: "share, follow and QR-code prompts (扫描下方二维码…, 回复【社保】查询…, 分享至好友)" },
  { kind: "navigation", re: /^(?=.{0,40}$)\S{0,20}(?:欢迎你|欢迎您|欢迎光临|欢迎访问)[!！]?$/, why: "site greeting in a page header (…网欢迎你)" },
  { kind: "navigation", re: /^(?:https?:\/\/|www\.)\S+(?:\s*[>»›|｜\/]?\s*(?:https?:\/\/|www\.)\S+)*$/, why: "a line of bare URLs (a breadcrumb or link list saved as text)" },
  // Metadata lines: category, time, source, editors
  { kind: "furniture", re: /^(?:类别|分类|栏目|频道)[:：]/, why: "category line (类别:国内 发布时间:… 来源:…)" },
  { kind: "furniture", re: /^(?=.{0,80}$)(?!.*[。！？]).*(?:发布时间|发布日期|发表时间|更新时间)[:：]\s*\d{4}/, why: "publication-time line" },
  { kind: "furniture", re: /^(?:本文转自|转自|转载自|来源|稿源|文章来源|信息来源|原标题|责任编辑|责编|编辑|审核|校对|值班编辑|出处)\s*[:：].{0,60}$/, why: "source/editor credit (本文转自:人民日报客户端)" },
  { kind: "furniture", re: /^(?=.{0,40}$).*(?:浏览次数|阅读量|点击数|阅读数)[:：]?\s*\d*$/, why: "view counter" },
  { kind: "furniture", re: /^[（(]?\s*(?:本文)?(?:原标题|原题为?)\s*[:：《].{0,150}$/, why: "original-title note, however long ((原标题：…), （原题为《…》）)" },
  { kind: "furniture", re: /^[（(]\s*本文来自.{0,80}[)）]$|^本文来自.{0,60}$/, why: "where the article was taken from, with an app to download ((本文来自澎湃新闻，…))" },
  { kind: "furniture", re: /^(?=.{0,80}$)(?!.*。)(?=(?:.*(?:编辑|责编|校对|审核|摄影|摄像|供稿|来源|作者|采写|撰文|文字|美编)\s*[:：|｜丨/]?){2})/, why: "a line of several credits (…供稿 摄影/… 编辑/…)" },
  { kind: "furniture", re: /^(?:本文来源|图片来源|图片|图源|图|摄影|摄像|视频|作者|原创|文字|撰文|策划|监制|主编|出品|来源|稿源|责任编辑|责编|编辑|审核|校对|值班编辑)\s*[|｜丨/]\s*.{1,60}$/, why: "credit with a bar or slash (编辑|某某, 图/pixabay)" },
  { kind: "furniture", re: /^(?:本文来源|图片来源|图源|作者|原创|文字|撰文|摄影|采写|采访|通讯员)\s*[:：].{0,60}$/, why: "source, picture or author credit (图片来源：…, 作者：…)" },
  { kind: "furniture", re: /^(?:(?:发布|发表|更新)?(?:时间|日期)\s*[:：]\s*)?(?:19|20)\d{2}\s*(?:年|-|\/|\.)\s*\d{1,2}\s*(?:月|-|\/|\.)\s*\d{1,2}\s*日?(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+(?:来源|作者|编辑|浏览|阅读|点击)\s*[:：]?.{0,40})?$/, why: "date line: a date (and time) standing alone, or followed by the source (2019年9月26日 15:10 来源：…)" },
  { kind: "furniture", re: /^(?:发布时间|发布日期|发表时间|更新时间|时间|日期|来源|作者|浏览|浏览次数|阅读|点击)\s*[:：]$/, why: "a label whose value stands on the next line" },
  { kind: "furniture", re: /^\d{1,3}\s*\/\s*\d{1,3}$/, why: "picture counter of a gallery (1/10)" },
  { kind: "furniture", re: /^[▲△↑（(]?\s*(?:资料图片?|图片|配图|示意图|视频截图|网络图片|截图|图)\s*[)）]?$/, why: "a picture's placeholder caption (资料图), which names nothing" },
  // Newspaper page furniture
  { kind: "furniture", re: /^(?:第\s*)?[A-Z]?\d{1,5}\s*版\s*(?:[:：].{0,20})?$/, why: "page line (00013版:专版, 第A03版:要闻)" },
  { kind: "furniture", re: /^(?=.{0,24}$)\S{0,12}\s*(?:数字报纸?|电子版|数字报刊|电子报)$/, why: "edition banner (浙江日报 数字报纸)" },
  { kind: "furniture", re: /^(?!.*[。！？]).*\d{4}-\d{2}-\d{2}\d{3,}/, why: "newspaper metadata line with a page id glued to a date (…2025-12-1200017;…)" },
  { kind: "furniture", re: /^(?!.*[。！？]).{0,200}\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期|周)[一二三四五六日天]$/, why: "masthead date line ending 2025年12月12日 星期五" },
  { kind: "furniture", re: /^[（(]?\s*[上下]接第?\s*[A-Z]?\d{1,3}\s*版\s*[)）]?$/, why: "jump line standing alone (上接第1版)" },
  // Disclaimers
  { kind: "disclaimer", re: /以上内容为.{0,20}(?:快照|转载)|快照生成时间|信息快照|如有侵权请?联系|本站(?:未对|不代表|仅提供|所载)|信息原文地址|免责声明|版权声明|版权所有|未经(?:授权|许可|书面许可).{0,6}(?:转载|使用)|(?:^|\s)(?:Copyright|©)|ICP备\d/i, why: "snapshot/copyright disclaimer" },
];

/** A line from which everything after is other sites' material: the article is over. */
/**
 * The header of a list of other articles (相关新闻, 为你推荐, 点击排行 …). After the article it starts
 * the page's tail; above the article it heads a block of other headlines (see textlines.ts).
 */
export const LIST_HEADER = /^(?:相关(?:新闻|阅读|报道|文章|推荐|链接)|推荐阅读|延伸阅读|热门(?:新闻|文章|推荐|资讯|排行)|热点(?:新闻|资讯)|猜你喜欢|精彩推荐|往期回顾|(?:为你|编辑|今日|小编)推荐|(?:点击|阅读|新闻)排行|大家都在看|大家都爱看)[:：]?$/;

// `afterProse`: only below a paragraph of prose; a list header above the article heads other
// headlines, not the end of the page.
const TAIL_START: { kind: RemovalKind; re: RegExp; why: string; short?: boolean; afterProse?: boolean }[] = [
  { kind: "disclaimer", re: /以上内容为.{0,20}快照|快照生成时间|信息原文地址/, why: "snapshot footer: the page copy ends here" },
  // `short`: only when less follows than a third of what precedes, so that in a text holding several
  // articles, each closed by its editor's line, the next article is not taken for the site's tail.
  { kind: "related", re: /^(?:责任编辑|责编)\s*[:：|｜丨]/, why: "the editor's line closes a Chinese news article: what follows is the site's", short: true },
  { kind: "related", re: /^更多关于.{1,20}的?(?:资讯|新闻|文章|报道|内容)[:：]?$/, why: "more-news list header" },
  { kind: "related", re: LIST_HEADER, why: "related-articles header", afterProse: true },
];

/** A line that is only a timestamp: the date line of an entry in a list of other articles. */
const TIMESTAMP_LINE = /^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** Inline furniture: removed from inside a line, the text around stays. */
export const INLINE_RULES: LineRule[] = [
  { kind: "furniture", re: /[（(]\s*[上下]转第?\s*[A-Z]?\d{1,3}\s*版\s*[)）]|[（(]\s*[上下]接第?\s*[A-Z]?\d{1,3}\s*版\s*[)）]/g, why: "jump references (下转第3版)" },
  { kind: "furniture", re: /^(?:本报|本刊|本台|本网)[^\s，,。:：(（“]{0,12}?讯(?:\s*[:：])?\s*/g, why: "dateline 本报讯 / 本报杭州1月2日讯 (the byline after it stays)" },
];

/**
 * Remove navigation, metadata, disclaimers, the tail of unrelated headlines, newspaper furniture.
 * Works on trimmed lines (run after normalizeWhitespace).
 */
export function removeBoilerplate(mt: MappedText): StepResult {
  const t = mt.text;
  const lines = lineRanges(t);
  const ranges: KindRange[] = [];
  const lineText = lines.map((l) => t.slice(l.start, l.end));
  const dropLine = (i: number, kind: RemovalKind) => ranges.push({ start: lines[i].start, end: Math.min(t.length, lines[i].end + 1), kind });

  // 1. The tail: from the first tail marker on, nothing is article text.
  let tail = lines.length;
  for (let i = 0; i < lines.length && tail === lines.length; i++) {
    for (const r of TAIL_START) {
      if (!r.re.test(lineText[i])) continue;
      if (r.short && (t.length - lines[i].end) * 3 >= lines[i].start) continue;
      if (r.afterProse && !lineText.slice(0, i).some((l) => l.length >= 20 && FINAL_PUNCT.test(l))) continue;
      tail = i;
      break;
    }
  }
  // A headline line repeated right before the tail (the page title printed again) goes with it.
  if (tail < lines.length) {
    let k = tail - 1;
    while (k >= 0 && lineText[k] === "") k--;
    if (k >= 0 && isHeadlineLike(lineText[k]) && lineText.slice(0, k).includes(lineText[k])) tail = k;
  }
  for (let i = tail; i < lines.length; i++) {
    const isDisclaimer = LINE_RULES.some((r) => r.kind === "disclaimer" && r.re.test(lineText[i]));
    dropLine(i, isDisclaimer ? "disclaimer" : i === tail && TAIL_START.some((r) => r.kind === "disclaimer" && r.re.test(lineText[i])) ? "disclaimer" : "related");
  }

  // 2. Lists of other articles inside the page: timestamp lines with the headline/snippet lines
  //    right above them (single-newline block), when there are at least two such entries.
  const stamps = [];
  for (let i = 0; i < tail; i++) if (TIMESTAMP_LINE.test(lineText[i])) stamps.push(i);
  if (stamps.length >= 2) {
    for (const i of stamps) {
      dropLine(i, "related");
      for (let k = i - 1; k >= Math.max(0, i - 2) && lineText[k] !== "" && !TIMESTAMP_LINE.test(lineText[k]); k--) dropLine(k, "related");
    }
  }

  // 3. Line rules and inline rules on the article part.
  let prevDropped = false;
  for (let i = 0; i < tail; i++) {
    const s = lineText[i];
    if (s === "") continue;
    const rule = LINE_RULES.find((r) => r.re.test(s));
    if (rule) {
      dropLine(i, rule.kind);
      prevDropped = true;
      continue;
    }
    // A bare number right under a dropped metadata line is its value (a view count, a comment count).
    if (prevDropped && /^\d{1,7}$/.test(s)) {
      dropLine(i, "furniture");
      continue;
    }
    prevDropped = false;
    for (const r of INLINE_RULES) {
      r.re.lastIndex = 0;
      for (const m of s.matchAll(r.re)) ranges.push({ start: lines[i].start + m.index!, end: lines[i].start + m.index! + m[0].length, kind: r.kind });
    }
  }
  return removeRanges(mt, ranges);
}

export { FINAL_PUNCT };

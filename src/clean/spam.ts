// Injected gambling / app-download spam (SEO spam pasted into copied articles, e.g.
// "…打造球球直播app下载_球球体育官网-线上买球具有…"). Only the spam run goes; the sentence around it is
// kept to the character.

import { removeRanges, type KindRange, type MappedText, type StepResult } from "./mapped.ts";

/** Vocabulary that is spam on its own (gambling, betting, casino, download bait). */
export const STRONG_SPAM = [
  "买球", "博彩", "娱乐城", "百家乐", "真人娱乐", "老虎机", "棋牌游戏", "棋牌app", "赌场", "赌博", "足彩", "外围",
  "彩金", "返水", "投注", "下注", "体育官网", "官网入口", "直播app下载", "app下载", "APP下载", "App下载", "彩票app",
  "彩票官网", "彩票平台", "开户送", "注册送", "首存", "电竞竞猜", "捕鱼", "网投", "体育app", "体育APP",
];
/** Vocabulary that is spam only next to other spam (官网, 直播, 下载 are ordinary words alone). */
export const WEAK_SPAM = ["官网", "官方", "下载", "直播", "体育", "娱乐", "平台", "入口", "app", "APP", "App", "注册", "登录", "网址", "在线", "线上", "彩票", "棋牌", "手机版"];

/**
 * The weak words that make a lone strong word spam when they stand next to it: the words that send
 * a reader to a site or an app (官网, 入口, 下载, app …). Not 彩票, 体育, 娱乐, 直播, 棋牌, nor 平台,
 * 在线, 注册: news writes 彩票投注站, 网络赌博平台 and 在线投注 in sentences about them.
 */
const SITE_WORDS = new Set(["官网", "下载", "入口", "app", "APP", "App", "网址", "手机版"]);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const VOCAB = new RegExp([...STRONG_SPAM, ...WEAK_SPAM].sort((a, b) => b.length - a.length).map(escape).join("|"), "g");
const STRONG_SET = new Set(STRONG_SPAM);
/**
 * Any strong word at all. A spam run needs a strong hit, and a strong hit is a strong word standing in
 * the text: a text without one has no spam, and skips the chain-by-chain search.
 */
const ANY_STRONG = new RegExp(STRONG_SPAM.map(escape).join("|"));

/** Words joined by _ - | (the shape of SEO spam titles): "球球直播app下载_球球体育官网-线上买球". */
const CHAIN = /[\p{Script=Han}A-Za-z0-9]+(?:[_\-|｜]+[\p{Script=Han}A-Za-z0-9]+)*/gu;

interface Hit {
  start: number;
  end: number;
  strong: boolean;
}

function hitsIn(s: string, offset: number): Hit[] {
  const out: Hit[] = [];
  VOCAB.lastIndex = 0;
  for (const m of s.matchAll(VOCAB)) out.push({ start: offset + m.index!, end: offset + m.index! + m[0].length, strong: STRONG_SET.has(m[0]) });
  return out;
}

/**
 * Find spam runs in a text: a chain of words joined by _/-/| in which some word holds strong spam
 * vocabulary and at least two hold spam vocabulary; or, without separators, strong vocabulary with
 * another spam word within a few characters. The run covers first to last vocabulary hit, extended
 * left over a brand name that the run repeats ("球球直播…_球球体育…": both start with 球球).
 */
export function findSpam(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (!ANY_STRONG.test(text)) return out;
  CHAIN.lastIndex = 0;
  for (const m of text.matchAll(CHAIN)) {
    const chain = m[0];
    const base = m.index!;
    const tokens: { start: number; end: number; hits: Hit[] }[] = [];
    const sep = /[_\-|｜]+/g;
    let last = 0;
    for (const sm of chain.matchAll(sep)) {
      tokens.push({ start: base + last, end: base + sm.index!, hits: hitsIn(chain.slice(last, sm.index!), base + last) });
      last = sm.index! + sm[0].length;
    }
    tokens.push({ start: base + last, end: base + chain.length, hits: hitsIn(chain.slice(last), base + last) });
    const all = tokens.flatMap((t) => t.hits);
    if (!all.some((h) => h.strong)) continue;
    const spamTokens = tokens.filter((t) => t.hits.length > 0).length;
    let run: Hit[] | undefined;
    if (tokens.length > 1 && spamTokens >= 2) run = all;
    else {
      // No separators: strong vocabulary needs, close by (≤ 4 characters away), another strong
      // word or a site word; a strong word beside an ordinary one (彩票投注) is news about it.
      const partner = (h: Hit, o: Hit) => (h.strong && o.strong) || (h.strong && SITE_WORDS.has(text.slice(o.start, o.end))) || (o.strong && SITE_WORDS.has(text.slice(h.start, h.end)));
      const close = all.filter((h, i) => all.some((o, j) => j !== i && partner(h, o) && Math.abs(h.start - o.end) <= 4 && Math.abs(o.start - h.end) <= 40));
      if (close.length >= 2) run = close;
    }
    if (!run) continue;
    let s = Math.min(...run.map((h) => h.start));
    const e = Math.max(...run.map((h) => h.end));
    // Brand extension: the text before the first hit of a later token ("球球" in "球球体育官网").
    for (const t of tokens) {
      if (t.hits.length === 0 || t.hits[0].start <= t.start || t.start <= s) continue;
      const brand = text.slice(t.start, t.hits[0].start);
      if (brand.length <= 6 && text.slice(s - brand.length, s) === brand) {
        s -= brand.length;
        break;
      }
    }
    out.push({ start: s, end: e });
  }
  return out;
}

/** How many spam words (strong or weak) a short text holds: for telling a link list of spam sites. */
export function spamWordCount(s: string): number {
  return hitsIn(s, 0).filter((h) => h.strong).length;
}

export function removeSpam(mt: MappedText): StepResult {
  const ranges: KindRange[] = findSpam(mt.text).map((r) => ({ ...r, kind: "spam" }));
  return removeRanges(mt, ranges);
}

// A classifier of the lines of scraped text that are not the article: navigation saved as a line of
// short words, link lists joined by "|", blocks of other articles' headlines before or after the
// article, lines the site repeats in every article of a file, and pinyin annotations that a
// reading aid inserted after characters (湖畔實(shí)驗(yàn)室). Each test is about the shape of a
// line, not about a site, and each says why it holds.

import type { RemovalKind } from "../types.ts";
import { lineRanges, removeRanges, type KindRange, type MappedText, type StepResult } from "./mapped.ts";
import { BYLINE_START } from "./lines.ts";
import { LIST_HEADER } from "./boilerplate.ts";
import { spamWordCount } from "./spam.ts";

/** Sentence punctuation: a line with one inside is prose, not a menu. */
const SENTENCE_INSIDE = /[。；！？!?]|[，,].*[，,]/;

/**
 * Navigation saved as text: six or more short tokens separated by spaces, none longer than six
 * characters, no sentence punctuation and no colon (推荐 最新原创 专题 新经济 … 温州 绍兴 衢州). A byline
 * (记者 …) is not one, nor a line listing names after a colon.
 */
export function isTokenRun(line: string): boolean {
  if (line.length > 200 || /[，,。；！？!?：:、]/.test(line)) return false;
  if (BYLINE_START.test(line) || /^(?:本报)?(?:记者|通讯员|摄影|摄像)/.test(line)) return false;
  const tokens = line.split(/\s+/).filter(Boolean);
  if (tokens.length < 6) return false;
  let long = 0;
  let total = 0;
  for (const t of tokens) {
    total += t.length;
    if (t.length > 6) long++;
  }
  return long === 0 && total / tokens.length <= 4;
}

/**
 * A list of links joined by bars: three or more parts, each short (≤ 25 characters), and no sentence
 * inside the line (新闻 | 财经 | 体育, or a saved footer of partner sites).
 */
export function barListParts(line: string): string[] | undefined {
  if (!/[|｜丨]/.test(line) || /[。；]/.test(line)) return undefined;
  const parts = line.split(/\s*[|｜丨]\s*/).filter(Boolean);
  if (parts.length < 3 || parts.some((p) => p.length > 25)) return undefined;
  return parts;
}

/** Words of pornographic or gambling link lists: spam in a link list, ordinary words in a sentence about them. */
const LIST_SPAM = /色情|成人(?:视频|电影|网站|影院|小说)|黄色(?:网站|视频|小说)|av|AV|无码|一本道|偷拍|激情|裸聊|约炮|福利(?:视频|姬|网)|伦理片|三级片|性爱|情色|葡京|威尼斯人|太阳城|金沙|赌场|娱乐城|彩票|棋牌|博彩|百家乐|老虎机|真人|体育|投注|下注|买球/;

/** Is a pinyin syllable (with a tone mark or a tone digit): shí, yàn, lü4 — not a word in brackets. */
const PINYIN = /[(（]\s*([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})([1-5]?)\s*[)）]/gu;
const TONE = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;
const HAN = /\p{Script=Han}/u;

/**
 * Pinyin annotations right after a Han character: "實(shí)驗(yàn)室" → "實驗室". An annotation is a
 * bracketed Latin syllable with a tone mark or tone digit; a bracket without one ("(a)", "(AI)") is
 * left alone, since it is text.
 */
export function findPinyin(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  PINYIN.lastIndex = 0;
  for (const m of text.matchAll(PINYIN)) {
    const i = m.index!;
    if (i === 0) continue;
    const prev = [...text.slice(Math.max(0, i - 2), i)].pop() ?? "";
    if (!HAN.test(prev)) continue;
    if (!TONE.test(m[1]) && !m[2]) continue;
    out.push({ start: i, end: i + m[0].length });
  }
  return out;
}

/**
 * A line that reads as prose: it ends with a full stop, or is long and holds a sentence. A short
 * line ending in ？ or ！ is as often a headline (…啥来头?) and does not count.
 */
function isProse(line: string): boolean {
  return (line.length >= 8 && /[。；…][”’」』）)]*$/.test(line)) || (line.length >= 40 && /[。！？!?]/.test(line));
}

/** A line that may be one headline of a list: short, no full stop inside, not a byline. */
function isListHeadline(line: string): boolean {
  return line.length >= 6 && line.length <= 50 && !/[。；]/.test(line) && !BYLINE_START.test(line);
}

/**
 * Remove navigation lines, bar-separated link lists (as spam when they list gambling or
 * pornographic sites), pinyin annotations, the lines repeated across the articles of the same file
 * (`repeated`), and blocks of other headlines above and below the article (three or more
 * headline-like lines after the last paragraph of prose, such as a "hot news" list saved with the
 * page). `headlineBlocks: false` keeps the blocks: an article already chosen by page structure
 * (extract.ts) may open with short lines of its own.
 */
export function removeTextBoilerplate(mt: MappedText, repeated?: ReadonlySet<string>, options: { headlineBlocks?: boolean } = {}): StepResult {
  const blocks = options.headlineBlocks ?? true;
  const t = mt.text;
  const lines = lineRanges(t);
  const ranges: KindRange[] = [];
  // A line goes with its newline; the last line, which has none, with the newline before it.
  const drop = (i: number, kind: RemovalKind) =>
    ranges.push(lines[i].end >= t.length ? { start: Math.max(0, lines[i].start - 1), end: t.length, kind } : { start: lines[i].start, end: lines[i].end + 1, kind });
  const texts = lines.map((l) => t.slice(l.start, l.end));
  const dropped = new Set<number>();

  texts.forEach((s, i) => {
    if (s === "") return;
    if (repeated?.has(s)) {
      drop(i, "furniture");
      dropped.add(i);
      return;
    }
    const parts = barListParts(s);
    if (parts) {
      const spammy = parts.filter((p) => LIST_SPAM.test(p) || spamWordCount(p) > 0).length;
      drop(i, spammy >= 2 ? "spam" : "navigation");
      dropped.add(i);
      return;
    }
    if (isTokenRun(s)) {
      drop(i, "navigation");
      dropped.add(i);
    }
  });

  // Other articles' headlines above the article: before the first prose paragraph, a list header
  // and everything under it, or three or more headline-like lines, go, except the last headline
  // (the one right above the body: the article's own) and bylines or date lines under it.
  const firstProse = blocks ? texts.findIndex((l, i) => !dropped.has(i) && isProse(l)) : -1;
  if (firstProse > 0) {
    const before: number[] = [];
    for (let i = 0; i < firstProse; i++) if (texts[i] !== "" && !dropped.has(i)) before.push(i);
    const heads = before.filter((i) => !BYLINE_START.test(texts[i]) && !/^(?:本报)?(?:记者|通讯员)/.test(texts[i]) && !/\d{4}\s*[-年/.]\s*\d{1,2}/.test(texts[i]));
    const own = heads[heads.length - 1];
    const header = before.find((i) => LIST_HEADER.test(texts[i]));
    if (header !== undefined && own !== undefined && own > header) {
      for (const i of before) if (i >= header && i < own) drop(i, "related");
    } else if (heads.length >= 3 && heads.every((i) => isListHeadline(texts[i]) || LIST_HEADER.test(texts[i]))) {
      for (const i of heads) if (i !== own) drop(i, "related");
    }
  }

  // Other articles' headlines after the article: the lines after the last prose paragraph, when
  // there are three or more and every one is headline-like.
  let lastProse = -1;
  for (let i = blocks ? texts.length - 1 : -1; i >= 0; i--) if (!dropped.has(i) && isProse(texts[i])) { lastProse = i; break; }
  if (lastProse >= 0) {
    const after = [];
    for (let i = lastProse + 1; i < texts.length; i++) if (texts[i] !== "" && !dropped.has(i)) after.push(i);
    if (after.length >= 3 && after.every((i) => isListHeadline(texts[i]))) for (const i of after) drop(i, "related");
  }

  for (const r of findPinyin(t)) ranges.push({ ...r, kind: "markup" });
  return removeRanges(mt, ranges);
}

/**
 * The lines a source repeats across its articles: in a file of several articles (a JSONL feed of
 * one site), a short line that stands in at least three articles and in a quarter of them is the
 * site's own (its header, its share prompt, its footer), not any article's. Short only: a long
 * repeated paragraph is more likely the same article twice, which near-duplicate marking handles.
 */
export function repeatedLines(contents: string[]): Set<string> {
  const out = new Set<string>();
  if (contents.length < 4) return out;
  const counts = new Map<string, number>();
  for (const c of contents) {
    const seen = new Set<string>();
    for (const raw of c.split(/\r?\n/)) {
      const l = raw.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, "");
      if (l.length < 2 || l.length > 60 || seen.has(l)) continue;
      seen.add(l);
      counts.set(l, (counts.get(l) ?? 0) + 1);
    }
  }
  const min = Math.max(3, Math.ceil(contents.length / 4));
  for (const [l, n] of counts) if (n >= min && !SENTENCE_INSIDE.test(l)) out.add(l);
  return out;
}

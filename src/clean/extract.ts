// The article of a web page, with its title and date. Mozilla Readability (on a linkedom DOM)
// chooses the article: it scores containers by their text and punctuation, drops hidden elements,
// share bars, comment and related boxes, and is the best extractor measured on saved Chinese news
// pages. Readability returns a rebuilt DOM without source positions, so its text is not what the
// build keeps: each of its paragraphs is found again, in order, in the page's own text (htmlToText
// in "all" mode, which maps every character to the source), and those source ranges are the
// cleaned text. Whitespace is ignored when matching (Readability and the source differ in it).
//
// Title: the page's headline (og:title, an <h1>, a heading the <title> starts with) without the
// site name the <title> carries (…_网易新闻, -新华网). Date: meta tags first (article:published_time,
// pubdate, itemprop=datePublished …), then the date line between the headline and the body, then
// <time datetime>; every raw date goes through parseDate.

import { DOMParser } from "linkedom";
import { Readability } from "@mozilla/readability";
import { concat, slice, synthetic, type MappedText, type StepResult } from "./mapped.ts";
import { htmlToText } from "./html.ts";
import { parseDate } from "./dates.ts";

export interface ArticleExtract {
  /** The article's text, mapped to the HTML source; undefined when Readability finds no article. */
  mt?: MappedText;
  title?: string;
  /** ISO date (YYYY-MM-DD) the page states. */
  date?: string;
  /** The raw date string the date came from (for diagnostics). */
  rawDate?: string;
  removed?: StepResult["removed"];
  /** Readability's paragraphs that could not be found again in the source (kept out). */
  unaligned: number;
}

/** Elements that end a paragraph in Readability's output (as in htmlToText). */
const BLOCK = new Set([
  "P", "DIV", "SECTION", "ARTICLE", "MAIN", "HEADER", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "UL", "OL", "DL", "DT", "DD",
  "BLOCKQUOTE", "PRE", "TABLE", "THEAD", "TBODY", "TFOOT", "TR", "TD", "TH", "CAPTION", "FIGURE", "FIGCAPTION", "HR", "ADDRESS",
  "CENTER", "FIELDSET", "LEGEND", "DETAILS", "SUMMARY", "BR",
]);

/** What text comparison ignores: every kind of space and zero-width character. */
const IGNORED = /[\s\u200b-\u200d\u2060\ufeff]/;

/** The text of a page with the ignored characters taken out, and where each kept one stood. */
function squeeze(text: string): { s: string; at: Int32Array } {
  const at = new Int32Array(text.length);
  const out: string[] = [];
  let n = 0;
  let runStart = -1;
  for (let i = 0; i <= text.length; i++) {
    const ignored = i === text.length || IGNORED.test(text[i]);
    if (!ignored) {
      if (runStart < 0) runStart = i;
      at[n++] = i;
    } else if (runStart >= 0) {
      out.push(text.slice(runStart, i));
      runStart = -1;
    }
  }
  return { s: out.join(""), at: at.subarray(0, n) };
}

interface Para {
  /** The paragraph's text without spaces. */
  text: string;
  /** Characters of it inside a link or a heading. */
  linked: number;
}

/** Readability's article element as paragraphs of text, in document order. */
function paragraphsOf(root: Node): Para[] {
  const out: Para[] = [];
  let cur: string[] = [];
  let linked = 0;
  const squeezeLen = (s: string) => s.replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, "").length;
  const flush = () => {
    const p = cur.join("").replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, "");
    if (p) out.push({ text: p, linked });
    cur = [];
    linked = 0;
  };
  const walk = (n: Node, inLink: boolean) => {
    if (n.nodeType === 3) {
      const v = n.nodeValue ?? "";
      cur.push(v);
      if (inLink) linked += squeezeLen(v);
      return;
    }
    if (n.nodeType !== 1) return;
    const tag = (n as Element).tagName;
    const block = BLOCK.has(tag);
    if (block) flush();
    const link = inLink || tag === "A" || /^H[1-6]$/.test(tag);
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c, link);
    if (block) flush();
  };
  walk(root, false);
  flush();
  return out;
}

/** A paragraph of prose: it ends a sentence, or is long and holds one. */
const isProsePara = (p: Para) => (p.text.length >= 8 && /[。！？!?…][”’」』）)]*$/.test(p.text)) || (p.text.length >= 30 && /[。！？!?]/.test(p.text));

/**
 * Readability keeps what stands beside the article in its container: teasers of other articles and
 * member boxes after it, links above it. Past the last paragraph of prose (and before the first),
 * paragraphs that hold a link or a heading and no sentence are such teasers. Plain short lines there
 * (a poem-like layout, a closing line) hold no link, and stay.
 */
function trimTeasers(paras: Para[]): Para[] {
  let first = paras.findIndex(isProsePara);
  if (first < 0) return paras;
  let last = paras.length - 1;
  while (last >= 0 && !isProsePara(paras[last])) last--;
  // A teaser's own date or count ("2019-09-09", "4") stands beside it as a paragraph of its own.
  const stamp = (p: Para) => /^[\d\s:./年月日-]{1,20}$/.test(p.text);
  const teaser = (p: Para) => (p.linked > 0 && !/[。；]/.test(p.text)) || stamp(p);
  let end = paras.length;
  if (paras.slice(last + 1).length > 0 && paras.slice(last + 1).every(teaser)) end = last + 1;
  let start = 0;
  if (first > 0 && paras.slice(0, first).every((p) => teaser(p) && p.linked >= p.text.length / 2)) start = first;
  return paras.slice(start, end);
}

/**
 * Find each paragraph in the squeezed page text: the longest first (the one least likely to occur
 * twice), then those before it backwards and those after it forwards, each next to the last found,
 * so a short paragraph that also stands in a menu matches the occurrence inside the article.
 */
function align(page: string, paras: string[]): { ranges: [number, number][]; unaligned: number } {
  const found: ([number, number] | undefined)[] = new Array(paras.length);
  if (paras.length === 0) return { ranges: [], unaligned: 0 };
  let anchor = 0;
  for (let i = 1; i < paras.length; i++) if (paras[i].length > paras[anchor].length) anchor = i;
  const a = page.indexOf(paras[anchor]);
  if (a < 0) return { ranges: [], unaligned: paras.length };
  found[anchor] = [a, a + paras[anchor].length];
  let lo = a;
  for (let i = anchor - 1; i >= 0; i--) {
    const p = paras[i];
    const k = lo - p.length >= 0 ? page.lastIndexOf(p, lo - p.length) : -1;
    if (k >= 0) {
      found[i] = [k, k + p.length];
      lo = k;
    }
  }
  let hi = a + paras[anchor].length;
  for (let i = anchor + 1; i < paras.length; i++) {
    const p = paras[i];
    const k = page.indexOf(p, hi);
    if (k >= 0) {
      found[i] = [k, k + p.length];
      hi = k + p.length;
    }
  }
  const ranges = found.filter((r): r is [number, number] => r !== undefined);
  return { ranges, unaligned: paras.length - ranges.length };
}

// ---------------------------------------------------------------- title

/** Separators between a headline and the site or channel names a <title> adds. */
const TITLE_SEP = /\s*(?:_+|\|+|｜|--+|—+|–|\s-\s|(?<!\d)-(?!\d)(?=[^-]{1,16}$))\s*/;

const squash = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, " ").trim();
const bare = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, "");

/**
 * The headline without the site: a heading of the page (og:title, <h1>/<h2>, an element whose
 * class names a title) that the <title> holds wins (the <title> only adds the site); otherwise the
 * <title> cut at its separators, its first part unless a later one is much longer (a site name in
 * front). When that leaves only a channel name (新闻动态, fewer than 8 characters), the headline
 * line printed right above the article (`above`) is taken instead.
 */
export function chooseTitle(docTitle: string | undefined, headings: string[], above?: string): string | undefined {
  const t = docTitle ? squash(docTitle) : "";
  const heads = headings.map(squash).filter((h) => h.length >= 4 && h.length <= 120);
  if (t) {
    const tb = bare(t);
    // A heading the <title> holds (it adds only the site): the headline as the page shows it.
    const held = heads.filter((h) => tb.includes(bare(h)) && bare(h).length >= Math.min(8, tb.length));
    if (held.length) return held.reduce((best, h) => (bare(h).length > bare(best).length ? h : best));
    const parts = t.split(TITLE_SEP).map((p) => p.trim()).filter(Boolean);
    let cut = t;
    if (parts.length > 1) {
      const first = parts[0];
      const longest = parts.reduce((best, p) => (p.length > best.length ? p : best));
      cut = longest.length > first.length * 2 ? longest : first;
    }
    if (bare(cut).length >= 8 || !above) return cut;
  }
  return headlineAbove(above ?? "") ?? (t || heads[0]);
}

/** The last headline-like line (8–80 characters, no sentence inside, not a date or source line) of the text above the article. */
function headlineAbove(above: string): string | undefined {
  const lines = above.split(/\n+/).map((l) => squash(l)).filter(Boolean);
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 6); i--) {
    const l = lines[i];
    if (l.length < 8 || l.length > 80) continue;
    if (/[。；]|[，,].*[，,]/.test(l)) continue;
    if (DATELINE_DATE.test(l) || /来源|作者|编辑|发布|浏览|首页|当前位置|您的位置|[>＞»]/.test(l)) continue;
    return l;
  }
  return undefined;
}

// ---------------------------------------------------------------- date

/** Meta tags that carry the publication time, by name/property/itemprop, in order of trust. */
const DATE_META = [
  "article:published_time", "og:article:published_time", "og:release_date", "datepublished", "pubdate", "publishdate",
  "publish_date", "publish-date", "publishtime", "published_time", "article:published", "dc.date.issued", "dc.date",
  "dcterms.date", "sailthru.date", "weibo:article:create_at", "bytedance:published_time", "date",
  // Last: the time of the latest change, close to publication on news pages that give no other.
  "article:modified_time", "dateupdate", "datemodified",
];

/** A labelled or stand-alone date in the date line under a headline (2019年9月26日 15:10 来源：…). */
const DATELINE_DATE = /(?<!\d)(?:19|20)\d{2}\s*(?:年|-|\/|\.)\s*\d{1,2}\s*(?:月|-|\/|\.)\s*\d{1,2}(?:\s*日)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?/;

/** The date of a date line in `text`: a labelled date, or a date in a line without sentences. */
function datelineIn(text: string): string | undefined {
  for (const line of text.split(/\n+/)) {
    const m = line.match(DATELINE_DATE);
    if (!m) continue;
    if (/(?:发布|发表|更新)?(?:时间|日期)\s*[:：]\s*$/.test(line.slice(0, m.index))) return m[0];
    if (line.length <= 80 && !/[。；！？]/.test(line) && !/[，,]/.test(line.slice(m.index! + m[0].length, m.index! + m[0].length + 2))) return m[0];
  }
  return undefined;
}

/**
 * The publication time a page's script data holds, for pages that fill their date line by script
 * (WeChat prints "前天" and keeps the time in `var ct = "<unix seconds>"`; toutiao keeps
 * `publish_time: '2019-09-08 11:42:03'`; QQ news keeps "pubtime": "2019-09-07 19:02:26"; JSON-LD
 * keeps "datePublished"). Unix seconds are read in
 * China's time zone (UTC+8), the zone of the pages this tool reads.
 */
export function scriptDate(html: string): string | undefined {
  const named = html.match(/["']?\b(?:publish_?time|publishTime|publish_?date|publishDate|pub_?date|pubDate|pub_?time|pubTime|datePublished)["']?\s*[:=]\s*["'](\d{4}[-/年]\d{1,2}[-/月]\d{1,2}[^"']{0,20})["']/);
  if (named && parseDate(named[1])) return named[1];
  const unix = html.match(/["']?\b(?:ct|publish_?time|publishTime|pubtime)["']?\s*[:=]\s*["']?(1[0-9]{9})["']?(?![0-9])/);
  if (unix) return new Date((Number(unix[1]) + 8 * 3600) * 1000).toISOString().slice(0, 19) + "+08:00";
  return undefined;
}

function metaDate(doc: Document): string | undefined {
  const byKey = new Map<string, string>();
  for (const m of Array.from(doc.querySelectorAll("meta"))) {
    const key = (m.getAttribute("property") ?? m.getAttribute("name") ?? m.getAttribute("itemprop") ?? "").toLowerCase();
    const v = m.getAttribute("content");
    if (key && v && !byKey.has(key)) byKey.set(key, v);
  }
  for (const k of DATE_META) {
    const v = byKey.get(k);
    if (v && parseDate(v)) return v;
  }
  const item = doc.querySelector("[itemprop=datePublished]");
  const iv = item?.getAttribute("content") ?? item?.getAttribute("datetime") ?? item?.textContent ?? undefined;
  if (iv && parseDate(iv)) return iv;
  return undefined;
}

// ---------------------------------------------------------------- extraction

/** Class, id or data-* words that name an advertisement slot (whole words: "ad", not "head"). */
const AD_WORD = /^(?:ad|ads|adv|advert|adverts|advertisement|sinaads|adsbygoogle|sponsor|sponsored|promo)$/i;

/**
 * Take advertisement slots out before Readability scores the page: a promotion placed inside the
 * article container (a "vote now" box above the body) would otherwise be kept with it. Readability
 * already drops elements it recognises by class; this adds ids and data-* attributes, split into
 * words at spaces, "_" and "-".
 */
function removeAds(doc: Document): void {
  const body = doc.body;
  if (!body) return;
  const isAd = (el: Element) => {
    for (const a of Array.from(el.attributes)) {
      if (a.name !== "class" && a.name !== "id" && !a.name.startsWith("data-")) continue;
      if (a.value.length > 200) continue;
      if (a.value.split(/[\s_-]+/).some((w) => AD_WORD.test(w))) return true;
    }
    return false;
  };
  for (const el of Array.from(body.querySelectorAll("*"))) if (el.isConnected && isAd(el)) el.remove();
}

/** Fewer squeezed characters than this from Readability: the page has no article it can find. */
const MIN_ARTICLE = 80;

/**
 * The article of an HTML page with its title and date. `mt` is undefined when Readability finds no
 * article (a fragment, a list page, a page whose text lives in script): the caller then keeps the
 * whole page's text.
 */
export function extractArticle(html: string): ArticleExtract {
  // linkedom fails on some broken documents (no root element left after parsing): the caller then
  // keeps the whole page's text, which htmlparser2 reads whatever the input.
  try {
    return extractFrom(html);
  } catch {
    return { unaligned: 0 };
  }
}

function extractFrom(html: string): ArticleExtract {
  const doc = new DOMParser().parseFromString(html, "text/html") as unknown as Document;
  // Read what Readability rewrites before it runs: headings, meta tags, <time>.
  const docTitle = doc.querySelector("title")?.textContent ?? undefined;
  const headings: string[] = [];
  for (const sel of ['meta[property="og:title"]', 'meta[name="twitter:title"]']) {
    const c = doc.querySelector(sel)?.getAttribute("content");
    if (c) headings.push(c);
  }
  // Headings, and elements whose class names a title (many Chinese CMS pages print the headline
  // in a <div class="title">); kept short, so that a list of links in a "title" box is not one.
  for (const h of Array.from(doc.querySelectorAll("h1, h2, [class*=title]"))) {
    const s = squash(h.textContent ?? "");
    if (s && s.length <= 120) headings.push(s);
  }
  const rawMetaDate = metaDate(doc);
  const timeEl = doc.querySelector("time[datetime]")?.getAttribute("datetime") ?? undefined;

  removeAds(doc);
  let article: Node | undefined;
  try {
    const r = new Readability<Node>(doc, { serializer: (n: Node) => n, charThreshold: 200 }).parse();
    article = r?.content ?? undefined;
  } catch {
    article = undefined;
  }
  const page = htmlToText(html, { mode: "all" });
  const sq = squeeze(page.mt.text);
  const paras = article ? trimTeasers(paragraphsOf(article)).map((p) => p.text) : [];
  const total = paras.reduce((n, p) => n + p.length, 0);
  const { ranges, unaligned } = total >= MIN_ARTICLE ? align(sq.s, paras) : { ranges: [], unaligned: 0 };
  const alignedChars = ranges.reduce((n, [a, b]) => n + b - a, 0);

  // The page's text just above the article (headline, date line, source) and the article's first lines.
  const bodyStart = ranges.length ? sq.at[ranges[0][0]] : -1;
  const above = bodyStart >= 0 ? page.mt.text.slice(Math.max(0, bodyStart - 1500), bodyStart) : "";
  const title = chooseTitle(docTitle, headings, above.slice(-400));
  const head = bodyStart >= 0 ? page.mt.text.slice(bodyStart, sq.at[ranges[Math.min(ranges.length, 4) - 1][1] - 1] + 1) : "";

  // The date: meta tags; else the date line (a date standing in a short line, or labelled 发布时间,
  // 时间, 日期) between the headline and the body, or among the article's first lines, where some
  // pages print it; else <time datetime>. Dates inside sentences (2018年3月20日，…通过) are events,
  // not the publication date, and lists of other articles carry their own dates: neither is read.
  let rawDate = rawMetaDate;
  if (!rawDate && bodyStart >= 0) {
    let region = above.slice(-300);
    const headAt = title ? above.lastIndexOf(title.slice(0, Math.min(8, title.length))) : -1;
    if (headAt >= 0) region = above.slice(headAt);
    // Some pages (toutiao) print the date line under the article.
    const lastEnd = sq.at[ranges[ranges.length - 1][1] - 1] + 1;
    rawDate = datelineIn(region) ?? datelineIn(head.slice(0, 400)) ?? datelineIn(page.mt.text.slice(lastEnd, lastEnd + 200));
  }
  if (!rawDate && timeEl && parseDate(timeEl)) rawDate = timeEl;
  if (!rawDate) rawDate = scriptDate(html);
  const date = rawDate ? parseDate(rawDate) ?? undefined : undefined;

  const out: ArticleExtract = { unaligned };
  if (title) out.title = title;
  if (date) {
    out.date = date;
    out.rawDate = rawDate;
  }
  if (alignedChars < MIN_ARTICLE) return out;
  const parts: MappedText[] = [];
  for (const [a, b] of ranges) {
    const s = sq.at[a];
    const e = sq.at[b - 1] + 1;
    if (parts.length) parts.push(synthetic("\n\n", page.mt.start[s]));
    parts.push(slice(page.mt, s, e));
  }
  const mt = concat(parts);
  let kept = 0;
  for (let i = 0; i < mt.text.length; i++) if (mt.exact[i]) kept++;
  out.mt = mt;
  out.removed = { markup: Math.max(0, html.length - kept) };
  return out;
}

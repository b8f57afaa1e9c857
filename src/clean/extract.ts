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

/** Readability's article element as paragraphs of text, in document order. */
function paragraphsOf(root: Node): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    const p = cur.join("").replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, "");
    if (p) out.push(p);
    cur = [];
  };
  const walk = (n: Node) => {
    if (n.nodeType === 3) {
      cur.push(n.nodeValue ?? "");
      return;
    }
    if (n.nodeType !== 1) return;
    const block = BLOCK.has((n as Element).tagName);
    if (block) flush();
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
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
const TITLE_SEP = /\s*(?:_+|\|+|｜|--+|—+|–|\s-\s|-(?=[^-]{1,16}$))\s*/;

const squash = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, " ").trim();
const bare = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, "");

/**
 * The headline without the site: a heading of the page (og:title, <h1>, <h2>) that the <title>
 * starts with or contains wins; otherwise the <title> cut at its first separator when what follows
 * is short (a site or channel name), the longest part when the headline is not first.
 */
export function chooseTitle(docTitle: string | undefined, headings: string[]): string | undefined {
  const t = docTitle ? squash(docTitle) : "";
  const heads = headings.map(squash).filter((h) => h.length >= 4 && h.length <= 120);
  if (t) {
    const tb = bare(t);
    // A heading the <title> holds (it adds only the site): the headline as the page shows it.
    const held = heads.filter((h) => tb.includes(bare(h)) && bare(h).length >= Math.min(8, tb.length));
    if (held.length) return held.reduce((best, h) => (bare(h).length > bare(best).length ? h : best));
    const parts = t.split(TITLE_SEP).map((p) => p.trim()).filter(Boolean);
    if (parts.length > 1) {
      // The headline is the first part unless a later part is much longer (a site name in front).
      const first = parts[0];
      const longest = parts.reduce((best, p) => (p.length > best.length ? p : best));
      return longest.length > first.length * 2 ? longest : first;
    }
    return t;
  }
  return heads[0];
}

// ---------------------------------------------------------------- date

/** Meta tags that carry the publication time, by name/property/itemprop, in order of trust. */
const DATE_META = [
  "article:published_time", "og:article:published_time", "og:release_date", "datepublished", "pubdate", "publishdate",
  "publish_date", "publish-date", "publishtime", "published_time", "article:published", "dc.date.issued", "dc.date",
  "dcterms.date", "sailthru.date", "weibo:article:create_at", "bytedance:published_time", "date",
];

/** A labelled or stand-alone date in the date line under a headline (2019年9月26日 15:10 来源：…). */
const DATELINE_DATE = /(?<!\d)(?:19|20)\d{2}\s*(?:年|-|\/|\.)\s*\d{1,2}\s*(?:月|-|\/|\.)\s*\d{1,2}(?:\s*日)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?/;

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

/** Fewer squeezed characters than this from Readability: the page has no article it can find. */
const MIN_ARTICLE = 80;

/**
 * The article of an HTML page with its title and date. `mt` is undefined when Readability finds no
 * article (a fragment, a list page, a page whose text lives in script): the caller then keeps the
 * whole page's text.
 */
export function extractArticle(html: string): ArticleExtract {
  let doc: Document;
  try {
    doc = new DOMParser().parseFromString(html, "text/html") as unknown as Document;
  } catch {
    return { unaligned: 0 };
  }
  // Read what Readability rewrites before it runs: headings, meta tags, <time>.
  const docTitle = doc.querySelector("title")?.textContent ?? undefined;
  const headings: string[] = [];
  for (const sel of ['meta[property="og:title"]', 'meta[name="twitter:title"]']) {
    const c = doc.querySelector(sel)?.getAttribute("content");
    if (c) headings.push(c);
  }
  for (const h of Array.from(doc.querySelectorAll("h1, h2"))) {
    const s = h.textContent ?? "";
    if (s.trim()) headings.push(s);
  }
  const rawMetaDate = metaDate(doc);
  const timeEl = doc.querySelector("time[datetime]")?.getAttribute("datetime") ?? undefined;

  let article: Node | undefined;
  try {
    const r = new Readability<Node>(doc, { serializer: (n: Node) => n, charThreshold: 200 }).parse();
    article = r?.content ?? undefined;
  } catch {
    article = undefined;
  }
  const title = chooseTitle(docTitle, headings);

  const page = htmlToText(html, { mode: "all" });
  const sq = squeeze(page.mt.text);
  const paras = article ? paragraphsOf(article) : [];
  const total = paras.reduce((n, p) => n + p.length, 0);
  const { ranges, unaligned } = total >= MIN_ARTICLE ? align(sq.s, paras) : { ranges: [], unaligned: 0 };
  const alignedChars = ranges.reduce((n, [a, b]) => n + b - a, 0);

  // The date: meta tags, else a date in the lines between the headline and the body (the date
  // line every news page prints there), else <time datetime>.
  let rawDate = rawMetaDate;
  if (!rawDate && ranges.length) {
    const bodyStart = sq.at[ranges[0][0]];
    const above = page.mt.text.slice(Math.max(0, bodyStart - 600), bodyStart);
    let headAt = -1;
    if (title) headAt = above.lastIndexOf(title.slice(0, Math.min(8, title.length)));
    const m = (headAt >= 0 ? above.slice(headAt) : above).match(DATELINE_DATE);
    if (m) rawDate = m[0];
  }
  if (!rawDate && timeEl && parseDate(timeEl)) rawDate = timeEl;
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

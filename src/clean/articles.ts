// A newspaper page holds several articles, and a page cut for the web may hold them out of order
// (an article's opening printed after its continuation). This step finds the articles, their
// headlines and bylines, drops tables of contents, and puts a displaced opening back in reading order.

import type { RemovalKind } from "../types.ts";
import { concat, type MappedText, type Removed } from "./mapped.ts";
import { BYLINE_START, FINAL_PUNCT, isHeadlineLike, splitLines } from "./lines.ts";

export interface Block {
  mt: MappedText;
  article: number;
}

export interface ArticleInfo {
  title?: string;
  byline?: string;
}

export interface SplitResult {
  /** Paragraphs in reading order, each a single line. */
  blocks: Block[];
  articles: ArticleInfo[];
  removed: Removed;
}

/** "详见第2版", ">>>>详见第2版", "转第3版": a pointer to another page, the end of a table of contents. */
const SEE_PAGE = /^[>》＞\s]*(?:详见|详情见|见|转)第?\s*[A-Z]?\d{1,3}\s*版[)）]?$/;

/** Characters that do not begin a sentence, and closing punctuation: a paragraph starting with one continues another. */
const MID_START = /^(?:[的了着过得地和与及之等是们性化者其所并而且或则]|[”’」』）)》〉】,，、。；;：:！？!?…])/;

/** Does this paragraph start in the middle of a sentence (its opening was printed elsewhere)? */
export function startsMidSentence(line: string): boolean {
  return MID_START.test(line) || /^[^,，、。“"（(\s][,，、]/.test(line);
}

/** Does this paragraph stop in the middle of a sentence (it continues elsewhere)? */
export function endsMidSentence(line: string): boolean {
  return line.length >= 15 && !FINAL_PUNCT.test(line) && !/[”’」』）)]$/.test(line);
}

type Kind = "headline" | "byline" | "byline-inline" | "body";

function classify(line: string): Kind {
  const m = line.match(BYLINE_START);
  if (m) return m[0].length === line.length || line.slice(m[0].length).trim() === "" ? "byline" : "byline-inline";
  if (isHeadlineLike(line)) return "headline";
  return "body";
}

interface Draft {
  headlines: { mt: MappedText; text: string }[];
  body: { mt: MappedText; text: string }[];
  byline?: string;
  /** The body starts mid-sentence right under the headline: its opening stands elsewhere. */
  needsOpening: boolean;
  /** An opening without a headline (a byline starts it): it belongs to some headline elsewhere. */
  orphan: boolean;
}

/**
 * Split a page into articles. Rules: a headline group (consecutive short lines without final
 * punctuation) starts an article when a byline follows it, when it opens the page, or when the
 * paragraph under it starts mid-sentence (a continued article); otherwise it is a subheading. A
 * paragraph that starts with a byline (记者 …) and has no headline is an article's opening printed
 * out of place: it goes back in front of the continued article that lacks one, and if it stops
 * mid-sentence it is joined to that article's first paragraph. Tables of contents (short lines
 * ending in a "详见第N版" pointer, or four or more short lines in a row) are dropped.
 */
export function splitArticles(mt: MappedText): SplitResult {
  const removed: Removed = {};
  const count = (kind: RemovalKind, n: number) => (removed[kind] = (removed[kind] ?? 0) + n);
  const lines = splitLines(mt);

  // Tables of contents.
  const drop = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!SEE_PAGE.test(lines[i].text)) continue;
    drop.add(i);
    for (let k = i - 1; k >= 0 && (isHeadlineLike(lines[k].text) || /[?？]$/.test(lines[k].text)) && lines[k].text.length <= 40; k--) drop.add(k);
  }
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && !drop.has(j) && classify(lines[j].text) === "headline" && (j === i || !lines[j].blankBefore)) j++;
    const next = lines[j]?.text ?? "";
    if (j - i >= 4 && !/^(?:byline)/.test(classify(next))) for (let k = i; k < j; k++) drop.add(k);
    i = Math.max(j, i + 1);
  }
  for (const k of drop) count("toc", lines[k].text.length + 1);
  const kept = lines.filter((_, i) => !drop.has(i));

  // Articles.
  const drafts: Draft[] = [];
  const newDraft = (d: Partial<Draft>): Draft => {
    const x: Draft = { headlines: [], body: [], needsOpening: false, orphan: false, ...d };
    drafts.push(x);
    return x;
  };
  let cur: Draft | undefined;
  for (let i = 0; i < kept.length; ) {
    const kind = classify(kept[i].text);
    if (kind === "headline") {
      let j = i;
      while (j < kept.length && classify(kept[j].text) === "headline") j++;
      const group = kept.slice(i, j).map((l) => ({ mt: l.mt, text: l.text }));
      const after = kept[j];
      const afterKind = after ? classify(after.text) : undefined;
      if (!after) {
        // Headline-like lines at the very end (credits, "(某某参与采写)") are paragraphs.
        (cur ?? newDraft({})).body.push(...group);
      } else if (!cur || (cur.body.length === 0 && cur.headlines.length === 0)) {
        cur = cur ?? newDraft({});
        cur.headlines.push(...group);
      } else if (afterKind === "byline" || afterKind === "byline-inline") {
        cur = newDraft({ headlines: group });
      } else if (afterKind === "body" && startsMidSentence(after.text)) {
        cur = newDraft({ headlines: group, needsOpening: true });
      } else {
        cur.body.push(...group); // a subheading
      }
      i = j;
      continue;
    }
    const line = { mt: kept[i].mt, text: kept[i].text };
    if (kind === "byline" || kind === "byline-inline") {
      const by = kept[i].text.match(BYLINE_START)![0].replace(/^[（(]\s*|\s*[)）]$/g, "").trim();
      if (!cur) cur = newDraft({ byline: by });
      else if (cur.body.length === 0 && !cur.byline) cur.byline = by;
      else if (kind === "byline-inline") cur = newDraft({ byline: by, orphan: true });
      else if (!cur.byline) cur.byline = by;
    } else if (!cur) cur = newDraft({});
    cur.body.push(line);
    i++;
  }

  // Put displaced openings back: each orphan goes in front of the nearest article (searching
  // backwards first, then forwards) that starts mid-sentence under its headline.
  for (const o of drafts.filter((d) => d.orphan)) {
    const oi = drafts.indexOf(o);
    const candidates = drafts
      .map((d, idx) => ({ d, idx }))
      .filter(({ d }) => d.needsOpening && d !== o)
      .sort((a, b) => (a.idx < oi ? oi - a.idx : 1e9 + a.idx) - (b.idx < oi ? oi - b.idx : 1e9 + b.idx));
    const t = candidates[0]?.d;
    if (!t) continue;
    const last = o.body[o.body.length - 1];
    const first = t.body[0];
    if (last && first && endsMidSentence(last.text)) {
      o.body[o.body.length - 1] = { mt: concat([last.mt, first.mt]), text: last.text + first.text };
      t.body = [...o.body, ...t.body.slice(1)];
    } else t.body = [...o.body, ...t.body];
    t.byline = t.byline ?? o.byline;
    t.needsOpening = false;
    drafts.splice(drafts.indexOf(o), 1);
  }

  const blocks: Block[] = [];
  const articles: ArticleInfo[] = [];
  for (const d of drafts) {
    const lines = [...d.headlines, ...d.body];
    if (lines.length === 0) continue;
    const a = articles.length;
    // The longest headline line is the title (a kicker line above it is usually shorter).
    const title = d.headlines.reduce<string | undefined>((best, h) => (!best || h.text.length > best.length ? h.text : best), undefined);
    articles.push({ title, byline: d.byline });
    for (const l of lines) blocks.push({ mt: l.mt, article: a });
  }
  return { blocks, articles, removed };
}

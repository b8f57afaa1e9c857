// Line-level steps: whitespace normalisation and re-joining lines that a page break cut in the
// middle of a sentence (or a word). Also the small line classifiers the article splitter shares.

import { concat, lineRanges, removeRanges, slice, type KindRange, type MappedText, type StepResult } from "./mapped.ts";

/** Sentence-final punctuation, full- and half-width (the seeds mix both), and closing quotes after it. */
export const FINAL_PUNCT = /[。！？!?…；;]["”’」』）)]*$/;
/** A line that ends with a closing quote/bracket right after final punctuation, or with a closing colon. */
const ENDS_CLOSED = /(?:[。！？!?…][”’」』）)]|[：:])$/;

/** [ \t\u3000\u00a0\u2002-\u200a\u202f\u205f]: spaces (a code unit test, not a regex per character). */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0x00a0 || (c >= 0x2002 && c <= 0x200a) || c === 0x202f || c === 0x205f;
}

/** [\u200b-\u200d\u2060\ufeff]: zero-width characters. */
function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/**
 * Normalise whitespace without rewriting a character (the map stays exact): drop CR and zero-width
 * characters, trim every line, keep one space of an inner run, and keep at most one blank line
 * between lines (a blank line is structure: paragraph vs. headline group).
 */
export function normalizeWhitespace(mt: MappedText): StepResult {
  const t = mt.text;
  const ranges: KindRange[] = [];
  const del = (s: number, e: number) => e > s && ranges.push({ start: s, end: e, kind: "whitespace" });
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x0d || c === 0x0c || c === 0x0b || isZeroWidth(c)) del(i, i + 1);
  }
  // Trim lines and collapse inner runs.
  const skippable = (k: number) => {
    const c = t.charCodeAt(k);
    return isSpace(c) || c === 0x0d || isZeroWidth(c);
  };
  for (const ln of lineRanges(t)) {
    let s = ln.start;
    let e = ln.end;
    while (s < e && skippable(s)) s++;
    while (e > s && skippable(e - 1)) e--;
    del(ln.start, s);
    del(e, ln.end);
    for (let k = s + 1; k < e; k++) {
      if (isSpace(t.charCodeAt(k)) && isSpace(t.charCodeAt(k - 1))) {
        let r = k;
        while (r < e && isSpace(t.charCodeAt(r))) r++;
        del(k, r);
        k = r;
      }
    }
  }
  let res = removeRanges(mt, ranges);
  // Now lines are trimmed: collapse runs of newlines to at most two (one blank line), and drop
  // newlines at the start and end.
  const t2 = res.mt.text;
  const r2: KindRange[] = [];
  const lead = t2.match(/^\n+/);
  if (lead) r2.push({ start: 0, end: lead[0].length, kind: "whitespace" });
  const trail = t2.match(/\n+$/);
  if (trail && trail.index! > 0) r2.push({ start: trail.index!, end: t2.length, kind: "whitespace" });
  for (const m of t2.matchAll(/\n{3,}/g)) r2.push({ start: m.index! + 2, end: m.index! + m[0].length, kind: "whitespace" });
  const res2 = removeRanges(res.mt, r2);
  res = { mt: res2.mt, removed: { whitespace: (res.removed.whitespace ?? 0) + (res2.removed.whitespace ?? 0) } };
  return res;
}

// ---------------------------------------------------------------- line classifiers

/** A byline at the start of a line: (记者 …), 本报记者 …, ◎author, ■ author, 通讯员 … */
export const BYLINE_START = /^(?:[（(]\s*(?:本报)?(?:记者|通讯员|特约记者|见习记者|实习生)[^（()）\n]{1,40}[)）]|◎\s*\S{2,12}|■\s*\S{2,4}(?:\s+\S{2,4}){0,4}$|(?:本报)?记者\s+\S{2,4}(?:\s+\S{2,4}){0,3}$)/;

/** Headline-like: short, no sentence punctuation at its end, not a byline, not a data line. */
export function isHeadlineLike(line: string): boolean {
  if (line.length === 0 || line.length > 40) return false;
  if (FINAL_PUNCT.test(line) && !/[?？!！]$/.test(line)) return false;
  if (BYLINE_START.test(line)) return false;
  if (/[。；;]/.test(line)) return false;
  return true;
}

/** Characters that do not begin a sentence: a line that starts with one continues the line before. */
const NO_SENTENCE_START = /^[的了着过得地和与及之等是们性化者其所并而且或则]/;
/** Closing punctuation at the start of a line: it belongs to the line before. */
const CLOSER_START = /^[”’」』）)》〉】,，、。；;：:！？!?…]/;
/** Function words that cannot end a headline but often end a line cut in mid-sentence. */
const DANGLING_END = /[的和与及为是在将把对从向被让使而并或等了着地得之其更最也都又还很所以因但如若]$/;
/** A clause introducing speech or a list: "X表示," "要……" ends a prose line, never a headline. */
const PROSE_SIGNAL = /(?:表示|指出|强调|认为|介绍|说|称|透露|提出|要求|希望)[,，:：]|[,，、][^,，、]*[,，、]/;

function openQuotes(s: string): number {
  let n = 0;
  for (const ch of s) {
    if (ch === "“" || ch === "「" || ch === "『") n++;
    else if ((ch === "”" || ch === "」" || ch === "』") && n > 0) n--;
  }
  return n;
}

/** The first clause of a line (up to its first punctuation). */
function firstClause(s: string): string {
  const m = s.match(/^[^,，、。；;：:！？!?]*/);
  return m ? m[0] : s;
}

/**
 * Does `prev` continue in `next` (a break inside a sentence or a word)? Never when prev ends a
 * sentence or next opens a new article (byline); always when next starts with closing punctuation;
 * otherwise it needs evidence that prev is prose and not a headline: its length, an unclosed quote, a
 * dangling function word, a speech verb with a comma, or a next line that cannot start a sentence.
 */
export function continuesInto(prev: string, next: string): boolean {
  if (!prev || !next) return false;
  if (FINAL_PUNCT.test(prev) || ENDS_CLOSED.test(prev)) return false;
  if (BYLINE_START.test(next) || BYLINE_START.test(prev)) return false;
  if (/^[>》]{2,}|^详见|^[（(]?[上下]接第/.test(next)) return false;
  if (CLOSER_START.test(next)) return true;
  // The second half of a cut sentence is prose: it ends a sentence or is long.
  const nextIsProse = FINAL_PUNCT.test(next) || next.length > 40;
  if (!nextIsProse) return false;
  if (prev.length > 40) return true;
  // A sentence end inside the line: it is prose, not a headline.
  if (/[。；;！？!?]/.test(prev)) return true;
  if (openQuotes(prev) > 0) return true;
  if (DANGLING_END.test(prev)) return true;
  if (PROSE_SIGNAL.test(prev)) return true;
  // Weaker signals need prev to read as prose (a comma), since headlines often stand before a
  // paragraph that happens to start with 是/的.
  if (!/[,，、]/.test(prev)) return false;
  if (NO_SENTENCE_START.test(next)) return true;
  // A one-character first clause ("基,全面增强…") is the tail of a cut word.
  if (firstClause(next).length === 1 && /^[^,，、。][,，、]/.test(next)) return true;
  return false;
}

/**
 * Join lines that a page or column break cut inside a sentence: the newline(s) between them go,
 * the two halves meet without a space ("创投余杭”系" + "列战略合作签约" → "…系列战略合作签约").
 * Real paragraph ends (final punctuation) and headline/byline lines stay.
 */
export function joinBrokenLines(mt: MappedText): StepResult {
  const t = mt.text;
  const lines = lineRanges(t);
  const ranges: KindRange[] = [];
  // Index of non-empty lines
  const nonEmpty = lines.filter((l) => l.end > l.start);
  for (let k = 0; k + 1 < nonEmpty.length; k++) {
    const a = nonEmpty[k];
    const b = nonEmpty[k + 1];
    const prev = t.slice(a.start, a.end);
    const next = t.slice(b.start, b.end);
    if (continuesInto(prev, next)) {
      // Keep an ASCII space between two Latin words ("Vision" / "Park"), else join directly.
      const latin = /[A-Za-z0-9]$/.test(prev) && /^[A-Za-z0-9]/.test(next);
      ranges.push({ start: a.end + (latin ? 1 : 0), end: b.start, kind: "whitespace" });
    }
  }
  return removeRanges(mt, ranges.filter((r) => r.end > r.start));
}

/** Split text into its non-empty lines, each a MappedText, with whether a blank line precedes it. */
export function splitLines(mt: MappedText): { mt: MappedText; text: string; blankBefore: boolean }[] {
  const out: { mt: MappedText; text: string; blankBefore: boolean }[] = [];
  let blank = true;
  for (const l of lineRanges(mt.text)) {
    if (l.end === l.start) {
      blank = true;
      continue;
    }
    out.push({ mt: slice(mt, l.start, l.end), text: mt.text.slice(l.start, l.end), blankBefore: blank });
    blank = false;
  }
  return out;
}

export { concat };

// Sentence splitting for Chinese news. A sentence ends at 。！？；… (and their half-width forms,
// which scraped Chinese text uses interchangeably) together with any closing quotes/brackets right
// after. Text inside a quotation “…” is not split: a quoted speech of several sentences stays one
// sentence, so that the speaker attribution after it ("…。”某某说。") stays with it too.

import type { Paragraph, Sentence } from "../types.ts";

// Character classes as code unit tests: splitting looks at every character of every document.
/** 。！？；… */
const isFullTerm = (c: number) => c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x2026;
/** ! ? ; */
const isHalfTerm = (c: number) => c === 0x21 || c === 0x3f || c === 0x3b;
/** ” ’ 」 』 ） ) 》 〉 】 " ' */
const isCloser = (c: number) =>
  c === 0x201d || c === 0x2019 || c === 0x300d || c === 0x300f || c === 0xff09 || c === 0x29 || c === 0x300b || c === 0x3009 || c === 0x3011 || c === 0x22 || c === 0x27;
/** The closing mark of an opening quotation mark “ 「 『, or 0. */
const closingQuote = (c: number) => (c === 0x201c ? 0x201d : c === 0x300c ? 0x300d : c === 0x300e ? 0x300f : 0);
/** A quotation longer than this without its closing mark is treated as unbalanced (a stray “). */
const MAX_QUOTE = 400;

/** [A-Za-z0-9]; false outside the text (NaN). */
const isAsciiWord = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** What /\s/ matches. */
const isSpace = (c: number) =>
  (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** Positions inside a balanced quotation (between “ and its ”) of one paragraph. */
function quotedMask(text: string, start: number, end: number): Uint8Array {
  const mask = new Uint8Array(end - start);
  // Open quotations: where each opened and the mark that closes it.
  const openAt: number[] = [];
  const closeWith: number[] = [];
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const closer = closingQuote(c);
    if (closer) {
      openAt.push(i);
      closeWith.push(closer);
    } else if (closeWith.length && closeWith[closeWith.length - 1] === c) {
      const at = openAt.pop()!;
      closeWith.pop();
      if (i - at <= MAX_QUOTE) mask.fill(1, at + 1 - start, i - start);
    }
  }
  return mask;
}

export function splitSentences(text: string, paragraphs: Paragraph[]): Sentence[] {
  const out: Sentence[] = [];
  // Plain loops and no closure per paragraph: this runs over every paragraph of every document.
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const p = paragraphs[pi];
    const inQuote = quotedMask(text, p.start, p.end);
    let s = p.start;
    for (let i = p.start; i < p.end; i++) {
      const c = text.charCodeAt(i);
      const term = isFullTerm(c) || (isHalfTerm(c) && !(isAsciiWord(text.charCodeAt(i - 1)) && isAsciiWord(text.charCodeAt(i + 1))));
      if (!term || inQuote[i - p.start]) continue;
      // Take the rest of a run of terminators ("……", "?!") and the closers after it.
      let e = i + 1;
      while (e < p.end && (isFullTerm(text.charCodeAt(e)) || isHalfTerm(text.charCodeAt(e)))) e++;
      while (e < p.end && isCloser(text.charCodeAt(e))) e++;
      pushSentence(out, text, s, e, pi, p.article);
      s = e;
      i = e - 1;
    }
    if (s < p.end) pushSentence(out, text, s, p.end, pi, p.article);
  }
  return out;
}

/** The sentence text[start, end) without its leading whitespace, unless nothing is left. */
function pushSentence(out: Sentence[], text: string, start: number, end: number, paragraph: number, article: number): void {
  let a = start;
  while (a < end && isSpace(text.charCodeAt(a))) a++;
  if (end > a) out.push({ start: a, end, paragraph, article });
}

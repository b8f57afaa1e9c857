// Sentence splitting for Chinese news. A sentence ends at 。！？；… (and their half-width forms,
// which scraped Chinese text uses interchangeably) together with any closing quotes/brackets right
// after. Text inside a quotation “…” is not split: a quoted speech of several sentences stays one
// sentence, so that the speaker attribution after it ("…。”某某说。") stays with it too.

import type { Paragraph, Sentence } from "../types.ts";

const FULL_TERM = new Set(["。", "！", "？", "；", "…"]);
const HALF_TERM = new Set(["!", "?", ";"]);
const CLOSERS = new Set(["”", "’", "」", "』", "）", ")", "》", "〉", "】", '"', "'"]);
const OPEN_Q = new Set(["“", "「", "『"]);
const CLOSE_Q: Record<string, string> = { "“": "”", "「": "」", "『": "』" };
/** A quotation longer than this without its closing mark is treated as unbalanced (a stray “). */
const MAX_QUOTE = 400;

const isAsciiWord = (c: string | undefined) => !!c && /[A-Za-z0-9]/.test(c);

/** Positions inside a balanced quotation (between “ and its ”) of one paragraph. */
function quotedMask(text: string, start: number, end: number): Uint8Array {
  const mask = new Uint8Array(end - start);
  const stack: { ch: string; at: number }[] = [];
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (OPEN_Q.has(c)) stack.push({ ch: c, at: i });
    else if (stack.length && CLOSE_Q[stack[stack.length - 1].ch] === c) {
      const o = stack.pop()!;
      if (i - o.at <= MAX_QUOTE) for (let k = o.at + 1; k < i; k++) mask[k - start] = 1;
    }
  }
  return mask;
}

export function splitSentences(text: string, paragraphs: Paragraph[]): Sentence[] {
  const out: Sentence[] = [];
  paragraphs.forEach((p, pi) => {
    const inQuote = quotedMask(text, p.start, p.end);
    let s = p.start;
    const push = (e: number) => {
      let a = s;
      while (a < e && /\s/.test(text[a])) a++;
      if (e > a) out.push({ start: a, end: e, paragraph: pi, article: p.article });
      s = e;
    };
    for (let i = p.start; i < p.end; i++) {
      const c = text[i];
      const term = FULL_TERM.has(c) || (HALF_TERM.has(c) && !(isAsciiWord(text[i - 1]) && isAsciiWord(text[i + 1])));
      if (!term || inQuote[i - p.start]) continue;
      // Take the rest of a run of terminators ("……", "?!") and the closers after it.
      let e = i + 1;
      while (e < p.end && (FULL_TERM.has(text[e]) || HALF_TERM.has(text[e]))) e++;
      while (e < p.end && CLOSERS.has(text[e])) e++;
      push(e);
      i = e - 1;
    }
    if (s < p.end) push(p.end);
  });
  return out;
}

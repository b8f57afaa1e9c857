// Markup that leaked into text: a page saved as text still carrying CSS, comments, editor
// placeholders or class names. htmlToText never emits these from a parsed page, but plain-text
// inputs (and HTML escaped twice) do, so this runs on every format.

import { removeRanges, type KindRange, type MappedText, type StepResult } from "./mapped.ts";
import { PLACEHOLDER } from "./html.ts";

/** HTML comments and tags standing as text. */
const COMMENT = /<!--[\s\S]*?-->/g;
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>\n]{0,500})?\/?>/g;

/** U+FFFD: a character the page itself had already lost (an emoji broken in an earlier re-encoding). */
const REPLACEMENT = /\uFFFD+/g;

/** Private-use characters: icon-font glyphs (a share or eye icon), never text. */
const PRIVATE_USE = /[\uE000-\uF8FF]+/g;

/** A markdown image mark left by a scraper that saved the page as markdown: ![alt](url). */
const MARKDOWN_IMAGE = /!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)/g;

/**
 * Class names leaking as text (image_desc, rich_media_content, qqnews_sign_emphasis): a lower-case
 * snake_case identifier. Not inside URLs or file names (no / . : @ - before it).
 */
const CLASS_NAME = /(?<![A-Za-z0-9_./:@\\-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![A-Za-z0-9_/\\-]|\.[A-Za-z])/g;

const isCjk = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x201c || c === 0x201d;

/**
 * CSS that stands as text: a balanced {…} group whose body has "prop:value" pairs, with the ASCII
 * selector in front of it ( .rich_media_content p:not(...) ). Nested @media groups are one group.
 */
export function findCss(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = text.indexOf("{");
  while (i >= 0) {
    let depth = 0;
    let j = i;
    for (; j < text.length; j++) {
      const ch = text[j];
      if (ch === "{") depth++;
      else if (ch === "}") {
        depth--;
        if (depth === 0) break;
      } else if (ch === "\n" && depth === 1 && j - i > 20000) break;
    }
    if (depth !== 0) break;
    const body = text.slice(i + 1, j);
    if (/[a-z-]+\s*:\s*[^;{}]+/i.test(body) && !/[\u4e00-\u9fff]{4,}/.test(body)) {
      // Extend left over the selector: ASCII, no newline, no Chinese.
      let s = i;
      while (s > 0 && i - s < 400) {
        const c = text.charCodeAt(s - 1);
        if (c === 10 || isCjk(c)) break;
        s--;
      }
      out.push({ start: s, end: j + 1 });
    }
    i = text.indexOf("{", j + 1);
  }
  return out;
}

/**
 * `shownText`: the text is what a parsed page shows its reader (the article Readability chose), where
 * snake_case words and braces are text (code samples, identifiers), never leaked class names or CSS.
 */
export function removeMarkupLeaks(mt: MappedText, options: { shownText?: boolean } = {}): StepResult {
  const t = mt.text;
  const ranges: KindRange[] = [];
  const patterns = options.shownText ? [COMMENT, TAG, PLACEHOLDER, REPLACEMENT, PRIVATE_USE, MARKDOWN_IMAGE] : [COMMENT, TAG, PLACEHOLDER, CLASS_NAME, REPLACEMENT, PRIVATE_USE, MARKDOWN_IMAGE];
  for (const re of patterns) {
    re.lastIndex = 0;
    for (const m of t.matchAll(re)) ranges.push({ start: m.index!, end: m.index! + m[0].length, kind: "markup" });
  }
  if (!options.shownText) for (const r of findCss(t)) ranges.push({ ...r, kind: "markup" });
  return removeRanges(mt, ranges);
}

// Text for matching: the same string whichever width or script the source used. The cleaned text
// itself is never rewritten (offsets and quotes stay true to the source); normText is a parallel
// string with normToClean mapping each of its code units back to `text`.
//
// Decisions: full-width ASCII (ＡＢＣ１２３（）％＋) becomes ASCII, so "中移（杭州）" matches "中移(杭州)";
// but the full-width sentence punctuation Chinese uses as its own (，。、：；？！ and “”‘’) stays as is,
// because sentence splitting and quote matching rely on it and an alias never needs it folded.
// Other NFKC folds are applied only to compatibility ideographs and Kangxi radicals (⾦ → 金) and
// odd spaces; everything else (①, ㈱, ligatures) is left alone so that a span of normText maps to a
// span of the same length in text. Traditional → Simplified uses OpenCC (Taiwan, then Hong Kong
// variants and phrases), per whole string when the length is unchanged, else per character.

import * as OpenCC from "opencc-js";

const KEEP_FULLWIDTH = new Set(["，", "；", "：", "？", "！"]);

const tw2cn = OpenCC.Converter({ from: "tw", to: "cn" });
const hk2cn = OpenCC.Converter({ from: "hk", to: "cn" });
const t2cn = OpenCC.Converter({ from: "t", to: "cn" });

/** Width and compatibility folds that are safe for matching (see the header); one code point in, a string out. */
export function foldChar(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c >= 0xff01 && c <= 0xff5e) return KEEP_FULLWIDTH.has(ch) ? ch : String.fromCodePoint(c - 0xfee0);
  if (c === 0x3000 || c === 0x00a0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f) return " ";
  if ((c >= 0xf900 && c <= 0xfaff) || (c >= 0x2e80 && c <= 0x2fdf) || (c >= 0x2f800 && c <= 0x2fa1f)) return ch.normalize("NFKC");
  return ch;
}

function toSimplified(s: string): string {
  let out = s;
  for (const conv of [tw2cn, hk2cn]) {
    const next = conv(out);
    if (next.length === out.length) out = next;
    else {
      // A phrase changed length: fall back to character by character so positions stay aligned.
      let x = "";
      for (const ch of out) {
        const y = t2cn(ch);
        x += y.length === ch.length ? y : ch;
      }
      out = x;
    }
  }
  return out;
}

export interface NormalizedText {
  normText: string;
  normToClean: number[];
}

/** normText and its map back to `text` (length normText.length + 1; the last entry is text.length). */
export function normalizeForMatching(text: string): NormalizedText {
  let folded = "";
  const map: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  const normText = toSimplified(folded);
  // toSimplified keeps the length, so the map carries over unchanged.
  map.push(text.length);
  return { normText, normToClean: map };
}

/** The same normalisation for a dictionary alias or a query, so it matches normText. */
export function normalizeString(s: string): string {
  return normalizeForMatching(s).normText;
}

/**
 * The first index of normText at or after a cleaned-text offset: normToClean is non-decreasing, so a
 * binary search inverts it. Later stages use it to carry mention offsets into the normalised text.
 */
export function normOffsetOf(normToClean: number[], cleanOffset: number): number {
  let lo = 0;
  let hi = normToClean.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (normToClean[mid] < cleanOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

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

// ---------------------------------------------------------------- skipping what OpenCC cannot change
//
// Converting a whole article with OpenCC costs more than segmenting it, and almost every article is
// Simplified already. Two facts about a converter (dictionary tries applied in a chain, each by
// longest match from left to right) let most of the text skip it, with the very same result:
//   - a character that occurs in no key of any of its dictionaries is never part of a match: the text
//     converts piece by piece around it (the pieces between such characters are "runs");
//   - a run in which no key that maps to something else occurs leaves every trie of the chain as it
//     came in (each match there replaces its text by itself).
// So only runs holding a changing key go through OpenCC. Common Simplified characters start changing
// phrase keys (一, 大, 核 …), so the test is on whole keys, not on single characters.

type Dict = string | readonly (readonly [string, string])[];
type DictGroup = readonly Dict[];
interface ConverterConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation?: Dict | DictGroup;
  conversionChain: readonly DictGroup[];
}

interface KeyTrieNode {
  next: Map<number, KeyTrieNode>;
  /** A key that changes its text ends here. */
  changes: boolean;
}

/** The dictionaries' keys of one converter, as the two facts above need them. */
interface ConverterKeys {
  /** By UTF-16 code unit: 1 when it occurs in some key (or is a surrogate), 2 for an IDS operator. */
  inKey: Uint8Array;
  /** The keys that map to a different text, as a trie of code units. */
  changing: KeyTrieNode;
  /** By code unit: 1 when a changing key starts with it (most characters start none). */
  startsChanging: Uint8Array;
}

function dictPairs(d: Dict): (readonly [string, string])[] {
  if (typeof d !== "string") return [...d];
  if (d === "") return [];
  return d.split("|").map((line) => {
    const [from, to] = line.split(" ");
    return [from, to] as const;
  });
}

/**
 * Reads a converter's dictionaries from OpenCC's own preset (the ones Converter() builds from), or
 * returns undefined when the preset is not laid out as expected: then everything is converted.
 */
function converterKeys(configName: string): ConverterKeys | undefined {
  const config = (OpenCC.Locale.configs as Record<string, ConverterConfig | undefined> | undefined)?.[configName];
  if (!config || !Array.isArray(config.conversionChain)) return undefined;
  const inKey = new Uint8Array(65536);
  // Surrogates are kept inside runs, so that a run never splits a character.
  inKey.fill(1, 0xd800, 0xe000);
  // An ideographic description sequence (⿰木木) is passed over whole by OpenCC: any text holding an
  // IDS operator is converted whole.
  inKey.fill(2, 0x2ff0, 0x3000);
  const changing: KeyTrieNode = { next: new Map(), changes: false };
  const startsChanging = new Uint8Array(65536);
  const segmentation = config.segmentation === undefined ? [] : typeof config.segmentation === "string" ? [config.segmentation] : (config.segmentation as DictGroup);
  const groups: DictGroup[] = [...(config.normalizationChain ?? []), ...config.conversionChain, segmentation];
  for (const group of groups) {
    // A group may be a single dictionary (an array of pairs) rather than a list of dictionaries.
    const dicts: Dict[] = typeof group === "string" || (Array.isArray(group) && Array.isArray(group[0]) && typeof group[0][0] === "string") ? [group as Dict] : [...group];
    for (const d of dicts) {
      for (const [from, to] of dictPairs(d)) {
        if (typeof from !== "string" || typeof to !== "string") return undefined;
        for (let i = 0; i < from.length; i++) if (inKey[from.charCodeAt(i)] === 0) inKey[from.charCodeAt(i)] = 1;
        if (from === to || group === segmentation) continue;
        startsChanging[from.charCodeAt(0)] = 1;
        let node = changing;
        for (let i = 0; i < from.length; i++) {
          const c = from.charCodeAt(i);
          let child = node.next.get(c);
          if (!child) node.next.set(c, (child = { next: new Map(), changes: false }));
          node = child;
        }
        node.changes = true;
      }
    }
  }
  return { inKey, changing, startsChanging };
}

/** Does some changing key occur in text[from, to)? */
function holdsChangingKey(keys: ConverterKeys, text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (keys.startsChanging[text.charCodeAt(i)] === 0) continue;
    let node: KeyTrieNode | undefined = keys.changing;
    for (let j = i; j < to; j++) {
      node = node.next.get(text.charCodeAt(j));
      if (!node) break;
      if (node.changes) return true;
    }
  }
  return false;
}

/** `convert(text)`, sending only the runs that hold a changing key through OpenCC (see above). */
export function convertChangedRuns(convert: (s: string) => string, keys: ConverterKeys | undefined, text: string): string {
  if (!keys) return convert(text);
  const { inKey } = keys;
  const pieces: string[] = [];
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const k = inKey[text.charCodeAt(i)];
    if (k === 0) {
      i++;
      continue;
    }
    let j = i;
    for (; j < text.length; j++) {
      const kj = inKey[text.charCodeAt(j)];
      if (kj === 0) break;
      if (kj === 2) return convert(text);
    }
    if (holdsChangingKey(keys, text, i, j)) {
      pieces.push(text.slice(copied, i), convert(text.slice(i, j)));
      copied = j;
    }
    i = j;
  }
  if (copied === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join("");
}

const tw2cnKeys = converterKeys("tw2s");
const hk2cnKeys = converterKeys("hk2s");

/** t2cn of single characters (the fallback converts character by character): memoised. */
const charToSimplified = new Map<string, string>();
function t2cnChar(ch: string): string {
  let y = charToSimplified.get(ch);
  if (y === undefined) {
    y = t2cn(ch);
    charToSimplified.set(ch, y);
  }
  return y;
}

function toSimplified(s: string): string {
  let out = s;
  for (const [conv, keys] of [[tw2cn, tw2cnKeys], [hk2cn, hk2cnKeys]] as const) {
    const next = convertChangedRuns(conv, keys, out);
    if (next.length === out.length) out = next;
    else {
      // A phrase changed length: fall back to character by character so positions stay aligned.
      let x = "";
      for (const ch of out) {
        const y = t2cnChar(ch);
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
  const pieces: string[] = [];
  const map: number[] = [];
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (!mayFold(c)) {
      // The common case: the character stands for itself, one code unit for one.
      map.push(i);
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const f = foldChar(ch);
    if (f !== ch) {
      pieces.push(text.slice(copied, i), f);
      copied = i + ch.length;
    }
    for (let k = 0; k < f.length; k++) map.push(i);
    i += ch.length;
  }
  const folded = copied === 0 ? text : pieces.join("") + text.slice(copied);
  const normText = toSimplified(folded);
  // toSimplified keeps the length, so the map carries over unchanged.
  map.push(text.length);
  return { normText, normToClean: map };
}

/**
 * Can foldChar change the character starting with this code unit? False for nearly all text, which
 * then skips the per-character work; true for the ranges foldChar folds and for surrogates.
 */
function mayFold(c: number): boolean {
  if (c < 0xa0) return false;
  return c === 0xa0 || (c >= 0x2000 && c <= 0x2fdf) || c === 0x3000 || (c >= 0xd800 && c <= 0xdfff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff01 && c <= 0xff5e);
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

// Features of a character tagger: the characters around a position, what the name-role figures say
// about them (HanLP's person/place/organisation role counts), and which gazetteer words start or end
// there. The training script and the recogniser compute them with this one function, so a model
// always sees at run time exactly what it was trained on.
//
// A feature is a 32-bit hash of (template, values); the model maps hashes to weights. Hashing keeps
// the per-character work to integer arithmetic: no feature string is ever built.
import type { Lexicon } from "./lexicon.ts";

/** Role letters of HanLP's role-tagging dictionaries (nr, ns, nt), one code per letter, 0 = unknown. */
export const ROLE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * Per character code: the most frequent role the character plays in person (nr), place (ns) and
 * organisation (nt) names, as (letter index + 1) * 4 + share bucket (0: <50%, 1: <80%, 2: <95%, 3: rest).
 */
export interface RoleTables {
  nr: Uint8Array;
  ns: Uint8Array;
  nt: Uint8Array;
}

export const FEATURES_PER_CHAR = 35;
/** Distances to the next organisation suffix character (see suffixDistance): 0…SUFFIX_REACH - 1, SUFFIX_REACH for none. */
export const SUFFIX_REACH = 12;
export const BOUNDARY = 0xffff;

/** The code the features use for a character: digits fold to 0 (a name is never told by its digit). */
export function featureCode(code: number): number {
  if (code >= 0x30 && code <= 0x39) return 0x30;
  if (code >= 0xff10 && code <= 0xff19) return 0x30;
  return code;
}

export function charClass(code: number): number {
  if (code === BOUNDARY) return 7;
  if (code >= 0x4e00 && code <= 0x9fff) return 0;
  if (code === 0x30) return 1;
  if (code >= 0x41 && code <= 0x5a) return 2;
  if (code >= 0x61 && code <= 0x7a) return 3;
  if (code === 0x20) return 5;
  // The middle dots of transliterated names (约翰·斯诺).
  if (code === 0xb7 || code === 0x30fb || code === 0x2022) return 6;
  return 4;
}

export function h2(t: number, a: number): number {
  let h = Math.imul(t + 0x165667b1, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function h3(t: number, a: number, b: number): number {
  return h2(t, (Math.imul(a, 0x10001) ^ (b * 0x3b)) | 0);
}

export function h4(t: number, a: number, b: number, c: number): number {
  return h2(t, h3(t, a, b) ^ Math.imul(c + 1, 0x27d4eb2d));
}

/**
 * nodejieba's words around each position, as three small codes per character (see wordInfo):
 * `shape` its place in its word (B, M, E, S) × the word's length (1…5+), `tag` the word's
 * part-of-speech class, `context` the classes of the words before and after it.
 */
export interface WordInfo {
  shape: Uint8Array;
  tag: Uint8Array;
  context: Uint8Array;
}

/** tagClass's answers so far, by tag: one hash lookup per word instead of a string comparison per case. */
const TAG_CLASSES = new Map<string, number>();

/** Part-of-speech classes (0 is the sentence boundary); 16 values. */
export function tagClass(tag: string): number {
  let cls = TAG_CLASSES.get(tag);
  if (cls === undefined) {
    cls = tagClassOf(tag);
    // nodejieba's tag set is small; a bound all the same, for tags a user dictionary may bring.
    if (TAG_CLASSES.size < 1024) TAG_CLASSES.set(tag, cls);
  }
  return cls;
}

function tagClassOf(tag: string): number {
  switch (tag) {
    case "nr": return 1;
    case "nrfg": case "nrt": return 2;
    case "ns": return 3;
    case "nt": return 4;
    case "nz": return 5;
    case "x": return 6;
    case "eng": return 7;
    case "m": case "mq": case "q": return 8;
    case "n": case "ng": case "nrf": return 9;
    case "v": case "vn": case "vg": case "vd": return 10;
    case "a": case "ad": case "an": case "ag": return 11;
    case "d": case "df": return 12;
    case "p": case "c": case "u": case "uj": case "ul": case "uz": case "ud": case "ug": case "uv": return 13;
    case "j": return 14;
    default: return 15;
  }
}

/** Word codes for text[from, to) from its tokens (in text order, offsets in the text). */
export function wordInfo(tokens: readonly { start: number; end: number; tag: string }[], from: number, to: number, out?: WordInfo): WordInfo {
  const n = to - from;
  const info = out && out.shape.length >= n ? out : { shape: new Uint8Array(n), tag: new Uint8Array(n), context: new Uint8Array(n) };
  info.shape.fill(0, 0, n);
  info.tag.fill(0, 0, n);
  info.context.fill(0, 0, n);
  // The first token that ends after `from` (binary search).
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  let prevClass = lo > 0 && lo < tokens.length && tokens[lo - 1].end === tokens[lo].start ? tagClass(tokens[lo - 1].tag) : 0;
  // Each token's class is worked out once: it is the next word's class of the token before.
  let cls = lo < tokens.length ? tagClass(tokens[lo].tag) : 0;
  for (let k = lo; k < tokens.length && tokens[k].start < to; k++) {
    const t = tokens[k];
    const following = k + 1 < tokens.length ? tagClass(tokens[k + 1].tag) : 0;
    const next = k + 1 < tokens.length && tokens[k + 1].start === t.end && tokens[k + 1].start < to ? following : 0;
    const len = t.end - t.start;
    const lenBucket = len > 5 ? 4 : len - 1;
    for (let p = Math.max(t.start, from); p < t.end && p < to; p++) {
      const place = len === 1 ? 3 : p === t.start ? 0 : p === t.end - 1 ? 2 : 1;
      info.shape[p - from] = place * 5 + lenBucket;
      info.tag[p - from] = cls;
      info.context[p - from] = prevClass * 16 + next;
    }
    prevClass = cls;
    cls = following;
  }
  return info;
}

/** Scratch buffers reused between sentences (the recogniser calls this for every sentence). */
export interface FeatureScratch {
  lex: Uint8Array;
  endLen: Uint8Array;
  inside: Uint8Array;
  suffix: Uint8Array;
}

export function newScratch(): FeatureScratch {
  return { lex: new Uint8Array(0), endLen: new Uint8Array(0), inside: new Uint8Array(0), suffix: new Uint8Array(0) };
}

/**
 * Per position: how far ahead (0 = here) the nearest character stands that mostly ends organisation
 * names (HanLP nt role D with a share of 50% or more: 局, 院, 委, 厂…), without crossing punctuation or a
 * space; SUFFIX_REACH when none is that near. An organisation name is told by its end, which the
 * five-character window often does not reach (北京市第一中级人民法院).
 */
export function suffixDistance(codes: Uint16Array, nt: Uint8Array, scratch: FeatureScratch): Uint8Array {
  const n = codes.length;
  if (scratch.suffix.length < n) scratch.suffix = new Uint8Array(n * 2);
  const out = scratch.suffix;
  let d = SUFFIX_REACH;
  for (let i = n - 1; i >= 0; i--) {
    const c = featureCode(codes[i]);
    const cls = charClass(c);
    if (cls === 4 || cls === 5 || cls === 7) d = SUFFIX_REACH;
    else {
      const r = nt[c];
      if (r >= 17 && r <= 19) d = 0;
      else if (d < SUFFIX_REACH) d++;
    }
    out[i] = d;
  }
  return out;
}

/** Gazetteer matches for a sentence: the longest word of each list from each start (see Lexicon). */
export function lexiconMatches(codes: Uint16Array, lexicon: Lexicon, scratch: FeatureScratch): Uint8Array {
  if (scratch.lex.length < codes.length * 4) scratch.lex = new Uint8Array(codes.length * 8);
  const lex = scratch.lex.subarray(0, codes.length * 4);
  lexicon.longestFrom(codes, lex);
  return lex;
}

/**
 * From the longest matches per start: per position and list, the longest match ending there (endLen)
 * and whether a match runs through it (inside).
 */
export function lexiconShape(lex: Uint8Array, n: number, scratch: FeatureScratch): { endLen: Uint8Array; inside: Uint8Array } {
  if (scratch.endLen.length < n * 4) {
    scratch.endLen = new Uint8Array(n * 8);
    scratch.inside = new Uint8Array(n * 8);
  }
  const endLen = scratch.endLen;
  const inside = scratch.inside;
  endLen.fill(0, 0, n * 4);
  inside.fill(0, 0, n * 4);
  for (let s = 0; s < n; s++) {
    for (let k = 0; k < 4; k++) {
      const len = lex[s * 4 + k];
      if (len === 0) continue;
      const e = s + len - 1;
      if (endLen[e * 4 + k] < len) endLen[e * 4 + k] = len;
      for (let p = s + 1; p < e; p++) inside[p * 4 + k] = 1;
    }
  }
  return { endLen, inside };
}

/**
 * The features of every position of a sentence into `out` (FEATURES_PER_CHAR hashes per position).
 * `codes` are the normalised characters; `lex` the gazetteer matches (lexiconMatches, possibly thinned
 * by the trainer).
 */
export function extractFeatures(codes: Uint16Array, lex: Uint8Array, roles: RoleTables, scratch: FeatureScratch, out: Uint32Array, words: WordInfo): void {
  const n = codes.length;
  const { endLen, inside } = lexiconShape(lex, n, scratch);
  const suffix = suffixDistance(codes, roles.nt, scratch);
  const nr = roles.nr;
  const ns = roles.ns;
  const nt = roles.nt;
  // Rolling window of the five characters and their roles around i (no closure per character).
  let cm2 = BOUNDARY;
  let cm1 = BOUNDARY;
  let c0 = n > 0 ? featureCode(codes[0]) : BOUNDARY;
  let cp1 = n > 1 ? featureCode(codes[1]) : BOUNDARY;
  let cp2 = BOUNDARY;
  for (let i = 0; i < n; i++) {
    cp2 = i + 2 < n ? featureCode(codes[i + 2]) : BOUNDARY;
    const nrm1 = cm1 === BOUNDARY ? 255 : nr[cm1];
    const nr0 = nr[c0];
    const nrp1 = cp1 === BOUNDARY ? 255 : nr[cp1];
    const ns0 = ns[c0];
    const nsp1 = cp1 === BOUNDARY ? 255 : ns[cp1];
    const ntm1 = cm1 === BOUNDARY ? 255 : nt[cm1];
    const nt0 = nt[c0];
    const ntp1 = cp1 === BOUNDARY ? 255 : nt[cp1];
    const o = i * FEATURES_PER_CHAR;
    out[o] = h2(0, 0);
    out[o + 1] = h2(1, cm2);
    out[o + 2] = h2(2, cm1);
    out[o + 3] = h2(3, c0);
    out[o + 4] = h2(4, cp1);
    out[o + 5] = h2(5, cp2);
    out[o + 6] = h3(6, cm2, cm1);
    out[o + 7] = h3(7, cm1, c0);
    out[o + 8] = h3(8, c0, cp1);
    out[o + 9] = h3(9, cp1, cp2);
    out[o + 10] = h3(10, cm1, cp1);
    out[o + 11] = h4(11, charClass(cm1), charClass(c0), charClass(cp1));
    out[o + 12] = h2(12, nr0);
    out[o + 13] = h3(13, nrm1, nr0);
    out[o + 14] = h3(14, nr0, nrp1);
    out[o + 15] = h4(15, nrm1, nr0, nrp1);
    out[o + 16] = h2(16, ns0);
    out[o + 17] = h3(17, ns0, nsp1);
    out[o + 18] = h2(18, nt0);
    out[o + 19] = h3(19, nt0, ntp1);
    out[o + 20] = h3(20, ntm1, nt0);
    for (let k = 0; k < 4; k++) {
      const start = lex[i * 4 + k];
      const end = endLen[i * 4 + k];
      out[o + 21 + k * 2] = h3(21 + k, start > 6 ? 6 : start, inside[i * 4 + k]);
      const next = i + 1 < n ? lex[(i + 1) * 4 + k] : 0;
      out[o + 22 + k * 2] = h3(25 + k, end > 6 ? 6 : end, next > 6 ? 6 : next);
    }
    // A person name just ended and another starts here: names listed with no separator (甲乙丙).
    const endPrevPer = i > 0 ? endLen[(i - 1) * 4] : 0;
    const startPer = lex[i * 4];
    out[o + 29] = h4(29, endPrevPer > 6 ? 6 : endPrevPer, startPer > 6 ? 6 : startPer, nr0);
    // A common word starts or ends here: 单位, 成立 are not the end of a name.
    const startWord = lex[i * 4 + 3];
    const endWord = endLen[i * 4 + 3];
    out[o + 30] = h4(30, nr0, startWord > 6 ? 6 : startWord, endWord > 6 ? 6 : endWord);
    // nodejieba's word here: its shape and class, the classes around it, the character in its place.
    out[o + 31] = h2(31, words.shape[i] * 16 + words.tag[i]);
    out[o + 32] = h3(32, Math.floor(words.shape[i] / 5), words.context[i]);
    out[o + 33] = h3(33, c0, words.shape[i]);
    // How far the next organisation suffix is, with nodejieba's class of the word here.
    out[o + 34] = h3(34, suffix[i], words.tag[i]);
    cm2 = cm1;
    cm1 = c0;
    c0 = cp1;
    cp1 = cp2;
  }
}

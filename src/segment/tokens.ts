// Word segmentation with nodejieba, with offsets. nodejieba keeps one global dictionary per process, so
// user words are added once (idempotently) and every caller sees the same segmentation.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Token } from "../types.ts";

interface Jieba {
  /** `hmm`: also cut runs of single characters with the HMM (off by default; tag() always uses it). */
  cut(sentence: string, hmm?: boolean): string[];
  tag(sentence: string): { word: string; tag: string }[];
  insertWord(word: string, tag?: string): boolean;
}

// nodejieba is a CommonJS native addon; createRequire loads it the same way under tsx, vitest and workers.
const addon = createRequire(import.meta.url)("nodejieba") as Jieba & { load(files: { idfDict: string; stopWordDict: string }): unknown };

/**
 * Stand-ins for the keyword extractor's word weights and stop words, which nodejieba loads with its
 * dictionary although Guanxi never extracts keywords: its own 6 MB weight list costs each thread
 * about 18 MB and a quarter of a second (measured: 281 → 263 MB, 1.5–1.7 → 1.3–1.5 s CPU). The
 * segmentation dictionary, the HMM and the user words are nodejieba's own, so every cut is the same.
 */
const KEYWORD_WEIGHTS_STUB = fileURLToPath(new URL("./jieba-stub/idf.utf8", import.meta.url));
const STOP_WORDS_STUB = fileURLToPath(new URL("./jieba-stub/stop_words.utf8", import.meta.url));
let loaded = false;

/** nodejieba, its dictionaries loaded on first use (once per thread). */
function jieba(): Jieba {
  if (!loaded) {
    addon.load({ idfDict: KEYWORD_WEIGHTS_STUB, stopWordDict: STOP_WORDS_STUB });
    loaded = true;
  }
  return addon;
}

const inserted = new Set<string>();

/**
 * Part-of-speech tags by word. nodejieba's tag() is cut() with the HMM plus a lookup of each word's
 * tag, and that lookup depends on the word alone (the dictionary's tag, or a rule on its characters
 * for an unknown word): so a tag found once holds for every occurrence, until a user word changes the
 * dictionary. Tagging the whole text instead builds a {word, tag} object per token in the addon,
 * which costs more than the segmentation itself.
 */
const tagCache = new Map<string, string>();
/** A bound on the cache (numbers and names make the vocabulary of a large corpus open-ended). */
const TAG_CACHE_MAX = 500_000;

/**
 * Adds words to nodejieba's dictionary so it keeps them whole (with a part-of-speech tag such as
 * nt/ns/nz). Returns how many were new.
 */
export function addUserWords(words: Iterable<{ word: string; tag: string }>): number {
  let added = 0;
  for (const { word, tag } of words) {
    // nodejieba splits its dictionary lines on whitespace: a word with a space cannot be a user word.
    if (!word || /\s/.test(word) || inserted.has(word)) continue;
    jieba().insertWord(word, tag);
    inserted.add(word);
    added++;
  }
  // A new user word may be a known word with a new tag: tags looked up before may be stale.
  if (added) tagCache.clear();
  return added;
}

/**
 * nodejieba cuts only between its separators (space, tab, newline, ，and 。): the text between two of
 * them is segmented on its own, so tagging just that stretch gives the same tokens there as tagging
 * the whole text.
 */
function isJiebaSeparator(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0xff0c || code === 0x3002;
}

/** The tag nodejieba gives `word` where it stands at text[start, start + word.length). */
function tagAt(text: string, word: string, start: number): string {
  const cached = tagCache.get(word);
  if (cached !== undefined) return cached;
  // The word alone usually comes back whole, with its tag; when nodejieba would cut it differently on
  // its own, the stretch of text around it (between separators) is tagged instead.
  let tag: string | undefined;
  const alone = jieba().tag(word);
  if (alone.length === 1 && alone[0].word === word) tag = alone[0].tag;
  else {
    let from = start;
    while (from > 0 && !isJiebaSeparator(text.charCodeAt(from - 1))) from--;
    let to = start + word.length;
    while (to < text.length && !isJiebaSeparator(text.charCodeAt(to))) to++;
    let pos = from;
    for (const t of jieba().tag(text.slice(from, to))) {
      if (pos === start && t.word === word) {
        tag = t.tag;
        break;
      }
      pos += t.word.length;
    }
  }
  // Not found only if nodejieba stopped agreeing with itself: "x" is what it gives an unknown word.
  tag ??= "x";
  if (tagCache.size >= TAG_CACHE_MAX) tagCache.clear();
  tagCache.set(word, tag);
  return tag;
}

/**
 * A token whose part-of-speech tag is looked up when first read: most consumers need only the words
 * and offsets, and the few tags they read (around an organisation suffix, before a speech verb) cost
 * a lookup each instead of one per token.
 */
class SegmentedToken implements Token {
  private cachedTag: string | undefined;
  constructor(
    readonly word: string,
    readonly start: number,
    readonly end: number,
    private readonly text: string,
  ) {}
  get tag(): string {
    return (this.cachedTag ??= tagAt(this.text, this.word, this.start));
  }
}

/**
 * Segments text into tagged tokens whose offsets index into `text`: the tokens of nodejieba's
 * tag(text), computed as cut(text, HMM) plus a tag per distinct word (see tagCache), looked up on
 * first read of a token's `tag`.
 */
export function segmentTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  // cut drops nothing and keeps order, so offsets follow from the cumulative lengths; a check
  // against the text guards against a future version that trims whitespace.
  for (const word of jieba().cut(text, true)) {
    let start = pos;
    if (text.startsWith(word, pos) === false) {
      const found = text.indexOf(word, pos);
      if (found < 0) continue;
      start = found;
    }
    tokens.push(new SegmentedToken(word, start, start + word.length, text));
    pos = start + word.length;
  }
  return tokens;
}

/** The tokens of nodejieba's tag(text) as it gives them (the reference segmentTokens agrees with). */
export function taggedTokens(text: string): { word: string; tag: string }[] {
  return jieba().tag(text);
}

/** Plain nodejieba cut: the ceiling the benchmark compares the build against. */
export function cutWords(text: string): string[] {
  return jieba().cut(text);
}

/**
 * Where a match may begin or end: 1 at every offset (0 … textLength) at which a token starts or ends.
 * A flat array, not a Set: it is filled for every token of the text and read a few times.
 */
export function tokenBoundaries(tokens: Token[], textLength: number): Uint8Array {
  const bounds = new Uint8Array(textLength + 1);
  for (const t of tokens) {
    bounds[t.start] = 1;
    bounds[t.end] = 1;
    // A word nodejieba made up of a name's last character and the verb after it (朱红 | 丹说, where the
    // user word 朱红丹 lost to 朱红): the verb starts a word of its own. The tag last: it is looked up
    // when first read.
    if (t.end - t.start === 2 && GLUED_VERBS.has(t.word[1]) && t.tag === "x") bounds[t.end - 1] = 1;
  }
  return bounds;
}

/**
 * Verbs and adverbs of one character that nodejieba glues to the unknown name or name's end before
 * them (王坚作, 刘颖说, 丹说).
 */
export const GLUED_VERBS: ReadonlySet<string> = new Set(["说", "称", "任", "在", "作", "等", "也", "都", "就", "又", "还", "对", "向", "被"]);

/**
 * Prepositions that nodejieba glues to the name after them into a word it does not know (x): 从省 |
 * 人民政府, 据市 | 人民政府, 经中国 | 文物局, 由美国 | 标准 | 技术局. The name starts after them.
 */
export const GLUED_PREPOSITIONS: ReadonlySet<string> = new Set("从据在经由向对为与和同跟给被把将于自".split(""));

// Word segmentation with nodejieba, with offsets. nodejieba keeps one global dictionary per process, so
// user words are added once (idempotently) and every caller sees the same segmentation.
import { createRequire } from "node:module";
import type { Token } from "../types.ts";

interface Jieba {
  cut(sentence: string, strict?: boolean): string[];
  tag(sentence: string): { word: string; tag: string }[];
  insertWord(word: string, tag?: string): boolean;
}

// nodejieba is a CommonJS native addon; createRequire loads it the same way under tsx, vitest and workers.
const jieba = createRequire(import.meta.url)("nodejieba") as Jieba;

const inserted = new Set<string>();

/**
 * Adds words to nodejieba's dictionary so it keeps them whole (with a part-of-speech tag such as
 * nt/ns/nz). Returns how many were new.
 */
export function addUserWords(words: Iterable<{ word: string; tag: string }>): number {
  let added = 0;
  for (const { word, tag } of words) {
    // nodejieba splits its dictionary lines on whitespace: a word with a space cannot be a user word.
    if (!word || /\s/.test(word) || inserted.has(word)) continue;
    jieba.insertWord(word, tag);
    inserted.add(word);
    added++;
  }
  return added;
}

/** Segments text into tagged tokens whose offsets index into `text`. */
export function segmentTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  // jieba.tag drops nothing and keeps order, so offsets follow from the cumulative lengths; a check
  // against the text guards against a future version that trims whitespace.
  for (const { word, tag } of jieba.tag(text)) {
    let start = pos;
    if (text.startsWith(word, pos) === false) {
      const found = text.indexOf(word, pos);
      if (found < 0) continue;
      start = found;
    }
    tokens.push({ word, tag, start, end: start + word.length });
    pos = start + word.length;
  }
  return tokens;
}

/** Plain nodejieba cut: the ceiling the benchmark compares the build against. */
export function cutWords(text: string): string[] {
  return jieba.cut(text);
}

/** The set of offsets at which a token starts or ends: where a match may begin or end. */
export function tokenBoundaries(tokens: Token[]): Set<number> {
  const bounds = new Set<number>();
  for (const t of tokens) {
    bounds.add(t.start);
    bounds.add(t.end);
  }
  return bounds;
}

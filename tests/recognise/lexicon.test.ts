// The gazetteer trie against the plain reading of its contract: for every start, the longest word of
// each list that starts there, and the list bits of a whole word.
import { describe, expect, it } from "vitest";
import { Lexicon, LEX_KINDS, LEX_MAX_LEN, LEX_LOC, LEX_ORG, LEX_PER, LEX_WORD } from "../../src/recognise/lexicon.ts";

describe("Lexicon", () => {
  // A fixed pseudo-random stream over a small alphabet, so that words share prefixes and texts hit them.
  let seed = 2024;
  const next = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
  const alphabet = "市区县人民政府委员会科技局张王李";
  const word = (min: number, max: number) => Array.from({ length: min + next(max - min + 1) }, () => alphabet[next(alphabet.length)]).join("");
  const bits = [LEX_PER, LEX_LOC, LEX_ORG, LEX_WORD];
  const lists = bits.map((bit) => ({ bit, words: Array.from({ length: 400 }, () => word(1, 14)) }));
  const lexicon = Lexicon.from(lists);
  const listed = new Map<string, number>();
  for (const l of lists) for (const w of l.words) if (w.length >= 2 && w.length <= LEX_MAX_LEN) listed.set(w, (listed.get(w) ?? 0) | l.bit);

  it("finds the longest word of each list from every start, as trying every span does", () => {
    for (let trial = 0; trial < 50; trial++) {
      const text = word(1, 40);
      const codes = Uint16Array.from(text, (c) => c.charCodeAt(0));
      const out = new Uint8Array(codes.length * 4);
      lexicon.longestFrom(codes, out);
      const expected = new Uint8Array(codes.length * 4);
      for (let s = 0; s < text.length; s++) {
        for (let e = s + 2; e <= Math.min(text.length, s + LEX_MAX_LEN); e++) {
          const b = listed.get(text.slice(s, e)) ?? 0;
          LEX_KINDS.forEach((kind, k) => {
            if (b & kind) expected[s * 4 + k] = e - s;
          });
        }
      }
      expect([...out]).toEqual([...expected]);
    }
  });

  it("answers a whole word with the bits of every list that holds it, and 0 for a prefix or a stranger", () => {
    for (const [w, b] of listed) expect(lexicon.has(w)).toBe(b);
    for (let trial = 0; trial < 500; trial++) {
      const w = word(2, 12);
      expect(lexicon.has(w)).toBe(listed.get(w) ?? 0);
    }
  });
});

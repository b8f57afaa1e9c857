// Gazetteers as one character trie, stored in typed arrays so that a lookup is a few array reads and
// no string is built per character (the recogniser runs on every sentence of every article).
//
// A node's children are found through one open-addressing table keyed by (node, character code);
// a node that ends a word holds a bit per list it comes from (person, place, organisation, common word).
// A slot's key and child sit side by side (four Int32 per slot, 16 bytes), so a probe is one memory
// read: the table is far larger than the caches, and with keys and children in separate arrays each
// probe cost three. Two cheaper reads come first: the root's children in a direct array (every walk
// starts there), and a one-bit-per-hash filter of the other edges (1 MB, about 6% false hits), so that
// the step that ends most walks, a character with no edge, seldom reaches the table.

export const LEX_PER = 1;
export const LEX_LOC = 2;
export const LEX_ORG = 4;
export const LEX_WORD = 8;
/** The lists in the order the feature templates use them. */
export const LEX_KINDS = [LEX_PER, LEX_LOC, LEX_ORG, LEX_WORD] as const;

/** Words longer than this are not matched (organisation names rarely pass it; the cost is per start). */
export const LEX_MAX_LEN = 12;

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Int32 per slot: the parent node (-1 when the slot is free), the character code, the child node, unused. */
const SLOT = 4;

/** Bits of the edge filter: 2^23 (1 MB). */
const FILTER_BITS = 23;

export class Lexicon {
  private table: Int32Array;
  private mask: number;
  /** The root's child per character code (-1: none). */
  private root = new Int32Array(65536).fill(-1);
  /** One bit per hash of (node, character) for every edge below the root: a clear bit means no edge. */
  private filter = new Int32Array(1 << (FILTER_BITS - 5));
  /** Per node: the bits of the lists whose words end there. */
  private ends: Uint8Array;
  private nodes = 1;

  constructor(capacityNodes: number) {
    let size = 1;
    while (size < capacityNodes * 2) size <<= 1;
    this.mask = size - 1;
    this.table = new Int32Array(size * SLOT).fill(-1);
    this.ends = new Uint8Array(capacityNodes + 1);
  }

  /** Builds a trie from lists of words, each with the bit of its list. */
  static from(lists: { bit: number; words: Iterable<string> }[]): Lexicon {
    let chars = 0;
    const all: { bit: number; words: string[] }[] = lists.map((l) => ({ bit: l.bit, words: [...l.words] }));
    for (const l of all) for (const w of l.words) chars += w.length;
    const lex = new Lexicon(chars + 1);
    for (const l of all) for (const w of l.words) lex.add(w, l.bit);
    lex.fit();
    return lex;
  }

  /** Re-lays the table at twice the number of nodes (its capacity was guessed from the characters). */
  private fit(): void {
    let size = 1;
    while (size < this.nodes * 2) size <<= 1;
    if (size >= this.mask + 1) return;
    const old = this.table;
    this.mask = size - 1;
    this.table = new Int32Array(size * SLOT).fill(-1);
    for (let o = 0; o < old.length; o += SLOT) if (old[o] !== -1) this.put(old[o], old[o + 1], old[o + 2]);
  }

  private put(node: number, code: number, child: number): void {
    const h = mix(node, code);
    if (node === 0) this.root[code] = child;
    else this.filter[h >>> (37 - FILTER_BITS)] |= 1 << ((h >>> (32 - FILTER_BITS)) & 31);
    let slot = h & this.mask;
    while (this.table[slot * SLOT] !== -1) slot = (slot + 1) & this.mask;
    const o = slot * SLOT;
    this.table[o] = node;
    this.table[o + 1] = code;
    this.table[o + 2] = child;
  }

  private find(node: number, code: number): number {
    if (node === 0) return this.root[code];
    const h = mix(node, code);
    if ((this.filter[h >>> (37 - FILTER_BITS)] & (1 << ((h >>> (32 - FILTER_BITS)) & 31))) === 0) return -1;
    const table = this.table;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const o = slot * SLOT;
      const k = table[o];
      if (k === -1) return -1;
      if (k === node && table[o + 1] === code) return table[o + 2];
      slot = (slot + 1) & mask;
    }
  }

  add(word: string, bit: number): void {
    if (word.length < 2 || word.length > LEX_MAX_LEN) return;
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      let next = this.find(node, code);
      if (next < 0) {
        next = this.nodes++;
        this.put(node, code, next);
      }
      node = next;
    }
    this.ends[node] |= bit;
  }

  /** The list bits of `word` (0 when it is in none). */
  has(word: string): number {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      node = this.find(node, word.charCodeAt(i));
      if (node < 0) return 0;
    }
    return this.ends[node];
  }

  /**
   * For every start in `codes`, the length of the longest word of each list that starts there:
   * out[start * 4 + k] for list k of LEX_KINDS (0 when none).
   */
  longestFrom(codes: Uint16Array, out: Uint8Array): void {
    out.fill(0);
    const n = codes.length;
    for (let s = 0; s < n; s++) {
      let node = 0;
      const limit = Math.min(n, s + LEX_MAX_LEN);
      for (let e = s; e < limit; e++) {
        node = this.find(node, codes[e]);
        if (node < 0) break;
        const bits = this.ends[node];
        if (bits === 0) continue;
        const len = e - s + 1;
        if (bits & LEX_PER) out[s * 4] = len;
        if (bits & LEX_LOC) out[s * 4 + 1] = len;
        if (bits & LEX_ORG) out[s * 4 + 2] = len;
        if (bits & LEX_WORD) out[s * 4 + 3] = len;
      }
    }
  }
}

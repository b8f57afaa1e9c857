// The shipped model (src/recognise/model/recogniser.json.gz, written by npm run train:recogniser) and
// the tagger that runs it over text.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import type { Token } from "../types.ts";
import { Lexicon, LEX_LOC, LEX_ORG, LEX_PER, LEX_WORD } from "./lexicon.ts";
import { BOUNDARY, charClass, extractFeatures, featureCode, FEATURES_PER_CHAR, h2, h3, h4, lexiconMatches, lexiconShape, newScratch, suffixDistance, SUFFIX_REACH, wordInfo, type FeatureScratch, type RoleTables, type WordInfo } from "./features.ts";
import { segmentTokens } from "../segment/tokens.ts";
import { newViterbiScratch, spansOf, TAG_COUNT, TAG_O, viterbi, type ViterbiScratch, type NerType, ENTITY_TYPES } from "./tagger.ts";

export const MODEL_PATH = fileURLToPath(new URL("./model/recogniser.json.gz", import.meta.url));

/** The model file: JSON, gzipped; typed arrays as base64 of their little-endian bytes. */
export interface ModelFile {
  version: 1;
  source: string;
  types: string[];
  features: number;
  /** Weights are Int16 × scale. */
  scale: number;
  /** TAG_COUNT × TAG_COUNT transition weights (from row to column), unscaled. */
  trans: number[];
  /** Feature hashes (Uint32) and, per hash, TAG_COUNT Int16 weights. */
  hashes: string;
  weights: string;
  roles: { nr: string; ns: string; nt: string };
  /** Gazetteers, one word a line. */
  lexicon: { PER: string; LOC: string; ORG: string; WORD: string };
  /** Titles and posts (HanLP's nnt words): cues for the people after them. */
  titles: string;
  /** Per character, log2 bucket of how often it stands in a given name (Uint8, 65536). */
  given: string;
  /** Words that end place and organisation names, one a line. */
  suffixes: { LOC: string; ORG: string };
}

export interface TaggedSpan {
  start: number;
  end: number;
  type: NerType;
  /** 0–1: how much the model prefers this name to no name at all there. */
  confidence: number;
  /** That preference in the model's own units (the score difference). */
  margin: number;
}

const bytes = (b64: string) => {
  const buf = Buffer.from(b64, "base64");
  // A fresh, aligned copy: typed-array views over Buffer's pool need not be aligned.
  const out = new ArrayBuffer(buf.length);
  new Uint8Array(out).set(buf);
  return out;
};

// Module-level copies of the feature helpers and per-code tables: the hot loop calls no imported
// binding and computes no character class or digit folding per character.
const hash3 = h3;
const FOLD = new Uint16Array(65536);
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  FOLD[c] = featureCode(c);
  CLASS[c] = charClass(FOLD[c]);
}

/** Role codes 0–107 (features.ts RoleTables) and 255 for the sentence boundary, folded to 108. */
const ROLE_VALUES = 109;
/** A gazetteer list's state at a position: longest word starting (0–6), inside one (0–1), longest ending (0–6), next starting (0–6). */
const LEX_STATES = 7 * 2 * 7 * 7;
/** A character's place in its word (B, M, E, S) × the word's length (1…5+): see WordInfo.shape. */
const WORD_SHAPES = 20;

/** Character pairs kept with their weights (see NameTagger.pairRows): 13.6 MB of rows at most. */
const PAIR_MEMO = 1 << 16;

/** Int16 per weight slot: two for the hash, TAG_COUNT weights, one "used" flag (32 bytes). */
const SLOT = 16;

/** Confidence = logistic(margin / CONFIDENCE_SCALE): a margin of 90 (the lowest tenth of names on People's Daily) reads 0.82, of 300 (the median) 0.99. */
const CONFIDENCE_SCALE = 60;
/** Longest stretch tagged at once: a longer one is cut at a comma or a space. */
const MAX_CHUNK = 400;

export class NameTagger {
  /**
   * The weights, in an open-addressing table of 16 Int16 per slot (32 bytes, one memory read per
   * lookup): the hash's two halves, the 13 weights, and 1 in the last place when the slot is used.
   */
  private slots: Int16Array;
  private slotKeys: Uint16Array;
  private mask: number;
  private scale: number;
  /** Transitions in the weights' Int16 units, so emissions add integers. */
  private trans: Float64Array;
  private roles: RoleTables;
  readonly lexicon: Lexicon;
  readonly titles: Set<string>;
  /** See ModelFile.given. */
  readonly given: Uint8Array;
  readonly placeSuffixes: Set<string>;
  /** Characters of transliterated names (those in listed names written with ·). */
  readonly foreignChars = new Uint8Array(65536);
  readonly orgSuffixes: Set<string>;
  // Dense tables for the features whose values come from a small or per-character domain, summed once
  // at load: a character's unigram and role weights at each of the five window offsets, the character
  // classes (with the bias), the gazetteer shapes, nodejieba's word shapes and classes. Only character
  // bigrams, the character in its word and the role triple are looked up per position. Float32: sums
  // of Int16 weights are exact in it, and there is half the memory to read per character.
  private bias = new Float64Array(TAG_COUNT);
  /**
   * A character's unigram weights at the five offsets with its roles' weights at 0, as a row of
   * 5 × TAG_COUNT in charVec, made when the character is first met in a pair (looking up every
   * character at load cost a third of a second per thread). charRow: where its row starts, -1 before.
   * Row 0 is shared by characters with no weights of their own: their roles' (0 for each).
   */
  private charRow = new Int32Array(65536).fill(-1);
  private charVec = new Float32Array(1024 * 5 * TAG_COUNT);
  private charCount = 0;
  private charScratch = new Float64Array(5 * TAG_COUNT);
  private classVec = new Float32Array(512 * TAG_COUNT);
  private lexStartVec = new Float32Array(4 * 7 * 2 * TAG_COUNT);
  private lexEndVec = new Float32Array(4 * 7 * 7 * TAG_COUNT);
  /** Role-pair templates 13, 14, 17, 19, 20 as dense ROLE_VALUES² tables, and 29, 30 (see features.ts). */
  private pairVec = [0, 1, 2, 3, 4].map(() => new Float32Array(ROLE_VALUES * ROLE_VALUES * TAG_COUNT));
  private listVec = new Float32Array(7 * 7 * ROLE_VALUES * TAG_COUNT);
  private wordVec = new Float32Array(ROLE_VALUES * 7 * 7 * TAG_COUNT);
  /** Templates 31 (word shape × class) and 32 (place in word × classes before and after), dense. */
  private wordShapeVec = new Float32Array(20 * 16 * TAG_COUNT);
  private wordContextVec = new Float32Array(4 * 256 * TAG_COUNT);
  /** Template 34 (distance to the next organisation suffix × word class), dense. */
  private suffixVec = new Float32Array((SUFFIX_REACH + 1) * 16 * TAG_COUNT);
  /**
   * Rows summed at load so that a position reads fewer of them: the word's shape and class with the
   * distance to the next organisation suffix (templates 31 and 34, both keyed by the word's class).
   */
  private wordSuffixVec = new Float32Array(20 * 16 * (SUFFIX_REACH + 1) * TAG_COUNT);
  /**
   * A gazetteer list's two rows at a position (templates 21–24: the longest word starting here and
   * whether one runs through; 25–28: the longest ending here and the next one starting) as one row per
   * state (LEX_STATES of them: start, inside, end, next), for each of the four lists.
   */
  private lexStateVec = new Float32Array(4 * LEX_STATES * TAG_COUNT);
  /**
   * Where no person, place or organisation word is near (86% of positions in dense news; the common
   * words' list almost always has one), one row holds every gazetteer weight, by the character's person
   * role (numbered as in roleSlot) and the common words' state: that state's row, the three empty lists'
   * rows, template 30 (person role × common word's start and end) and template 29 at no person name.
   */
  private commonWordVec = new Float32Array(0);
  /**
   * Template 33 (the character with its place in its word) as a block of WORD_SHAPES rows per
   * character, read by index instead of hashed and probed for. A character's block is made when it is
   * first met (charShapeBlock: where it starts in charShapeVec, -1 before): 1,444 characters have
   * weights in the shipped model, and looking up every character at load would cost more than it saves
   * on a small build. The others share block 0, of zeros.
   */
  private charShapeBlock = new Int32Array(65536).fill(-1);
  private charShapeVec = new Float32Array(64 * WORD_SHAPES * TAG_COUNT);
  private charShapeCount = 1;
  /**
   * Template 15 (the person roles of the characters before, at and after) by index instead of hashed
   * and probed for: the shipped model's characters take 33 person-role values (34 with the sentence
   * boundary's, so 39,304 triples at most), roleSlot numbers the values and roleTriple holds where a
   * triple's row starts in roleTripleVec (0: a row of zeros).
   */
  private roleSlot = new Uint8Array(256);
  private roleSide = 0;
  private roleTriple = new Int32Array(0);
  private roleTripleVec = new Float32Array(0);
  /** Scratch: the gazetteer rows of one position where a person, place or organisation word is. */
  private lexRow = new Float32Array(TAG_COUNT);
  private words: WordInfo = { shape: new Uint8Array(512), tag: new Uint8Array(512), context: new Uint8Array(512) };
  /**
   * Character bigrams met so far, each with its weights in the four bigram templates (6: the two
   * characters before, 7: the one before and this, 8: this and the next, 9: the two after): a pair is
   * looked up once per position instead of four times in the weight table. PAIR_MEMO pairs at most
   * (the most frequent come first in any text); past that, four rotating rows are recomputed.
   */
  /** The memo's table: per slot the pair's key and where its rows start (-1: a free slot), side by side so a probe is one memory read. */
  private pairSlots = new Int32Array(PAIR_MEMO * 2 * 2).fill(-1);
  private pairMemo = new Float32Array((PAIR_MEMO + 4) * 4 * TAG_COUNT);
  private pairCount = 0;
  private pairSpare = 0;
  private scratch: FeatureScratch = newScratch();
  private vs: ViterbiScratch = newViterbiScratch();
  private emit = new Float64Array(512 * TAG_COUNT);
  private tags = new Uint8Array(512);
  private codes = new Uint16Array(512);

  constructor(model: ModelFile) {
    if (model.features !== FEATURES_PER_CHAR) throw new Error(`recogniser model has ${model.features} features per character, code expects ${FEATURES_PER_CHAR}: run npm run train:recogniser`);
    const hashes = new Uint32Array(bytes(model.hashes));
    const weights = new Int16Array(bytes(model.weights));
    let size = 1;
    while (size < hashes.length * 1.5) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int16Array(size * SLOT);
    this.slotKeys = new Uint16Array(this.slots.buffer);
    for (let r = 0; r < hashes.length; r++) {
      const h = hashes[r];
      let slot = h & this.mask;
      while (this.slots[slot * SLOT + SLOT - 1] !== 0) slot = (slot + 1) & this.mask;
      const base = slot * SLOT;
      this.slotKeys[base] = h & 0xffff;
      this.slotKeys[base + 1] = h >>> 16;
      for (let t = 0; t < TAG_COUNT; t++) this.slots[base + 2 + t] = weights[r * TAG_COUNT + t];
      this.slots[base + SLOT - 1] = 1;
    }
    this.scale = model.scale;
    this.trans = Float64Array.from(model.trans, (x) => x / model.scale);
    this.roles = { nr: new Uint8Array(bytes(model.roles.nr)), ns: new Uint8Array(bytes(model.roles.ns)), nt: new Uint8Array(bytes(model.roles.nt)) };
    const list = (s: string) => (s ? s.split("\n") : []);
    this.lexicon = Lexicon.from([
      { bit: LEX_PER, words: list(model.lexicon.PER) },
      { bit: LEX_LOC, words: list(model.lexicon.LOC) },
      { bit: LEX_ORG, words: list(model.lexicon.ORG) },
      { bit: LEX_WORD, words: list(model.lexicon.WORD) },
    ]);
    this.titles = new Set(list(model.titles));
    this.given = new Uint8Array(bytes(model.given));
    for (const name of list(model.lexicon.PER)) {
      // Names written with a middle dot are transliterations (约翰·斯诺): their characters are the ones
      // transliterated names are made of.
      if (!name.includes("·")) continue;
      for (let i = 0; i < name.length; i++) this.foreignChars[name.charCodeAt(i)] = 1;
    }
    this.foreignChars["·".charCodeAt(0)] = 1;
    this.placeSuffixes = new Set(list(model.suffixes.LOC));
    this.orgSuffixes = new Set(list(model.suffixes.ORG));
    this.buildDenseTables();
  }

  /** Adds the weights of feature hash `h` (if the model has it) to dst[at, at + TAG_COUNT). */
  private addFeature(h: number, dst: Float64Array | Float32Array, at: number): boolean {
    const r = this.row(h);
    if (r < 0) return false;
    for (let t = 0; t < TAG_COUNT; t++) dst[at + t] += this.slots[r + 2 + t];
    return true;
  }

  private buildDenseTables(): void {
    const T = TAG_COUNT;
    this.addFeature(h2(0, 0), this.bias, 0);
    const none = this.charScratch.fill(0);
    this.addFeature(h2(12, 0), none, 2 * T);
    this.addFeature(h2(16, 0), none, 2 * T);
    this.addFeature(h2(18, 0), none, 2 * T);
    this.pushCharRow(none);
    for (let a = 0; a < 8; a++) for (let b = 0; b < 8; b++) for (let c = 0; c < 8; c++) this.addFeature(h4(11, a, b, c), this.classVec, (a * 64 + b * 8 + c) * T);
    for (let k = 0; k < 4; k++) {
      for (let x = 0; x < 7; x++) {
        for (let y = 0; y < 2; y++) this.addFeature(h3(21 + k, x, y), this.lexStartVec, ((k * 7 + x) * 2 + y) * T);
        for (let y = 0; y < 7; y++) this.addFeature(h3(25 + k, x, y), this.lexEndVec, ((k * 7 + x) * 7 + y) * T);
      }
    }
    for (let v = 0; v < 20 * 16; v++) this.addFeature(h2(31, v), this.wordShapeVec, v * T);
    for (let place = 0; place < 4; place++) for (let c = 0; c < 256; c++) this.addFeature(h3(32, place, c), this.wordContextVec, (place * 256 + c) * T);
    for (let d = 0; d <= SUFFIX_REACH; d++) for (let c = 0; c < 16; c++) this.addFeature(h3(34, d, c), this.suffixVec, (d * 16 + c) * T);
    // The bias goes into every class-triple row (one read less per character).
    for (let r = 0; r < 512; r++) for (let t = 0; t < T; t++) this.classVec[r * T + t] += this.bias[t];
    const tmp = new Float64Array(TAG_COUNT);
    const put = (h: number, dst: Float32Array, at: number) => {
      tmp.fill(0);
      if (this.addFeature(h, tmp, 0)) for (let t = 0; t < T; t++) dst[at + t] = tmp[t];
    };
    const roleValue = (i: number) => (i === 108 ? 255 : i);
    const pairTemplates = [13, 14, 17, 19, 20];
    for (let a = 0; a < ROLE_VALUES; a++) {
      for (let b = 0; b < ROLE_VALUES; b++) {
        for (let p = 0; p < 5; p++) put(h3(pairTemplates[p], roleValue(a), roleValue(b)), this.pairVec[p], (a * ROLE_VALUES + b) * T);
      }
      for (let x = 0; x < 7; x++) {
        for (let y = 0; y < 7; y++) {
          put(h4(29, x, y, roleValue(a)), this.listVec, ((x * 7 + y) * ROLE_VALUES + a) * T);
          put(h4(30, roleValue(a), x, y), this.wordVec, ((a * 7 + x) * 7 + y) * T);
        }
      }
    }
    // The person-role values the characters take, and the boundary's (255).
    const values = [...new Set([...this.roles.nr, 255])].sort((a, b) => a - b);
    values.forEach((v, i) => (this.roleSlot[v] = i));
    const side = (this.roleSide = values.length);
    this.roleTriple = new Int32Array(side * side * side);
    const tripleRows: Float64Array[] = [new Float64Array(T)];
    for (let a = 0; a < side; a++) {
      for (let b = 0; b < side; b++) {
        for (let c = 0; c < side; c++) {
          const row = new Float64Array(T);
          if (!this.addFeature(h4(15, values[a], values[b], values[c]), row, 0)) continue;
          this.roleTriple[(a * side + b) * side + c] = tripleRows.length * T;
          tripleRows.push(row);
        }
      }
    }
    this.roleTripleVec = new Float32Array(tripleRows.length * T);
    tripleRows.forEach((r, i) => this.roleTripleVec.set(r, i * T));
    for (let v = 0; v < 20 * 16; v++) {
      const tag = v % 16;
      for (let d = 0; d <= SUFFIX_REACH; d++) {
        const at = (v * (SUFFIX_REACH + 1) + d) * T;
        for (let t = 0; t < T; t++) this.wordSuffixVec[at + t] = this.wordShapeVec[v * T + t] + this.suffixVec[(d * 16 + tag) * T + t];
      }
    }
    for (let k = 0; k < 4; k++) {
      for (let state = 0; state < LEX_STATES; state++) {
        const next = state % 7;
        const end = Math.floor(state / 7) % 7;
        const inside = Math.floor(state / 49) % 2;
        const start = Math.floor(state / 98);
        const a = ((k * 7 + start) * 2 + inside) * T;
        const b = ((k * 7 + end) * 7 + next) * T;
        const at = (k * LEX_STATES + state) * T;
        for (let t = 0; t < T; t++) this.lexStateVec[at + t] = this.lexStartVec[a + t] + this.lexEndVec[b + t];
      }
    }
    this.commonWordVec = new Float32Array(this.roleSide * LEX_STATES * T);
    for (const v of values) {
      // listVec and wordVec number the boundary's role 108 (see roleValue).
      const a = v === 255 ? 108 : v;
      const side = this.roleSlot[v];
      for (let state = 0; state < LEX_STATES; state++) {
        const start = Math.floor(state / 98);
        const end = Math.floor(state / 7) % 7;
        const at = (side * LEX_STATES + state) * T;
        const a30 = ((a * 7 + start) * 7 + end) * T;
        for (let t = 0; t < T; t++) {
          let sum = this.lexStateVec[(3 * LEX_STATES + state) * T + t] + this.wordVec[a30 + t] + this.listVec[a * T + t];
          for (let k = 0; k < 3; k++) sum += this.lexStateVec[k * LEX_STATES * T + t];
          this.commonWordVec[at + t] = sum;
        }
      }
    }
  }

  /** Where character `code`'s row starts in charVec, made now (see charRow). */
  private charRowOf(code: number): number {
    let at = this.charRow[code];
    if (at >= 0) return at;
    const fc = featureCode(code);
    at = this.charRow[fc];
    if (at < 0) {
      const T = TAG_COUNT;
      const one = this.charScratch.fill(0);
      let any = false;
      for (let d = 0; d < 5; d++) any = this.addFeature(h2(1 + d, fc), one, d * T) || any;
      if (fc !== BOUNDARY) {
        any = this.addFeature(h2(12, this.roles.nr[fc]), one, 2 * T) || any;
        any = this.addFeature(h2(16, this.roles.ns[fc]), one, 2 * T) || any;
        any = this.addFeature(h2(18, this.roles.nt[fc]), one, 2 * T) || any;
      }
      at = any ? this.pushCharRow(one) : 0;
      this.charRow[fc] = at;
    }
    this.charRow[code] = at;
    return at;
  }

  /** Appends a row to charVec (grown as needed); where it starts. */
  private pushCharRow(row: Float64Array): number {
    const size = 5 * TAG_COUNT;
    if ((this.charCount + 1) * size > this.charVec.length) {
      const grown = new Float32Array(this.charVec.length * 2);
      grown.set(this.charVec);
      this.charVec = grown;
    }
    const at = this.charCount++ * size;
    for (let i = 0; i < size; i++) this.charVec[at + i] = row[i];
    return at;
  }

  /** Emission scores by the generic path: every feature hashed and looked up (the trainer's view). */
  emissionsByHash(codes: Uint16Array, emit: Float64Array, words: WordInfo): void {
    const n = codes.length;
    const T = TAG_COUNT;
    const lex = lexiconMatches(codes, this.lexicon, this.scratch);
    const feats = new Uint32Array(n * FEATURES_PER_CHAR);
    extractFeatures(codes, lex, this.roles, this.scratch, feats, words);
    emit.fill(0, 0, n * T);
    for (let i = 0; i < n; i++) for (let f = 0; f < FEATURES_PER_CHAR; f++) this.addFeature(feats[i * FEATURES_PER_CHAR + f], emit, i * T);
  }

  /** Emission scores by the dense tables (the same sums as emissionsByHash, in another order). */
  emissions(codes: Uint16Array, emit: Float64Array, words: WordInfo): void {
    const n = codes.length;
    const T = TAG_COUNT;
    const lex = lexiconMatches(codes, this.lexicon, this.scratch);
    const { endLen, inside } = lexiconShape(lex, n, this.scratch);
    const suffix = suffixDistance(codes, this.roles.nt, this.scratch);
    const nr = this.roles.nr;
    const slots = this.slots;
    const slotKeys = this.slotKeys;
    const wordSuffixVec = this.wordSuffixVec;
    const wordContextVec = this.wordContextVec;
    const mask = this.mask;
    const maskWords = (this.mask + 1) * SLOT - 1;
    const classVec = this.classVec;
    const lexStateVec = this.lexStateVec;
    const commonWordVec = this.commonWordVec;
    const charShapeBlock = this.charShapeBlock;
    let charShapeVec = this.charShapeVec;
    const roleSlot = this.roleSlot;
    const side = this.roleSide;
    const roleTriple = this.roleTriple;
    const roleTripleVec = this.roleTripleVec;
    let cm1 = BOUNDARY;
    let c0 = n > 0 ? FOLD[codes[0]] : BOUNDARY;
    let cp1 = n > 1 ? FOLD[codes[1]] : BOUNDARY;
    let cp2 = BOUNDARY;
    let pA = this.pairRows(BOUNDARY, BOUNDARY);
    let pB = this.pairRows(BOUNDARY, c0);
    let pC = this.pairRows(c0, cp1);
    const listVec = this.listVec;
    const wordVec = this.wordVec;
    const pairRows = this.pairMemo;
    const lexRow = this.lexRow;
    const R = ROLE_VALUES;
    const S = SUFFIX_REACH + 1;
    for (let i = 0; i < n; i++) {
      cp2 = i + 2 < n ? FOLD[codes[i + 2]] : BOUNDARY;
      const base = i * T;
      const cls = (CLASS[cm1] * 64 + CLASS[c0] * 8 + CLASS[cp1]) * T;
      const shape = words.shape[i];
      const wsf = ((shape * 16 + words.tag[i]) * S + suffix[i]) * T;
      const wc = (Math.floor(shape / 5) * 256 + words.context[i]) * T;
      const i4 = i * 4;
      const nextStart = i + 1 < n ? i4 + 4 : -1;
      const nrm1 = cm1 === BOUNDARY ? 255 : nr[cm1];
      const nr0 = nr[c0];
      const nrp1 = cp1 === BOUNDARY ? 255 : nr[cp1];
      const endPrevPer = i > 0 ? endLen[(i - 1) * 4] : 0;
      // The gazetteer rows with templates 29 and 30: where no person, place or organisation word
      // starts, ends, runs through or follows here and no person's name ended just before (the common
      // case), one row by the person role and the common words' state; otherwise every row summed
      // into lexRow.
      const startWord = lex[i4 + 3];
      const endWord = endLen[i4 + 3];
      const nextWord = nextStart >= 0 ? lex[nextStart + 3] : 0;
      const wordState = (((startWord > 6 ? 6 : startWord) * 2 + inside[i4 + 3]) * 7 + (endWord > 6 ? 6 : endWord)) * 7 + (nextWord > 6 ? 6 : nextWord);
      let lexVec = commonWordVec;
      let lexAt = (roleSlot[nr0] * LEX_STATES + wordState) * T;
      if ((endPrevPer | lex[i4] | lex[i4 + 1] | lex[i4 + 2] | endLen[i4] | endLen[i4 + 1] | endLen[i4 + 2] | inside[i4] | inside[i4 + 1] | inside[i4 + 2]) !== 0 || (nextStart >= 0 && (lex[nextStart] | lex[nextStart + 1] | lex[nextStart + 2]) !== 0)) {
        const startPer = lex[i4];
        const a29 = (((endPrevPer > 6 ? 6 : endPrevPer) * 7 + (startPer > 6 ? 6 : startPer)) * R + nr0) * T;
        const a30 = ((nr0 * 7 + (startWord > 6 ? 6 : startWord)) * 7 + (endWord > 6 ? 6 : endWord)) * T;
        const w3 = (3 * LEX_STATES + wordState) * T;
        for (let t = 0; t < T; t++) lexRow[t] = listVec[a29 + t] + wordVec[a30 + t] + lexStateVec[w3 + t];
        for (let k = 0; k < 3; k++) {
          const start = lex[i4 + k];
          const end = endLen[i4 + k];
          const next = nextStart >= 0 ? lex[nextStart + k] : 0;
          const at = (k * LEX_STATES + ((((start > 6 ? 6 : start) * 2 + inside[i4 + k]) * 7 + (end > 6 ? 6 : end)) * 7 + (next > 6 ? 6 : next))) * T;
          for (let t = 0; t < T; t++) lexRow[t] += lexStateVec[at + t];
        }
        lexVec = lexRow;
        lexAt = 0;
      }
      // The four character pairs around i, from the memo (one lookup per position: the window's
      // newest pair; the other three were looked up at the positions before). Their rows hold the
      // bigram templates, the characters' own weights at their offsets and the role-pair templates.
      const pD = this.pairRows(cp1, cp2);
      // The skip bigram (template 10), hashed: a feature the model lacks ends at an empty slot, whose
      // weights are all 0, so it is added like the others. Templates 33 and 15 by index.
      const o10 = this.slotOf(hash3(10, cm1, cp1), slots, slotKeys, mask, maskWords) + 2;
      let block = charShapeBlock[c0];
      if (block < 0) {
        block = this.charShapeBlockOf(c0);
        charShapeVec = this.charShapeVec;
      }
      const s33 = block + shape * T;
      const o15 = roleTriple[(roleSlot[nrm1] * side + roleSlot[nr0]) * side + roleSlot[nrp1]];
      // Every row of this position in one pass, each weight read once and the sum written once (the
      // sums are of integers, exact in any order).
      const pb = pB + T;
      const pc = pC + 2 * T;
      const pd = pD + 3 * T;
      for (let t = 0; t < T; t++) {
        emit[base + t] =
          classVec[cls + t] + wordSuffixVec[wsf + t] + wordContextVec[wc + t] + lexVec[lexAt + t] +
          pairRows[pA + t] + pairRows[pb + t] + pairRows[pc + t] + pairRows[pd + t] +
          charShapeVec[s33 + t] + roleTripleVec[o15 + t] + slots[o10 + t];
      }
      pA = pB;
      pB = pC;
      pC = pD;
      cm1 = c0;
      c0 = cp1;
      cp1 = cp2;
    }
  }

  /** Where character `code`'s template-33 block starts in charShapeVec, made now (see charShapeBlock). */
  private charShapeBlockOf(code: number): number {
    const T = TAG_COUNT;
    const size = WORD_SHAPES * T;
    const fold = featureCode(code);
    let at = this.charShapeBlock[fold];
    if (at < 0) {
      if ((this.charShapeCount + 1) * size > this.charShapeVec.length) {
        const grown = new Float32Array(this.charShapeVec.length * 2);
        grown.set(this.charShapeVec);
        this.charShapeVec = grown;
      }
      at = this.charShapeCount * size;
      const tmp = new Float64Array(T);
      let any = false;
      for (let shape = 0; shape < WORD_SHAPES; shape++) {
        tmp.fill(0);
        if (!this.addFeature(h3(33, fold, shape), tmp, 0)) continue;
        any = true;
        for (let t = 0; t < T; t++) this.charShapeVec[at + shape * T + t] = tmp[t];
      }
      if (any) this.charShapeCount++;
      else at = 0;
      this.charShapeBlock[fold] = at;
    }
    this.charShapeBlock[code] = at;
    return at;
  }

  /** The slot of feature hash `h`: where its key is, or the empty slot where the probe ends. */
  private slotOf(h: number, slots: Int16Array, slotKeys: Uint16Array, mask: number, maskWords: number): number {
    const lo = h & 0xffff;
    const hi = h >>> 16;
    let o = (h & mask) * SLOT;
    while (slots[o + SLOT - 1] !== 0 && (slotKeys[o] !== lo || slotKeys[o + 1] !== hi)) o = (o + SLOT) & maskWords;
    return o;
  }

  /** Where the four bigram rows of (a, b) start in pairMemo (computed on first sight). */
  private pairRows(a: number, b: number): number {
    const key = ((a << 16) | b) | 0;
    const mask = PAIR_MEMO * 2 - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 15 & mask;
    const table = this.pairSlots;
    while (table[slot * 2 + 1] !== -1) {
      if (table[slot * 2] === key) return table[slot * 2 + 1];
      slot = (slot + 1) & mask;
    }
    const T = TAG_COUNT;
    let at: number;
    if (this.pairCount < PAIR_MEMO) {
      at = this.pairCount++ * 4 * T;
      table[slot * 2] = key;
      table[slot * 2 + 1] = at;
    } else {
      // The memo is full: one of four spare rows, free again by the time it comes round.
      at = (PAIR_MEMO + (this.pairSpare++ & 3)) * 4 * T;
      this.pairMemo.fill(0, at, at + 4 * T);
    }
    const memo = this.pairMemo;
    for (let r = 0; r < 4; r++) this.addFeature(h3(6 + r, a, b), memo, at + r * T);
    // Row 0: (a, b) are the characters at -2, -1: a's own weights at -2. Row 1: at -1, 0: both
    // characters' weights, role pairs 13 and 20. Row 2: at 0, +1: b's weights at +1, role pairs 14, 17,
    // 19. Row 3: at +1, +2: b's weights at +2.
    const ra = this.charRowOf(a);
    const rb = this.charRowOf(b);
    const cv = this.charVec;
    const R = ROLE_VALUES;
    const { nr, ns, nt } = this.roles;
    const role = (table: Uint8Array, c: number) => (c === BOUNDARY ? 108 : table[c]);
    const [v13, v14, v17, v19, v20] = this.pairVec;
    const a13 = (role(nr, a) * R + role(nr, b)) * T;
    const a20 = (role(nt, a) * R + role(nt, b)) * T;
    const a14 = (role(nr, a) * R + role(nr, b)) * T;
    const a17 = (role(ns, a) * R + role(ns, b)) * T;
    const a19 = (role(nt, a) * R + role(nt, b)) * T;
    for (let t = 0; t < T; t++) {
      memo[at + t] += cv[ra + t];
      memo[at + T + t] += cv[ra + T + t] + cv[rb + 2 * T + t] + v13[a13 + t] + v20[a20 + t];
      memo[at + 2 * T + t] += cv[rb + 3 * T + t] + v14[a14 + t] + v17[a17 + t] + v19[a19 + t];
      memo[at + 3 * T + t] += cv[rb + 4 * T + t];
    }
    return at;
  }

  /** Whether a character is most often a surname in person names (role B in HanLP's nr figures). */
  isSurname(code: number): boolean {
    const r = this.roles.nr[code];
    // (letter index + 1) * 4 + share bucket; B is letter index 1. A share of 50% or more.
    return r >= 8 && r < 12 && (r & 3) >= 1;
  }

  /** Where feature hash `h`'s slot starts in `slots`, or -1 when the model does not have it. */
  private row(h: number): number {
    let slot = h & this.mask;
    for (;;) {
      const base = slot * SLOT;
      if (this.slots[base + SLOT - 1] === 0) return -1;
      if (this.slotKeys[base] === (h & 0xffff) && this.slotKeys[base + 1] === h >>> 16) return base;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Names in text[from, to), offsets in `text`. */
  private tagChunk(text: string, from: number, to: number, tokens: readonly Token[], out: TaggedSpan[]): void {
    const n = to - from;
    if (n <= 0) return;
    const words = (this.words = wordInfo(tokens, from, to, this.words));
    const T = TAG_COUNT;
    if (this.codes.length < n) {
      this.codes = new Uint16Array(n * 2);
      this.tags = new Uint8Array(n * 2);
      this.emit = new Float64Array(n * 2 * T);
    }
    const codes = this.codes.subarray(0, n);
    for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(from + i);
    const emit = this.emit;
    this.emissions(codes, emit, words);
    const tags = this.tags;
    viterbi(emit, n, this.trans, tags, this.vs);
    for (const s of spansOf(tags, n)) {
      // The margin: the path's score against the same path with this name tagged O.
      let margin = 0;
      for (let i = s.start; i < s.end; i++) {
        margin += emit[i * T + tags[i]] - emit[i * T + TAG_O];
        if (i > s.start) margin += this.trans[tags[i - 1] * T + tags[i]] - this.trans[TAG_O * T + TAG_O];
      }
      const before = s.start > 0 ? tags[s.start - 1] : -1;
      const after = s.end < n ? tags[s.end] : -1;
      if (before >= 0) margin += this.trans[before * T + tags[s.start]] - this.trans[before * T + TAG_O];
      if (after >= 0) margin += this.trans[tags[s.end - 1] * T + after] - this.trans[TAG_O * T + after];
      const confidence = 1 / (1 + Math.exp((-margin * this.scale) / CONFIDENCE_SCALE));
      out.push({ start: from + s.start, end: from + s.end, type: ENTITY_TYPES[s.type], confidence, margin: margin * this.scale });
    }
  }

  /**
   * Person, place and organisation names in normalised text (half-width, Simplified), in order.
   * `tokens`: nodejieba's words of `text` (the segment stage's), computed here when not given.
   */
  tag(text: string, tokens: readonly Token[] = segmentTokens(text)): TaggedSpan[] {
    const out: TaggedSpan[] = [];
    let start = 0;
    const n = text.length;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? text.charCodeAt(i) : 0x0a;
      // Sentence ends: 。！？；and line breaks (half-width ! ? ; after normalisation).
      const end = c === 0x3002 || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x0a || c === 0xff01 || c === 0xff1f || c === 0xff1b;
      if (!end && i - start < MAX_CHUNK) continue;
      let stop = i;
      if (!end) {
        // An overlong stretch with no sentence end: cut at its last comma or space.
        // Looked for within this stretch only: a search back through the whole text would make a long
        // line without punctuation cost quadratic time.
        for (let j = i - 1; j > start; j--) {
          const cj = text.charCodeAt(j);
          if (cj === 0xff0c || cj === 0x2c || cj === 0x20) {
            stop = j;
            break;
          }
        }
      }
      this.tagChunk(text, start, stop, tokens, out);
      start = stop === i && end ? i + 1 : stop;
      if (stop !== i) i = stop;
    }
    return out;
  }
}

let shared: NameTagger | undefined;

/** The shipped model, loaded once per thread. */
export function defaultTagger(): NameTagger {
  shared ??= new NameTagger(JSON.parse(gunzipSync(readFileSync(MODEL_PATH)).toString("utf8")) as ModelFile);
  return shared;
}

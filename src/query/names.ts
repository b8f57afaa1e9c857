// Names: the one way a typed name reaches an entity, shared by every CLI query and the viewer's search
// (pure, no Node API, so the viewer bundles it). Whatever the reader types — Simplified or Traditional
// characters (劉穎), pinyin with or without tones and spaces (liuying, Liú Yǐng, liu2 ying3), the English
// name in any case or width, an alias or the id — is folded to one form and compared with the same fold
// of every entity's names. A name that fits nothing is answered with near misses: the same sound written
// with other characters (刘英 → 刘颖), one character or letter off, or a name it begins.
import * as OpenCC from "opencc-js/t2cn";
import { pinyin } from "pinyin-pro";

export interface NamedEntity {
  id: string;
  label: string;
  aliases: readonly string[];
  name_en: string;
  type: string;
  mentions: number;
  candidate?: boolean;
}

/** How a name was matched: its label, an alias, the English name, the id, its pinyin, or pinyin initials. */
export type NameKind = "label" | "alias" | "en" | "id" | "pinyin" | "initials";

interface Key {
  text: string;
  kind: NameKind;
  /** What the key was made from (shown as the reason of a match). */
  from: string;
}

interface Entry {
  item: NamedEntity;
  keys: Key[];
}

export interface NameHit {
  id: string;
  label: string;
  name_en: string;
  type: string;
  score: number;
  /** The name or alias that matched, when it is not the label. */
  via?: string;
}

export type Resolution =
  | { kind: "found"; id: string; via: NameKind }
  | { kind: "ambiguous"; ids: string[] }
  | { kind: "none"; suggestions: NameHit[] };

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const KIND_WEIGHT: Record<NameKind, number> = { label: 1, alias: 0.96, en: 0.93, id: 0.92, pinyin: 0.9, initials: 0.7 };

// Traditional → Simplified, one character at a time so that a folded text keeps the offsets of the
// original (the highlighter maps matches back); OpenCC's phrase rules only matter for whole texts.
const t2cn = OpenCC.Converter({ from: "t", to: "cn" });
const simplifiedChar = new Map<string, string>();

/** The text with each Traditional character replaced by its Simplified form; same length, same offsets. */
export function toSimplified(text: string): string {
  let out = "";
  for (const ch of text) {
    if (!CJK.test(ch)) {
      out += ch;
      continue;
    }
    let s = simplifiedChar.get(ch);
    if (s === undefined) {
      const converted = t2cn(ch);
      s = converted.length === ch.length ? converted : ch;
      simplifiedChar.set(ch, s);
    }
    out += s;
  }
  return out;
}

/**
 * The form names are compared in: width folded (NFKC), Simplified characters, lower case, tone marks
 * dropped (ǐ → i, ü → u), no spaces or joining punctuation (·, -, ', parentheses).
 */
export function foldName(text: string): string {
  return toSimplified(text.normalize("NFKC"))
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .replace(/[\s·・•\-_'’.,()（）]/g, "");
}

/** Pinyin with tone numbers (liu2 ying3) read as plain pinyin; anything else unchanged. */
function withoutToneNumbers(folded: string): string {
  return /^[a-z]+[1-5]([a-z]+[1-5]?)*$/.test(folded) ? folded.replace(/[1-5]/g, "") : folded;
}

function pinyinOf(text: string): { full: string; initials: string } | undefined {
  if (!CJK.test(text)) return undefined;
  const simplified = toSimplified(text);
  const full = pinyin(simplified, { toneType: "none", type: "array", nonZh: "consecutive", v: false }).join("");
  const initials = pinyin(simplified, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" }).join("");
  return { full: foldName(full), initials: foldName(initials) };
}

function indexEntry(item: NamedEntity): Entry {
  const keys: Key[] = [];
  const add = (text: string, kind: NameKind, from: string) => {
    const norm = foldName(text);
    if (norm && !keys.some((k) => k.text === norm && KIND_WEIGHT[k.kind] >= KIND_WEIGHT[kind])) keys.push({ text: norm, kind, from });
  };
  add(item.label, "label", item.label);
  for (const alias of item.aliases) add(alias, "alias", alias);
  if (item.name_en) add(item.name_en, "en", item.name_en);
  add(item.id, "id", item.id);
  for (const name of [item.label, ...item.aliases]) {
    const py = pinyinOf(name);
    if (!py) continue;
    add(py.full, "pinyin", name);
    if (py.initials.length >= 2) add(py.initials, "initials", name);
  }
  return { item, keys };
}

/**
 * The names of a set of entities, indexed a slice at a time if need be: pinyin for thousands of names
 * takes hundreds of milliseconds, which the viewer spreads over idle time (`indexSome`); every lookup
 * first indexes whatever is left (`complete`).
 */
export class NameIndex {
  private readonly entries: Entry[] = [];
  private readonly items: NamedEntity[];
  private next = 0;

  constructor(items: Iterable<NamedEntity>) {
    this.items = [...items];
  }

  get done(): boolean {
    return this.next >= this.items.length;
  }

  /** Indexes items while `hasTime()` holds (asked every few items); true once everything is indexed. */
  indexSome(hasTime: () => boolean): boolean {
    while (!this.done) {
      const end = Math.min(this.items.length, this.next + 16);
      for (; this.next < end; this.next++) this.entries.push(indexEntry(this.items[this.next]));
      if (!hasTime()) break;
    }
    return this.done;
  }

  complete(): this {
    this.indexSome(() => true);
    return this;
  }

  /** Every indexed entry (after `complete`). */
  all(): readonly Entry[] {
    this.complete();
    return this.entries;
  }
}

function scoreKey(key: Key, q: string, qIsCjk: boolean): number {
  // Pinyin keys answer pinyin, never characters: 刘英 must not silently find 刘颖.
  if (qIsCjk && (key.kind === "pinyin" || key.kind === "initials")) return 0;
  let base = 0;
  if (key.text === q) base = 100;
  else if (key.text.startsWith(q)) base = 80 - Math.min(20, key.text.length - q.length);
  else if (key.kind !== "initials" && (qIsCjk || q.length >= 3) && key.text.includes(q)) base = 50 - Math.min(20, key.text.length - q.length);
  if (key.kind === "initials" && (q.length < 2 || base < 80)) return 0;
  return base * KIND_WEIGHT[key.kind];
}

function hitOf(item: NamedEntity, score: number, via: Key | undefined): NameHit {
  // An id is not a name a reader would recognise as the reason of a match.
  const shown = via && via.kind !== "id" && via.from !== item.label ? via.from : undefined;
  return { id: item.id, label: item.label, name_en: item.name_en, type: item.type, score, via: shown };
}

function byScore(a: NameHit & { mentions: number }, b: NameHit & { mentions: number }): number {
  return b.score - a.score || b.mentions - a.mentions || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Entities whose names match what is typed so far: exact, then prefixes, then parts; best first. */
export function searchNames(index: NameIndex, query: string, limit = 10): NameHit[] {
  const raw = foldName(query);
  if (!raw) return [];
  const queries = [...new Set([raw, withoutToneNumbers(raw)])];
  const qIsCjk = CJK.test(raw);
  const hits: (NameHit & { mentions: number })[] = [];
  for (const { item, keys } of index.all()) {
    let best = 0;
    let via: Key | undefined;
    for (const key of keys)
      for (const q of queries) {
        const s = scoreKey(key, q, qIsCjk);
        if (s > best) {
          best = s;
          via = key;
        }
      }
    if (best > 0) hits.push({ ...hitOf(item, best, via), mentions: item.mentions });
  }
  hits.sort(byScore);
  return hits.slice(0, limit).map(({ mentions: _m, ...hit }) => hit);
}

/** Levenshtein distance over code points, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[y.length];
}

/**
 * Near misses of a name that matched nothing: names that sound the same (for characters), names one
 * character or letter off (two for longer ones), then names that contain or begin with it.
 */
export function suggestNames(index: NameIndex, query: string, limit = 8): NameHit[] {
  const q = withoutToneNumbers(foldName(query));
  if (!q) return [];
  const qIsCjk = CJK.test(q);
  const sound = qIsCjk ? pinyinOf(q)?.full : undefined;
  const length = [...q].length;
  const maxEdits = qIsCjk ? (length <= 2 ? 1 : length <= 6 ? 1 : 2) : length <= 4 ? 1 : length <= 9 ? 2 : 3;
  const scored: (NameHit & { mentions: number })[] = [];
  for (const { item, keys } of index.all()) {
    let best = 0;
    let via: Key | undefined;
    for (const key of keys) {
      if (key.kind === "initials") continue;
      const isPinyin = key.kind === "pinyin";
      let s = 0;
      if (sound && isPinyin && key.text === sound) s = 90;
      else if (!isPinyin || !qIsCjk) {
        // Characters against characters, letters against letters (pinyin and English names alike).
        if (CJK.test(key.text) !== qIsCjk) continue;
        const d = editDistance(q, key.text, maxEdits);
        if (d <= maxEdits && (length >= 2 || d === 0)) s = 80 - 10 * d;
        else if (length >= 2 && key.text.includes(q)) s = 40;
        else if (!qIsCjk && length >= 3 && q.startsWith(key.text) && key.text.length >= 3) s = 30;
      }
      s *= KIND_WEIGHT[key.kind];
      if (s > best) {
        best = s;
        via = key;
      }
    }
    if (best > 0) scored.push({ ...hitOf(item, best, via), mentions: item.mentions });
  }
  scored.sort(byScore);
  return scored.slice(0, limit).map(({ mentions: _m, ...hit }) => hit);
}

/**
 * One entity for a name, or the reason there is none. Order: the id as typed; then the folded name
 * against labels (a canonical name outranks someone else's alias), then aliases, English names and
 * ids, then (for Latin letters only) pinyin. Several entities at the first level that matches are
 * ambiguous, unless exactly one of them is a dictionary entity (a candidate of the same name is the guess).
 */
export function resolveName(index: NameIndex, query: string): Resolution {
  const raw = query.trim();
  const entries = index.all();
  const byId = entries.find((e) => e.item.id === raw);
  if (byId) return { kind: "found", id: byId.item.id, via: "id" };
  const q = foldName(raw);
  if (!q) return { kind: "none", suggestions: [] };
  const qIsCjk = CJK.test(q);
  const levels: NameKind[][] = [["label"], ["alias", "en", "id"], ...(qIsCjk ? [] : [["pinyin"] as NameKind[]])];
  const queries = qIsCjk ? [q] : [...new Set([q, withoutToneNumbers(q)])];
  for (const kinds of levels) {
    const found = entries.filter((e) => e.keys.some((k) => kinds.includes(k.kind) && queries.includes(k.text)));
    if (!found.length) continue;
    if (found.length === 1) return { kind: "found", id: found[0].item.id, via: kinds[0] };
    const curated = found.filter((e) => !e.item.candidate);
    if (curated.length === 1) return { kind: "found", id: curated[0].item.id, via: kinds[0] };
    return { kind: "ambiguous", ids: found.map((e) => e.item.id).sort() };
  }
  return { kind: "none", suggestions: suggestNames(index, raw) };
}

/**
 * Where the names stand in a text, as [start, end) offsets into it, longest name first and never
 * overlapping. Text and names are compared in Simplified characters (王堅 in a Traditional passage is
 * 王坚), Latin letters in any case; names of one character are skipped (a surname alone marks half a
 * passage). Each range says which list (0, 1, …) its name came from.
 */
export function findNames(text: string, ...lists: readonly (readonly string[])[]): { start: number; end: number; list: number }[] {
  const terms: { term: string; list: number }[] = [];
  const seen = new Set<string>();
  lists.forEach((names, list) => {
    for (const name of names) {
      const term = toSimplified(name.trim()).toLowerCase();
      if ([...term].length < 2 || seen.has(term)) continue;
      seen.add(term);
      terms.push({ term, list });
    }
  });
  terms.sort((x, y) => y.term.length - x.term.length);
  const folded = toSimplified(text).toLowerCase();
  // Lower-casing may change the length of some scripts; then match case-sensitively instead.
  const haystack = folded.length === text.length ? folded : toSimplified(text);
  const taken = new Uint8Array(text.length);
  const out: { start: number; end: number; list: number }[] = [];
  for (const { term, list } of terms) {
    for (let at = haystack.indexOf(term); at >= 0; at = haystack.indexOf(term, at + 1)) {
      const end = at + term.length;
      if (taken.subarray(at, end).some((x) => x)) continue;
      taken.fill(1, at, end);
      out.push({ start: at, end, list });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

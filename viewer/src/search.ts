// Search over every way a reader may type an entity: the Chinese label, aliases, the English name, and
// the pinyin of label and aliases (full, "liuying", and initials, "ly"). Keys are normalised once; a
// query is a linear scan, which on 5,000 entities stays well under a frame.
import { pinyin } from "pinyin-pro";

export interface Searchable {
  id: string;
  label: string;
  aliases: readonly string[];
  name_en: string;
  type: string;
  mentions: number;
}

type KeyKind = "label" | "alias" | "en" | "pinyin" | "initials";

interface Key {
  text: string;
  kind: KeyKind;
  /** What the key was made from (shown as the reason of a match). */
  from: string;
}

interface Entry {
  item: Searchable;
  keys: Key[];
}

export interface SearchHit {
  id: string;
  label: string;
  name_en: string;
  type: string;
  score: number;
  /** The name or alias that matched, when it is not the label. */
  via?: string;
}

export interface SearchIndex {
  entries: Entry[];
}

const KIND_WEIGHT: Record<KeyKind, number> = { label: 1, alias: 0.96, en: 0.93, pinyin: 0.9, initials: 0.7 };
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** NFKC (full-width letters, compatibility forms), lower case, no spaces or joining punctuation. */
export function normalise(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s·・•\-_'’.,()（）]/g, "");
}

function pinyinKeys(text: string): { full: string; initials: string } | undefined {
  if (!CJK.test(text)) return undefined;
  const full = pinyin(text, { toneType: "none", type: "array", nonZh: "consecutive", v: true }).join("");
  const initials = pinyin(text, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" }).join("");
  return { full: normalise(full), initials: normalise(initials) };
}

function indexEntry(item: Searchable): Entry {
  const keys: Key[] = [];
  const add = (text: string, kind: KeyKind, from: string) => {
    const norm = normalise(text);
    if (norm && !keys.some((k) => k.text === norm && KIND_WEIGHT[k.kind] >= KIND_WEIGHT[kind])) keys.push({ text: norm, kind, from });
  };
  add(item.label, "label", item.label);
  for (const alias of item.aliases) add(alias, "alias", alias);
  if (item.name_en) add(item.name_en, "en", item.name_en);
  for (const name of [item.label, ...item.aliases]) {
    const py = pinyinKeys(name);
    if (!py) continue;
    add(py.full, "pinyin", name);
    if (py.initials.length >= 2) add(py.initials, "initials", name);
  }
  return { item, keys };
}

export function buildSearchIndex(items: Iterable<Searchable>): SearchIndex {
  const indexer = new SearchIndexer(items);
  return indexer.complete();
}

/**
 * Builds the index a slice at a time: pinyin for thousands of names takes hundreds of milliseconds,
 * which must not hold up a frame or a click. Idle time calls `indexSome`; a query calls `complete`,
 * which indexes whatever is left at once.
 */
export class SearchIndexer {
  private readonly index: SearchIndex = { entries: [] };
  private readonly items: Searchable[];
  private next = 0;

  constructor(items: Iterable<Searchable>) {
    this.items = [...items];
  }

  get done(): boolean {
    return this.next >= this.items.length;
  }

  /** Indexes items while `hasTime()` holds (asked every few items); true once everything is indexed. */
  indexSome(hasTime: () => boolean): boolean {
    while (!this.done) {
      const end = Math.min(this.items.length, this.next + 16);
      for (; this.next < end; this.next++) this.index.entries.push(indexEntry(this.items[this.next]));
      if (!hasTime()) break;
    }
    return this.done;
  }

  complete(): SearchIndex {
    this.indexSome(() => true);
    return this.index;
  }
}

function scoreKey(key: Key, q: string, qIsCjk: boolean): number {
  let base = 0;
  if (key.text === q) base = 100;
  else if (key.text.startsWith(q)) base = 80 - Math.min(20, key.text.length - q.length);
  else if (key.kind !== "initials" && (qIsCjk || q.length >= 3) && key.text.includes(q)) base = 50 - Math.min(20, key.text.length - q.length);
  if (key.kind === "initials" && (q.length < 2 || base < 80)) return 0;
  return base * KIND_WEIGHT[key.kind];
}

export function search(index: SearchIndex, query: string, limit = 10): SearchHit[] {
  const q = normalise(query);
  if (!q) return [];
  const qIsCjk = CJK.test(q);
  const hits: (SearchHit & { mentions: number })[] = [];
  for (const { item, keys } of index.entries) {
    let best = 0;
    let via: Key | undefined;
    for (const key of keys) {
      const s = scoreKey(key, q, qIsCjk);
      if (s > best) {
        best = s;
        via = key;
      }
    }
    if (best > 0)
      hits.push({
        id: item.id,
        label: item.label,
        name_en: item.name_en,
        type: item.type,
        score: best,
        via: via && via.from !== item.label ? via.from : undefined,
        mentions: item.mentions,
      });
  }
  hits.sort((a, b) => b.score - a.score || b.mentions - a.mentions || a.label.localeCompare(b.label));
  return hits.slice(0, limit).map(({ mentions: _m, ...hit }) => hit);
}

// Recognised names meet the dictionary's links. The dictionary wins: a recognised name that overlaps a
// linked mention is dropped, and one the dictionary knows by a label or alias (but did not link there)
// is linked to that entry. One exception: a place linked inside a longer recognised organisation or
// place name (杭州 in 杭州市科技局) is part of that name, not a mention of its own.
import type { CleanDocument, DictionaryEntry, EntityType, Mention, Token } from "../types.ts";
import { normOffsetOf } from "../clean/normalize.ts";
import type { RecognisedName } from "./index.ts";
import { isCountyShortForm } from "../link/context.ts";

/** A candidate mention made by the recogniser; the fields past Mention's feed candidates.jsonl. */
export interface RecognisedMention extends Mention {
  candidate: true;
  confidence: number;
  /** What proposed it (model:PER, latin+cue…). */
  evidenceKind: string;
  /** The sentence it stands in (trimmed), kept as evidence for the candidate. */
  context: string;
}

/** The tagger's confidence above which a person wins over a place's short form inside its name. */
const PERSON_OVER_PLACE = 0.9;
/** The level words that end a division's full name (a short form has none). */
const LEVEL_END = /[省市县区州旗盟镇乡]$/;

/** Words that follow a company's name, never a person's (李锦记集团, 国科天成科技…). */
const ORG_WORD_AFTER = /^(集团|公司|股份|控股|实业|银行|证券|基金|保险|药业|有限)/;
/**
 * The same after a "person" (read more widely, within a few characters): a company's trade (金澳科技,
 * 华慧新|能源, 可赛化工), or the place in brackets that a company's name holds before its kind
 * (杜拉维特(中国)洁具有限公司, 美利肯(上海)有限公司). None of People's Daily's 884 gold persons (dev,
 * held out) is followed by either.
 */
// Also a maker or a brand's owner named after it, in or out of quotes («曼秀雷敦»製造商), and the cable
// and power trades of local firms (沃尔德电缆, 佳能热电).
const COMPANY_TAIL_AFTER = /^[」』”"]?([(（][\u4e00-\u9fff]{2,4}[)）][\u4e00-\u9fff]{0,6}(有限|公司|集团)|科技|能源|新能源|电子|机械|化工|纺织|食品|建材|鞋业|纸业|米业|电缆|热电|制造商|厂商)/;
/**
 * Words that follow the name of a trade or a place, never a person's: 产业 (林竹产业, 康养产业, 杜集产业
 * 定位) and 地区 (成渝地区). A person is followed by a verb, a title or punctuation; "the X industry" or
 * "the X region" makes X a trade or a place whatever the tagger thought of its characters.
 */
const TRADE_OR_REGION_AFTER = /^(产业|地区)/;

/**
 * A listing code in brackets after a name (華亞科(3474), 阿里巴巴(09988-HK), 某公司(002408.SZ)): financial
 * news writes a listed company's short name so, never a person's. A "person" written so anywhere in the
 * article is that company there and everywhere else in it (華亞科總經理高啟全). None of People's
 * Daily's sentences (dev) has such a code; its brackets of digits are years (（1919年）).
 */
const LISTING_CODE_AFTER = /^\s*[(（]\s*[0-9０-９]{4,6}(?:\s*[.．\-－]\s*[A-Za-z]{1,4})?\s*[)）]/;

/** Longest evidence sentence kept with a candidate mention. */
const CONTEXT_MAX = 160;

/** Types the dictionary may give a name the tagger typed PER, LOC or ORG. */
const COMPATIBLE: Record<RecognisedName["ner"], readonly EntityType[]> = {
  PER: ["person"],
  LOC: ["place"],
  ORG: ["company", "lab", "government", "place", "event", "programme"],
};

export interface Reconciled {
  /** The linked mentions, less places that stand inside a recognised name. */
  linked: Mention[];
  /** Recognised names linked to the dictionary entry they name (not candidates). */
  relinked: Mention[];
  /** Recognised names the dictionary does not know: candidate mentions. */
  candidates: RecognisedMention[];
}

function sentenceIndex(doc: CleanDocument, start: number): number {
  // Sentences are in order: binary search for the one holding `start`.
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.sentences[mid].start <= start) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** Part-of-speech tags of words that can be names (nodejieba's): a person name that is exactly another word is not one. */
const NAME_TAGS = /^(nr|nrt|nrfg|ns|nt|nz|x|eng|j)$/;

/** The token exactly at [start, end) (tokens in text order), if any. */
function tokenAt(tokens: Token[], start: number, end: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < start) lo = mid + 1;
    else if (tokens[mid].start > start) hi = mid - 1;
    else return tokens[mid].end === end ? tokens[mid] : undefined;
  }
  return undefined;
}

/** Whether some token starts (or ends) at `pos`. */
function tokenBoundary(tokens: Token[], pos: number, side: "start" | "end"): boolean {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = side === "start" ? tokens[mid].start : tokens[mid].end;
    if (v < pos) lo = mid + 1;
    else if (v > pos) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * `tokens` (nodejieba's, of doc.normText) turn away a recognised person that nodejieba holds as a
 * common word of its own (施策, 管好: verbs of government prose).
 */
export function reconcileRecognised(
  doc: CleanDocument,
  linked: Mention[],
  names: RecognisedName[],
  nameIndex: Map<string, DictionaryEntry>,
  tokens: Token[] = [],
  relinkable: ReadonlySet<string> = new Set(nameIndex.keys()),
): Reconciled {
  const toNorm = (clean: number) => normOffsetOf(doc.normToClean, clean);
  // Linked spans by start, and the longest: the spans a name overlaps are found by binary search, so a
  // long document with many names and links stays linear.
  const spans = linked.map((m) => ({ m, start: toNorm(m.start), end: toNorm(m.end) })).sort((a, b) => a.start - b.start);
  let longest = 0;
  for (const s of spans) longest = Math.max(longest, s.end - s.start);
  const overlapping = (start: number, end: number) => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start < start - longest) lo = mid + 1;
      else hi = mid;
    }
    const found: typeof spans = [];
    for (let i = lo; i < spans.length && spans[i].start < end; i++) if (spans[i].end > start) found.push(spans[i]);
    return found;
  };
  const dropped = new Set<Mention>();
  const relinked: Mention[] = [];
  const candidates: RecognisedMention[] = [];
  // The organisations the document names: a "person" that opens one of them is its short name
  // (国科天成 of 国科天成科技股份有限公司, 李锦记 of 李锦记集团). So is one that opens a place the
  // tagger found, even one too short to propose (高英 of 高英村 and 高英文化广场: villages are often
  // named like people).
  const orgNames = [...names.filter((n) => n.ner === "ORG" || n.ner === "LOC").map((n) => n.label), ...linked.filter((m) => m.type === "company" || m.type === "lab").map((m) => m.label)];
  const opensAnOrg = (n: RecognisedName) => ORG_WORD_AFTER.test(doc.normText.slice(n.end, n.end + 2)) || COMPANY_TAIL_AFTER.test(doc.normText.slice(n.end, n.end + 16)) || orgNames.some((o) => o.length > n.label.length && o.startsWith(n.label));
  const listed = new Set(names.filter((n) => n.ner === "PER" && LISTING_CODE_AFTER.test(doc.normText.slice(n.end, n.end + 16))).map((n) => n.label));
  for (const n of names) {
    if (n.ner === "PER" && n.evidence === "model" && !nameIndex.has(n.label) && !listed.has(n.label)) {
      const token = tokenAt(tokens, n.start, n.end);
      if (token && !NAME_TAGS.test(token.tag)) continue;
      if (opensAnOrg(n)) continue;
      if (TRADE_OR_REGION_AFTER.test(doc.normText.slice(n.end, n.end + 2))) continue;
    }
    // A name too unspecific to be an entity of its own (中, 省市纪委, an unlisted phrase) may only link.
    if (n.unspecific && !nameIndex.has(n.label)) continue;
    const inside = overlapping(n.start, n.end);
    if (inside.length) {
      // Places strictly inside a longer organisation or place name belong to it; anything else linked
      // there (a person, a company, a place that reaches past the name) wins over the recogniser.
      const absorbed = n.ner !== "PER" && inside.every((s) => s.m.type === "place" && s.start >= n.start && s.end <= n.end && s.end - s.start < n.end - n.start);
      // A county's short form inside a confident person's given name (吴永嘉 is no mention of 永嘉县,
      // 马平昌 none of 平昌县): the person wins. Only short forms (no level word) after the surname.
      const givenNamePlace = n.ner === "PER" && n.confidence >= PERSON_OVER_PLACE && inside.every((s) => s.m.type === "place" && s.start > n.start && s.end <= n.end && !LEVEL_END.test(s.m.surface));
      if ((!absorbed && !givenNamePlace) || nameIndex.has(n.label)) continue;
      for (const s of inside) dropped.add(s.m);
    }
    const start = doc.normToClean[n.start];
    const end = doc.normToClean[n.end - 1] + 1;
    const sentence = sentenceIndex(doc, start);
    const base = { doc: doc.id, label: n.label, surface: doc.text.slice(start, end), start, end, sentence };
    const under =
      n.ner === "ORG" && !nameIndex.has(n.label) ? bodyUnderPlace(n.label, nameIndex, relinkable) : n.ner === "LOC" && !nameIndex.has(n.label) ? placeWithLevel(n.label, nameIndex, relinkable) : undefined;
    const entry = under ?? nameIndex.get(n.label);
    // Linked to the entry only where nodejieba's words also start and end there: the linker left 王坚
    // unlinked in 王坚持续推进 for that reason, and the tagger must not bring it back.
    // A person the linker saw and left unlinked was left so on purpose (its context rules): not relinked.
    // A body under its place needs the start only: nodejieba cuts 甘肃省庆阳市|委副|书记 once the
    // dictionary's names are its words.
    if (entry && (under || relinkable.has(n.label)) && n.ner !== "PER" && COMPATIBLE[n.ner].includes(entry.type) && (tokens.length === 0 || (tokenBoundary(tokens, n.start, "start") && (under || tokenBoundary(tokens, n.end, "end"))))) {
      relinked.push({ ...base, entity: entry.id, label: entry.label, type: entry.type });
      continue;
    }
    if (entry) continue;
    const s = doc.sentences[sentence];
    let context = s ? doc.text.slice(s.start, s.end).trim() : "";
    if (context.length > CONTEXT_MAX) {
      // Around the name: the evidence must show it.
      const from = Math.max(s.start, Math.min(start - CONTEXT_MAX / 2, s.end - CONTEXT_MAX));
      context = doc.text.slice(from, from + CONTEXT_MAX).trim();
    }
    candidates.push({
      ...base,
      entity: `cand:${n.label}`,
      type: n.ner === "PER" && listed.has(n.label) ? "company" : n.type,
      candidate: true,
      confidence: Math.round(n.confidence * 1000) / 1000,
      evidenceKind: n.ner === "PER" && listed.has(n.label) ? "model:PER+listing code" : n.evidence === "model" ? `model:${n.ner}` : n.evidence,
      context,
    });
  }
  return { linked: dropped.size ? linked.filter((m) => !dropped.has(m)) : linked, relinked, candidates };
}

/**
 * A body the dictionary knows, written after the name of a place above it (甘肃省庆阳市委, 湖北省宜昌市委,
 * 安徽宣城市委: news names the province first), is that body: the entry of what follows the place, when
 * the place is one the dictionary knows and what follows is a body's own name that one entry claims
 * (four characters at least and not a bare 市委, which names no one body).
 */
function bodyUnderPlace(label: string, nameIndex: Map<string, DictionaryEntry>, relinkable: ReadonlySet<string>): DictionaryEntry | undefined {
  for (let k = 2; k <= Math.min(6, label.length - 4); k++) {
    if (nameIndex.get(label.slice(0, k))?.type !== "place") continue;
    const rest = label.slice(k);
    const e = nameIndex.get(rest);
    if (e?.type === "government" && relinkable.has(rest) && !LEVEL_START.test(rest)) return e;
  }
  return undefined;
}

/**
 * A division the dictionary knows only by its full name (大同市: its short form 大同 is also a common
 * word, 大同小异, so no alias), named by the short form where the tagger reads a place (支持大同发展):
 * the place with its level word is the division, when one entry claims that name.
 */
function placeWithLevel(label: string, nameIndex: Map<string, DictionaryEntry>, relinkable: ReadonlySet<string>): DictionaryEntry | undefined {
  if (label.length < 2 || LEVEL_END.test(label)) return undefined;
  for (const level of ["市", "县", "区", "省"]) {
    const e = nameIndex.get(label + level);
    if (e?.type === "place" && relinkable.has(label + level)) return e;
  }
  return undefined;
}

/** A bare body's level character at the start (市委, 区政府): no one body's own name. */
const LEVEL_START = /^[省市县区州旗盟镇乡]/;

/**
 * The names a recognised span may be linked by on its own: those exactly one entry claims, with no
 * context rule on them. A shared name (朝阳, 鼓楼区) or a ruled alias is the linker's to decide, with
 * the document's context; the recogniser must not link it around those rules.
 */
export function relinkableNames(entries: readonly DictionaryEntry[]): Set<string> {
  const claims = new Map<string, number>();
  const ruled = new Set<string>();
  for (const e of entries) {
    for (const name of new Set([e.label, ...e.aliases])) claims.set(name, (claims.get(name) ?? 0) + 1);
    for (const r of e.rules ?? []) ruled.add(r.alias);
    // A county's short form waits for the document's places, as the linker does (see isCountyShortForm).
    for (const a of e.aliases) if (isCountyShortForm(a, e)) ruled.add(a);
  }
  return new Set([...claims].filter(([name, n]) => n === 1 && !ruled.has(name)).map(([name]) => name));
}

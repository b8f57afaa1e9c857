// Dictionary linking: every alias of every entry is put in a character trie; a match must agree with
// nodejieba's segmentation (so 王坚 is not found inside 王坚持续) and with the entry's context rules;
// among overlapping matches the longest wins. Matching runs on the normalised (Simplified, NFKC) text
// and reports offsets into the cleaned text.
import type { CleanDocument, ContextRule, Dictionary, DictionaryEntry, Mention, Token } from "../types.ts";
import { addUserWords, segmentTokens, tokenBoundaries } from "../segment/tokens.ts";
import { aliasKey, surfaceForms } from "./dictionary.ts";
import { FlatTrie, HAS_VALUE, MAY_IGNORE_SEGMENTATION } from "./trie.ts";
import { BARE_BODIES, buildPlaceIndex, datelineEnd, isCountyShortForm, isLevelAlias, PlaceContext, type BareBody, type PlaceIndex } from "./context.ts";

/** Maps a string the way the cleaning stage maps article text for matching. */
export type Normalizer = (text: string) => string;

interface AliasTarget {
  entry: DictionaryEntry;
  /** The rules of this entry that are about this alias. */
  rules: ContextRule[];
  /** ASCII letters or digits at an edge: then the neighbours must not be ASCII letters or digits. */
  asciiStart: boolean;
  asciiEnd: boolean;
  /** The alias is shared and resolved by the document's place ("fallback": also when it says nothing). */
  byContext?: true | "fallback";
  /** The alias starts with a level character (区纪委) and the entry belongs to a division: it links only
   * in a document about that division. */
  levelAlias?: boolean;
  /** A county's short form (双城): decided with the shared names already resolved (吉林珲春). */
  countyShortForm?: boolean;
}

/** What an alias ending at a trie node links to. */
interface NodeValue {
  targets?: AliasTarget[];
  /** A bare body (市委, 区政府): resolved by the document's place, whatever entries claim it. */
  bare?: BareBody;
}

export interface Matcher {
  /** Every alias variant, keyed by code unit (see trie.ts). */
  trie: FlatTrie<NodeValue>;
  normalize: Normalizer;
  aliasCount: number;
  places: PlaceIndex;
}

const ASCII_WORD = /[A-Za-z0-9]/;

/** nodejieba part-of-speech tags for user words, by entity type. */
const USER_WORD_TAG: Record<string, string> = {
  company: "nt",
  lab: "nt",
  government: "nt",
  programme: "nz",
  place: "ns",
  event: "nz",
};

function foldCase(text: string): string {
  // Only ASCII folds: toLowerCase on CJK is the identity, and a 1:1 fold keeps offsets aligned.
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Builds the matcher of a dictionary and registers its non-person aliases as nodejieba user words. */
export function buildMatcher(dictionary: Dictionary, normalize: Normalizer): Matcher {
  let aliasCount = 0;
  const userWords: { word: string; tag: string }[] = [];
  const places = buildPlaceIndex(dictionary);
  const byAlias = new Map<string, NodeValue>();
  const valueOf = (v: string): NodeValue => {
    let value = byAlias.get(v);
    if (!value) byAlias.set(v, (value = {}));
    return value;
  };
  for (const [form, bare] of BARE_BODIES) {
    valueOf(form).bare = bare;
    userWords.push({ word: form, tag: "nt" });
  }
  const ignoring: string[] = [];
  for (const entry of dictionary.entries) {
    for (const form of surfaceForms(entry)) {
      const variants = new Set<string>();
      const base = foldCase(normalize(form.normalize("NFKC")));
      variants.add(base);
      // Quotes around a programme name (“296X”) are written or left out at will: match the bare form.
      const unquoted = base.replace(/[“”"‘’「」]/g, "");
      if (unquoted.length >= 2) variants.add(unquoted);
      // "淘宝 Vision" is also written "淘宝Vision".
      if (/\s/.test(unquoted)) variants.add(unquoted.replace(/\s+/g, ""));
      const key = aliasKey(form);
      const rules = (entry.rules ?? []).filter((r) => aliasKey(r.alias) === key);
      for (const v of variants) {
        if ([...v].length < 2) continue;
        // The text is walked by code unit, and its characters outside the BMP never matched an alias's
        // (the trie was keyed by code point): such an alias stays out of the trie, as good as before.
        if (!/[\ud800-\udfff]/.test(v)) {
          const value = valueOf(v);
          value.targets ??= [];
          if (!value.targets.some((t) => t.entry === entry)) {
            const byContext = rules.find((r) => r.byContext)?.byContext;
            const target: AliasTarget = { entry, rules, asciiStart: ASCII_WORD.test(v[0]), asciiEnd: ASCII_WORD.test(v[v.length - 1]) };
            if (byContext) target.byContext = byContext;
            else if (isCountyShortForm(v, entry)) {
              target.byContext = true;
              target.countyShortForm = true;
            }
            if (isLevelAlias(v, entry, places)) target.levelAlias = true;
            value.targets.push(target);
            aliasCount++;
            if (ignoresSegmentation(target)) ignoring.push(v);
          }
        }
        // People are left to nodejieba's own model: a name made a user word would win over the words
        // around it (王坚 + 持续 instead of 王 + 坚持), hiding exactly the cases the agreement test catches.
        if (entry.type !== "person" && !/[\s“”"]/.test(v) && /[\u4e00-\u9fff]/.test(v)) {
          userWords.push({ word: v, tag: USER_WORD_TAG[entry.type] ?? "nz" });
        }
      }
    }
  }
  const trie = new FlatTrie(byAlias);
  for (const v of ignoring) trie.markPath(v, MAY_IGNORE_SEGMENTATION);
  addUserWords(userWords);
  return { trie, normalize, aliasCount, places };
}

/** Can this target match where nodejieba's tokens do not start or end (chooseTarget's test)? */
function ignoresSegmentation(t: AliasTarget): boolean {
  return t.rules.some((r) => r.ignoreSegmentation) || (t.asciiStart && t.asciiEnd);
}

interface RawMatch {
  start: number;
  end: number;
  targets: AliasTarget[];
  bare?: BareBody;
}

/** A code unit of the text as the trie is keyed: ASCII capitals folded (see foldCase). */
function foldedCodeAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Every alias occurrence in the text, at every start (a trie walk per position: linear in text length).
 * With `bounds` (tokenBoundaries), only the occurrences that can pass chooseTarget: a walk starts
 * inside a token only for an alias that may ignore the segmentation.
 */
export function findAliasOccurrences(matcher: Matcher, text: string, bounds?: Uint8Array): RawMatch[] {
  const found: RawMatch[] = [];
  const { trie } = matcher;
  const { rootByCode, values, keyAt, flags, first, codes } = trie;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let node = rootByCode[foldedCodeAt(text, i)];
    if (node === 0) continue;
    let f = flags[node];
    if (bounds && bounds[i] !== 1 && (f & MAY_IGNORE_SEGMENTATION) === 0) continue;
    if (f & HAS_VALUE) {
      const targets = values[keyAt[node]].targets;
      if (targets) found.push({ start: i, end: i + 1, targets });
    }
    for (let j = i + 1; j < n; j++) {
      // trie.child, written out: this loop is most of the linker's time.
      const code = foldedCodeAt(text, j);
      let a = first[node];
      const b = first[node + 1];
      if (b - a > 8) node = trie.child(node, code);
      else {
        while (a < b && codes[a] !== code) a++;
        node = a < b ? a : 0;
      }
      if (node === 0) break;
      f = flags[node];
      if ((f & HAS_VALUE) === 0) continue;
      // An end inside a token can pass only for an alias that may ignore the segmentation: the others
      // are not collected (with 85,000 aliases, 杭州 inside 杭州市… is found at every step).
      if (bounds && bounds[j + 1] !== 1 && (f & MAY_IGNORE_SEGMENTATION) === 0) continue;
      const value = values[keyAt[node]];
      found.push({ start: i, end: j + 1, targets: value.targets ?? [], bare: value.bare });
    }
  }
  return found;
}

/** The entries an exact span of the text is an alias of, if any. */
function aliasTargetsAt(matcher: Matcher, text: string, start: number, end: number): AliasTarget[] | undefined {
  let node = 0;
  for (let i = start; i < end; i++) if ((node = matcher.trie.child(node, foldedCodeAt(text, i))) === 0) return undefined;
  return matcher.trie.valueAt(node)?.targets;
}

function ruleAllows(rule: ContextRule, text: string, start: number, end: number): boolean {
  if (rule.notBefore?.some((s) => text.startsWith(s, end))) return false;
  if (rule.notAfter?.some((s) => s.length <= start && text.slice(start - s.length, start) === s)) return false;
  if (rule.requireInDocument?.length && !rule.requireInDocument.some((s) => text.includes(s))) return false;
  return true;
}

function asciiEdgesAllow(target: AliasTarget, text: string, start: number, end: number): boolean {
  if (target.asciiStart && start > 0 && ASCII_WORD.test(text[start - 1])) return false;
  if (target.asciiEnd && end < text.length && ASCII_WORD.test(text[end])) return false;
  return true;
}

/**
 * Chooses the entry an occurrence links to, or none: rules filter the claimants; a claimant whose
 * `requireInDocument` rule holds is more specific than one without rules.
 */
function allowedTargets(targets: AliasTarget[], text: string, start: number, end: number, isBoundary: (offset: number) => boolean): AliasTarget[] {
  return targets.filter((t) => {
    if (!asciiEdgesAllow(t, text, start, end)) return false;
    if (!t.rules.every((r) => ruleAllows(r, text, start, end))) return false;
    if (!ignoresSegmentation(t) && !(isBoundary(start) && isBoundary(end))) return false;
    return true;
  });
}

function chooseTarget(targets: AliasTarget[], text: string, start: number, end: number, isBoundary: (offset: number) => boolean): AliasTarget | undefined {
  return chooseAmong(allowedTargets(targets, text, start, end, isBoundary));
}

function chooseAmong(allowed: AliasTarget[]): AliasTarget | undefined {
  if (allowed.length <= 1) return allowed[0];
  const specific = allowed.filter((t) => t.rules.some((r) => r.requireInDocument?.length));
  return (specific.length ? specific : allowed)[0];
}

/** Longest wins: matches by decreasing length, skipping any that overlap one already taken. */
function longestFirst<M extends { start: number; end: number }>(matches: M[], length: number): M[] {
  // Bucketed by length (aliases are short), each bucket by start: the order of a comparison sort by
  // (length descending, start) without its cost, which with the full dictionary's many overlapping
  // matches was a quarter of the linker's time.
  const buckets: M[][] = [];
  for (const m of matches) (buckets[m.end - m.start] ??= []).push(m);
  const sorted: M[] = [];
  for (let len = buckets.length - 1; len > 0; len--) {
    const bucket = buckets[len];
    if (!bucket) continue;
    let ordered = true;
    for (let k = 1; k < bucket.length && ordered; k++) ordered = bucket[k - 1].start <= bucket[k].start;
    if (!ordered) bucket.sort((a, b) => a.start - b.start); // stable: equal starts keep their order
    for (const m of bucket) sorted.push(m);
  }
  const taken = new Uint8Array(length);
  const chosen: M[] = [];
  for (const m of sorted) {
    let free = true;
    for (let i = m.start; i < m.end; i++) if (taken[i]) { free = false; break; }
    if (!free) continue;
    taken.fill(1, m.start, m.end);
    chosen.push(m);
  }
  return chosen;
}

function sentenceIndexAt(doc: CleanDocument, offset: number): number {
  const sentences = doc.sentences;
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end <= offset) lo = mid + 1;
    else if (sentences[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  return Math.max(0, Math.min(lo, sentences.length - 1));
}

/**
 * Links the dictionary's entities in a cleaned document. `tokens` are nodejieba's tokens of
 * `doc.normText` (computed here when not given).
 */
export function linkMentions(doc: CleanDocument, matcher: Matcher, tokens?: Token[]): Mention[] {
  const text = doc.normText;
  const bounds = tokenBoundaries(tokens ?? segmentTokens(text), text.length);
  const isBoundary = (offset: number) => bounds[offset] === 1;
  const accepted: { start: number; end: number; entry: DictionaryEntry }[] = [];
  // What only the document's place decides: bare bodies, shared names, level aliases (see context.ts).
  const pending: { start: number; end: number; bare?: BareBody; targets: AliasTarget[] }[] = [];
  for (const occ of findAliasOccurrences(matcher, text, bounds)) {
    if (occ.bare) {
      if (isBoundary(occ.start) && isBoundary(occ.end)) pending.push({ start: occ.start, end: occ.end, bare: occ.bare, targets: [] });
      continue;
    }
    const allowed = allowedTargets(occ.targets, text, occ.start, occ.end, isBoundary);
    if (allowed.some((t) => t.byContext || t.levelAlias)) {
      pending.push({ start: occ.start, end: occ.end, targets: allowed });
      continue;
    }
    const target = chooseAmong(allowed);
    if (target) accepted.push({ start: occ.start, end: occ.end, entry: target.entry });
  }
  let chosen = longestFirst(accepted, text.length);
  if (pending.length) {
    // First the shared names (朝阳区人民政府 is Beijing's or Changchun's), from the unambiguous
    // mentions; then, with those resolved added to the evidence, the bare bodies and level aliases.
    const dateline = datelineEnd(text);
    let context = new PlaceContext(matcher.places, chosen, dateline);
    const shared = pending.filter((p) => !p.bare && !p.targets.some((t) => t.levelAlias || t.countyShortForm));
    for (const p of shared) {
      const plain = p.targets.filter((t) => !t.byContext);
      const entry = plain.length ? chooseAmong(plain)?.entry : context.choose(p.targets.map((t) => ({ entry: t.entry, fallback: t.byContext === "fallback" })));
      if (entry) accepted.push({ start: p.start, end: p.end, entry });
    }
    if (shared.length < pending.length) {
      if (shared.length) context = new PlaceContext(matcher.places, longestFirst(accepted, text.length), dateline);
      for (const p of pending) {
        if (shared.includes(p)) continue;
        let entry: DictionaryEntry | undefined;
        if (p.bare) entry = context.bareBody(p.bare);
        else {
          const alias = text.slice(p.start, p.end);
          const plain = p.targets.filter((t) => !t.byContext && (!t.levelAlias || context.allowsLevelAlias(alias, t.entry)));
          entry = plain.length
            ? chooseAmong(plain)?.entry
            : context.choose(p.targets.filter((t) => t.byContext).map((t) => ({ entry: t.entry, fallback: t.byContext === "fallback" })));
        }
        if (entry) accepted.push({ start: p.start, end: p.end, entry });
      }
    }
    chosen = longestFirst(accepted, text.length);
  }
  // A quoted name inside a longer name is a mention of its own: “296X”先进制造业集群培育建设…行动 names
  // the 296X programme as well as the action. Unquoted inner words are not (a branch's name contains
  // its parent company's only as a naming convention).
  const nested: typeof accepted = [];
  for (const m of chosen) {
    const inner = text.slice(m.start, m.end);
    const quote = /[“「"]([^”」"]{2,30})[”」"]/g;
    for (let q = quote.exec(inner); q; q = quote.exec(inner)) {
      const start = m.start + q.index + 1;
      const end = start + q[1].length;
      const targets = aliasTargetsAt(matcher, text, start, end);
      const target = targets && chooseTarget(targets, text, start, end, (offset) => offset === start || offset === end);
      if (target && target.entry !== m.entry) nested.push({ start, end, entry: target.entry });
    }
  }
  chosen.push(...nested);
  chosen.sort((a, b) => a.start - b.start);
  return chosen.map((m) => {
    const start = doc.normToClean[m.start];
    // The last matched character's own position + 1: exact even when normalisation expanded or
    // dropped characters right after the match.
    const end = doc.normToClean[m.end - 1] + 1;
    return {
      doc: doc.id,
      entity: m.entry.id,
      label: m.entry.label,
      type: m.entry.type,
      surface: doc.text.slice(start, end),
      start,
      end,
      sentence: sentenceIndexAt(doc, start),
    };
  });
}

// Discovery: people and organisations the dictionary does not know are proposed, not dropped.
// Evidence, strongest first: a title stands right before the name (roles with no entity id); a word
// ends with an organisation suffix (…科技, …研究院, …局); nodejieba tags a word as a person (nr).
// Proposals become candidate mentions (candidate: true) and rows of candidates.jsonl, ranked by score.
import type { Candidate, CleanDocument, EntityType, Mention, Role, Token } from "../types.ts";
import { isNamedByKindOnly, SURNAMES } from "./titles.ts";
import { normOffsetOf, normalizeString } from "../clean/index.ts";
import { GLUED_PREPOSITIONS } from "../segment/tokens.ts";

/** Organisation suffixes and the type they suggest; longest first so 研究院 wins over 院. */
const ORG_SUFFIXES: readonly [string, EntityType][] = (
  [
    ["有限责任公司", "company"], ["股份有限公司", "company"], ["有限公司", "company"], ["集团", "company"],
    ["公司", "company"], ["科技", "company"], ["银行", "company"], ["基金", "company"], ["资本", "company"],
    ["医疗", "company"], ["机器人", "company"],
    ["实验室", "lab"], ["研究院", "lab"], ["研究所", "lab"], ["大学", "lab"], ["学院", "lab"], ["科学院", "lab"],
    ["管委会", "government"], ["委员会", "government"], ["人民政府", "government"], ["发改局", "government"],
    ["经信局", "government"], ["科技局", "government"], ["商务局", "government"], ["财政局", "government"],
    ["小镇", "place"], ["产业园", "place"], ["科技城", "place"],
    ["论坛", "event"], ["博览会", "event"], ["峰会", "event"],
  ] as [string, EntityType][]
).sort((a, b) => b[0].length - a[0].length);

/** ORG_SUFFIXES by their last character, each list longest first (every token is checked for one). */
const ORG_SUFFIXES_BY_LAST_CHAR = new Map<string, (readonly [string, EntityType])[]>();
/** By code unit: 1 when some suffix ends with it. */
const ENDS_A_SUFFIX = new Uint8Array(65536);
for (const entry of ORG_SUFFIXES) {
  ENDS_A_SUFFIX[entry[0].charCodeAt(entry[0].length - 1)] = 1;
  const last = entry[0][entry[0].length - 1];
  if (!ORG_SUFFIXES_BY_LAST_CHAR.has(last)) ORG_SUFFIXES_BY_LAST_CHAR.set(last, []);
  ORG_SUFFIXES_BY_LAST_CHAR.get(last)!.push(entry);
}

/** The longest organisation suffix `word` ends with. */
function orgSuffixOf(word: string): readonly [string, EntityType] | undefined {
  if (ENDS_A_SUFFIX[word.charCodeAt(word.length - 1)] !== 1) return undefined;
  const candidates = ORG_SUFFIXES_BY_LAST_CHAR.get(word[word.length - 1]);
  return candidates?.find(([s]) => word.endsWith(s));
}

/**
 * Tags of the proper-name part before a suffix: place, organisation, other proper noun, person name,
 * or a word nodejieba does not know (x) — never a common noun or verb, which is what turns
 * 战略布局 or 全区人工智能 into false organisations.
 */
const PROPER_TAGS = /^(ns|nt|nz|nr|nrt|nrfg|x|eng|j)$/;
/** Words that are never a candidate on their own: the suffix alone, generic heads. */
const GENERIC = new Set(["公司", "集团", "科技", "企业", "机构", "银行", "基金", "大学", "学院", "实验室", "研究院", "论坛", "医疗", "机器人", "特色小镇"]);
/** SURNAMES by code unit (every surname is one BMP character): no one-character string per token. */
const IS_SURNAME = new Uint8Array(65536);
for (const s of SURNAMES) IS_SURNAME[s.charCodeAt(0)] = 1;

/** Verbs of speech after a name: nodejieba's nr tag alone is too noisy to trust without one. */
const SPEECH_AFTER = /^(表示|说|介绍|认为|指出|透露|坦言|告诉|称)/;

export interface CandidateHit {
  label: string;
  type: EntityType;
  start: number;
  end: number;
  evidence: string;
}

function overlaps(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i]) return true;
  return false;
}

/**
 * Finds candidate entities in a document (offsets in normalised text, converted to cleaned text by the
 * caller's `doc.normToClean`). Linked mentions are never re-proposed.
 */
export function discoverCandidates(doc: CleanDocument, mentions: Mention[], roles: Role[], tokens: Token[]): Mention[] {
  const text = doc.normText;
  const taken = new Uint8Array(text.length + 1);
  // Linked mentions, in normalised offsets (the maps are monotone: the first norm index at or after).
  const cleanToNorm = (clean: number) => normOffsetOf(doc.normToClean, clean);
  for (const m of mentions) taken.fill(1, cleanToNorm(m.start), Math.max(cleanToNorm(m.start), cleanToNorm(m.end)));

  const hits: CandidateHit[] = [];
  // 1. People a title introduces and the dictionary does not know.
  for (const r of roles) {
    if (r.person) continue;
    const from = cleanToNorm(r.start);
    const to = cleanToNorm(r.end);
    const at = text.slice(from, to).indexOf(r.person_label);
    if (at < 0) continue;
    const start = from + at;
    if (!overlaps(taken, start, start + r.person_label.length)) {
      hits.push({ label: r.person_label, type: "person", start, end: start + r.person_label.length, evidence: "title+name" });
    }
  }
  // 2. Organisations: a run of at most four name tokens ending in an organisation suffix, with at least
  // one proper-name token that is not already linked (杭州 / 云栖智造 / 科技 / 有限公司). A place linked at
  // the start belongs to the name (杭州…公司).
  const placeAt = new Set<number>();
  for (const m of mentions) if (m.type === "place") placeAt.add(cleanToNorm(m.start));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const suffix = orgSuffixOf(t.word);
    if (!suffix) continue;
    let j = i;
    // The word is tested before the tag: a token's tag is looked up when first read.
    while (j > 0 && i - j < 4 && /^[\u4e00-\u9fffA-Za-z0-9]{2,}$/.test(tokens[j - 1].word) && /^(n|ns|nt|nz|nr|nrt|nrfg|x|eng|j)$/.test(tokens[j - 1].tag)) j--;
    const run = tokens.slice(j, i + 1);
    const properFree = run.some((x, k) => (PROPER_TAGS.test(x.tag) || (k === run.length - 1 && x.word.length > suffix[0].length && PROPER_TAGS.test(x.tag))) && !overlaps(taken, x.start, x.end));
    if (!properFree) continue;
    // Drop leading common nouns: a name starts at its first proper token.
    while (j < i && !PROPER_TAGS.test(tokens[j].tag)) j++;
    // nodejieba glues a preposition to a level character into a word it does not know (从省 人民政府,
    // 据市 人民政府: x): the name starts after the preposition.
    const lead = tokens[j];
    const start = lead.start + (lead.tag === "x" && lead.word.length >= 2 && GLUED_PREPOSITIONS.has(lead.word[0]) ? 1 : 0);
    const end = t.end;
    const label = text.slice(start, end);
    if (label.length < 4 || label.length > 24 || GENERIC.has(label) || isNamedByKindOnly(label)) continue;
    // Nor with the level character nodejieba left apart before it (区 | 国投 | 集团): a level's department.
    if (start > 0 && /[省市县区镇乡]/.test(text[start - 1]) && isNamedByKindOnly(text[start - 1] + label)) continue;
    const leadingPlace = placeAt.has(start);
    if (leadingPlace ? overlaps(taken, tokens[j].end, end) : overlaps(taken, start, end)) continue;
    hits.push({ label, type: suffix[1], start, end, evidence: `suffix:${suffix[0]}` });
  }
  // 3. Words nodejieba tags as person names, surname first, followed by a verb of speech.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // The tag last: it is looked up when first read, and few tokens get that far.
    if (t.word.length < 2 || t.word.length > 3 || IS_SURNAME[t.word.charCodeAt(0)] !== 1) continue;
    if (!SPEECH_AFTER.test(text.slice(t.end, t.end + 2))) continue;
    if (t.tag !== "nr") continue;
    if (overlaps(taken, t.start, t.end)) continue;
    hits.push({ label: t.word, type: "person", start: t.start, end: t.end, evidence: "pos:nr+speech" });
  }
  // One candidate mention per span, strongest evidence first, then the longest name.
  const rank = (h: CandidateHit) => (h.evidence === "title+name" ? 0 : h.evidence.startsWith("suffix:") ? 1 : 2);
  hits.sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const out: Mention[] = [];
  const used = new Uint8Array(text.length + 1);
  for (const h of hits) {
    if (overlaps(used, h.start, h.end)) continue;
    used.fill(1, h.start, h.end);
    const start = doc.normToClean[h.start];
    const end = doc.normToClean[h.end - 1] + 1;
    const sentence = Math.max(0, doc.sentences.findIndex((s) => start >= s.start && start < s.end));
    out.push({
      doc: doc.id,
      entity: `cand:${h.label}`,
      label: h.label,
      type: h.type,
      surface: doc.text.slice(start, end),
      start,
      end,
      sentence,
      candidate: true,
      evidenceKind: h.evidence,
      context: doc.sentences[sentence] ? doc.text.slice(doc.sentences[sentence].start, doc.sentences[sentence].end).trim().slice(0, 160) : "",
    } as Mention & { evidenceKind: string; context: string });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Confidence of the rule-based evidence kinds (the recogniser's mentions carry their own): a title right
 * before a name is strong, a suffix fair, a part-of-speech tag before a speech verb weak.
 */
const KIND_CONFIDENCE: Record<string, number> = { "title+name": 0.9, "pos:nr+speech": 0.6 };
const kindConfidence = (kind: string) => KIND_CONFIDENCE[kind] ?? (kind.startsWith("suffix:") ? 0.7 : 0.6);
/** Evidence sentences kept per candidate. */
const MAX_SENTENCES = 3;

/** What the tally reads from a candidate mention (recognised ones carry confidence and context). */
export type CandidateMention = Pick<Mention, "doc" | "label" | "type"> & { evidenceKind?: string; confidence?: number; context?: string };

interface TallyEntry {
  candidate: Candidate;
  docs: Set<string>;
  kinds: Set<string>;
  /** Mentions per type: a name typed differently in places takes its most frequent type. */
  types: Map<string, number>;
}

/**
 * Candidate mentions folded in one at a time (a build streams its articles): per name (Traditional
 * folded to Simplified, so 劉鶴 and 刘鹤 are one candidate) a count, its documents, its kinds of evidence,
 * its best confidence and up to three evidence sentences; memory grows with the candidates, not with the
 * mentions. Ranked by score = confidence × log2(1 + count): a confident name seen often first.
 */
export class CandidateTally {
  private byLabel = new Map<string, TallyEntry>();

  add(m: CandidateMention): void {
    const label = normalizeString(m.label);
    let t = this.byLabel.get(label);
    if (!t) this.byLabel.set(label, (t = { candidate: { label, type: m.type, docs: [], count: 0, evidence: [], score: 0, confidence: 0, sentences: [] }, docs: new Set(), kinds: new Set(), types: new Map() }));
    const c = t.candidate;
    c.count++;
    if (!t.docs.has(m.doc)) {
      t.docs.add(m.doc);
      c.docs.push(m.doc);
    }
    const kind = m.evidenceKind ?? "unknown";
    if (!t.kinds.has(kind)) {
      t.kinds.add(kind);
      c.evidence.push(kind);
    }
    const n = (t.types.get(m.type) ?? 0) + 1;
    t.types.set(m.type, n);
    if (m.type !== c.type && n > (t.types.get(c.type) ?? 0)) c.type = m.type;
    const confidence = m.confidence ?? kindConfidence(kind);
    if (confidence > c.confidence!) c.confidence = confidence;
    const sentences = c.sentences!;
    // Evidence from as many documents as possible: a second sentence of the same document waits.
    if (m.context && sentences.length < MAX_SENTENCES && !sentences.includes(m.context)) sentences.push(m.context);
    c.score = Math.round(c.confidence! * Math.log2(1 + c.count) * 1000) / 1000;
  }

  /** How many candidates it holds (what `guanxi stats` and `guanxi candidates` both count). */
  get size(): number {
    return this.byLabel.size;
  }

  /** The tally as data for v8.serialize (a later build that appends articles goes on from it). */
  snapshot(): unknown {
    return this.byLabel;
  }

  static restore(state: unknown): CandidateTally {
    const t = new CandidateTally();
    t.byLabel = state as CandidateTally["byLabel"];
    return t;
  }

  /** The candidates, best first. */
  ranked(): Candidate[] {
    return [...this.byLabel.values()].map((t) => t.candidate).sort((a, b) => b.score - a.score || b.docs.length - a.docs.length || a.label.localeCompare(b.label));
  }
}

/** Merges candidate mentions of all documents into ranked candidates. */
export function rankCandidates(candidateMentions: CandidateMention[]): Candidate[] {
  const tally = new CandidateTally();
  for (const m of candidateMentions) tally.add(m);
  return tally.ranked();
}

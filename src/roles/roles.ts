// Roles: the titles people hold as the text states them, with the body each belongs to.
// Patterns, each a small function over the normalised text and the linked mentions:
//   chained titles before a name     市委常委、区委书记刘颖 / 中国工程院院士、之江实验室主任王坚
//   a title before a list of names   区领导毛建标、吴远东、…
//   a list of names before 等 + group 朱红丹、梅建胜、王姝、沈尧等区四套班子领导
//   a title after a name             习近平总书记
//   bylines                          (记者 阮伟康 陈书恒) / (记者 陈坚 通讯员 贾丹红)
//   appointments                     聘任王坚院士为中国(杭州)人工智能小镇名誉镇长 / 王坚院士被聘为…名誉镇长
// A bare generic body (区委, 市政府) is resolved from the article's own places: 区委 in a Yuhang
// article is 余杭区委.
import type { CleanDocument, Dictionary, DictionaryEntry, Mention, Role, Token } from "../types.ts";
import { normOffsetOf } from "../clean/index.ts";
import { GLUED_VERBS } from "../segment/tokens.ts";
import { BARE_BODIES, buildPlaceIndex, datelineEnd, PlaceContext, type PlaceIndex } from "../link/context.ts";
import {
  APPOINTMENT_VERBS,
  BYLINE_TITLES,
  DOUBLE_SURNAMES,
  GENERIC_BODY,
  GENERIC_ORG_PREFIXES,
  GROUP_TITLE_ENDINGS,
  HONORIFICS,
  isNamedByKindOnly,
  isGenericCompany,
  isGenericZone,
  POST_NAME_TITLES,
  SURNAMES,
  TITLE_IMPLIES_BODY,
  TITLE_WORDS,
  ZONE_KINDS,
} from "./titles.ts";

/** A zone's body named by its kind alone, at the end of a title's region (集中区党工委, 开发区管委会). */
const ZONE_BODY_END = new RegExp(`[省市县区州]*(?:${ZONE_KINDS.join("|")})(?:管委会|管理委员会|党工委|纪工委|工委|党委)$`);

const TITLES_LONGEST_FIRST = [...TITLE_WORDS].sort((a, b) => b.length - a.length);
/**
 * Title words by their last character, each list in TITLES_LONGEST_FIRST order: the words that can
 * end at a position are those of the character before it (a title is looked for at every position).
 */
const TITLES_BY_LAST_CHAR = new Map<string, string[]>();
/** By code unit: 1 when some title word ends with it (a quick no for nearly every position). */
const ENDS_A_TITLE = new Uint8Array(65536);
for (const w of TITLES_LONGEST_FIRST) {
  const last = w[w.length - 1];
  ENDS_A_TITLE[w.charCodeAt(w.length - 1)] = 1;
  if (!TITLES_BY_LAST_CHAR.has(last)) TITLES_BY_LAST_CHAR.set(last, []);
  TITLES_BY_LAST_CHAR.get(last)!.push(w);
}
const GENERIC_PREFIXES_LONGEST_FIRST = [...GENERIC_ORG_PREFIXES].sort((a, b) => b.prefix.length - a.prefix.length);
const BYLINES_LONGEST_FIRST = [...BYLINE_TITLES].sort((a, b) => b.length - a.length);
/** Characters that end a title phrase going left: clause punctuation, brackets, quotes, spaces. */
const PHRASE_STOP = /[，。、；：！？,.;:!?（）()“”"‘’「」《》\s·•◎|/]/;
const CJK = /[\u3400-\u9fff]/;
const NAME_END = /[、，。；：！？,;:!?（）()\s“”"]|等|出席|主持|讲话|表示|介绍|指出|强调|参加|看来|说|在|和|与|及|是/y;

interface PersonRef {
  start: number;
  end: number;
  label: string;
  entity: string | null;
}

interface OrgRef {
  entity: string | null;
  label: string;
}

interface TitleElement {
  start: number;
  end: number;
  title: string;
  org: OrgRef | null;
  /** The bare body the title named by its level (市委, 市政府 of 副市长) when `org` was resolved from the article. */
  levelBody?: string;
  /** The title says the post was held before (原市长, 前主席). */
  past?: boolean;
}

/** The inputs role extraction needs about one document, prepared once. */
interface RoleContext {
  doc: CleanDocument;
  text: string;
  /** Mentions in normalised-text offsets. */
  mentions: (Mention & { nStart: number; nEnd: number })[];
  mentionAt: Map<number, Mention & { nStart: number; nEnd: number }>;
  mentionEndingAt: Map<number, Mention & { nStart: number; nEnd: number }>;
  /** Indices into `mentions` of the organisation mentions, by where they end. */
  orgMentionsEndingAt: Map<number, number[]>;
  /** The token that starts at an offset (tokens are in text order). */
  tokenAt: (pos: number) => Token | undefined;
  dictionary: Dictionary;
  nameIndex: Map<string, DictionaryEntry>;
  /** The document's places by prominence, for resolving 区委 / 市委 / 省委. */
  placeLabels: string[];
  /** Generic bodies resolved so far in this document, by body and level. */
  resolvedBodies: Map<string, OrgRef>;
}

/** Index of dictionary entries by label and alias (first entry wins), for resolving bodies by name. */
export function buildNameIndex(dictionary: Dictionary): Map<string, DictionaryEntry> {
  const index = new Map<string, DictionaryEntry>();
  for (const e of dictionary.entries) {
    for (const n of [e.label, ...e.aliases]) if (!index.has(n)) index.set(n, e);
  }
  for (const e of dictionary.entries) index.set(e.label, index.get(e.label) ?? e);
  return index;
}

function toNormOffsets(doc: CleanDocument, mentions: Mention[]): RoleContext["mentions"] {
  // Fields copied one by one: an object spread here cost more than the rest of role extraction.
  return mentions.map((m) => ({
    doc: m.doc,
    entity: m.entity,
    label: m.label,
    type: m.type,
    surface: m.surface,
    start: m.start,
    end: m.end,
    sentence: m.sentence,
    candidate: m.candidate,
    nStart: normOffsetOf(doc.normToClean, m.start),
    nEnd: normOffsetOf(doc.normToClean, m.end),
  }));
}

/** resolveGenericBody depends only on the document: each (body, level) is resolved once per document. */
function resolveGenericBody(ctx: RoleContext, body: string, level: string | undefined): OrgRef {
  const key = `${body}|${level ?? ""}`;
  let org = ctx.resolvedBodies.get(key);
  if (!org) {
    org = resolveGenericBodyOnce(ctx, body, level);
    ctx.resolvedBodies.set(key, org);
  }
  return org;
}

/** Government entries claiming a bare body as label or alias, in dictionary order, by dictionary (a loaded dictionary does not change). */
const claimantsByDictionary = new WeakMap<Dictionary, Map<string, DictionaryEntry[]>>();

function governmentClaimants(dictionary: Dictionary, body: string): DictionaryEntry[] {
  let byBody = claimantsByDictionary.get(dictionary);
  if (!byBody) claimantsByDictionary.set(dictionary, (byBody = new Map()));
  let claimants = byBody.get(body);
  if (!claimants) {
    claimants = dictionary.entries.filter((e) => e.type === "government" && (e.label === body || e.aliases.includes(body)));
    byBody.set(body, claimants);
  }
  return claimants;
}

/** The linker's index of divisions and their bodies, by dictionary (a loaded dictionary does not change). */
const placeIndexByDictionary = new WeakMap<Dictionary, PlaceIndex>();

function resolveGenericBodyOnce(ctx: RoleContext, body: string, level: string | undefined): OrgRef {
  // A body every division has (区委, 市政府): the body of the division the article is about, as the
  // linker resolves a bare 市委 (src/link/context.ts), or none when the article does not say which:
  // never Hangzhou's for an article about Chengdu that names Hangzhou once.
  const bare = BARE_BODIES.get(body);
  if (bare) {
    let index = placeIndexByDictionary.get(ctx.dictionary);
    if (!index) placeIndexByDictionary.set(ctx.dictionary, (index = buildPlaceIndex(ctx.dictionary)));
    const evidence = [];
    for (const m of ctx.mentions) {
      const entry = m.candidate ? undefined : ctx.dictionary.byId.get(m.entity);
      if (entry) evidence.push({ entry, start: m.nStart });
    }
    const context = new PlaceContext(index, evidence, datelineEnd(ctx.text));
    const e = context.bareBody(bare);
    if (e) return { entity: e.id, label: e.label };
    // Two divisions of that level as likely: none. No division of that level named (余杭区 only
    // inside an event's name): the dictionary's own rules and the article's places, below.
    if (context.namesLevel(bare.level)) return { entity: null, label: body };
  }
  // First the dictionary's own knowledge: an entry that claims the bare body (区委, 市委) as an alias
  // under a rule that holds in this document (requireInDocument: [余杭]).
  for (const e of governmentClaimants(ctx.dictionary, body)) {
    const rules = (e.rules ?? []).filter((r) => r.alias === body);
    const holds = rules.every(
      (r) =>
        (!r.requireInDocument?.length || r.requireInDocument.some((w) => ctx.text.includes(w))) &&
        !(r.notAfter ?? []).some((w) => ctx.text.includes(w + body)),
    );
    if (holds) return { entity: e.id, label: e.label };
  }
  const suffix = level === "district" ? "区" : level === "city" ? "市" : level === "province" ? "省" : level === "county" ? "县" : "";
  const bodyWithoutLevel = suffix && body.startsWith(suffix) ? body.slice(1) : body;
  for (const place of ctx.placeLabels) {
    // 区委 of 余杭区 is written 余杭区委; 市委 of 杭州 is 杭州市委; a district is never a city.
    const name = suffix && place.endsWith(suffix) ? place + bodyWithoutLevel : place + body;
    const e = ctx.nameIndex.get(name);
    if (e && e.type === "government") return { entity: e.id, label: e.label };
  }
  return { entity: null, label: body };
}

function isOrgMention(m: Mention): boolean {
  return m.type !== "person" && m.type !== "programme";
}

/** Whether a title word stands anywhere in `text` (a short stretch). */
function titleWordIn(text: string): boolean {
  for (let end = text.length; end > 0; end--) if (titleWordEndingAt(text, end)) return true;
  return false;
}

/** The longest title word ending at `end`, or undefined. */
function titleWordEndingAt(text: string, end: number): string | undefined {
  if (end <= 0 || ENDS_A_TITLE[text.charCodeAt(end - 1)] === 0) return undefined;
  const words = TITLES_BY_LAST_CHAR.get(text[end - 1]);
  if (!words) return undefined;
  for (const w of words) if (w.length <= end && text.startsWith(w, end - w.length)) return w;
  return undefined;
}

/**
 * Parses one title phrase that ends at `end` (the phrase is [org][descriptor]TITLE), going left.
 * Returns undefined when no title word ends there.
 */
function titlePhraseEndingAt(ctx: RoleContext, end: number, from = 0): TitleElement | undefined {
  const el = titlePhraseAt(ctx, end, from);
  const word = el && titleWordEndingAt(ctx.text, end);
  if (!el || !word) return el;
  // 原 or 前 ("former") right before the title word, a word of its own: the post, held before
  // (原总经理周佳, 石家庄市原市长邓沛然, 微软亚太研发集团前主席张亚勤).
  const at = end - word.length - 1;
  const marker = ctx.text[at];
  if ((marker === "原" || marker === "前") && at >= el.start && ctx.tokenAt(at)?.end === at + 1 && el.title.endsWith(marker + word)) {
    return { ...el, title: el.title.slice(0, -(word.length + 1)) + word, past: true };
  }
  return el;
}

/** titlePhraseEndingAt's parse, before a former post's 原/前 is taken out of the title. */
function titlePhraseAt(ctx: RoleContext, end: number, from: number): TitleElement | undefined {
  const { text } = ctx;
  const word = titleWordEndingAt(text, end);
  if (!word) return undefined;
  const wordStart = end - word.length;
  // A title right after a person's name is that person's (王叙平董事长全程参加: titleAfterName's), never
  // the title of a name after it (全程 is no one).
  if (ctx.mentionEndingAt.get(wordStart)?.type === "person") return undefined;
  const seat = congressSeat(ctx, word, wordStart, end);
  if (seat) return seat;
  // The region before the title word, up to the clause boundary.
  let regionStart = wordStart;
  while (regionStart > from && wordStart - regionStart < 30 && !PHRASE_STOP.test(text[regionStart - 1]) && !concurrentJoinAt(text, regionStart - 1)) regionStart--;
  // A linked body in the region starts the phrase: 之江实验室主任, 中国平安财产保险余杭支公司总经理.
  // The one that starts first; on a tie, the first in document order.
  let orgMention: RoleContext["mentions"][number] | undefined;
  let orgIndex = -1;
  // A body whose name ends with the party committee the title word opens with (北京大学党委 | 书记 of
  // 北京大学党委书记: the recogniser's organisation takes 党委, the title word 党委书记 too) ends inside it.
  const sharedEnd = SHARED_BODY_START.exec(word)?.[0].length ?? 0;
  for (let e = regionStart + 1; e <= wordStart + sharedEnd; e++) {
    // Between the body and the title word, a short qualifier at most (党委, 驻上海办事处), never a clause:
    // in 在圣都国际会议中心会见了奇瑞汽车股份有限公司董事长 the company is the body, not a place before the verb.
    const between = text.slice(e, wordStart);
    // Nor another person's title and name joined by a conjunction (公司董事长顾伦及科大校长: 科大's head is no post of the company).
    // Nor a party before its member's post (國民黨籍市議員: the party is the person's, not the post's body).
    // The company's board between it and the post is the post's own (阿里巴巴董事局主席, 新华集团董事会主席):
    // 董事 in 董事会 and 董事局 is no other person's title.
    if (between.length > 8 || CLAUSE_WORD.test(between) || /[及和与、，,]|党籍/.test(between) || titleWordIn(between.replace(BOARD, ""))) continue;
    // A body may reach back past a bracket of its own name: 中国(杭州)人工智能小镇名誉镇长.
    for (const i of ctx.orgMentionsEndingAt.get(e) ?? []) {
      const m = ctx.mentions[i];
      // A company's post is held in a company, not in a place (中国中冶总裁: not 中国).
      if (m.type === "place" && COMPANY_POST.test(word)) continue;
      // Nor is a post the place's that the place is joined to by 的 (出身台中的立法院副院长: the
      // Legislative Yuan's, not Taichung's): 的 makes the place a modifier of what follows.
      if (m.type === "place" && between.startsWith("的")) continue;
      if (!orgMention || m.nStart < orgMention.nStart || (m.nStart === orgMention.nStart && i < orgIndex)) {
        orgMention = m;
        orgIndex = i;
      }
    }
  }
  // A place whose level character is the title's first (新北市 in 新北市长, 台北市 in 台北市长): the
  // post is that place's, whatever city the article is about.
  if (!orgMention) {
    for (const i of ctx.orgMentionsEndingAt.get(wordStart + 1) ?? []) {
      const m = ctx.mentions[i];
      if (m.type === "place" && m.nStart < wordStart && LEVEL_TITLE.test(word)) orgMention = m;
    }
    if (orgMention) return { start: orgMention.nStart, end, title: word, org: governmentOfPlace(ctx, orgMention, word) };
  }
  if (orgMention) {
    // A generic body linked by context (区委 → 余杭区委) stays part of the title as written.
    const generic = GENERIC_ORG_PREFIXES.some((g) => g.prefix === text.slice(orgMention!.nStart, orgMention!.nEnd));
    // 的 after the body is no part of the post (委员会的前立委 → 前立委).
    // Nor is a word of the company's trade or form after its short name (比亚迪 | 汽车董事长, 比亚迪 | 实业有限公司总经理): it is the company's.
    const between = text.slice(orgMention.nEnd, wordStart);
    const tradeBetween = orgMention.type !== "place" && COMPANY_POST.test(word) && (COMPANY_TRADE_WORDS.has(between) || isGenericCompany(between));
    const titleStart = generic ? orgMention.nStart : tradeBetween ? wordStart : text[orgMention.nEnd] === "的" ? orgMention.nEnd + 1 : orgMention.nEnd;
    return {
      start: orgMention.nStart,
      end,
      title: text.slice(titleStart, end),
      org: orgMention.type === "place" ? governmentOfPlace(ctx, orgMention, word) : { entity: orgMention.entity, label: orgMention.label },
    };
  }
  const region = text.slice(regionStart, wordStart);
  const generic = GENERIC_PREFIXES_LONGEST_FIRST.find((g) => region.endsWith(g.prefix));
  if (generic) {
    const start = wordStart - generic.prefix.length;
    return { start, end, title: text.slice(start, end), org: resolveGenericBody(ctx, generic.body, generic.level), levelBody: generic.body };
  }
  // A short descriptor stays with the title (区领导, 空间科学首席科学家); a long one is not part of it.
  // Never a pronoun or determiner (该公司董事长, 其主任): those point back, they do not name a body; nor
  // 我 of an institution's own news (我校党委书记, 我会秘书长): the writer's body, which has no name there.
  // Nor a count (两名联合创始人, 另一位副总裁): what follows the count is the title.
  // Nor a conjunction or preposition joining it to the clause (与立法会主席 → 立法会主席).
  const counted = region.replace(/^.*[一二两三四五六七八九十几数多0-9０-９][名位个]/, "").replace(/^.*党籍/, "");
  // Only where nodejieba's word ends after it: 在 of 在线视频首席执行官 opens the word 在线 ("online"), no preposition.
  // An adverb before the preposition goes with it, 将 ("will") too (将由公司董事长代行: 公司董事长).
  const joining = /^[就也都还又将]*[与和及同跟对由向在据经为]+/.exec(counted)?.[0] ?? "";
  const unjoined = joining && ctx.tokenAt(wordStart - counted.length + joining.length) ? counted.slice(joining.length) : counted;
  const uncounted = afterLastFunctionWord(ctx, unjoined, wordStart);
  // A level's department named by the level alone (市生态环境局局长, 省环保厅副厅长, 市委办主任): the body is
  // that department of the article's division when the dictionary knows it (盘锦市环保局), else the body
  // as written; the title keeps it, as 区委书记 does.
  const department = ZONE_BODY_END.test(uncounted) ? undefined : levelDepartmentAtEnd(uncounted, word);
  if (department) {
    const start = wordStart - department.written;
    return { start, end, title: text.slice(start, end), org: resolveGenericBody(ctx, department.body, LEVEL_NAMES[department.body[0]]) };
  }
  // A company named by its short name right before its post (搜狗CEO, 蔚来汽车CEO, 福耀玻璃董事长): the
  // company is the post's body, the post alone the title.
  const company = COMPANY_POST.test(word) ? companyShortNameBefore(ctx, uncounted, wordStart) : undefined;
  if (company) {
    const known = ctx.nameIndex.get(company);
    return { start: wordStart - company.length, end, title: word, org: known ? { entity: known.id, label: known.label } : { entity: null, label: company } };
  }
  // A company whose full name holds its place in brackets (爱普车辆(中国)有限公司总经理): the region
  // stops at the bracket, leaving the legal form alone; the name reaches back over it.
  const bracketed = isGenericCompany(uncounted) ? companyNameOverBracket(ctx, wordStart - uncounted.length) : undefined;
  if (bracketed !== undefined) {
    const label = text.slice(bracketed, wordStart);
    const known = ctx.nameIndex.get(label);
    return { start: bracketed, end, title: word, org: known ? { entity: known.id, label: known.label } : { entity: null, label } };
  }
  // A zone's body named by its kind alone (集中区党工委, 开发区管委会), or a company's (集团公司党委), is
  // longer and stays too: it is no candidate of its own (isGenericZone, isGenericCompany), so the title
  // is where the article's words for it are kept.
  const zone = ZONE_BODY_END.exec(uncounted)?.[0] ?? (isGenericCompany(uncounted) ? uncounted : undefined);
  // Never a verb of appointment (并同步聘任主任…: 聘任 names what is done, not the post).
  const descriptor =
    zone && (isGenericZone(zone) || isGenericCompany(zone))
      ? zone
      : uncounted.length <= 4 && [...uncounted].every((c) => CJK.test(c)) && !/^[该本其这那此各我]/.test(uncounted) && !APPOINTMENT_VERBS.some((v) => uncounted.includes(v))
        ? uncounted
        : "";
  // The descriptor and the title's level character name a place (新北 + 市长: 新北市, which the linker
  // left unlinked inside 新北市长): the post is that place's.
  const place = descriptor && LEVEL_TITLE.test(word) ? ctx.nameIndex.get(descriptor + word[0]) : undefined;
  if (place?.type === "place") return { start: wordStart - descriptor.length, end, title: word, org: governmentOfPlace(ctx, { entity: place.id, label: place.label }, word) };
  // A level's department written short before its post (省科协党组书记, 市住建局副局长, 镇人大主席): the
  // department is the post's body, resolved like 区委 and kept in the title as written. (A zone's body
  // named by its kind stays in the title alone: no article's place says which zone.)
  if (descriptor && descriptor !== zone && !isGenericZone(descriptor) && GENERIC_BODY.test(descriptor)) {
    const level = LEVEL_OF_CHAR[descriptor[0]];
    return { start: wordStart - descriptor.length, end, title: descriptor + word, org: resolveGenericBody(ctx, descriptor, level) };
  }
  // A company's or a bank's short name right before its head's post (力成董事长, 农发行董事长, 中色大冶总经理):
  // the body of the post, as a linked one would be.
  const body = descriptor && shortBodyName(ctx, descriptor, word, wordStart);
  if (body) return { start: wordStart - descriptor.length, end, title: word, org: body };
  const title = descriptor + word;
  const implied = TITLE_IMPLIES_BODY.find((t) => t.title.test(word));
  return {
    start: wordStart - descriptor.length,
    end,
    title,
    org: implied ? resolveGenericBody(ctx, implied.body, implied.level) : null,
    levelBody: implied?.body,
  };
}

/**
 * The body of a head of government written after the place (庆阳市市长, 余杭区副区长): the place's
 * government, as the same post written after 市委副书记、 is (庆阳市人民政府), so that one article's two
 * ways of writing it give one role. Any other title, or a place the dictionary has no government of,
 * keeps the place.
 */
function governmentOfPlace(ctx: RoleContext, place: { entity: string; label: string }, word: string): OrgRef {
  const implied = TITLE_IMPLIES_BODY.find((t) => t.level && t.title.test(word));
  const bare = implied ? BARE_BODIES.get(implied.body) : undefined;
  if (bare) {
    let index = placeIndexByDictionary.get(ctx.dictionary);
    if (!index) placeIndexByDictionary.set(ctx.dictionary, (index = buildPlaceIndex(ctx.dictionary)));
    const code = index.divisionOf.get(place.entity);
    const body = code && index.divisions.get(code)?.level === bare.level ? index.bodies.get(`${code}|${bare.kind}`) : undefined;
    if (body) return { entity: body.id, label: body.label };
  }
  return { entity: place.entity, label: place.label };
}

/** A seat in a people's congress or a political consultative conference, and the body's short word. */
const CONGRESS_SEATS: ReadonlyMap<string, string> = new Map([["人大代表", "人大"], ["政协委员", "政协"]]);
const LEVEL_NAMES: Readonly<Record<string, "province" | "city" | "district" | "county">> = { 省: "province", 市: "city", 区: "district", 县: "county" };

/**
 * 全国人大代表, 省人大代表, 北京市人大代表, 全国政协委员: a deputy's seat is in the congress (or the
 * conference) of the level or place written before it: 全国人大, the article's province's or city's, the
 * place's. The title keeps the level as written (全国人大代表, as 区委书记 does); with no level, the seat
 * alone (人大代表) and no body.
 */
function congressSeat(ctx: RoleContext, word: string, wordStart: number, end: number): TitleElement | undefined {
  const short = CONGRESS_SEATS.get(word);
  if (!short) return undefined;
  const { text } = ctx;
  // A term before the level (十四届全国人大代表) is no part of the body.
  const level = /(全国|[省市区县])$/.exec(text.slice(Math.max(0, wordStart - 2), wordStart))?.[1];
  if (level === "全国") {
    const e = ctx.nameIndex.get("全国" + short);
    return { start: wordStart - 2, end, title: text.slice(wordStart - 2, end), org: e ? { entity: e.id, label: e.label } : { entity: null, label: "全国" + short } };
  }
  // The body itself linked across the seat's word (北京市人大 | 代表).
  for (const i of ctx.orgMentionsEndingAt.get(wordStart + short.length) ?? []) {
    const m = ctx.mentions[i];
    if (m.type === "government" && m.nStart < wordStart) return { start: m.nStart, end, title: text.slice(m.nStart, end), org: { entity: m.entity, label: m.label } };
  }
  // A place named before the level's seat (北京市人大代表, 四川省政协委员).
  for (const i of ctx.orgMentionsEndingAt.get(wordStart) ?? []) {
    const m = ctx.mentions[i];
    if (m.type !== "place") continue;
    const name = text.slice(m.nStart, wordStart) + short;
    const e = ctx.nameIndex.get(name) ?? ctx.nameIndex.get(m.label + short);
    return { start: m.nStart, end, title: text.slice(m.nStart, end), org: e ? { entity: e.id, label: e.label } : { entity: null, label: name } };
  }
  if (level) return { start: wordStart - 1, end, title: text.slice(wordStart - 1, end), org: resolveGenericBody(ctx, level + short, LEVEL_NAMES[level]) };
  return { start: wordStart, end, title: word, org: null };
}

/**
 * The longest end of the words before a title that names a level's department by the level alone
 * (市生态环境局 of 在市生态环境局局长), and how many characters of the text it takes. The department's
 * last character may open the title word (市委组织 | 部长, 市公安 | 局长: 市委组织部, 市公安局).
 */
function levelDepartmentAtEnd(words: string, word: string): { body: string; written: number } | undefined {
  const shared = /^[部局厅处]/.test(word) ? word[0] : "";
  for (let k = 0; k <= words.length - 2; k++) {
    const written = words.slice(k);
    if (!/^[省市区县]/.test(written)) continue;
    for (const body of [written, written + shared]) {
      if (body.length >= 3 && /[局厅委办部处科室队所站会]$/.test(body) && !BARE_BODIES.has(body) && GENERIC_BODY.test(body)) return { body, written: written.length };
    }
  }
  return undefined;
}

/**
 * Where a company's name starts that holds a bracket right before `formStart`, its legal form's start
 * (爱普车辆(中国)|有限公司, 百度在线网络技术(北京)|有限公司, 上海临港经济发展(集团)|有限公司): the bracket
 * holds a short word, its own name comes before it, less the clause's words before that.
 */
function companyNameOverBracket(ctx: RoleContext, formStart: number): number | undefined {
  const { text } = ctx;
  if (!/[)）]/.test(text[formStart - 1] ?? "")) return undefined;
  let open = formStart - 2;
  while (open >= 0 && formStart - 1 - open <= 6 && CJK.test(text[open])) open--;
  if (open < 0 || !/[(（]/.test(text[open]) || open === formStart - 2) return undefined;
  let headStart = open;
  while (headStart > 0 && open - headStart < 16 && CJK.test(text[headStart - 1])) headStart--;
  const head = afterLastFunctionWord(ctx, text.slice(headStart, open), open);
  // Never a clause's verb (在 may open a name: 百度在线网络技术).
  if (head.length < 2 || /了|会见|出席|参加|主持|表示|会议|举行/.test(head) || titleWordIn(head) || ctx.mentionAt.get(open - head.length)?.type === "person") return undefined;
  return open - head.length;
}

/** nodejieba's tags of a company's own name: a word it does not know, a proper noun, an organisation, an abbreviation, a Latin word. */
const COMPANY_NAME_TAGS = /^(x|nz|nt|j|eng)$/;
/** Words of a company's trade or form written after its own name (蔚来 | 汽车, 福耀 | 玻璃, 光大 | 控股). */
const COMPANY_TRADE_WORDS: ReadonlySet<string> = new Set([
  "汽车", "电器", "玻璃", "科技", "智能", "集团", "控股", "投资", "资本", "基金", "银行", "证券", "保险", "传媒", "网络",
  "电子", "股份", "医药", "生物", "能源", "地产", "置业", "实业", "国际", "通信", "软件", "动力", "创投", "电气", "新能源",
]);

/**
 * The company named by the words before a company's post, when they are its own name: a word nodejieba
 * does not know or tags as a proper noun (搜狗, 蔚来, 格力电器), then words of its trade only (蔚来 | 汽车).
 * Never a modifier of the post (联席CEO, 执行总裁, 轮值董事长: common words), a company's region (中国区总裁),
 * nor a person (the name before 董事长 in 何小鹏董事长表示). A preposition nodejieba glued into an unknown
 * word is the clause's (由蔚来CEO: 由 | 蔚来).
 */
function companyShortNameBefore(ctx: RoleContext, before: string, wordStart: number): string | undefined {
  const tokens: Token[] = [];
  for (let pos = wordStart - before.length; pos < wordStart; ) {
    const t = ctx.tokenAt(pos);
    if (!t || t.end > wordStart) return undefined;
    tokens.push(t);
    pos = t.end;
  }
  // The name ends the words before the post (软件团队由蔚来CEO: 蔚来): the longest run of tokens that has its shape.
  let start = tokens.length;
  while (start > 0 && (COMPANY_NAME_TAGS.test(tokens[start - 1].tag) || COMPANY_TRADE_WORDS.has(tokens[start - 1].word))) start--;
  while (start < tokens.length && !COMPANY_NAME_TAGS.test(tokens[start].tag)) start++;
  if (start === tokens.length) return undefined;
  let from = tokens[start].start;
  if (tokens[start].tag === "x" && tokens[start].word.length >= 3 && /^[与和及同跟对由向被有是]/.test(tokens[start].word)) from++;
  const name = ctx.text.slice(from, wordStart);
  if (name.length < 2 || name.length > 8 || /区$/.test(name) || /^[该本其这那此各我]/.test(name) || isGenericCompany(name)) return undefined;
  for (let pos = from; pos < wordStart; pos++) if (ctx.mentionAt.get(pos)?.type === "person") return undefined;
  if (titleWordIn(name) || CLAUSE_WORD.test(name) || ![...name].every((c) => CJK.test(c) || /[A-Za-z0-9]/.test(c))) return undefined;
  return name;
}

/** A person's name starting at `pos`: a linked person, or a name-shaped word the dictionary lacks. */
function personAt(ctx: RoleContext, pos: number): PersonRef | undefined {
  const m = ctx.mentionAt.get(pos);
  if (m) return m.type === "person" ? { start: m.nStart, end: m.nEnd, label: m.label, entity: m.entity } : undefined;
  return unknownNameAt(ctx, pos);
}

function hasSurname(text: string, pos: number): number {
  for (const d of DOUBLE_SURNAMES) if (text.startsWith(d, pos)) return 2;
  return SURNAMES.has(text[pos]) ? 1 : 0;
}

/** The level a generic body's first character names, for resolving it (市住建局 → the city's). */
const LEVEL_OF_CHAR: Record<string, string | undefined> = { 省: "province", 市: "city", 区: "district", 县: "county" };

/** nodejieba's tags of a body's proper name: organisation, other proper noun, place, abbreviation, unknown word. */
const BODY_NAME_TAGS = /^(nt|nz|ns|j|x|eng)$/;
/** Words that end a description of a kind of body, never one body's short name (民营企业董事长, 一公司副总经理). */
const KIND_OF_BODY_END = /(企业|公司|集团|单位|机构|部门|方面|行业|平台|门店|工厂|大区|区域)$/;

/**
 * A company's or a bank's short name written right before its head's post (力成董事长蔡篤恭, 农发行董事长):
 * the descriptor of a company post when nodejieba reads a proper name in it (力成/x, 农发行/nt, 中色/x
 * 大冶/j) and it is not a person's name (an unknown surname-led word: 王叙平董事长), a kind of body
 * (民营企业董事长) or a body named by its kind (集团公司总裁). The dictionary's entry when it knows the name.
 */
function shortBodyName(ctx: RoleContext, descriptor: string, word: string, wordStart: number): OrgRef | undefined {
  if (descriptor.length < 2 || !SHORT_BODY_POST.test(word) || KIND_OF_BODY_END.test(descriptor) || isNamedByKindOnly(descriptor)) return undefined;
  const from = wordStart - descriptor.length;
  const first = ctx.tokenAt(from);
  if (!first) return undefined;
  if (descriptor.length <= 3 && hasSurname(descriptor, 0) && first.end === wordStart && /^(x|nr|nrfg|nrt)$/.test(first.tag)) return undefined;
  let proper = false;
  for (let pos = from; pos < wordStart; ) {
    const t = ctx.tokenAt(pos);
    if (!t || t.end > wordStart || /^(nr|nrfg|nrt)$/.test(t.tag)) return undefined;
    proper ||= BODY_NAME_TAGS.test(t.tag);
    pos = t.end;
  }
  if (!proper) return undefined;
  const entry = ctx.nameIndex.get(descriptor);
  if (entry && entry.type !== "person" && entry.type !== "place") return { entity: entry.id, label: entry.label };
  return entry ? undefined : { entity: null, label: descriptor };
}
/** Posts at the head of a company or a bank, held in a body a short name may stand for. */
const SHORT_BODY_POST = /^(副?董事长|副?总经理|副?总裁|首席.{1,4}官|CEO|副?行长|创始人|创办人)$/;

/** A party body's word at the start of a title word (党委书记, 党组成员), which a body's name may end with. */
const SHARED_BODY_START = /^(党委|党组)(?=.)/;

/** Posts of a division's government named by its level character (市长 of 新北市, 副县长 of 某县). */
const LEVEL_TITLE = /^[省市县区镇乡](长|委书记|委副书记)$/;

/** Posts held in companies (not in places, which hold the posts of their government). */
const COMPANY_POST = /(董事长|董事|总经理|总裁|首席.{1,4}官|CEO|CTO|COO|CFO|创始人|创办人|合伙人|监事)$/;

/** A company's board: the body its chair and secretary belong to, inside the company (董事局主席, 董事会秘书). */
const BOARD = /董事会|董事局/g;

/** Words of a clause (a verb's aspect, a place's preposition, the verbs of meetings): never inside a title. */
const CLAUSE_WORD = /[了在着过把被对向]|会见|出席|参加|主持|表示|会议|举行/;


/**
 * nodejieba's tags of the words that join a title's clause to it, never part of the title: prepositions,
 * conjunctions, particles (的), interjections.
 */
const CLAUSE_JOINING_TAGS = /^(p|c|u|uj|ul|uz|ud|ug|uv|y|e|o)$/;
/** Words of time before a title (当时市长): the clause's. Not nodejieba's whole class of time words, which holds places (西来). */
const CLAUSE_TIME_WORDS: ReadonlySet<string> = new Set(["当时", "此前", "目前", "现在", "如今", "同时", "今天", "昨天", "当天", "随后", "其后"]);

/** Verbs of being and having that introduce a title (陪同接待的还有 | 公司副总裁林洪扬, 他是 | 公司董事长): the clause's. */
const CLAUSE_BEING_WORDS: ReadonlySet<string> = new Set(["有", "还有", "也有", "是", "还是", "也是", "就是", "即"]);

/**
 * The words before a title word after the last of them that nodejieba cut as a joining word or a
 * word of time (仪式由 | 校长 → 校长, 而 | 民进党议员, 的 | 立法院副院长, 当时 | 市长): what precedes it
 * belongs to the clause.
 */
function afterLastFunctionWord(ctx: RoleContext, before: string, wordStart: number): string {
  let from = wordStart - before.length;
  for (let pos = from; pos < wordStart; pos++) {
    const t = ctx.tokenAt(pos);
    if (t && t.end <= wordStart && (CLAUSE_JOINING_TAGS.test(t.tag) || CLAUSE_TIME_WORDS.has(t.word) || CLAUSE_BEING_WORDS.has(t.word))) from = t.end;
  }
  return ctx.text.slice(from, wordStart);
}

/** nodejieba's tags of function words: prepositions, conjunctions, particles, adverbs, pronouns, numerals, measure words. */
const FUNCTION_WORD_TAGS = /^(p|c|u|uj|ul|uz|ud|ug|uv|d|r|m|q|f|y|e|o)$/;

/**
 * What ends a body's name, never a person's: 招商局 and 招商中心 before 等相关部门负责人 are no persons
 * 商局 and 商中心 (商 is a surname). None of People's Daily's 884 gold persons (dev) ends so.
 */
const BODY_END = /(局|厅|处|部|委|办|司|队|站|所|中心|公司|集团)$/;

/** A name the dictionary does not know: surname + one or two characters, ending where a name ends. */
export function unknownNameAt(ctx: { text: string; tokenAt: (pos: number) => Token | undefined; mentionAt: Map<number, Mention>; nameIndex?: Map<string, DictionaryEntry> }, pos: number): PersonRef | undefined {
  const name = unknownNameShapeAt(ctx, pos);
  return name && !name.entity && BODY_END.test(name.label) ? undefined : name;
}

function unknownNameShapeAt(ctx: { text: string; tokenAt: (pos: number) => Token | undefined; mentionAt: Map<number, Mention>; nameIndex?: Map<string, DictionaryEntry> }, pos: number): PersonRef | undefined {
  const { text } = ctx;
  const sn = hasSurname(text, pos);
  if (!sn) return undefined;
  const token = ctx.tokenAt(pos);
  if (token && token.end - token.start >= 2 && token.end - token.start <= sn + 2 && /^(nr|nrfg|nrt|x)$/.test(token.tag) && [...token.word].every((c) => CJK.test(c))) {
    // nodejieba glues a verb onto a name it does not know (王坚作报告 → 王坚作 | 报告): give the verb back.
    const len = token.end - token.start;
    if (len === sn + 2 && GLUED_VERBS.has(token.word[len - 1])) {
      const shorter = token.word.slice(0, len - 1);
      const entry = ctx.nameIndex?.get(shorter);
      if (entry?.type === "person") return { start: pos, end: token.end - 1, label: entry.label, entity: entry.id };
      return { start: pos, end: token.end - 1, label: shorter, entity: null };
    }
    // A two-character word, then one character alone before a clause's end, is a name nodejieba cut
    // (主任孙殿镇, → 孙殿 | 镇 | ,): the character is the given name's last, unless it is a verb or a
    // particle glued to names (刘颖说, 王坚等).
    if (len === sn + 1 && len === 2) {
      const next = ctx.tokenAt(token.end);
      NAME_END.lastIndex = token.end + 1;
      const ends = token.end + 1 === text.length || NAME_END.test(text);
      NAME_END.lastIndex = token.end;
      if (next && next.end === token.end + 1 && CJK.test(next.word) && ends && !NAME_END.test(text) && !GLUED_VERBS.has(next.word) && !/[的了着过们]/.test(next.word)) {
        const word = text.slice(pos, next.end);
        if (!TITLE_WORDS.some((t) => word.endsWith(t))) return { start: pos, end: next.end, label: word, entity: null };
      }
    }
    if (!TITLE_WORDS.includes(token.word)) return { start: pos, end: token.end, label: token.word, entity: null };
  }
  // A name in a list or before a clause boundary: 吴远东、吴伟强 / 杨建根主持.
  for (const len of [sn + 2, sn + 1]) {
    const end = pos + len;
    if (end > text.length) continue;
    const word = text.slice(pos, end);
    if (![...word].every((c) => CJK.test(c))) continue;
    if (ctx.mentionAt.has(end - 1)) continue;
    // A function word that opens with a surname's character (关于, 和平地, 向来) is that word.
    const whole = ctx.tokenAt(pos);
    if (whole && whole.start === pos && whole.end === end && FUNCTION_WORD_TAGS.test(whole.tag)) continue;
    NAME_END.lastIndex = end;
    if (end === text.length || NAME_END.test(text)) {
      if (!TITLE_WORDS.some((t) => word.endsWith(t))) return { start: pos, end, label: word, entity: null };
    }
  }
  return undefined;
}

/** The names of a list that starts at `pos` (吴远东、吴伟强、郭云伟 …). */
function nameListFrom(ctx: RoleContext, pos: number): PersonRef[] {
  const names: PersonRef[] = [];
  let p = pos;
  for (;;) {
    // An honorific between the title and the name is neither's (名誉会长丹斯里钟廷森).
    const honorific = HONORIFICS.find((h) => ctx.text.startsWith(h, p));
    const person = (honorific && personAt(ctx, p + honorific.length)) || personAt(ctx, p);
    if (!person) break;
    names.push(person);
    if (ctx.text[person.end] !== "、") break;
    p = person.end + 1;
  }
  return names;
}

function sentenceOf(doc: CleanDocument, cleanOffset: number): number {
  const s = doc.sentences.findIndex((x) => cleanOffset >= x.start && cleanOffset < x.end);
  return s < 0 ? Math.max(0, doc.sentences.length - 1) : s;
}

function makeRole(ctx: RoleContext, person: PersonRef, title: string, org: OrgRef | null, nStart: number, nEnd: number): Role {
  const start = ctx.doc.normToClean[nStart] ?? 0;
  const end = (ctx.doc.normToClean[Math.max(nStart, nEnd - 1)] ?? start) + 1;
  return {
    doc: ctx.doc.id,
    person: person.entity,
    person_label: person.label,
    title,
    org: org?.entity ?? null,
    org_label: org?.label ?? "",
    sentence: sentenceOf(ctx.doc, start),
    start,
    end,
  };
}

/** Titles chained with 、 right before a name, and the list of names they apply to. */
function chainedTitles(ctx: RoleContext, out: Role[]): void {
  const { text } = ctx;
  for (let pos = 1; pos < text.length; pos++) {
    // Most positions end no title word: skip them before building anything.
    if (ENDS_A_TITLE[text.charCodeAt(pos - 1)] === 0) continue;
    // A list continues the title of its first name (区领导毛建标、吴远东): only list heads start here.
    const elements: TitleElement[] = [];
    let end = pos;
    for (;;) {
      const el = titlePhraseEndingAt(ctx, end);
      if (!el) break;
      elements.unshift(el);
      if (el.start > 0 && (text[el.start - 1] === "、" || concurrentJoinAt(text, el.start - 1))) end = el.start - 1;
      else break;
    }
    if (!elements.length) continue;
    sharedDivision(ctx, elements);
    sharedBody(ctx, elements);
    headOfChainedBody(elements);
    const names = nameListFrom(ctx, pos);
    if (!names.length) continue;
    for (const person of names) {
      for (const el of elements) {
        const role = makeRole(ctx, person, el.title, el.org, el.start, person.end);
        if (el.past) role.past = true;
        out.push(role);
      }
    }
  }
}

/**
 * Titles chained before one name share its division: in 石家庄市委副书记、市长 the 市长 heads 石家庄's
 * government even where the article names another city too (唐山市委), which leaves a bare 市政府
 * unresolved. A bare body of a chain takes the division of a sibling's body of the same level.
 */
function sharedDivision(ctx: RoleContext, elements: TitleElement[]): void {
  // The level's body as written: resolved from the article or not, a sibling's named division wins
  // (a biography's 三明市委副书记、副市长 in an article about Beijing: 三明's government).
  const bareOf = (el: TitleElement) => (el.levelBody ? BARE_BODIES.get(el.levelBody) : el.org && el.org.entity === null ? BARE_BODIES.get(el.org.label) : undefined);
  if (elements.length < 2 || !elements.some(bareOf)) return;
  let index = placeIndexByDictionary.get(ctx.dictionary);
  if (!index) placeIndexByDictionary.set(ctx.dictionary, (index = buildPlaceIndex(ctx.dictionary)));
  for (const el of elements) {
    const bare = bareOf(el);
    if (!bare) continue;
    const codes = new Set<string>();
    for (const other of elements) {
      const code = other.org?.entity && !other.levelBody ? index.divisionOf.get(other.org.entity) : undefined;
      if (code && index.divisions.get(code)?.level === bare.level) codes.add(code);
    }
    // One division only: two siblings of two cities say nothing about which.
    const body = codes.size === 1 ? index.bodies.get(`${[...codes][0]}|${bare.kind}`) : undefined;
    if (body) el.org = { entity: body.id, label: body.label };
  }
}

/** A count of people (29人, 十余名) or the copula 为 in what follows 等. */
const COUNTED_PEOPLE = /[0-9０-９一二三四五六七八九十百千余多几]+[人名位]|为/;

/** A body's head's post with no body of its own, and how the name of the body it heads ends (局长 of a 局). */
const HEAD_OF_BODY: readonly [RegExp, RegExp][] = [
  [/^副?局长$/, /局$/],
  [/^副?厅长$/, /厅$/],
  [/^(常务)?副?院长$/, /院$/],
  [/^副?行长$/, /行$/],
  [/^(常务)?副?检察长$/, /检察院$/],
  [/^副?校长$/, /(大学|学院|学校)$/],
];

/**
 * A head's post chained after the party post of a body, before one name, heads that body (市財政局黨組書記、
 * 局長胡雲江: the 局长 of 市财政局; 省法院黨組書記、院長游勸榮): the chain says the body once.
 */
function headOfChainedBody(elements: TitleElement[]): void {
  for (const el of elements) {
    if (el.org) continue;
    const head = HEAD_OF_BODY.find(([title]) => title.test(el.title));
    if (!head) continue;
    const sibling = elements.find((other) => other !== el && other.org && head[1].test(other.org.label));
    if (sibling) el.org = sibling.org;
  }
}

/** 兼 between two titles ("and also": 董事长兼总裁, 副董事长兼副总经理, 创始人兼CEO): the two are chained like 、. */
function concurrentJoinAt(text: string, i: number): boolean {
  return text[i] === "兼" && titleWordEndingAt(text, i) !== undefined;
}

/** Titles that make a person a member or an honour of a body, never one of its posts: their body is not lent. */
const MEMBERSHIP_TITLE = /(院士|人大代表|政协委员)$/;
/** Posts of a party committee or group, which a body's party committee holds (党委副书记 of a company). */
const PARTY_POST = /(书记|党组成员|党委成员|党委委员|常委|委员)$/;
/** A party committee or group at the end of a body's name (区应急管理局党委): the body less it holds the body's other posts. */
const PARTY_BODY_END = /(党委|党组|党工委)$/;

/**
 * A bare title chained after a title of a named body is a post of that body: 宁德时代副董事长、副总经理
 * 黄世霖 (副总经理 of 宁德时代), 中国第一汽车集团有限公司总经理、党委副书记奚国华, 比亚迪汽车董事长兼总裁.
 * Not after a membership or an honour (全国人大代表、董事长: no post of the congress), nor a company's
 * post in a government or a place (市委常委、董事长). A party committee lends itself to party posts
 * and the body it belongs to to the others (区应急管理局党委书记、局长 → 局长 of 区应急管理局).
 */
function sharedBody(ctx: RoleContext, elements: TitleElement[]): void {
  for (let i = 1; i < elements.length; i++) {
    const el = elements[i];
    const lender = elements[i - 1];
    // The title word alone, or a party post with its committee's word (党委副书记): no body of its own named.
    const word = titleWordEndingAt(ctx.text, el.end) ?? "";
    const bare = el.title === word || (PARTY_POST.test(word) && /^(党委|党组)$/.test(el.title.slice(0, -word.length)));
    if (el.org || !lender.org || !bare) continue;
    if (MEMBERSHIP_TITLE.test(lender.title)) continue;
    if (COMPANY_POST.test(el.title) && ["government", "place"].includes(orgTypeOf(ctx, lender.org) ?? "")) continue;
    const partyEnd = PARTY_BODY_END.exec(lender.org.label)?.[0];
    if (partyEnd && !PARTY_POST.test(el.title)) {
      const label = lender.org.label.slice(0, -partyEnd.length);
      const known = ctx.nameIndex.get(label);
      el.org = known ? { entity: known.id, label: known.label } : { entity: null, label };
    } else el.org = lender.org;
  }
}

/** The type of a body a title was given: its dictionary entry's, a recognised mention's, or a level's body (government). */
function orgTypeOf(ctx: RoleContext, org: OrgRef): string | undefined {
  if (org.entity) return ctx.dictionary.byId.get(org.entity)?.type ?? ctx.mentions.find((m) => m.entity === org.entity)?.type;
  return BARE_BODIES.has(org.label) ? "government" : undefined;
}

/** Words before a group title's ending that name no group: 相关领导 and 其他领导 are "the others". */
const NOT_A_GROUP = /^(?:相关|有关|其他|其它|其余)/;

/** 朱红丹、梅建胜、王姝、沈尧等区四套班子领导: names, 等, a group title. */
function namesThenGroupTitle(ctx: RoleContext, out: Role[]): void {
  const { text } = ctx;
  for (let i = text.indexOf("等"); i >= 0; i = text.indexOf("等", i + 1)) {
    let titleEnd = -1;
    for (let j = i + 1; j <= Math.min(text.length, i + 13); j++) {
      if (PHRASE_STOP.test(text[j - 1])) break;
      // The ending alone is no title (副区长陈国良等领导陪同: "and other leaders"); a group's is more
      // (区四套班子领导, 相关部门负责人).
      // Nor is it with a word that only says "related" or "other" (孔凡华等相关领导出席: "and other
      // leaders concerned"); one that names the group is (相关部门负责人).
      if (GROUP_TITLE_ENDINGS.some((g) => text.startsWith(g, j - g.length) && text.slice(i + 1, j).replace(NOT_A_GROUP, "").length > g.length)) titleEnd = j;
    }
    if (titleEnd < 0) continue;
    const title = text.slice(i + 1, titleEnd);
    // A count of people and the copula after 等 make a clause, not a group's title (聘任傅廷栋等29人为委员:
    // "29 people as members"): the appointment names the post, not 等's group.
    if (COUNTED_PEOPLE.test(title)) continue;
    // Walk back over the list: NAME、NAME、…NAME等
    const names: PersonRef[] = [];
    let end = i;
    while (end > 0) {
      let found: PersonRef | undefined;
      for (let start = Math.max(0, end - 4); start <= end - 2 && !found; start++) {
        const p = personAt(ctx, start);
        if (p && p.end === end) found = p;
      }
      if (!found) break;
      names.unshift(found);
      if (found.start > 0 && text[found.start - 1] === "、") end = found.start - 1;
      else break;
    }
    const implied = GENERIC_ORG_PREFIXES.find((g) => title.startsWith(g.prefix));
    const org = implied ? resolveGenericBody(ctx, implied.body, implied.level) : null;
    for (const p of names) out.push(makeRole(ctx, p, title, org && title.startsWith(org.label) ? org : null, p.start, titleEnd));
  }
}

/** 习近平总书记, 王坚院士: a title right after a linked person. */
function titleAfterName(ctx: RoleContext, out: Role[]): void {
  for (const m of ctx.mentions) {
    if (m.type !== "person") continue;
    const word = POST_NAME_TITLES.find((t) => ctx.text.startsWith(t, m.nEnd));
    // A title word opening a body's word is that body (主席团, 书记处), not the person's post.
    if (!word || /[团处]/.test(ctx.text[m.nEnd + word.length] ?? "")) continue;
    // The body: implied by the title (总书记 → 党中央), or the one the dictionary records for this title.
    const implied = TITLE_IMPLIES_BODY.find((t) => t.title.test(word));
    let org: OrgRef | null = implied ? resolveGenericBody(ctx, implied.body, implied.level) : null;
    if (!org) {
      const known = ctx.dictionary.byId.get(m.entity)?.titles?.find((t) => t.title.endsWith(word) && t.org);
      const body = known?.org ? ctx.dictionary.byId.get(known.org) : undefined;
      if (body) org = { entity: body.id, label: body.label };
    }
    out.push(makeRole(ctx, { start: m.nStart, end: m.nEnd, label: m.label, entity: m.entity }, word, org, m.nStart, m.nEnd + word.length));
  }
}

/** (记者 阮伟康 陈书恒), (记者 陈坚 通讯员 贾丹红), (记者钱龙 见习生刘哲鸿). */
function bylines(ctx: RoleContext, out: Role[]): void {
  const re = /[(（]([^()（）\n]{2,60})[)）]/g;
  for (let m = re.exec(ctx.text); m; m = re.exec(ctx.text)) {
    const inner = m[1];
    const innerStart = m.index + 1;
    if (!BYLINES_LONGEST_FIRST.some((t) => inner.trimStart().startsWith(t))) continue;
    let title = "";
    let pos = 0;
    while (pos < inner.length) {
      if (/\s/.test(inner[pos])) { pos++; continue; }
      const t = BYLINES_LONGEST_FIRST.find((b) => inner.startsWith(b, pos));
      if (t) { title = t; pos += t.length; continue; }
      let end = pos;
      while (end < inner.length && CJK.test(inner[end]) && !BYLINES_LONGEST_FIRST.some((b) => inner.startsWith(b, end))) end++;
      if (end === pos) { pos++; continue; }
      const absStart = innerStart + pos;
      const linked = ctx.mentionAt.get(absStart);
      const label = linked?.type === "person" && linked.nEnd <= innerStart + end ? linked.label : inner.slice(pos, end);
      // A byline name is 2–4 characters; anything else is not a name (本网记者 + a place).
      if (title && label.length >= 2 && label.length <= 4 && hasSurname(label, 0)) {
        const person: PersonRef = { start: absStart, end: absStart + label.length, label, entity: linked?.type === "person" ? linked.entity : null };
        out.push(makeRole(ctx, person, title, null, absStart, absStart + label.length));
      }
      pos = end;
    }
  }
}

/** 聘任王坚院士为中国(杭州)人工智能小镇名誉镇长 / 王坚院士被聘为人工智能小镇名誉镇长. */
function appointments(ctx: RoleContext, out: Role[]): void {
  const { text } = ctx;
  const honorific = /^(院士|教授|博士|先生|女士|同志)/;
  const takeTitle = (from: number): { title: string; org: OrgRef | null; end: number } | undefined => {
    // The appointed post: up to a title word within 24 characters, with no clause punctuation in between.
    for (let j = from + 2; j <= Math.min(text.length, from + 24); j++) {
      if (/[，。；！？,;!?“”]/.test(text[j - 1])) break;
      const next = text[j];
      const word = titleWordEndingAt(text, j);
      if (word && (j === text.length || !CJK.test(next) || PHRASE_STOP.test(next) || /^[的，。]/.test(next))) {
        const el = titlePhraseEndingAt(ctx, j);
        if (el && el.start >= from) return { title: el.title, org: el.org, end: j };
        return { title: text.slice(from, j), org: null, end: j };
      }
    }
    return undefined;
  };
  // A name, a verb of taking a post and the post (湛东升任中国农业发展银行党委书记, 高翅任校务委员会主任,
  // 李言荣当选为四川省科协第九届委员会主席), and the names listed before it (张启发、陈焕春任副主任).
  for (const m of ctx.mentions) {
    if (m.type !== "person") continue;
    const verb = TAKES_POST.exec(text.slice(m.nEnd, m.nEnd + 3))?.[0];
    if (!verb || (verb === "任" && NOT_TAKING_POST.test(text[m.nEnd + 1] ?? ""))) continue;
    const post = takeTitle(m.nEnd + verb.length);
    if (!post) continue;
    const people: PersonRef[] = [{ start: m.nStart, end: m.nEnd, label: m.label, entity: m.entity }];
    for (let p = people[0]; p.start > 0 && text[p.start - 1] === "、"; ) {
      const before = ctx.mentionEndingAt.get(p.start - 1);
      if (before?.type !== "person") break;
      p = { start: before.nStart, end: before.nEnd, label: before.label, entity: before.entity };
      people.unshift(p);
    }
    for (const person of people) out.push(makeRole(ctx, person, post.title, post.org, person.start, post.end));
  }
  for (const verb of APPOINTMENT_VERBS) {
    for (let i = text.indexOf(verb); i >= 0; i = text.indexOf(verb, i + 1)) {
      const passive = i > 0 && text[i - 1] === "被";
      let person: PersonRef | undefined;
      let after: number;
      if (passive) {
        // NAME(院士)被聘为…
        let nameEnd = i - 1;
        const before = text.slice(Math.max(0, nameEnd - 2), nameEnd);
        const hon = ["院士", "教授", "博士", "同志"].find((h) => before.endsWith(h));
        if (hon) nameEnd -= hon.length;
        const m = ctx.mentionEndingAt.get(nameEnd);
        if (m?.type === "person") person = { start: m.nStart, end: m.nEnd, label: m.label, entity: m.entity };
        after = i + verb.length;
      } else {
        person = personAt(ctx, i + verb.length);
        after = person ? person.end : i + verb.length;
        const hon = honorific.exec(text.slice(after));
        if (hon) after += hon[0].length;
      }
      if (!person) continue;
      if (text[after] !== "为") continue;
      const post = takeTitle(after + 1);
      if (!post) continue;
      out.push(makeRole(ctx, person, post.title, post.org, Math.min(person.start, i), post.end));
    }
  }
}

/** Verbs of taking a post right after a name (湛东升任…党委书记, 李言荣当选为…主席). */
const TAKES_POST = /^(当选为|当选|出任|担任|升任|接任|任)/;
/** Characters after 任 that make another word of it (任职, 任务, 任期, 任命), not "took the post of". */
const NOT_TAKING_POST = /[职务期命何性用免教]/;

/**
 * Verbs that open a list of posts a person holds or held, longest first; `past` when the verb says the
 * posts were held before (曾任, 历任, 先后担任, 辞去). 任 alone only right after a name (蔡奇任副市长).
 */
const CAREER_VERBS: readonly { verb: string; past: boolean }[] = [
  ...["曾经担任", "先后担任", "不再担任", "曾担任", "曾兼任", "先后任", "此前任", "曾任", "历任", "原任", "辞去", "卸任"].map((verb) => ({ verb, past: true })),
  ...["现任", "兼任", "出任", "升任", "转任", "调任", "担任"].map((verb) => ({ verb, past: false })),
];
/** What ends a career list: a sentence's end, or the words after its last post (等职, 职务). */
const CAREER_LIST_END = /^(等职务|等职|等|职务)?[。；;！？!?\n]|^(等职务|等职|等|职务)/;

/** A person's name, linked or name-shaped, that ends at `end` (袁國華 of 袁國華是). */
function personEndingAt(ctx: RoleContext, end: number): PersonRef | undefined {
  const m = ctx.mentionEndingAt.get(end);
  if (m) return m.type === "person" ? { start: m.nStart, end: m.nEnd, label: m.label, entity: m.entity } : undefined;
  for (let start = end - 4; start <= end - 2; start++) {
    // The name opens a clause, or follows a body, a title or 的.
    if (start < 0 || (start > 0 && CJK.test(ctx.text[start - 1]) && !ctx.mentionEndingAt.has(start) && !titleWordEndingAt(ctx.text, start) && ctx.text[start - 1] !== "的")) continue;
    const p = unknownNameAt(ctx, start);
    if (p && p.end === end) return p;
  }
  return undefined;
}

/** The people a window of text mentions, distinct by label. */
function peopleIn(ctx: RoleContext, from: number, to: number): RoleContext["mentions"] {
  const seen = new Map<string, RoleContext["mentions"][number]>();
  for (const m of ctx.mentions) if (m.type === "person" && m.nStart >= from && m.nEnd <= to) seen.set(m.label, m);
  return [...seen.values()];
}

/**
 * Biographies and appointments: 据介绍，王传福曾任北京有色金属研究总院副主任、比亚迪实业有限公司总经理 /
 * 马宇骏…历任秦皇岛市副市长、张家口市市长等职 / 曾任福建省委办公厅副主任，福建省三明市委副书记、副市长…
 * The person is the one named before the verb in its clause (王传福曾任); a verb that opens its clause
 * or follows 他/她 has the person named earlier in its sentence (马宇骏转到地方任职，历任…), or else the
 * biography's: the one person that opens a clause in the four sentences before (蔡奇，男，汉族…。曾任…). The posts are the titles listed after the verb, by 、 and 兼, and by ， while
 * each part is a post; those a ， separates are separate chains (each its own division and body).
 * Not a list that ends in 的 (曾任市长的张三: it describes the person after it).
 */
function careers(ctx: RoleContext, out: Role[]): void {
  const { text } = ctx;
  for (let i = 0; i < text.length; i++) {
    const cv = CAREER_VERBS.find((v) => text.startsWith(v.verb, i));
    let verb = cv?.verb ?? "";
    let past = cv?.past ?? false;
    // 任 alone, right after a name (蔡奇任副市长), not inside a word (任务, 任职: the title parse fails on them);
    // 是 too, as a post's copula (袁國華是上海臨港經濟發展(集團)有限公司黨委書記、董事長).
    let named: PersonRef | undefined;
    if (!cv && (text[i] === "任" || text[i] === "是")) named = personEndingAt(ctx, i);
    if (named) verb = text[i];
    if (!verb) continue;
    const listStart = i + verb.length;
    // The clause before the verb, back to the clause's punctuation.
    let clauseStart = i;
    while (clauseStart > 0 && !/[，。；;！？!?,\n]/.test(text[clauseStart - 1])) clauseStart--;
    let person: PersonRef | undefined = named;
    const inClause = named ? [] : peopleIn(ctx, clauseStart, i);
    const last = inClause.sort((a, b) => a.nEnd - b.nEnd).at(-1);
    const before = text.slice(clauseStart, i);
    if (person) {
      // named right before 任 or 是
    } else if (last) person = { start: last.nStart, end: last.nEnd, label: last.label, entity: last.entity };
    else if (/^(?:[他她]|其)?[^\u3400-\u9fff]*(?:早年|此前|之前|还|也|并|又|后|随后)*$/.test(before) || /^[他她]/.test(before)) {
      // Never across a verb that makes someone else the clause's subject or object (免去…职务，不再担任…).
      const free = (m: RoleContext["mentions"][number]) => {
        const between = text.slice(m.nEnd, i);
        return !/免去|免职|接替|会见|看望|陪同|提名/.test(between) && !APPOINTMENT_VERBS.some((v) => between.includes(v));
      };
      // The sentence's person, named in an earlier clause (马宇骏转到地方任职，历任…, 1999年5月蔡奇赴浙江任职，先后担任…).
      let sentenceStart = clauseStart;
      while (sentenceStart > 0 && !/[。！？!?\n]/.test(text[sentenceStart - 1])) sentenceStart--;
      const inSentence = peopleIn(ctx, sentenceStart, i).sort((a, b) => a.nEnd - b.nEnd).at(-1);
      // Else the biography's: four sentences back at most. A run of sentence ends (。 then a paragraph's end) ends one sentence.
      let windowStart = sentenceStart;
      for (let n = 0; n < 5 && windowStart > 0; ) {
        windowStart--;
        if (/[。！？!?\n]/.test(text[windowStart]) && !/[。！？!?\n]/.test(text[windowStart + 1] ?? "")) n++;
      }
      // The subject of a clause there: a name that opens one, after a date at most (蔡奇，男，汉族…; 补选李伟为… names an object).
      const openers = peopleIn(ctx, windowStart, sentenceStart).filter((m) => /(^|[，。；！？,;!?：:\n])[0-9０-９年月日]*$/.test(text.slice(Math.max(0, m.nStart - 12), m.nStart)));
      const subject = inSentence ?? (openers.length === 1 ? openers[0] : undefined);
      if (subject && free(subject)) person = { start: subject.nStart, end: subject.nEnd, label: subject.label, entity: subject.entity };
    }
    if (!person) continue;
    if (!past && /曾|此前|原|早年/.test(before.slice(-3))) past = true;
    // The list: parts separated by 、 and 兼 form a chain; a ， closes the chain and may open another.
    const chains: TitleElement[][] = [[]];
    let segStart = listStart;
    let ended = false;
    for (let j = listStart; j <= text.length && j - listStart < 240; j++) {
      const c = text[j];
      const separator = j === text.length || c === "、" || c === "，" || c === "," || concurrentJoinAt(text, j) || /[。；;！？!?\n]/.test(c) || CAREER_LIST_END.test(text.slice(j, j + 3));
      if (!separator) continue;
      // A bracket after a post is no part of it (办公厅秘书(正处级)): the post ends before it.
      let segEnd = j;
      const bracket = /[(（][^()（）]*[)）]$/.exec(text.slice(segStart, j));
      if (bracket) segEnd -= bracket[0].length;
      const el = segEnd > segStart ? titlePhraseEndingAt(ctx, segEnd, segStart) : undefined;
      // A part that says more than a post is a clause of its own (如今已经是副董事长, 还曾兼任…: its own verb).
      const part = text.slice(segStart, segEnd);
      const isPost =
        el && el.start >= segStart && !CLAUSE_WORD.test(text.slice(segStart, el.start)) && !/[0-9０-９年月]|是|已经|如今|目前/.test(part) && !CAREER_VERBS.some((v) => part.includes(v.verb));
      if (isPost) chains[chains.length - 1].push(el!);
      else if (c !== "、") ended = true;
      if (ended || j === text.length || /[。；;！？!?\n]/.test(c) || CAREER_LIST_END.test(text.slice(j, j + 3))) {
        // 曾任市长的张三: the list describes the person after it.
        if (text.slice(j).replace(/^(等职务|等职|等|职务)/, "").startsWith("的")) chains.length = 0;
        break;
      }
      if (c === "，" || c === ",") chains.push([]);
      segStart = j + 1;
    }
    for (const chain of chains) {
      if (!chain.length) continue;
      sharedDivision(ctx, chain);
      sharedBody(ctx, chain);
      for (const el of chain) {
        const role = makeRole(ctx, person, el.title, el.org, el.start, el.end);
        if (past || el.past) role.past = true;
        out.push(role);
      }
    }
    i = listStart - 1;
  }
}

/** Binary search of tokens (in text order) for the one that starts at `pos`: few lookups, many tokens. */
function tokenStartingAt(tokens: Token[], pos: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = tokens[mid].start;
    if (start === pos) return tokens[mid];
    if (start < pos) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

function indexOrgMentionsByEnd(mentions: RoleContext["mentions"]): Map<number, number[]> {
  const byEnd = new Map<number, number[]>();
  mentions.forEach((m, i) => {
    if (!isOrgMention(m)) return;
    const list = byEnd.get(m.nEnd);
    if (list) list.push(i);
    else byEnd.set(m.nEnd, [i]);
  });
  return byEnd;
}

/** Extracts the roles stated in one document. `tokens` are nodejieba's tokens of `doc.normText`. */
export function extractRoles(doc: CleanDocument, mentions: Mention[], tokens: Token[], dictionary: Dictionary, nameIndex = buildNameIndex(dictionary)): Role[] {
  // Candidate people, and organisations the recogniser found (they carry its confidence), stand in
  // roles like linked ones; rule-based candidates come after roles and are not in `mentions`.
  const normMentions = toNormOffsets(doc, mentions.filter((m) => !m.candidate || m.type === "person" || "confidence" in m));
  const placeCounts = new Map<string, number>();
  for (const m of mentions) if (m.type === "place" && !m.candidate) placeCounts.set(m.label, (placeCounts.get(m.label) ?? 0) + 1);
  const ctx: RoleContext = {
    doc,
    text: doc.normText,
    mentions: normMentions,
    mentionAt: new Map(normMentions.map((m) => [m.nStart, m])),
    mentionEndingAt: new Map(normMentions.map((m) => [m.nEnd, m])),
    orgMentionsEndingAt: indexOrgMentionsByEnd(normMentions),
    tokenAt: (pos) => tokenStartingAt(tokens, pos),
    dictionary,
    nameIndex,
    placeLabels: [...placeCounts].sort((a, b) => b[1] - a[1]).map(([label]) => label),
    resolvedBodies: new Map(),
  };
  const found: Role[] = [];
  chainedTitles(ctx, found);
  namesThenGroupTitle(ctx, found);
  titleAfterName(ctx, found);
  bylines(ctx, found);
  appointments(ctx, found);
  careers(ctx, found);
  // A role is one row per document: the same person, title and organisation stated again (王坚院士 five
  // times in one article), or found by two patterns, adds its sentence to the first statement's row
  // rather than a row of its own, so that a list of roles reads as the roles an article states.
  // The same holds for one post written with and without its body in front (新乡市政协副主席梁常运 and
  // 市政协副主席梁常运: 副主席 and 市政协副主席 of 新乡市政协), and for a title stated with no body
  // beside the same title of a body (梅州广梅产业园投资开发有限公司董事长郭杰锋 … 郭杰锋董事长): one
  // role, the rows keyed by the title less the body's name as written.
  const byKey = new Map<string, Role>();
  const roles: Role[] = [];
  const sorted = found.sort((a, b) => a.start - b.start);
  const add = (first: Role, r: Role) => {
    if (!first.sentences!.includes(r.sentence)) first.sentences!.push(r.sentence);
    // Past only while every statement says so: 曾任 once and the same post before the name again is held.
    if (!r.past) delete first.past;
  };
  for (const r of sorted) {
    if (!r.org_label) continue;
    const key = `${r.person_label}|${bareTitle(r.title, r.org_label)}|${r.org ?? r.org_label}`;
    const first = byKey.get(key);
    if (first) {
      add(first, r);
      continue;
    }
    const row: Role = { ...r, sentences: [r.sentence] };
    byKey.set(key, row);
    byKey.set(`${r.person_label}|${bareTitle(r.title, r.org_label)}|`, byKey.get(`${r.person_label}|${bareTitle(r.title, r.org_label)}|`) ?? row);
    roles.push(row);
  }
  for (const r of sorted) {
    if (r.org_label) continue;
    // The company's post written with 公司 for the company the article names (宁德时代副董事长黄世霖辞去公司副董事长):
    // the same post as the one with its body.
    const first = byKey.get(`${r.person_label}|${r.title}|`) ?? byKey.get(`${r.person_label}|${r.title.replace(/^本?(?:公司|集团)(?=.)/, "")}|`);
    if (first) {
      add(first, r);
      continue;
    }
    const row: Role = { ...r, sentences: [r.sentence] };
    byKey.set(`${r.person_label}|${r.title}|`, row);
    roles.push(row);
  }
  for (const r of roles) {
    r.sentences!.sort((a, b) => a - b);
    r.sentence = r.sentences![0];
  }
  return roles.sort((a, b) => a.start - b.start);
}

/** A title less the name of its body written in front of it, whole or cut from the left (新乡市政协 → 市政协副主席 is 副主席). */
function bareTitle(title: string, org: string): string {
  for (let i = 0; i <= org.length - 2; i++) if (title.length > org.length - i && title.startsWith(org.slice(i))) return title.slice(org.length - i);
  return title;
}

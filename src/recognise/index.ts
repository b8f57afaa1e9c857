// The recogniser stage: person, place and organisation names in a document's normalised text, found
// by the character tagger (model.ts) and then checked by a few rules that the news Guanxi reads needs
// more than the training data taught: a name never takes the verb after it or the title before it,
// a word that is only ever a common word is not a name, Latin-script names after a title or before a
// speech verb. Offsets are in normalised text (doc.normText), like the tokens'.
import type { EntityType, Token } from "../types.ts";
import { defaultTagger, type NameTagger, type TaggedSpan } from "./model.ts";
import { LEX_LOC, LEX_ORG, LEX_PER, LEX_WORD } from "./lexicon.ts";
import { HONORIFICS, isNamedByKindOnly, SURNAMES, TITLE_WORDS } from "../roles/titles.ts";
import { GLUED_PREPOSITIONS, GLUED_VERBS, segmentTokens } from "../segment/tokens.ts";

export { defaultTagger } from "./model.ts";

export interface RecognisedName {
  start: number;
  end: number;
  /** The name as it stands in the text. */
  label: string;
  /** The tagger's type: PER, LOC or ORG. */
  ner: TaggedSpan["type"];
  /** The project's entity type (an organisation's kind from its last characters). */
  type: EntityType;
  confidence: number;
  /** What proposed it: "model", or "latin+cue" for a Latin-script name. */
  evidence: string;
  /** Set when the name is right as a name but too unspecific for a candidate entity (see unspecific). */
  unspecific?: string;
}

/** Verbs a person name is often written against with no space: 吴永亮说, 王坚任之江实验室主任. */
// 续称, 续指, 续说, 续道: "went on to say", as Hong Kong and financial news report a speaker's next words
// (張勇續稱 → 張勇). And the conjunction 及, which ends no given name (None of People's Daily's gold
// persons, dev), where a list of people goes on (中色大冶总经理王焱及总部相关部门负责同志 → 王焱).
const VERB_AFTER = /^(说|称|任|在|作|表示|指出|认为|强调|介绍|调研|出席|主持|会见|参加|担任|当选|出任|宣布|透露|回忆|坦言|告诉|来到|前往|到|带队|一行|同志|等|续称|续指|续说|续道|及)/;
/** The same verbs when a tagged name has taken their first character: 吴永亮说 → 吴永亮. */
const SWALLOWED_VERB_CHARS = new Set(["说", "称", "任", "在", "作", "表", "指", "认", "强", "介", "调", "出", "主", "会", "参", "担", "当", "宣", "透", "等", "和", "与", "及", "续"]);

/** Organisation kinds by ending; the first that matches wins (longer endings first). */
const ORG_KINDS: readonly [RegExp, EntityType][] = [
  [/(实验室|研究院|研究所|研究中心|科学院|大学|学院|学校|中学|小学|医院)$/, "lab"],
  // A company's headquarters (輝達海外企業總部) before the government's 部.
  [/总部$/, "company"],
  // 中院, 高院, 区院: the short forms of a court or procuratorate (成都中院, 浦东区院), no company's.
  [/(人民政府|政府|委员会|管委会|人大|政协|党委|党组|纪委|监委|法院|检察院|中院|高院|区院|公安局|议会|立法会|局|厅|部|署|办公室|办|委|处|总队|支队|大队|军区|部队)$/, "government"],
  // Places the tagger marks as organisations by their ending (金紫荆广场, 白云机场): sites, not bodies.
  // So are venues (上盛村气排球馆, 玉华里活动中心), as People's Daily marks them (虹口体育馆, 香港展览中心).
  [/(广场|公园|机场|码头|火车站|高铁站|体育馆|球馆|体育场|体育中心|活动中心|会议中心|展览中心|会展中心|剧院)$/, "place"],
  [/(论坛|博览会|峰会|大会|会议|运动会|锦标赛|展览会|赛)$/, "event"],
];

export function orgKind(name: string): EntityType {
  for (const [re, type] of ORG_KINDS) if (re.test(name)) return type;
  return "company";
}

const LATIN_NAME = /\b([A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2})\b/g;
/** Titles and verbs that show a Latin-script name is a person's (Tim Cook, 苹果CEO Tim Cook表示). */
const LATIN_TITLE_BEFORE = /(CEO|CTO|COO|创始人|董事长|总裁|首席执行官|总经理|主席|总统|总理|部长|教授|博士|先生|女士|记者|导演|作者)\s*$/;
const LATIN_VERB_AFTER = /^\s*(说|表示|认为|指出|称|透露|介绍|强调|宣布|坦言|告诉)/;

export interface RecogniseOptions {
  /** Names below this confidence are not returned. */
  minConfidence?: number;
  /** nodejieba's words of the text (the segment stage's); segmented here when not given. */
  tokens?: readonly Token[];
}

/** Names in normalised text. */
export function recogniseNames(text: string, tagger: NameTagger = defaultTagger(), options: RecogniseOptions = {}): RecognisedName[] {
  const minConfidence = options.minConfidence;
  const out: RecognisedName[] = [];
  // nodejieba's words: the tagger's features read them, and so does the check of unspecific names.
  const tokens = options.tokens ?? segmentTokens(text);
  for (const s of tagger.tag(text, tokens)) {
    const bounds = trimmedBounds(text, s, tagger);
    const start = s.type === "ORG" ? wordStart(text, tokens, bounds.start, out, tagger) : bounds.start;
    const end = bounds.end;
    const label = text.slice(start, end);
    if (s.confidence < (minConfidence ?? MIN_CONFIDENCE[s.type]) || rejection(label, s.type, tagger) || splitsLatinWord(text, start, end)) continue;
    const type: EntityType = s.type === "PER" ? "person" : s.type === "LOC" ? "place" : orgKind(label);
    const name: RecognisedName = { start, end, label, ner: s.type, type, confidence: s.confidence, evidence: "model" };
    // The speaker an organisation swallowed before 代表 (胡海建代表学校党委: trimmed above) is a person.
    const speaker = s.type === "ORG" ? text.slice(s.start, bounds.start) : "";
    if (speaker.length >= 4 && speaker.length <= 5 && speaker.endsWith("代表") && (SURNAMES.has(speaker[0]) || tagger.isSurname(speaker.charCodeAt(0))) && plausible(speaker.slice(0, -2), "PER", tagger)) {
      out.push({ start: s.start, end: bounds.start - 2, label: speaker.slice(0, -2), ner: "PER", type: "person", confidence: 0.75, evidence: "name+代表" });
    }
    const why = unspecific(label, s.type, tagger, wordsAt(text, tokens, start, end));
    if (why) name.unspecific = why;
    out.push(name);
  }
  completeCutNames(text, out, tagger, tokens);
  // Characters already inside a name: the rule-based passes below add names only where none is.
  const covered = new Uint8Array(text.length + 1);
  for (const n of out) covered.fill(1, n.start, n.end);
  titleCuedNames(text, out, tagger, covered, tokens);
  latinNames(text, out, covered);
  latinCompanies(text, out, covered);
  dropPeopleListedAsFirms(text, out);
  return out.sort((a, b) => a.start - b.start);
}

/** nodejieba's tags of function words (adverbs, conjunctions, prepositions, particles, pronouns): never a name's last character's word. */
const FUNCTION_TAGS = /^(d|c|p|u|uj|ul|uz|ud|ug|uv|r|m|q|f|y|e|o)$/;

/**
 * A two-character person the tagger cut before a word nodejieba glued its last given-name character
 * to (董事长贾泉涌出席: 贾 | 泉涌 | 出席, tagged 贾泉): the name takes that character where the document
 * writes the longer name as a name elsewhere (贾泉涌表示), or where the word crosses the cut and a name's
 * end follows it (a verb of speech or action, punctuation). Not over a function word (王刚 | 刚才说).
 */
function completeCutNames(text: string, out: RecognisedName[], tagger: NameTagger, tokens: readonly Token[]): void {
  const persons = new Set(out.filter((n) => n.ner === "PER").map((n) => n.label));
  const at = wordsAt(text, tokens, 0, text.length);
  for (let i = 0; i < out.length; i++) {
    const n = out[i];
    if (n.ner !== "PER" || n.end - n.start !== 2 || tagger.lexicon.has(n.label) & LEX_PER || !/^[\u4e00-\u9fff]$/.test(text[n.end] ?? "")) continue;
    if (out.some((o) => o !== n && o.start <= n.end && o.end > n.end)) continue;
    const longer = text.slice(n.start, n.end + 1);
    const word = at.tokenAt(n.end - 1);
    const crosses = !!word && word.start === n.end - 1 && word.end === n.end + 1 && !FUNCTION_TAGS.test(word.tag) && AFTER_NAME.test(text.slice(n.end + 1));
    if (!(persons.has(longer) || crosses) || !plausible(longer, "PER", tagger)) continue;
    out[i] = { ...n, end: n.end + 1, label: longer };
  }
}

/**
 * The end of a list that says its items are firms: 等企业, 9家重点企业, 等5家单位 (走访沃尔德电缆、
 * 华强迪奥…9家重点企业). A count of 家 is said only of firms and sites; 等企业 without a count may
 * still name people (雷军、董明珠等企业家), so it counts only when no word for people follows.
 */
const FIRM_LIST_TAIL = /(?:等(?:[0-9]+|[一二两三四五六七八九十百几多数]+)?|(?:[0-9]+|[一二两三四五六七八九十百几多数]+))(家)?(?:重点|规上|规模以上|骨干|龙头|民营|外资|中小|科技型|高新技术|制造业|工业|入驻|签约|相关)*(?:企业|公司|工厂|厂家|商户|门店|单位|银行|机构)(?!家|负责人|代表|主|老板|高管|员工|职工|人员|管理|领导|董事|总经理|经理|人士)/y;
const CLAUSE_END = /[，,。；;：:！!？?\n]/;
/** Verbs a list of visited or named firms follows: 到, 走访, 深入, 考察, 包括… */
const LIST_OPENING = /(?:到|赴|走访|深入|来到|前往|察看|考察|调研|参观|视察|包括|有)$/;

/**
 * A person the tagger read inside a list of firms (沃尔德 of 沃尔德电缆, the first of nine firms
 * visited): a name cut from a firm's, not a person's. Only in a list of two or more items (joined by
 * 、) that ends in such a tail, within one clause.
 */
function dropPeopleListedAsFirms(text: string, out: RecognisedName[]): void {
  for (let i = out.length - 1; i >= 0; i--) {
    const name = out[i];
    if (name.ner !== "PER") continue;
    let left = name.start;
    // A clause of news is short: the scan stops 200 characters out (a page with no punctuation would make it quadratic).
    while (left > 0 && name.start - left < 200 && !CLAUSE_END.test(text[left - 1])) left--;
    let right = name.end;
    while (right < text.length && right - name.end < 200 && !CLAUSE_END.test(text[right])) right++;
    const lastJoin = text.lastIndexOf("、", right - 1);
    if (lastJoin < left || text.slice(name.start, name.end).includes("、")) continue;
    // The name opens an item: after 、 or after the verb that opens the list (先后到沃尔德电缆、…), not
    // the visitor's own name at the clause's start.
    if (text[name.start - 1] !== "、" && !LIST_OPENING.test(text.slice(left, name.start))) continue;
    let listed = false;
    for (let at = Math.max(lastJoin + 1, name.end); at < right && !listed; at++) {
      FIRM_LIST_TAIL.lastIndex = at;
      const tail = FIRM_LIST_TAIL.exec(text);
      // A count with 家, or 等 with no count: 三位 or 5名 are people's counts, and the regex asks 家 or 等.
      if (tail && tail.index + tail[0].length <= right && (tail[1] || text[at] === "等")) listed = true;
    }
    if (listed) out.splice(i, 1);
  }
}

/**
 * The tagger's names below this confidence are dropped. Chosen on People's Daily sentences held out
 * from training (a model trained with --holdout, its spans on peoples-daily-dev counted right / wrong
 * per confidence band of 0.05): for the model of 3 December, persons of 0.70–0.75 are 2 right / 4
 * wrong, places of 0.50–0.60 22 / 28, organisations of 0.60–0.65 7 / 8; each band above is right
 * more often than wrong.
 */
export const MIN_CONFIDENCE: Record<TaggedSpan["type"], number> = { PER: 0.75, LOC: 0.6, ORG: 0.65 };

/** 代表 as the verb "on behalf of", not as the word of a body's name (代表大会, 代表团, 代表处, 代表室). */
const ON_BEHALF_OF = /代表(?!大会|团|处|室|会)/;

/** Words that qualify a post held, as news writes them before a title (新任总会长, 首任理事长, 时任市长). */
const POST_QUALIFIER = /新任|前任|现任|首任|候任|时任|继任/;

const MIDDLE_DOTS = new Set(["·", "・", "•", "‧"]);
const ORG_LATIN_TAIL = /(?:医院|大学|学院|公司|集团|银行|中心|研究院|研究所|学校|中学|小学|协会|学会|局|委员会)([A-Za-z0-9]+[\u4e00-\u9fff]?)$/;

/** A tagged person's bounds less a verb it swallowed after it or a title before it. */
export function trimmedBounds(text: string, s: TaggedSpan, tagger: NameTagger): { start: number; end: number } {
  let { start, end } = s;
  // A separating dot is never a name's edge (松江区·庄河市 → 庄河市).
  while (end - start > 1 && MIDDLE_DOTS.has(text[start])) start++;
  while (end - start > 1 && MIDDLE_DOTS.has(text[end - 1])) end--;
  // Nor is a space (a page's 、 监察委员会 gave the label " 监察委员会", which no generic check knew).
  while (end - start > 1 && /\s/.test(text[start])) start++;
  while (end - start > 1 && /\s/.test(text[end - 1])) end--;
  if (s.type === "ORG") {
    // A Latin or digit run after the word that ends an organisation's name is the next word (禹州光明医院B超).
    const tail = ORG_LATIN_TAIL.exec(text.slice(start, end));
    if (tail) end -= tail[1].length;
    // A word that qualifies a post (新任, 前任, 首任) is no part of a body's name: the body ended before
    // the post it opens (世界廣東同鄉總會新任總會長: 世界广东同乡总会, not …总会新任总会).
    const post = POST_QUALIFIER.exec(text.slice(start, end));
    if (post && post.index >= 2) end = start + post.index;
    // 代表 ("on behalf of") between a speaker and a body is the clause's verb: the body is what follows
    // it (胡海建代表学校党委向…致以问候, 省科协主席韩军代表省科协第十届委员会作报告). Not the 代表 of a
    // body's own name (代表大会, 代表团, 代表处).
    // A company's board before its chair's or secretary's post is the company's organ, and the post the
    // company's (新华集团董事会主席蔡冠深: 新华集团, as 阿里巴巴董事局主席 is Alibaba's).
    if (end - start > 5 && /董事[会局]$/.test(text.slice(start, end)) && /^(副?主席|秘书)/.test(text.slice(end, end + 3))) end -= 3;
    // A body's channel after its name is the body's, not a body (中国农业发展银行网站显示: the bank).
    const channel = /(?:官方网站|网站|官网|官方微博|微博|微信公众号|公众号)$/.exec(text.slice(start, end));
    if (channel && end - channel[0].length - start >= 4) end -= channel[0].length;
    const behalf = ON_BEHALF_OF.exec(text.slice(start, end));
    if (behalf && behalf.index >= 2 && end - (start + behalf.index + 2) >= 2) start += behalf.index + 2;
  }
  if (s.type !== "PER") return { start, end };
  // A Latin title or word before a Chinese name is not part of it (CEO阿尔特曼 → 阿尔特曼).
  const latinLead = /^[A-Za-z0-9][A-Za-z0-9\s]*(?=[\u4e00-\u9fff]{2})/.exec(text.slice(start, end));
  if (latinLead && /^[\u4e00-\u9fff]+$/.test(text.slice(start + latinLead[0].length, end))) start += latinLead[0].length;
  // A name has swallowed the verb after it: give the verb back.
  while (end - start > 2 && SWALLOWED_VERB_CHARS.has(text[end - 1]) && VERB_AFTER.test(text.slice(end - 1, end + 2)) && !(tagger.lexicon.has(text.slice(start, end)) & LEX_PER)) end--;
  // ...or the title before it (区长沙赛区 is not a person).
  for (let k = Math.min(4, end - start - 2); k >= 2; k--) {
    if (tagger.titles.has(text.slice(start, start + k))) {
      start += k;
      break;
    }
  }
  // ...or a title after it, whole or its first character: 陈校长 is the surname 陈 and 校长 (People's
  // Daily marks 陈 alone), neither a person 陈校长 nor 陈校. Only for an unlisted, surname-led name
  // (王军长期: 王军 is a name) and the titles people are addressed by (HanLP's long list of posts
  // holds 科夫, which would cut 普里马科夫).
  if (!(tagger.lexicon.has(text.slice(start, end)) & LEX_PER) && (SURNAMES.has(text[start]) || tagger.isSurname(text.charCodeAt(start)))) {
    const whole = [3, 2].find((k) => end - start > k && ADDRESS_TITLES.has(text.slice(end - k, end)));
    if (whole) end -= whole;
    else if (end - start === 2 && [2, 3].some((k) => ADDRESS_TITLES.has(text.slice(end - 1, end - 1 + k)))) end--;
    // ...or a title's first character alone, as people are addressed in speech and in reports (梁检表示:
    // 梁 and 检察长; 王总说: 王 and 总经理): the surname alone, where the name ends as a name does.
    else if (end - start === 2 && SHORT_ADDRESS_TITLES.has(text[end - 1]) && AFTER_NAME.test(text.slice(end))) end--;
  }
  return { start, end };
}

/**
 * Why a tagged span is not a name, or undefined when it may be. Each reason is one rule, and each was
 * kept only if, on People's Daily sentences held out from training, most of the spans it turns away
 * are wrong (scripts/bench-recogniser.ts --rules prints the count per rule).
 */
export function rejection(label: string, type: TaggedSpan["type"], tagger: NameTagger): string | undefined {
  if (/^[\d\s\p{P}]+$/u.test(label) || /[，。、；：！？“”‘’（）《》「」,;:!?()"'\[\]{}<>]/.test(label)) return "punctuation";
  if (type !== "PER") {
    // A member's post ends no body: 民进党立委, 台中市立委, 蒋万安立委 are a legislator and the party,
    // place or person before the post (委 ends bodies, 市委, but not these).
    if (type === "ORG" && MEMBER_POST_END.test(label)) return "post";
    // Generic words open no place (新一轮乡, 新马); organisations they do (新华社, 新四军).
    if (type === "LOC" && NOT_A_NAME_START.test(label) && !(tagger.lexicon.has(label) & (LEX_LOC | LEX_ORG))) return "generic start";
    return undefined;
  }
  // A photo caption's position (李家超（左五）): 左五, 右二, 前排.
  if (/^[左右前后中][一二三四五六七八九十]+$|^[前后中]排/.test(label)) return "photo position";
  // A title alone is no one's name (藍委 before 楊瓊瓔: Taiwan's "blue legislator").
  if (TITLE_SET.has(label)) return "title";
  // Malaysia's honorifics stand between a post and a name (名誉会长丹斯里钟廷森, 会长拿督戴良业): no name.
  if (HONORIFIC_SET.has(label)) return "honorific";
  const bits = tagger.lexicon.has(label);
  // A common word, listed as nothing else (单位, 殷殷, 成立): not a person, whatever its context. (Places
  // and organisations are often common words too: 国会, 海军, 广场.)
  if (bits & LEX_WORD && !(bits & (LEX_PER | LEX_LOC | LEX_ORG))) return "common word";
  if (/[的了是和与在]$/.test(label)) return "particle at the end";
  // A surname and 氏 is a clan (黃氏宗親會) or a reference back to a person already named (黃氏表示:
  // "Mr Huang"), never a name of its own. None of People's Daily's gold persons (dev) ends so.
  if (label.length === 2 && label[1] === "氏") return "clan";
  // A court's numbered chamber, by its kind of case (刑一庭, 民二庭, 商三庭, 执一庭), as court news writes
  // it before a judge's name (我院刑一庭余剑合议庭): a division, never a person.
  if (/^[刑民商执审][一二三四五六七八九十]庭$/.test(label)) return "court division";
  if (bits & LEX_PER || label.length < 2 || /[A-Za-z·・\-]/.test(label)) return undefined;
  // 外 closes 除…外 ("besides"), not an unlisted name (企业家代表外): none of People's Daily's gold persons
  // (dev) ends so.
  if (label.endsWith("外")) return "postposition at the end";
  // Transliterated names (若斯潘, 内塔尼亚胡): all their characters are used in listed ones.
  if (label.length >= 3 && isForeign(label, tagger)) return undefined;
  // A building's or a port's word ends a place's name, not a person's (代王府, 大同国际陆港: the tagger
  // took 代 and 陆 for surnames). None of People's Daily's 884 gold persons (dev, held out) ends so,
  // but the transliterated 巴蒂斯图塔, kept above.
  if (PLACE_WORD_END.test(label)) return "place word at the end";
  if (label.length > 3) return "long unlisted person";
  if (!SURNAMES.has(label[0]) && !tagger.isSurname(label.charCodeAt(0))) return "no surname";
  return undefined;
}

/** nodejieba's classes of the words a name may open with: nouns and names, abbreviations, unknown words. */
const NOUN_TAG = /^(n|ng|nr|nrt|nrfg|ns|nt|nz|j|x)$/;

/**
 * An organisation starts where a word starts: one that starts inside a noun of nodejieba's takes the
 * whole word (新乡经开区管委会 was 开区管委会, 集中区党工委 was 中区党工委: the tagger left 经 and 集 out,
 * while nodejieba holds 经开区 and 集中区 as words). At most two characters back, never into a name
 * found before it nor over a character that is not Chinese.
 */
function wordStart(text: string, tokens: readonly Token[], start: number, found: readonly RecognisedName[], tagger: NameTagger): number {
  const t = wordsAt(text, tokens, start, start).tokenAt(start);
  if (!t || t.start >= start || start - t.start > 2 || !NOUN_TAG.test(t.tag) || !/^[\u4e00-\u9fff]+$/.test(t.word)) return start;
  // Not over a modifier nodejieba glued to the name (原盖|瑞银|河公司: "the former 盖瑞银河公司").
  if (/^[原前现新老旧该本各全]$/.test(text.slice(t.start, start))) return start;
  // Nor over a preposition glued to a name or a level into an unknown word (经中国 | 文物局, 由美国 |
  // 标准技术局, 据区 | 人大; but 经开区 is a word of its own: 开区 is neither), nor over a verb glued so
  // (湛东升任中国 | 农业发展银行党委书记: 任 is "took the post").
  const rest = text.slice(t.start + 1, t.end);
  if (t.tag === "x" && (GLUED_PREPOSITIONS.has(text[t.start]) || GLUED_VERBS.has(text[t.start])) && (/^[省市区县镇乡州]$/.test(rest) || tagger.lexicon.has(rest) & (LEX_LOC | LEX_ORG | LEX_PER))) return start;
  const previous = found[found.length - 1];
  return previous && previous.end > t.start ? start : t.start;
}

/** Posts of a member of a legislature or a committee, which a tagged organisation may run into. */
const MEMBER_POST_END = /(立委|蓝委|绿委|常委|议员|委员)$/;
const TITLE_SET: ReadonlySet<string> = new Set(TITLE_WORDS);
const HONORIFIC_SET: ReadonlySet<string> = new Set(HONORIFICS);

/** Characters that end the names of buildings and places (王府, 陆港, 寺, 陵), never an unlisted person's. */
const PLACE_WORD_END = /[府港宫寺庙馆陵塔桥]$/;

const LATIN_OR_DIGIT = /[A-Za-z0-9]/;
/** Whether a span starts or ends inside a run of Latin letters and digits (三星Exyno|s, 红米K|40): never a name's edge. */
export function splitsLatinWord(text: string, start: number, end: number): boolean {
  const inside = (a: number, b: number) => a >= 0 && b < text.length && LATIN_OR_DIGIT.test(text[a]) && LATIN_OR_DIGIT.test(text[b]);
  return inside(start - 1, start) || inside(end - 1, end);
}

function isForeign(label: string, tagger: NameTagger): boolean {
  for (let i = 0; i < label.length; i++) if (tagger.foreignChars[label.charCodeAt(i)] !== 1) return false;
  return true;
}

/** Whether a span can stand as a person found by a cue (the rules above, and two characters at least). */
function plausible(label: string, type: TaggedSpan["type"], tagger: NameTagger): boolean {
  return label.length >= 2 && rejection(label, type, tagger) === undefined && unspecific(label, type, tagger) === undefined;
}

/** Given-name characters seen fewer times than 2^(this - 1) in People's Daily names make no name. */
const MIN_GIVEN_BUCKET = 2;
/** Words that open phrases, not names (新中心, 第…, 全链, 各单位). */
const NOT_A_NAME_START = /^[新第全各本该其一每此这那]/;
/** A count opens a phrase (四大省实验室, 十大工程), not a name: for candidates only (the tagger's spans keep it). */
const COUNT_START = /^(?:[一二三四五六七八九十两几数多][大个项家所座条批]|[两几数多]国)/;
/**
 * A count of bodies after a place (北京三家市属银行, 多国驻沪总领事馆) counts them: a group, no one body's
 * name. Only the counters of bodies (家, 个, 所, 批, 国 after a vague count), never after 第 (第一所).
 */
const COUNT_INSIDE = /(?<!第)(?:[一二三四五六七八九十两几数多][家个所批]|[两几数多]国)/;

/**
 * Why a recognised name is too unspecific to stand as an entity of its own in the graph, or undefined.
 * These names are right as names (the evaluation sets mark 中, 美, 市委, 县委 as places and
 * organisations) but name no one thing, or, when no list knows them, are more often the phrases of
 * government prose than names: one character (中, the 王 of 老王); a body of a level with no proper name
 * (省市纪委, 县委); and, for a name no gazetteer lists, anything not built like one: a person of rare
 * given-name characters, a place or organisation of three characters or fewer (强链, 开新局), opening
 * with a generic word, without a word that ends such names (市, 区, 局, 公司, 中心…), or holding a
 * conjunction or a modifier standing on its own (杭州城市新中心). They may still link to a dictionary
 * entry; they are not proposed as candidates.
 */
export function unspecific(label: string, type: TaggedSpan["type"], tagger: NameTagger, words?: WordsAt): string | undefined {
  if (label.length < 2) return "one character";
  // 杨某, 陈某进, 王某某: a person the article keeps anonymous; the same form in two articles is two people.
  if (type === "PER" && /^[\u4e00-\u9fff]{1,2}某/.test(label)) return "anonymised";
  if (type !== "PER" && isNamedByKindOnly(label)) return "generic body";
  // A lower-case Latin word (while, data) is text, not an organisation's or a place's name.
  if (type !== "PER" && /^[a-z][a-z\s\-]*$/.test(label)) return "lower-case Latin word";
  // A generic word and a level (新村, 全市, 各区): listed as a village somewhere, but no name here.
  if (type !== "PER" && label.length === 2 && NOT_A_NAME_START.test(label) && /[村市区县乡镇省州]$/.test(label)) return "generic start";
  const bits = tagger.lexicon.has(label);
  if (bits & (LEX_PER | LEX_LOC | LEX_ORG)) return undefined;
  if (/[A-Za-z]/.test(label)) return undefined;
  if (type !== "PER" && holdsClauseWord(label, words)) return "phrase";
  if (type === "ORG" && endsInCommonWord(label, words)) return "phrase";
  if (label.length >= 3 && type !== "ORG" && (isForeign(label, tagger) || /[·・]/.test(label))) return undefined;
  if (type === "PER") {
    for (let i = 1; i < label.length; i++) if (tagger.given[label.charCodeAt(i)] < MIN_GIVEN_BUCKET) return "rare given-name character";
    return undefined;
  }
  if ((NOT_A_NAME_START.test(label) && !opensWithProperWord(label, words)) || COUNT_START.test(label)) return "generic start";
  if (type === "ORG" && COUNT_INSIDE.test(label)) return "count of bodies";
  if (label.length <= 3) return "short unlisted place or organisation";
  if (/[和与及、]/.test(label) || hasLoneModifier(label, words)) return "phrase";
  if (type === "ORG" && opensWithJointVerb(label, words)) return "generic start";
  // A team is people within a body (国美的科研团队), not a body. (A 小组 may be one: 国际联络小组.)
  if (type === "ORG" && label.endsWith("团队")) return "group of people";
  const suffixes = type === "LOC" ? tagger.placeSuffixes : tagger.orgSuffixes;
  let suffixed = false;
  for (let k = Math.min(3, label.length - 2); k >= 1 && !suffixed; k--) suffixed = suffixes.has(label.slice(label.length - k));
  if (!suffixed) return "no suffix";
  // Last: a suffix the tagger found in the first character of a word (行政处 | 罚).
  if (type === "ORG" && endsInsideWord(label, words)) return "cut inside a word";
  return undefined;
}

/**
 * Whether nodejieba reads the name's first characters as a proper name of its own (新华 | 集团, 全兴 | 队):
 * then a generic character there (新, 全) opens that name, not a phrase (新 | 一轮, 全市, 各 | 单位).
 */
function opensWithProperWord(label: string, at: WordsAt | undefined): boolean {
  if (!at) return false;
  const t = at.tokenAt(at.start);
  return !!t && t.start === at.start && t.end - t.start >= 2 && t.end < at.start + label.length && /^(nt|nz|ns|nr|nrt|nrfg|j)$/.test(t.tag);
}

/**
 * Whether an organisation's name opens with a verb of joint action that nodejieba cuts off (联合 研发中心,
 * 共建 实验室): what partners set up together, named by its kind, not one body's name. Only these verbs:
 * on People's Daily, names opening with other verbs are mostly real (选拔领导小组办公室).
 */
function opensWithJointVerb(label: string, at: WordsAt | undefined): boolean {
  if (!at) return false;
  const t = at.tokenAt(at.start);
  return !!t && t.start === at.start && t.end < at.start + label.length && t.tag === "v" && JOINT_VERBS.has(t.word);
}
const JOINT_VERBS = new Set(["联合", "共建", "合作", "共同", "联建", "合建", "共创"]);

/**
 * Whether the name holds a one-character adjective or adverb that nodejieba cuts as a word of its own
 * (杭州 城市 新 中心): names keep such characters inside longer words (新华社, 全兴队, 大西洋).
 */
function hasLoneModifier(label: string, at: WordsAt | undefined): boolean {
  if (!at) return false;
  for (let i = 1; i < label.length - 1; i++) {
    if (!LONE_MODIFIERS.has(label[i])) continue;
    const t = at.tokenAt(at.start + i);
    if (t && t.end - t.start === 1 && /^(a|ad|d)$/.test(t.tag)) return true;
  }
  return false;
}

/**
 * Words of a clause, not of a name: the copula and prepositions (庆阳市是中交集团在…, 昭通市对集团的关心),
 * the verbs of a visit or a meeting (上海参观快递物流总部装运中心, 主持召开县委…), and those of speech
 * (表示医院将…: "said the hospital will"). The tagger runs a place and an organisation together over
 * them; as nodejieba's words of their own (not inside a word: 对外经济贸易大学, 考察队) they never stand
 * in a name.
 */
const CLAUSE_WORDS = new Set(["是", "对", "把", "被", "向", "从", "参观", "召开", "会见", "考察", "调研", "走访", "前往", "来到", "举行", "出席", "主持", "陪同", "表示", "指出", "认为", "强调"]);

/** Whether nodejieba cuts one of CLAUSE_WORDS as a word of its own inside the name. */
function holdsClauseWord(label: string, at: WordsAt | undefined): boolean {
  if (!at) return false;
  for (let i = 0; i < label.length; i++) {
    const t = at.tokenAt(at.start + i);
    if (t && t.start === at.start + i && t.end <= at.end && CLAUSE_WORDS.has(t.word)) return true;
  }
  return false;
}

/**
 * Common words that end with a body's character (布局 with 局, 内部 with 部, 社会 with 会): an
 * organisation the tagger ended on one of them (华远陆港产业布局) ran into the clause. None of People's
 * Daily's 984 gold organisations (dev, held out) ends so.
 */
const COMMON_WORDS_ENDING_AS_BODIES = new Set(["布局", "格局", "大局", "全局", "开局", "结局", "变局", "新局", "内部", "外部", "全部", "局部", "社会", "机会"]);

/** Whether nodejieba's last word of the name ends with one of COMMON_WORDS_ENDING_AS_BODIES (产业布局), after another word. */
function endsInCommonWord(label: string, at: WordsAt | undefined): boolean {
  if (!at || label.length < 3) return false;
  const t = at.tokenAt(at.end - 1);
  return !!t && t.end === at.end && t.start > at.start && [...COMMON_WORDS_ENDING_AS_BODIES].some((w) => t.word.endsWith(w));
}

/**
 * Whether an organisation ends inside a word of nodejieba's (大名县环境行政处 | 罚 of 行政处罚, 礼宾协 | 调
 * of 协调): the tagger took a word's first character for a body's last (处, 协), and the body, if any, is
 * longer or elsewhere. Not where a post starts at the cut or at the body's last character (北京大学党委 |
 * 书记 of 党委书记, 外交部 | 长 of 外交部长): bodies end where their posts start.
 */
function endsInsideWord(label: string, at: WordsAt | undefined): boolean {
  if (!at || label.length < 3) return false;
  const t = at.tokenAt(at.end - 1);
  if (!t || t.end <= at.end || t.start >= at.end) return false;
  const rest = at.text.slice(at.end, t.end);
  // Chinese on both sides of the cut (a word of letters or digits runs on for other reasons), and no
  // post starting at the cut or one character before it (市委 | 副书记 in nodejieba's 委副, 部 | 长).
  if (!/^\p{Script=Han}+$/u.test(rest)) return false;
  // A head or a member of the body after it (澳门日报社 | 长, 松日队 | 员): posts no list need hold.
  if (/^[长员]/.test(rest)) return false;
  return !TITLE_WORDS.some((w) => at.text.startsWith(w, at.end) || at.text.startsWith(w, at.end - 1));
}

/** A name's place in its text, and nodejieba's words there: the token that covers a text offset. */
export interface WordsAt {
  text: string;
  /** Where the name starts and ends in `text` (which the tokens index). */
  start: number;
  end: number;
  tokenAt(offset: number): Token | undefined;
}

/** A WordsAt over `tokens` (in text order). */
export function wordsAt(text: string, tokens: readonly Token[], start: number, end: number): WordsAt {
  return {
    text,
    start,
    end,
    tokenAt(offset) {
      let lo = 0;
      let hi = tokens.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (tokens[mid].end <= offset) lo = mid + 1;
        else if (tokens[mid].start > offset) hi = mid - 1;
        else return tokens[mid];
      }
      return undefined;
    },
  };
}
const LONE_MODIFIERS = new Set("新老大小高强优好全多各更最再又也都很".split(""));

/**
 * Titles of an open list (HanLP's posts and titles, the roles module's, and these) before which a
 * name the tagger missed is still taken: 阿里巴巴创始人马云表示.
 */
const CUE_TITLES = [
  "导演", "主编", "总编辑", "记者", "作者", "编剧", "主持人", "创始人", "联合创始人", "董事长", "副董事长", "总经理", "副总经理",
  "总裁", "副总裁", "首席执行官", "CEO", "局长", "副局长", "处长", "主任", "副主任", "书记", "副书记", "市长", "副市长", "区长",
  "副区长", "县长", "省长", "部长", "主席", "副主席", "院长", "校长", "教授", "研究员", "院士", "常委", "委员", "代表", "合伙人",
  "负责人", "总监", "经理", "秘书长", "理事长", "会长", "总会长", "总工程师", "首席科学家", "科学家", "工程师", "医生", "律师", "运动员", "教练",
];
/** Titles a person is called by after the surname (陈校长, 冯警官, 王老师): with them, the surname is no name of its own. */
const ADDRESS_TITLES = new Set([
  ...CUE_TITLES.filter((t) => /^[\u4e00-\u9fff]+$/.test(t)),
  "警官", "老师", "师傅", "队长", "所长", "科长", "厂长", "站长", "行长", "社长", "总编", "法官", "检察官", "检察长", "大夫", "护士", "教练员", "团长", "村长", "镇长", "乡长", "支书",
  // Forms of address by age or kinship, and the courtesy ones: news names people it keeps anonymous so
  // (徐阿婆, 张先生, 李女士); the surname alone is no name to propose.
  "阿婆", "阿姨", "阿伯", "阿公", "阿叔", "大爷", "大妈", "大娘", "大姐", "大哥", "奶奶", "爷爷", "婆婆", "老伯", "老太", "先生", "女士", "小姐", "同学",
]);

/** First characters of titles that stand for the whole title after a surname (梁检, 王总, 李董, 张局). */
const SHORT_ADDRESS_TITLES: ReadonlySet<string> = new Set(["检", "总", "董", "局", "厅"]);

/** What may follow a name: punctuation, a list mark, a verb of speech or action, the end. */
const AFTER_NAME = /^($|[、，。；：！？,;:!?（）()\s“”"]|表示|说|称|指出|认为|强调|介绍|调研|出席|主持|会见|参加|透露|坦言|告诉|等|同志|一行|带队|率队|陪同|代表|在|任|和|与|及)/;

const PLACE_OR_BODY_END = /[区市县省镇村乡局院会部厅处委办司队站所场园馆]$/;

let cueTitles: Set<string> | undefined;
let cueTitleEnds: Uint8Array | undefined;

function isCovered(covered: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (covered[i]) return true;
  return false;
}

/** The cue titles: CUE_TITLES and the model's titles (built once). */
function cueTitleSet(tagger: NameTagger): Set<string> {
  if (!cueTitles) {
    cueTitles = new Set([...CUE_TITLES, ...tagger.titles].filter((t) => t.length >= 2 && t.length <= 6));
    cueTitleEnds = new Uint8Array(65536);
    for (const t of cueTitles) cueTitleEnds[t.charCodeAt(t.length - 1)] = 1;
  }
  return cueTitles;
}

function titleCuedNames(text: string, out: RecognisedName[], tagger: NameTagger, covered: Uint8Array, tokens: readonly Token[]): void {
  const cueTitles = cueTitleSet(tagger);
  const cjk = (c: number) => c >= 0x4e00 && c <= 0x9fff;
  for (let i = 2; i < text.length; i++) {
    if (cueTitleEnds![text.charCodeAt(i - 1)] !== 1) continue;
    // No name can start here without a surname (the first check of the loop below), and most places
    // after a title's last character have none: they are passed before any title is looked up.
    if (!tagger.isSurname(text.charCodeAt(i)) && !SURNAMES.has(text[i])) continue;
    let isTitle = false;
    let titleLength = 0;
    for (let k = 2; k <= 6 && k <= i && !isTitle; k++) if ((isTitle = cueTitles.has(text.slice(i - k, i)))) titleLength = k;
    if (!isTitle) continue;
    // A title that is the start of a longer one is not the cue (班主 of 班主任电话): the longer one is.
    if (cueTitles.has(text.slice(i - titleLength, i + 1)) || cueTitles.has(text.slice(i - titleLength, i + 2))) continue;
    // Nor one whose end starts another title running past it (民盟主任曾亮: 盟主 | 任 is 民盟 and 主任).
    if (overlapsLaterTitle(text, i - titleLength, i, cueTitles)) continue;
    // A title right after a person's name is that person's (王叙平董事长全程参加): what follows is the clause.
    if (out.some((n) => n.ner === "PER" && n.end === i - titleLength)) continue;
    // Names listed after the title: 副市长甲、乙、丙.
    let p = i;
    for (let listed = 0; listed < 8; listed++) {
      // The tagger's surnames (HanLP's figures) or the common ones of roles/titles.ts: HanLP counts 龙 and
      // 吉 as surnames too rarely to say so, and 董事长龙卫国 was missed. Those are also words (时, 和):
      // a name by them alone must be one nodejieba does not cut as a verb or end inside a word.
      const listedOnly = !tagger.isSurname(text.charCodeAt(p));
      if (listedOnly && !SURNAMES.has(text[p])) break;
      let found = 0;
      for (const len of [3, 2]) {
        const e = p + len;
        if (e > text.length) continue;
        let ok = true;
        for (let j = p; j < e; j++) if (!cjk(text.charCodeAt(j))) ok = false;
        if (!ok || !AFTER_NAME.test(text.slice(e, e + 2))) continue;
        const label = text.slice(p, e);
        // A place or body word is not a name (城市赛区长沙赛区: 区长 is not a title there).
        if (cueTitles.has(label) || PLACE_OR_BODY_END.test(label) || !plausible(label, "PER", tagger)) continue;
        if (listedOnly && !givenNameWords(text, tokens, p + 1, e)) continue;
        // Nor a word that is itself a form of address or a title (学生和老师: 和 is a conjunction there).
        if (ADDRESS_TITLES.has(text.slice(p + 1, e)) || cueTitles.has(text.slice(p + 1, e))) continue;
        found = e;
        break;
      }
      if (!found) break;
      // A given name the tagger read as a place (董事长龙卫国带队: 卫国), or a whole name no gazetteer lists
      // as a place (管委会副主任吉东陪同): after a title, a surname and a place that ends where the name
      // ends are a person; the place goes.
      if (isCovered(covered, p, found)) {
        const inside = out.filter((n) => n.start < found && n.end > p);
        const placeInName = (n: RecognisedName) => n.start > p || !(tagger.lexicon.has(n.label) & LEX_LOC);
        if (inside.every((n) => n.ner === "LOC" && n.evidence === "model" && n.start >= p && n.end <= found && placeInName(n))) {
          for (const n of inside) out.splice(out.indexOf(n), 1);
          covered.fill(0, p, found);
        }
      }
      if (!isCovered(covered, p, found)) {
        out.push({ start: p, end: found, label: text.slice(p, found), ner: "PER", type: "person", confidence: 0.75, evidence: "title+name" });
        covered.fill(1, p, found);
      }
      if (text[found] !== "、") break;
      p = found + 1;
    }
  }
}

/** Whether a title starts inside the title [start, end) and ends after it (盟主 | 任 of 民盟主任). */
function overlapsLaterTitle(text: string, start: number, end: number, titles: ReadonlySet<string>): boolean {
  for (let s = start + 1; s < end; s++) for (let k = end - s + 1; k <= 6 && s + k <= text.length; k++) if (titles.has(text.slice(s, s + k))) return true;
  return false;
}

/** Whether nodejieba's words over a given name [start, end) end with it and hold no verb (卫国, not 表示 nor 新|任). */
function givenNameWords(text: string, tokens: readonly Token[], start: number, end: number): boolean {
  const at = wordsAt(text, tokens, start, end);
  for (let i = start; i < end; ) {
    const t = at.tokenAt(i);
    if (!t) return true;
    if (t.end > end || /^v/.test(t.tag)) return false;
    i = t.end;
  }
  return true;
}

/** A capitalised Latin word (Roadstar, OpenAI, DeepMind): a company when the text says so around it. */
const LATIN_WORD = /(?<![A-Za-z0-9])([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(?![A-Za-z0-9])/g;
/** Words before a company's name (初创公司 Roadstar) and after it (Roadstar 两名联合创始人, Roadstar CEO). */
const COMPANY_CUE_BEFORE = /(公司|企业|品牌|厂商|平台|初创公司|创业公司|独角兽|旗下|收购|投资了?)\s*$/;
const COMPANY_CUE_AFTER = /^\s*(公司|集团|CEO|CTO|COO|创始人|联合创始人|董事长|总裁|投资人|团队|官方|旗下|的创始人|的CEO|估值|融资|宣布|发布)/;
/** Capitalised words that are no company's name: titles, units, days and months, common English words. */
const NOT_A_COMPANY = new Set(["The", "And", "For", "With", "This", "That", "Inc", "Ltd", "Co", "Corp", "Group", "Pro", "Max", "Plus", "Mini", "Lite", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]);

/** A capitalised Latin word right after a space (AI of Sand AI, Labs of Moonshot Labs). */
const LATIN_NEXT_WORD = /^ ([A-Z][A-Za-z0-9]*)(?![A-Za-z0-9])/;
/** Titles written in Latin letters after a company's name (Roadstar CEO): the company ends before them. */
const LATIN_TITLE_WORDS = new Set(["CEO", "CTO", "COO", "CFO", "CIO", "VP", "President", "Chairman", "Founder"]);

function latinCompanies(text: string, out: RecognisedName[], covered: Uint8Array): void {
  if (!/[A-Z]/.test(text)) return;
  for (const m of text.matchAll(LATIN_WORD)) {
    const word = m[1];
    const start = m.index!;
    const end = start + word.length;
    if (word.length < 3 || NOT_A_COMPANY.has(word) || isCovered(covered, start, end)) continue;
    const before = text.slice(Math.max(0, start - 6), start);
    const after = text.slice(end, end + 6);
    if (!COMPANY_CUE_BEFORE.test(before) && !COMPANY_CUE_AFTER.test(after)) continue;
    // The name goes on over the capitalised words after it (投资了Sand AI以及…: Sand AI, not Sand), never
    // over a title (Roadstar CEO) or a word that is no name's (Pro, Max, days and months).
    let nameEnd = end;
    for (let next = LATIN_NEXT_WORD.exec(text.slice(nameEnd)); next && !LATIN_TITLE_WORDS.has(next[1]) && !NOT_A_COMPANY.has(next[1]); next = LATIN_NEXT_WORD.exec(text.slice(nameEnd))) {
      if (isCovered(covered, nameEnd, nameEnd + next[0].length)) break;
      nameEnd += next[0].length;
    }
    out.push({ start, end: nameEnd, label: text.slice(start, nameEnd), ner: "ORG", type: "company", confidence: 0.7, evidence: "latin+cue" });
    covered.fill(1, start, nameEnd);
  }
}

function latinNames(text: string, out: RecognisedName[], covered: Uint8Array): void {
  if (!/[A-Z]/.test(text)) return;
  for (const m of text.matchAll(LATIN_NAME)) {
    const start = m.index!;
    const end = start + m[1].length;
    const before = text.slice(Math.max(0, start - 8), start);
    const after = text.slice(end, end + 4);
    if (!LATIN_TITLE_BEFORE.test(before) && !LATIN_VERB_AFTER.test(after)) continue;
    if (isCovered(covered, start, end)) continue;
    out.push({ start, end, label: m[1], ner: "PER", type: "person", confidence: 0.8, evidence: "latin+cue" });
    covered.fill(1, start, end);
  }
}

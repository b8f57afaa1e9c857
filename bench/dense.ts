// A seeded generator of a DENSE corpus for the benchmark: local news that names 20–40 dictionary
// entities per article, drawn again and again from the hand-written (local) dictionary, so that the
// same few hundred entities recur across thousands of articles as they do in a district's news.
//
// Sentences come from the templates below (written for this bench), their slots filled with entries
// of the slot's type (the label, sometimes a Chinese alias); a person slot may carry one of the
// person's recorded titles, as the news writes 区长杨建根. Each article is one .txt file (a title line,
// then paragraphs) so that Guanxi and the peer script read exactly the same bytes. A second folder
// holds the "next day's" extra articles. Same seed, same sizes → byte-identical files.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadDictionary } from "../src/link/dictionary.ts";
import type { DictionaryEntry, EntityType } from "../src/types.ts";
import { seededRandom } from "../src/graph/metrics.ts";

type Slot = "person" | "titled" | "company" | "lab" | "government" | "place" | "programme" | "event";

/** Local-news sentences; {slot} is filled from the dictionary, {n} is a figure, {m} a month. */
const TEMPLATES = [
  "{titled}一行来到{place}，实地察看{company}的生产线，听取企业负责人关于{programme}推进情况的汇报。",
  "{government}召开专题会议，研究部署{programme}相关工作，{titled}出席并讲话。",
  "{titled}指出，要以{event}为契机，推动{company}、{company}等重点企业加快转型，力争全年产值增长{n}%。",
  "在{place}举行的签约仪式上，{company}与{lab}签署战略合作协议，双方将共建联合研发中心。",
  "{lab}的科研团队近日在新材料领域取得进展，{person}表示，这项成果已在{company}开展中试。",
  "据{government}介绍，今年以来{place}累计引进项目{n}个，其中{programme}项目占比超过三成。",
  "{titled}调研{lab}时强调，要把科研优势转化为产业优势，为{place}高质量发展提供支撑。",
  "{event}期间，{company}展示了最新研发的产品，吸引了不少观众驻足。",
  "{person}和{person}共同为{lab}新址揭牌，{government}有关负责人参加活动。",
  "记者从{government}获悉，{place}将新建{n}所学校，相关工程由{company}承建。",
  "会上，{titled}通报了{programme}的阶段性成效，并对下一步工作提出要求。",
  "{company}负责人{person}说，企业今年研发投入预计达到{n}亿元，比去年明显增加。",
  "{place}的{n}个村社与{company}结对，围绕{programme}开展共建活动。",
  "{titled}在{place}主持召开座谈会，听取{company}、{lab}和{company}代表的意见建议。",
  "为筹备{event}，{government}会同{government}成立工作专班，{person}任组长。",
  "{lab}与{lab}联合发布研究报告，{person}在发布会上介绍了主要结论。",
  "{titled}前往{place}检查安全生产工作，要求{company}压实主体责任。",
  "近日，{programme}第{n}批项目名单公布，{company}、{lab}入选。",
  "{person}表示，{place}将继续优化营商环境，为{company}等企业提供更好服务。",
  "{government}与{government}签订合作框架协议，推动两地在{programme}方面深度协作。",
  "当天下午，{titled}还走访了{company}，了解企业用工和融资情况。",
  "{event}吸引了来自{place}、{place}等地的{n}余家单位参加。",
  "在{lab}，{person}向来宾介绍了实验室近年来承担的重大科研任务。",
  "{titled}要求，{government}要加强统筹协调，确保{programme}各项任务按期完成。",
  "{company}的新厂区位于{place}，总投资约{n}亿元，预计明年投产。",
  "今年{m}月，{person}带队赴{place}考察，与{company}洽谈合作事宜。",
  "{government}发布通知，对{programme}的申报条件作出调整。",
  "{person}、{person}、{person}等参加调研。",
];

const SLOT = /\{(\w+)\}/g;

export interface DenseOptions {
  articles: number;
  seed?: number;
  /** Extra ("next day") articles, as a share of `articles`. Default 0.01. */
  extraShare?: number;
  /** Distinct dictionary entities an article names: [min, max]. Default [20, 40]. */
  entities?: [number, number];
}

export interface DenseCorpus {
  base: string;
  extra: string;
  articles: number;
  extraArticles: number;
  /** The distinct entities the corpus draws from (the local dictionary). */
  pool: number;
}

/** The hand-written entries (not the generated divisions, bodies and countries): one district's actors. */
function localEntries(): Map<Slot, DictionaryEntry[]> {
  const { dictionary } = loadDictionary();
  const bySlot = new Map<Slot, DictionaryEntry[]>();
  const add = (slot: Slot, e: DictionaryEntry) => {
    if (!bySlot.has(slot)) bySlot.set(slot, []);
    bySlot.get(slot)!.push(e);
  };
  const local: Record<string, Slot> = { person: "person", company: "company", lab: "lab", government: "government", place: "place", programme: "programme", event: "event" };
  for (const e of dictionary.entries) {
    // The generated families (every division, body and country of the map) are not one district's news.
    if (/[\\/]generated[\\/]/.test(e.file ?? "") || !(e.type in local)) continue;
    add(local[e.type as EntityType], e);
    if (e.type === "person" && e.titles?.length) add("titled", e);
  }
  return bySlot;
}

export function generateDenseCorpus(dir: string, options: DenseOptions): DenseCorpus {
  const rand = seededRandom(options.seed ?? 20240601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const [minEntities, maxEntities] = options.entities ?? [20, 40];
  const bySlot = localEntries();
  const pool = new Set([...bySlot.values()].flat().map((e) => e.id)).size;
  const chinese = (s: string) => /[\u4e00-\u9fff]/.test(s);
  const surface = (e: DictionaryEntry) => {
    const forms = e.aliases.filter(chinese);
    return forms.length && rand() < 0.2 ? pick(forms) : e.label;
  };
  // Popular entities recur: a skewed pick (squared uniform) over each slot's list.
  const skewed = (list: DictionaryEntry[]) => list[Math.floor(rand() * rand() * list.length)];

  const article = () => {
    const want = minEntities + Math.floor(rand() * (maxEntities - minEntities + 1));
    const named = new Set<string>();
    /** The article's cast per slot: names recur within an article before new ones are drawn. */
    const cast = new Map<Slot, DictionaryEntry[]>();
    const fill = (slot: Slot): string => {
      const list = bySlot.get(slot === "titled" ? "titled" : slot) ?? [];
      let mine = cast.get(slot);
      if (!mine) cast.set(slot, (mine = []));
      // Once the article has named its share, it keeps to its own cast.
      const e = named.size < want || !mine.length ? skewed(list) : pick(mine);
      if (!mine.includes(e)) mine.push(e);
      named.add(e.id);
      if (slot === "titled") {
        const t = pick(e.titles!);
        return t.title + e.label;
      }
      return surface(e);
    };
    const sentences: string[] = [];
    // Until the article has named its share of entities, then more sentences about the same cast (a
    // local report runs to 1,000–2,500 characters).
    for (let extra = 15 + Math.floor(rand() * 30); named.size < want || extra-- > 0; ) {
      const t = pick(TEMPLATES);
      sentences.push(t.replace(SLOT, (_, slot: string) => (slot === "n" ? String(1 + Math.floor(rand() * 99)) : slot === "m" ? String(1 + Math.floor(rand() * 12)) : fill(slot as Slot))));
      if (sentences.length > 200) break;
    }
    const paras: string[] = [];
    for (let i = 0; i < sentences.length; ) {
      const k = 1 + Math.floor(rand() * 3);
      paras.push(sentences.slice(i, i + k).join(""));
      i += k;
    }
    const title = sentences[0].replace(/[，。].*$/, "").slice(0, 30);
    return `${title}\n${paras.join("\n")}\n`;
  };

  const extraArticles = Math.max(1, Math.round(options.articles * (options.extraShare ?? 0.01)));
  rmSync(dir, { recursive: true, force: true });
  const base = join(dir, "base");
  const extra = join(dir, "extra");
  mkdirSync(base, { recursive: true });
  mkdirSync(extra, { recursive: true });
  for (let i = 0; i < options.articles; i++) writeFileSync(join(base, `news-${String(i).padStart(6, "0")}.txt`), article());
  for (let i = 0; i < extraArticles; i++) writeFileSync(join(extra, `next-day-${String(i).padStart(6, "0")}.txt`), article());
  return { base, extra, articles: options.articles, extraArticles, pool };
}

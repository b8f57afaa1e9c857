// A seeded generator of a synthetic corpus that looks like the real one, for the benchmark.
//
// The sentences of the seed articles (cleaned) become patterns: every dictionary mention in them is a
// slot of its entity type. An article is a title plus 6–14 patterns of one or two seeds, the slots
// filled with dictionary entries of the slot's type (label or an alias, as the news writes them);
// some person and company slots get a name the dictionary does not know (unknown names); 5% of the
// articles republish an earlier one with edits (near-duplicates); 5% are in Traditional characters.
// Articles are written as .jsonl files of 500 articles ({title, date, url, text}); a second folder
// holds the "next day's" 1% extra articles. Same seed, same sizes → byte-identical files.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as OpenCC from "opencc-js";
import { listInputFiles, readInputFile } from "../src/ingest/index.ts";
import { cleanDocument } from "../src/clean/index.ts";
import { loadDictionary } from "../src/link/dictionary.ts";
import { analyseCleanDocument, createPipelineContext } from "../src/pipeline/analyse.ts";
import type { DictionaryEntry, EntityType } from "../src/types.ts";
import { seededRandom } from "../src/graph/metrics.ts";

/** The same seeded PRNG (mulberry32) the graph metrics use: the corpus is the same on every platform. */
export const prng = seededRandom;

type Part = string | { slot: EntityType };
export interface Pattern {
  seed: number;
  parts: Part[];
}

/** Seed sentences with their dictionary mentions made slots (patterns without a slot are kept too: filler). */
export function extractPatterns(seedsDir: string): { patterns: Pattern[]; entries: Map<EntityType, DictionaryEntry[]> } {
  const { dictionary } = loadDictionary();
  const ctx = createPipelineContext(dictionary);
  const patterns: Pattern[] = [];
  const files = listInputFiles([seedsDir]).files;
  files.forEach((file, seed) => {
    for (const raw of readInputFile(file).docs) {
      const a = analyseCleanDocument(cleanDocument(raw), ctx);
      const linked = a.mentions.filter((m) => !m.candidate);
      for (const s of a.doc.sentences) {
        const text = a.doc.text.slice(s.start, s.end);
        if (text.length < 12 || text.length > 160) continue;
        const parts: Part[] = [];
        let at = s.start;
        for (const m of linked) {
          if (m.start < at || m.end > s.end || m.start < s.start) continue;
          if (m.start > at) parts.push(a.doc.text.slice(at, m.start));
          parts.push({ slot: m.type });
          at = m.end;
        }
        if (at < s.end) parts.push(a.doc.text.slice(at, s.end));
        patterns.push({ seed, parts });
      }
    }
  });
  const entries = new Map<EntityType, DictionaryEntry[]>();
  for (const e of dictionary.entries) {
    if (!entries.has(e.type)) entries.set(e.type, []);
    entries.get(e.type)!.push(e);
  }
  return { patterns, entries };
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国志红云海峰鹏飞宇浩然思睿子涵欣怡晨阳佳琪俊凯新宏德荣";
const ORG_HEADS = "星辰云帆智汇恒达华信中科天成东方润泽远景博睿安泰鼎盛瑞丰嘉禾明德";
const ORG_TAILS = ["科技", "智能", "生物", "新材料", "信息技术", "数据", "医药"];
const TITLES = ["党委书记", "董事长", "总经理", "主任", "副区长", "首席科学家", "院长"];

export interface GenerateOptions {
  articles: number;
  seed?: number;
  /** Extra ("next day") articles, as a share of `articles`. Default 0.01. */
  extraShare?: number;
  seedsDir?: string;
}

export interface Generated {
  base: string;
  extra: string;
  articles: number;
  extraArticles: number;
  bytes: number;
}

export function generateCorpus(dir: string, options: GenerateOptions): Generated {
  const rand = prng(options.seed ?? 20240601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const { patterns, entries } = extractPatterns(options.seedsDir ?? join(import.meta.dirname, "../seeds"));
  const bySeed = new Map<number, Pattern[]>();
  for (const p of patterns) {
    if (!bySeed.has(p.seed)) bySeed.set(p.seed, []);
    bySeed.get(p.seed)!.push(p);
  }
  const seeds = [...bySeed.keys()];
  const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
  const unknownPerson = () => pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : "");
  const unknownCompany = () => pick([...ORG_HEADS]) + pick([...ORG_HEADS]) + pick(ORG_TAILS) + (rand() < 0.5 ? "有限公司" : "");
  const surface = (type: EntityType): string => {
    if (type === "person" && rand() < 0.2) return rand() < 0.5 ? `${pick(TITLES)}${unknownPerson()}` : unknownPerson();
    if (type === "company" && rand() < 0.15) return unknownCompany();
    const list = entries.get(type) ?? [];
    if (!list.length) return "";
    // Popular entities recur: a skewed pick (squared uniform) gives a long tail like real news.
    const e = list[Math.floor(rand() * rand() * list.length)];
    const forms = [e.label, ...e.aliases.filter((a) => /[\u4e00-\u9fff]/.test(a))];
    return rand() < 0.75 ? e.label : pick(forms);
  };
  // An article is about a few actors: its slots are filled from a small cast, drawn per type on first
  // use, so names recur within the article as they do in news (and pairs are not all-to-all).
  let cast = new Map<EntityType, string[]>();
  const castMember = (type: EntityType): string => {
    let list = cast.get(type);
    if (!list) cast.set(type, (list = []));
    if (list.length < 1 + Math.floor(rand() * 3) || rand() < 0.15) list.push(surface(type));
    return pick(list);
  };
  // Sentences are recombined from clauses of different patterns, with figures changed, so that a
  // sentence rarely repeats an earlier one by accident: near-duplicates are the republished articles.
  const clauses = (p: Pattern): Part[][] => {
    const out: Part[][] = [[]];
    for (const x of p.parts) {
      if (typeof x !== "string") {
        out[out.length - 1].push(x);
        continue;
      }
      const bits = x.split(/(?<=[，,；;])/);
      bits.forEach((b, i) => {
        if (i > 0) out.push([]);
        if (b) out[out.length - 1].push(b);
      });
    }
    return out.filter((c) => c.length);
  };
  const figures = (t: string) => t.replace(/\d+(\.\d+)?/g, () => String(Math.floor(rand() * 1000) / (rand() < 0.3 ? 10 : 1)));
  const fill = (p: Pattern) => {
    const own = clauses(p);
    const parts: Part[] = [];
    for (const c of own) {
      // Half the clauses come from another pattern of the same seed.
      const src = rand() < 0.5 ? c : pick(clauses(pick(patterns))) ?? c;
      parts.push(...src);
    }
    let text = parts.map((x) => (typeof x === "string" ? figures(x) : castMember(x.slot))).join("");
    text = text.replace(/[，,；;]$/, "");
    return /[。！？!?]$/.test(text) ? text : `${text}。`;
  };

  const made: { title: string; date: string; url: string; text: string }[] = [];
  const article = (n: number) => {
    if (made.length > 10 && rand() < 0.05) {
      // A republication: an earlier article with a sentence dropped, one changed, one added.
      const orig = made[Math.floor(rand() * made.length)];
      const paras = orig.text.split("\n");
      const drop = Math.floor(rand() * paras.length);
      const edited = paras.filter((_, i) => i !== drop || paras.length < 3).map((p, i) => (i === 0 ? p.replace(/，/, "，据悉，") : p));
      edited.push(fill(pick(patterns)));
      return { ...orig, url: `https://news.example.cn/${n}.html`, text: edited.join("\n") };
    }
    cast = new Map();
    const main = pick(seeds);
    const other = pick(seeds);
    const count = 6 + Math.floor(rand() * 9);
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) sentences.push(fill(pick(bySeed.get(rand() < 0.7 ? main : other)!)));
    // Paragraphs of one to three sentences.
    const paras: string[] = [];
    for (let i = 0; i < sentences.length; ) {
      const k = 1 + Math.floor(rand() * 3);
      paras.push(sentences.slice(i, i + k).join(""));
      i += k;
    }
    const day = 1 + Math.floor(rand() * 28);
    const month = 1 + Math.floor(rand() * 12);
    const title = sentences[0].replace(/[，。！？].*$/, "").slice(0, 30);
    return { title, date: `2024-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, url: `https://news.example.cn/${n}.html`, text: paras.join("\n") };
  };
  const extraArticles = Math.max(1, Math.round(options.articles * (options.extraShare ?? 0.01)));
  rmSync(dir, { recursive: true, force: true });
  const base = join(dir, "base");
  const extra = join(dir, "extra");
  mkdirSync(base, { recursive: true });
  mkdirSync(extra, { recursive: true });
  let bytes = 0;
  const write = (folder: string, prefix: string, total: number, offset: number) => {
    for (let f = 0; f * 500 < total; f++) {
      const lines: string[] = [];
      for (let i = f * 500; i < Math.min(total, (f + 1) * 500); i++) {
        const a = article(offset + i);
        made.push(a);
        const row = rand() < 0.05 ? { ...a, title: toTraditional(a.title), text: toTraditional(a.text) } : a;
        lines.push(JSON.stringify(row));
      }
      const text = lines.join("\n") + "\n";
      bytes += Buffer.byteLength(text);
      writeFileSync(join(folder, `${prefix}-${String(f).padStart(4, "0")}.jsonl`), text);
    }
  };
  write(base, "news", options.articles, 0);
  const baseBytes = bytes;
  write(extra, "next-day", extraArticles, options.articles);
  return { base, extra, articles: options.articles, extraArticles, bytes: baseBytes };
}

// Small, realistic analyses for the graph, export and query tests: a few Chinese sentences, mentions
// found at their real offsets, sentences/paragraphs/articles split the way the cleaning stage splits them.

import type { CleanDocument, Dictionary, DictionaryEntry, DocumentAnalysis, EntityType, Mention, Role } from "../../src/types.ts";

export interface FixtureEntity {
  id: string;
  label: string;
  type: EntityType;
  surfaces: string[];
  candidate?: boolean;
}

export const ENTITIES: FixtureEntity[] = [
  { id: "liu-ying", label: "刘颖", type: "person", surfaces: ["刘颖"] },
  { id: "yang-jiangen", label: "杨建根", type: "person", surfaces: ["杨建根"] },
  { id: "wang-jian", label: "王坚", type: "person", surfaces: ["王坚"] },
  { id: "zhejiang-lab", label: "之江实验室", type: "lab", surfaces: ["之江实验室"] },
  { id: "alibaba", label: "阿里巴巴", type: "company", surfaces: ["阿里巴巴"] },
  { id: "cae", label: "中国工程院", type: "lab", surfaces: ["中国工程院"] },
  { id: "ai-town", label: "人工智能小镇", type: "place", surfaces: ["人工智能小镇"] },
  { id: "ali-prefecture", label: "阿里地区", type: "place", surfaces: ["阿里地区"] },
  { id: "cand:沈尧", label: "沈尧", type: "person", surfaces: ["沈尧"], candidate: true },
];

const entry = (id: string, label: string, type: EntityType, name_en: string, aliases: string[] = []): DictionaryEntry => ({ id, label, type, name_en, aliases });

export function fixtureDictionary(): Dictionary {
  const entries = [
    entry("liu-ying", "刘颖", "person", "Liu Ying"),
    entry("yang-jiangen", "杨建根", "person", "Yang Jiangen"),
    entry("wang-jian", "王坚", "person", "Wang Jian"),
    entry("zhejiang-lab", "之江实验室", "lab", "Zhejiang Lab", ["Zhejiang Lab"]),
    entry("alibaba", "阿里巴巴", "company", "Alibaba Group", ["阿里", "Alibaba", "阿里巴巴集团"]),
    entry("cae", "中国工程院", "lab", "Chinese Academy of Engineering", ["工程院"]),
    entry("ai-town", "人工智能小镇", "place", "Artificial Intelligence Town"),
    entry("ali-prefecture", "阿里地区", "place", "Ngari Prefecture", ["阿里"]),
  ];
  return { entries, byId: new Map(entries.map((e) => [e.id, e])), version: "test" };
}

export interface SentenceSpec {
  text: string;
  duplicateOf?: string;
}
export type ArticleSpec = SentenceSpec[][]; // paragraphs of sentences

export interface DocSpec {
  id: string;
  title?: string;
  date?: string;
  articles: ArticleSpec[];
  /** Paragraph duplicate marks, by paragraph index in the document. */
  paragraphDuplicates?: Record<number, string>;
  roles?: Array<Omit<Role, "doc" | "sentence" | "start" | "end"> & { sentence: number }>;
}

/** Builds a CleanDocument and finds every fixture entity's mentions at their real offsets. */
export function makeAnalysis(spec: DocSpec, entities: FixtureEntity[] = ENTITIES): DocumentAnalysis {
  let text = "";
  const doc: CleanDocument = {
    id: spec.id,
    source: `seeds/${spec.id}.txt`,
    format: "text",
    encoding: "utf-8",
    title: spec.title,
    date: spec.date,
    text: "",
    sourceMap: [],
    normText: "",
    normToClean: [],
    articles: [],
    paragraphs: [],
    sentences: [],
    stats: { charsIn: 0, charsKept: 0, removed: {} },
  };
  spec.articles.forEach((article, ai) => {
    const articleStart = text.length;
    article.forEach((paragraph) => {
      if (text.length) text += "\n";
      const pStart = text.length;
      const pi = doc.paragraphs.length;
      for (const s of paragraph) {
        const start = text.length;
        text += s.text;
        doc.sentences.push({ start, end: text.length, paragraph: pi, article: ai, ...(s.duplicateOf ? { duplicateOf: s.duplicateOf } : {}) });
      }
      doc.paragraphs.push({ start: pStart, end: text.length, article: ai, ...(spec.paragraphDuplicates?.[pi] ? { duplicateOf: spec.paragraphDuplicates[pi] } : {}) });
    });
    doc.articles.push({ start: articleStart, end: text.length });
  });
  doc.text = text;
  doc.normText = text;
  doc.normToClean = [...Array(text.length + 1).keys()];
  doc.stats = { charsIn: text.length, charsKept: text.length, removed: {} };

  const mentions: Mention[] = [];
  const taken = new Array<boolean>(text.length).fill(false);
  const bySurface = entities.flatMap((e) => e.surfaces.map((s) => ({ e, s }))).sort((x, y) => y.s.length - x.s.length);
  for (const { e, s } of bySurface) {
    for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
      if (taken.slice(at, at + s.length).some(Boolean)) continue;
      for (let i = at; i < at + s.length; i++) taken[i] = true;
      const sentence = doc.sentences.findIndex((x) => at >= x.start && at < x.end);
      mentions.push({ doc: doc.id, entity: e.id, label: e.label, type: e.type, surface: s, start: at, end: at + s.length, sentence, ...(e.candidate ? { candidate: true } : {}) });
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  const roles: Role[] = (spec.roles ?? []).map((r) => {
    const s = doc.sentences[r.sentence];
    return { ...r, doc: doc.id, start: s.start, end: s.end };
  });
  return { doc, mentions, roles };
}

const S = (text: string, duplicateOf?: string): SentenceSpec => ({ text, duplicateOf });

/** The lead article, as first published. */
export const DOC_A: DocSpec = {
  id: "doc-a",
  title: "余杭区经济高质量发展大会举行",
  date: "2025-02-01",
  articles: [
    [
      [S("市委常委、区委书记刘颖出席大会并讲话。"), S("区委副书记、区长杨建根主持。")],
      [S("中国工程院院士、之江实验室主任王坚出席。"), S("王坚与阿里巴巴负责人交流。"), S("沈尧等参加。")],
    ],
  ],
  roles: [
    { person: "wang-jian", person_label: "王坚", title: "院士", org: "cae", org_label: "中国工程院", sentence: 2 },
    { person: "wang-jian", person_label: "王坚", title: "主任", org: "zhejiang-lab", org_label: "之江实验室", sentence: 2 },
    { person: "liu-ying", person_label: "刘颖", title: "区委书记", org: null, org_label: "余杭区委", sentence: 0 },
  ],
};

/** A republication of the lead article (three sentences marked, one rewritten) plus an article of its own. */
export const DOC_B: DocSpec = {
  id: "doc-b",
  title: "余杭区经济高质量发展大会举行（转载）",
  date: "2025-02-02",
  articles: [
    [
      [S("市委常委、区委书记刘颖出席大会并讲话。", "doc-a:0"), S("区委副书记、区长杨建根主持。", "doc-a:1")],
      [S("中国工程院院士、之江实验室主任王坚出席。", "doc-a:2"), S("王坚同阿里巴巴集团负责人深入交流。"), S("沈尧等参加。", "doc-a:4")],
    ],
    [[S("王坚当日在之江实验室调研，阿里地区代表团到访。"), S("王坚兼任人工智能小镇名誉镇长。")]],
  ],
  paragraphDuplicates: { 0: "doc-a:0", 1: "doc-a:1" },
  roles: [
    { person: "wang-jian", person_label: "王坚", title: "院士", org: "cae", org_label: "中国工程院", sentence: 2 },
    { person: "wang-jian", person_label: "王坚", title: "名誉镇长", org: "ai-town", org_label: "人工智能小镇", sentence: 6 },
  ],
};

export const analysesAB = () => [makeAnalysis(DOC_A), makeAnalysis(DOC_B)];

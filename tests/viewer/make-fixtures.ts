// Writes the two hand-made build folders the viewer and server tests run on:
//   tests/fixtures/build-small — a few sentences of the seed articles, in the build's output format;
//   tests/fixtures/build-xss   — the same shape, but labels and evidence carry HTML and script payloads.
// The files are committed; this script only documents how they were made and regenerates them:
//   npx tsx tests/viewer/make-fixtures.ts
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import louvain from "graphology-communities-louvain";
import pagerank from "graphology-metrics/centrality/pagerank.js";
import type { EntityType, Evidence, WindowLevel } from "../../src/types.ts";
import { evidenceShardPath, pairKey } from "../../src/evidence/key.ts";

interface Ent {
  id: string;
  label: string;
  type: EntityType;
  name_en: string;
  aliases: string[];
  candidate?: boolean;
}
interface Doc {
  id: string;
  source: string;
  title: string;
  date: string;
  /** Paragraphs, each a list of sentences. */
  paragraphs: string[][];
}
interface RoleRow {
  doc: string;
  person: string | null;
  person_label: string;
  title: string;
  org: string | null;
  org_label: string;
  sentence: number;
}

const TYPE_COLORS: Record<EntityType, string> = {
  person: "#e6194b",
  company: "#4363d8",
  lab: "#3cb44b",
  government: "#f58231",
  programme: "#911eb4",
  place: "#42d4f4",
  event: "#9a6324",
};

function writeBuild(dir: string, ents: Ent[], docs: Doc[], roles: RoleRow[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "evidence"), { recursive: true });
  // Longest surface first so that 阿里巴巴集团 wins over 阿里巴巴 and 阿里.
  const surfaces = ents
    .flatMap((e) => [e.label, ...e.aliases].map((s) => ({ s, id: e.id })))
    .sort((a, b) => b.s.length - a.s.length);
  const find = (text: string): Set<string> => {
    const taken = new Array<boolean>(text.length).fill(false);
    const found = new Set<string>();
    for (const { s, id } of surfaces) {
      let at = text.indexOf(s);
      while (at >= 0) {
        let free = true;
        for (let i = at; i < at + s.length; i++) if (taken[i]) free = false;
        if (free) {
          for (let i = at; i < at + s.length; i++) taken[i] = true;
          found.add(id);
        }
        at = text.indexOf(s, at + 1);
      }
    }
    return found;
  };

  const mentions = new Map<string, number>();
  const docCount = new Map<string, Set<string>>();
  const pairs = new Map<string, { w: Record<WindowLevel, number>; docs: Set<string>; items: Evidence[] }>();
  const pair = (a: string, b: string) => {
    const key = pairKey(a, b);
    let p = pairs.get(key);
    if (!p) {
      p = { w: { sentence: 0, paragraph: 0, article: 0 }, docs: new Set(), items: [] };
      pairs.set(key, p);
    }
    return p;
  };
  const documents: object[] = [];
  for (const doc of docs) {
    let text = "";
    let sIndex = 0;
    const articleIds = new Set<string>();
    const articleFirst = new Map<string, { start: number; end: number; text: string }>();
    doc.paragraphs.forEach((para, pIndex) => {
      const paraIds = new Set<string>();
      const paraStart = text.length;
      for (const sentence of para) {
        const start = text.length;
        text += sentence;
        const ids = [...find(sentence)];
        for (const id of ids) {
          mentions.set(id, (mentions.get(id) ?? 0) + 1);
          if (!docCount.has(id)) docCount.set(id, new Set());
          docCount.get(id)!.add(doc.id);
          paraIds.add(id);
          articleIds.add(id);
          if (!articleFirst.has(id)) articleFirst.set(id, { start, end: start + sentence.length, text: sentence });
        }
        for (let i = 0; i < ids.length; i++)
          for (let j = i + 1; j < ids.length; j++) {
            const p = pair(ids[i], ids[j]);
            p.w.sentence++;
            p.docs.add(doc.id);
            p.items.push({ doc: doc.id, level: "sentence", index: sIndex, start, end: start + sentence.length, text: sentence, title: doc.title, source: doc.source, date: doc.date });
          }
        sIndex++;
      }
      const ids = [...paraIds];
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) {
          const p = pair(ids[i], ids[j]);
          p.w.paragraph++;
          p.docs.add(doc.id);
          if (!p.items.some((e) => e.doc === doc.id && e.level === "sentence")) {
            const body = para.join("");
            p.items.push({ doc: doc.id, level: "paragraph", index: pIndex, start: paraStart, end: paraStart + body.length, text: body, title: doc.title, source: doc.source, date: doc.date });
          }
        }
      text += "\n";
    });
    const ids = [...articleIds];
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const p = pair(ids[i], ids[j]);
        p.w.article++;
        p.docs.add(doc.id);
        if (!p.items.some((e) => e.doc === doc.id)) {
          const first = articleFirst.get(ids[i])!;
          p.items.push({ doc: doc.id, level: "article", index: 0, start: first.start, end: first.end, text: first.text, title: doc.title, source: doc.source, date: doc.date });
        }
      }
    documents.push({ id: doc.id, source: doc.source, title: doc.title, date: doc.date, text });
  }

  const graph = new Graph({ type: "mixed", multi: true });
  for (const e of ents) {
    const titles = roles.filter((r) => r.person === e.id).map((r) => r.title);
    graph.addNode(e.id, {
      label: e.label,
      type: e.type,
      aliases: e.aliases,
      name_en: e.name_en,
      candidate: e.candidate ?? false,
      mentions: mentions.get(e.id) ?? 0,
      documents: docCount.get(e.id)?.size ?? 0,
      titles: [...new Set(titles)],
    });
  }
  for (const [key, p] of pairs) {
    const [a, b] = key.split("|");
    graph.addUndirectedEdgeWithKey(`co:${a}|${b}`, a, b, {
      kind: "co-mention",
      weight: p.w.sentence,
      sentence: p.w.sentence,
      paragraph: p.w.paragraph,
      article: p.w.article,
      documents: p.docs.size,
      npmi: 0.5,
      firstDate: "2026-01-02",
      lastDate: "2026-01-03",
    });
  }
  // A saved layout, as the build writes it: circle start, then ForceAtlas2.
  graph.forEachNode((n, _a) => {
    const i = graph.nodes().indexOf(n);
    graph.mergeNodeAttributes(n, { x: 100 * Math.cos((2 * Math.PI * i) / graph.order), y: 100 * Math.sin((2 * Math.PI * i) / graph.order) });
  });
  forceAtlas2.assign(graph, { iterations: 300, settings: forceAtlas2.inferSettings(graph) });
  louvain.assign(graph, { nodeCommunityAttribute: "community", rng: mulberry(7) });
  pagerank.assign(graph, { getEdgeWeight: "article", maxIterations: 1000 });
  graph.forEachNode((n, attrs) => {
    let wd = 0;
    graph.forEachEdge(n, (_e, ea) => {
      wd += ea.weight as number;
    });
    graph.mergeNodeAttributes(n, {
      betweenness: 0,
      weightedDegree: wd,
      size: 4 + Math.sqrt(attrs.mentions as number) * 3,
      color: TYPE_COLORS[attrs.type as EntityType],
      x: Math.round((attrs.x as number) * 100) / 100,
      y: Math.round((attrs.y as number) * 100) / 100,
    });
  });
  // Role edges come after layout and metrics, which run on the co-mention graph only (Louvain refuses mixed graphs).
  const roleEdges = new Map<string, { weight: number; docs: Set<string>; person: string; org: string; title: string }>();
  for (const r of roles) {
    if (!r.person || !r.org) continue;
    const key = `role:${r.person}>${r.org}:${r.title}`;
    const edge = roleEdges.get(key) ?? { weight: 0, docs: new Set<string>(), person: r.person, org: r.org, title: r.title };
    edge.weight++;
    edge.docs.add(r.doc);
    roleEdges.set(key, edge);
  }
  for (const [key, e] of roleEdges)
    graph.addDirectedEdgeWithKey(key, e.person, e.org, { kind: "role", title: e.title, weight: e.weight, documents: e.docs.size });

  writeFileSync(join(dir, "graph.json"), JSON.stringify(graph.export(), null, 1) + "\n");

  const shards = new Map<string, Record<string, unknown>>();
  for (const [key, p] of pairs) {
    const [a, b] = key.split("|");
    const path = evidenceShardPath(a, b);
    const shard = shards.get(path) ?? {};
    shard[key] = { total: p.w, items: p.items };
    shards.set(path, shard);
  }
  for (const [path, shard] of shards) writeFileSync(join(dir, path), JSON.stringify(shard) + "\n");
  writeFileSync(join(dir, "documents.jsonl"), documents.map((d) => JSON.stringify(d)).join("\n") + "\n");
  writeFileSync(join(dir, "roles.jsonl"), roles.map((r) => JSON.stringify(r)).join("\n") + "\n");
  writeFileSync(join(dir, "graph.gexf"), gexf(graph));
}

function mulberry(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function xml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function gexf(graph: Graph): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    '  <graph defaultedgetype="undirected" mode="static">',
    '    <attributes class="node"><attribute id="type" title="type" type="string"/></attributes>',
    "    <nodes>",
  ];
  graph.forEachNode((n, a) => lines.push(`      <node id="${xml(n)}" label="${xml(a.label as string)}"><attvalues><attvalue for="type" value="${xml(a.type as string)}"/></attvalues></node>`));
  lines.push("    </nodes>", "    <edges>");
  graph.forEachEdge((e, a, s, t, _sa, _ta, undirected) =>
    lines.push(`      <edge id="${xml(e)}" source="${xml(s)}" target="${xml(t)}" type="${undirected ? "undirected" : "directed"}" weight="${a.weight}"/>`),
  );
  lines.push("    </edges>", "  </graph>", "</gexf>", "");
  return lines.join("\n");
}

// ---------------------------------------------------------------- build-small

const D001 = { id: "001_a0d1a62f7fd3dcd1", source: "seeds/001_a0d1a62f7fd3dcd1.txt", title: "余杭区经济高质量发展大会举行", date: "2026-01-03" };
const D000 = { id: "000_cfefb0d88effab0e", source: "seeds/000_cfefb0d88effab0e.txt", title: "冲刺“5000亿俱乐部”,余杭怎么迈好第一步?", date: "2026-01-02" };

const small: Ent[] = [
  { id: "liu-ying", label: "刘颖", type: "person", name_en: "Liu Ying", aliases: [] },
  { id: "yang-jiangen", label: "杨建根", type: "person", name_en: "Yang Jiangen", aliases: [] },
  { id: "wang-jian", label: "王坚", type: "person", name_en: "Wang Jian", aliases: [] },
  { id: "cao-jinbin", label: "曹晋滨", type: "person", name_en: "Cao Jinbin", aliases: [] },
  { id: "alibaba-group", label: "阿里巴巴集团", type: "company", name_en: "Alibaba Group", aliases: ["阿里巴巴", "阿里", "Alibaba"] },
  { id: "brainco", label: "强脑科技", type: "company", name_en: "BrainCo", aliases: ["BrainCo", "浙江强脑科技有限公司"] },
  { id: "china-mobile-hangzhou", label: "中移(杭州)", type: "company", name_en: "China Mobile (Hangzhou) Information Technology", aliases: [] },
  { id: "jialiang-medical", label: "佳量医疗", type: "company", name_en: "Jialiang Medical", aliases: [] },
  { id: "bytedance", label: "字节跳动", type: "company", name_en: "ByteDance", aliases: ["ByteDance"] },
  { id: "cand:思看科技", label: "思看科技", type: "company", name_en: "", aliases: [], candidate: true },
  { id: "zhejiang-lab", label: "之江实验室", type: "lab", name_en: "Zhejiang Lab", aliases: ["Zhejiang Lab"] },
  { id: "beihang-hiii", label: "北航国新院", type: "lab", name_en: "Hangzhou International Innovation Institute of Beihang University", aliases: ["北京航空航天大学杭州国际创新研究院"] },
  { id: "chinese-academy-of-engineering", label: "中国工程院", type: "lab", name_en: "Chinese Academy of Engineering", aliases: [] },
  { id: "yuhang-party-committee", label: "中共杭州市余杭区委员会", type: "government", name_en: "CPC Yuhang District Committee", aliases: ["余杭区委", "区委"] },
  { id: "yuhang-district", label: "余杭区", type: "place", name_en: "Yuhang District", aliases: ["余杭"] },
  { id: "ai-town", label: "中国(杭州)人工智能小镇", type: "place", name_en: "China (Hangzhou) Artificial Intelligence Town", aliases: ["人工智能小镇"] },
  { id: "ai-first-city", label: "人工智能创新发展第一城", type: "programme", name_en: "AI Innovation and Development First City", aliases: [] },
  { id: "yuhang-economy-conference", label: "余杭区经济高质量发展大会", type: "event", name_en: "Yuhang District High-Quality Economic Development Conference", aliases: [] },
];

const smallDocs: Doc[] = [
  {
    ...D001,
    paragraphs: [
      ["本报讯(记者 阮伟康 陈书恒) 昨日上午,“忠诚担当谱新篇 实干争先开新局”余杭区经济高质量发展大会举行。", "市委常委、区委书记刘颖出席大会并讲话,强调要深入学习贯彻党的二十大精神。"],
      ["大会以现场和视频相结合形式举行。", "中国工程院院士、之江实验室主任王坚,中国科学院院士、北航国新院空间科学首席科学家曹晋滨等院士专家,省、市相关部门负责人出席。", "区委副书记、区长杨建根主持。"],
      ["大会发布了余杭区打造人工智能创新发展第一城核心承载地、文化产业“冲刺万亿大关”、营造“三贯通一融合”一流创新生态三大行动。"],
      ["刘颖强调,谱新篇、开新局,我们要勇挑大梁,快马加鞭再奋进。", "把打造人工智能创新发展第一城核心承载地作为首要任务,以“创投余杭”品牌建设等为抓手,加快建设一流创新生态。"],
      [
        "大会现场,区领导为阿里巴巴集团颁发余杭区高质量发展杰出贡献奖,并同步聘任王坚院士为中国(杭州)人工智能小镇名誉镇长。",
        "阿里巴巴集团、之江实验室、北航国新院、中移(杭州)、强脑科技、佳量医疗负责人作交流发言。",
      ],
    ],
  },
  {
    ...D000,
    paragraphs: [
      ["余杭是省级人工智能未来产业先导区,形成了以阿里巴巴等龙头企业为引领的人工智能产业集群。", "尤其是余杭涌现出一批AI+创新企业,如“杭州六小龙”之一的强脑科技,“中D扫描第一股”思看科技。"],
      ["余杭集聚杭州超重力场、四大省实验室等科研重器,以及阿里巴巴、字节跳动、vivo等AI龙头企业。"],
    ],
  },
];

const smallRoles: RoleRow[] = [
  { doc: D001.id, person: "liu-ying", person_label: "刘颖", title: "区委书记", org: "yuhang-party-committee", org_label: "余杭区委", sentence: 1 },
  { doc: D001.id, person: "liu-ying", person_label: "刘颖", title: "市委常委", org: null, org_label: "杭州市委", sentence: 1 },
  { doc: D001.id, person: "wang-jian", person_label: "王坚", title: "院士", org: "chinese-academy-of-engineering", org_label: "中国工程院", sentence: 3 },
  { doc: D001.id, person: "wang-jian", person_label: "王坚", title: "主任", org: "zhejiang-lab", org_label: "之江实验室", sentence: 3 },
  { doc: D001.id, person: "wang-jian", person_label: "王坚", title: "名誉镇长", org: "ai-town", org_label: "中国(杭州)人工智能小镇", sentence: 8 },
  { doc: D001.id, person: "cao-jinbin", person_label: "曹晋滨", title: "首席科学家", org: "beihang-hiii", org_label: "北航国新院", sentence: 3 },
  { doc: D001.id, person: "yang-jiangen", person_label: "杨建根", title: "区长", org: null, org_label: "余杭区", sentence: 4 },
  { doc: D001.id, person: "yang-jiangen", person_label: "杨建根", title: "区委副书记", org: "yuhang-party-committee", org_label: "区委", sentence: 4 },
];

// ---------------------------------------------------------------- build-xss

// Every string a build copies from an article is hostile here. The viewer must show it as text.
const XSS_IMG = `<img src=x onerror="window.__xss='img'">`;
const XSS_SCRIPT = `<script>window.__xss='script'</script>`;
const XSS_LINK = `<a href="javascript:window.__xss='link'">点我</a>`;
const xss: Ent[] = [
  { id: "evil-person", label: `恶意${XSS_IMG}`, type: "person", name_en: "javascript:window.__xss='name_en'", aliases: [XSS_SCRIPT] },
  { id: "evil-company", label: `${XSS_SCRIPT}公司`, type: "company", name_en: `<b onmouseover="window.__xss='b'">Evil Corp</b>`, aliases: [XSS_LINK] },
  { id: "plain-lab", label: "普通实验室", type: "lab", name_en: "Plain Lab", aliases: [] },
];
const xssDocs: Doc[] = [
  {
    id: `evil<svg onload="window.__xss='doc'">`,
    source: `javascript:window.__xss='source'`,
    title: `<iframe src="javascript:window.__xss='title'"></iframe>标题`,
    date: "2026-01-01",
    paragraphs: [[`报道称恶意${XSS_IMG}与${XSS_SCRIPT}公司在普通实验室会面,${XSS_LINK}。`, `${XSS_SCRIPT}公司与普通实验室签约。`]],
  },
];
const xssRoles: RoleRow[] = [
  { doc: xssDocs[0].id, person: "evil-person", person_label: `恶意${XSS_IMG}`, title: `<u onclick="window.__xss='title'">董事长</u>`, org: "evil-company", org_label: `${XSS_SCRIPT}公司`, sentence: 0 },
  { doc: xssDocs[0].id, person: "evil-person", person_label: `恶意${XSS_IMG}`, title: "顾问", org: null, org_label: XSS_LINK, sentence: 0 },
];

const here = dirname(fileURLToPath(import.meta.url));
writeBuild(join(here, "../fixtures/build-small"), small, smallDocs, smallRoles);
writeBuild(join(here, "../fixtures/build-xss"), xss, xssDocs, xssRoles);
console.log("fixtures written");

import { describe, expect, it } from "vitest";
import { buildGraph, npmi } from "../../src/graph/build.ts";
import { graphJsonString } from "../../src/export/graph-json.ts";
import { MAX_EVIDENCE_PER_LEVEL } from "../../src/graph/model.ts";
import { pairKey } from "../../src/evidence/key.ts";
import type { CoMentionEdgeAttributes } from "../../src/types.ts";
import { analysesAB, DOC_A, DOC_B, fixtureDictionary, makeAnalysis } from "./fixtures.ts";

const co = (graph: ReturnType<typeof buildGraph>["graph"], a: string, b: string) =>
  graph.getEdgeAttributes(`co:${pairKey(a, b)}`) as CoMentionEdgeAttributes;

describe("buildGraph", () => {
  it("makes one node per entity with dictionary attributes", () => {
    const { graph } = buildGraph([makeAnalysis(DOC_A)], fixtureDictionary());
    const a = graph.getNodeAttributes("alibaba");
    expect(a).toMatchObject({ label: "阿里巴巴", type: "company", name_en: "Alibaba Group", mentions: 1, documents: 1, candidate: false });
    expect(a.aliases).toContain("Alibaba");
    expect(graph.getNodeAttribute("wang-jian", "titles")).toEqual(expect.arrayContaining(["院士", "主任"]));
    expect(graph.getNodeAttribute("wang-jian", "mentions")).toBe(2);
  });

  it("counts co-mentions at the three levels at once", () => {
    const { graph } = buildGraph([makeAnalysis(DOC_A)], fixtureDictionary());
    // Same paragraph, different sentences.
    expect(co(graph, "liu-ying", "yang-jiangen")).toMatchObject({ sentence: 0, paragraph: 1, article: 1, weight: 1 });
    // Same article only.
    expect(co(graph, "liu-ying", "wang-jian")).toMatchObject({ sentence: 0, paragraph: 0, article: 1 });
    // Same sentence.
    expect(co(graph, "wang-jian", "zhejiang-lab")).toMatchObject({ sentence: 1, paragraph: 1, article: 1, documents: 1 });
    expect(co(graph, "wang-jian", "zhejiang-lab").firstDate).toBe("2025-02-01");
  });

  it("takes the main weight from the level chosen at build time", () => {
    const { graph } = buildGraph(analysesAB(), fixtureDictionary(), { window: "sentence" });
    expect(graph.getAttribute("window")).toBe("sentence");
    expect(co(graph, "liu-ying", "yang-jiangen").weight).toBe(0);
    expect(co(graph, "wang-jian", "zhejiang-lab").weight).toBe(2);
  });

  it("counts a near-duplicate window once and a republished article as its original", () => {
    const alone = buildGraph([makeAnalysis(DOC_A)], fixtureDictionary()).graph;
    const both = buildGraph(analysesAB(), fixtureDictionary()).graph;
    // Pairs only in the shared lead article keep the weights of the original alone, at every level,
    // even for the sentence doc-b rewrote (王坚同阿里巴巴集团负责人深入交流).
    for (const [a, b] of [
      ["liu-ying", "yang-jiangen"],
      ["alibaba", "wang-jian"],
      ["cae", "liu-ying"],
      ["alibaba", "zhejiang-lab"],
    ]) {
      const x = co(alone, a, b);
      const y = co(both, a, b);
      expect({ s: y.sentence, p: y.paragraph, a: y.article, d: y.documents }).toEqual({ s: x.sentence, p: x.paragraph, a: x.article, d: x.documents });
    }
    // The republication's own article does add.
    expect(co(both, "wang-jian", "zhejiang-lab")).toMatchObject({ sentence: 2, paragraph: 2, article: 2, documents: 2, lastDate: "2025-02-02" });
    expect(both.getAttribute("windows")).toEqual({ sentence: 8, paragraph: 3, article: 2 });
  });

  it("counts a repeated sentence once even outside a republished article", () => {
    const c = makeAnalysis({
      id: "doc-c",
      articles: [[[{ text: "王坚与阿里巴巴负责人交流。", duplicateOf: "doc-a:3" }, { text: "刘颖调研人工智能小镇。" }, { text: "刘颖会见杨建根。" }, { text: "刘颖再次会见杨建根。" }]]],
    });
    const { graph } = buildGraph([makeAnalysis(DOC_A), c], fixtureDictionary());
    expect(co(graph, "alibaba", "wang-jian").sentence).toBe(1);
    expect(co(graph, "liu-ying", "yang-jiangen")).toMatchObject({ sentence: 2, paragraph: 2, article: 2 });
  });

  it("computes npmi from the windows of the chosen level", () => {
    expect(npmi(2, 2, 2, 10)).toBe(1);
    expect(npmi(1, 2, 5, 10)).toBeCloseTo(0, 5);
    expect(npmi(0, 2, 2, 10)).toBe(-1);
    const { graph } = buildGraph(analysesAB(), fixtureDictionary(), { window: "sentence" });
    // 8 distinct sentences (doc-b's four marked copies fold onto doc-a's); 王坚 in 5, 之江实验室 in 2,
    // together in 2.
    const expected = Math.log(2 / 8 / ((5 / 8) * (2 / 8))) / -Math.log(2 / 8);
    expect(co(graph, "wang-jian", "zhejiang-lab").npmi).toBeCloseTo(expected, 3);
  });

  it("adds directed role edges only between two entities", () => {
    const { graph } = buildGraph(analysesAB(), fixtureDictionary());
    expect(graph.type).toBe("mixed");
    expect(graph.multi).toBe(true);
    const key = "role:wang-jian>cae:院士";
    expect(graph.hasEdge(key)).toBe(true);
    expect(graph.isDirected(key)).toBe(true);
    expect(graph.source(key)).toBe("wang-jian");
    // Stated in doc-a and again in the republished sentence: one statement.
    expect(graph.getEdgeAttributes(key)).toMatchObject({ kind: "role", title: "院士", weight: 1, documents: 1 });
    expect(graph.hasEdge("role:wang-jian>ai-town:名誉镇长")).toBe(true);
    // A role whose organisation is not an entity (org null) makes no edge.
    expect(graph.filterEdges("liu-ying", (_e, a) => a.kind === "role")).toEqual([]);
    // A pair can hold both kinds of edge.
    expect(graph.edges("wang-jian", "zhejiang-lab").sort()).toEqual(["co:wang-jian|zhejiang-lab", "role:wang-jian>zhejiang-lab:主任"]);
  });

  it("keeps candidates out unless asked", () => {
    const without = buildGraph(analysesAB(), fixtureDictionary()).graph;
    expect(without.hasNode("cand:沈尧")).toBe(false);
    const withCandidates = buildGraph(analysesAB(), fixtureDictionary(), { includeCandidates: true }).graph;
    expect(withCandidates.getNodeAttributes("cand:沈尧")).toMatchObject({ label: "沈尧", type: "person", candidate: true, name_en: "" });
    expect(withCandidates.hasEdge(`co:${pairKey("cand:沈尧", "wang-jian")}`)).toBe(true);
  });

  it("keeps evidence per edge with sentence text and offsets", () => {
    const { evidence, evidenceTotals } = buildGraph(analysesAB(), fixtureDictionary());
    const items = evidence.get(pairKey("wang-jian", "zhejiang-lab"))!;
    const sentences = items.filter((e) => e.level === "sentence");
    expect(sentences.map((e) => e.text)).toEqual(["中国工程院院士、之江实验室主任王坚出席。", "王坚当日在之江实验室调研，阿里地区代表团到访。"]);
    const a = makeAnalysis(DOC_A).doc;
    expect(a.text.slice(sentences[0].start, sentences[0].end)).toBe(sentences[0].text);
    expect(sentences[0]).toMatchObject({ doc: "doc-a", index: 2, source: "seeds/doc-a.txt", title: DOC_A.title, date: DOC_A.date });
    // A paragraph-level pair is proved by the nearest sentences holding each.
    const para = evidence.get(pairKey("liu-ying", "yang-jiangen"))!.find((e) => e.level === "paragraph")!;
    expect(para.text).toBe("市委常委、区委书记刘颖出席大会并讲话。区委副书记、区长杨建根主持。");
    expect(evidenceTotals.get(pairKey("wang-jian", "zhejiang-lab"))).toEqual({ sentence: 2, paragraph: 2, article: 2 });
  });

  it("stores a sentence that holds both names once, at its closest level, and counts it at every level", () => {
    const { evidence, evidenceTotals } = buildGraph(analysesAB(), fixtureDictionary());
    const items = evidence.get(pairKey("wang-jian", "zhejiang-lab"))!;
    const places = items.map((e) => `${e.doc}:${e.start}:${e.end}`);
    expect(new Set(places).size).toBe(places.length);
    // doc-a's shared sentence is stored as a sentence, not again as its paragraph's or article's passage.
    expect(items.filter((e) => e.doc === "doc-a").map((e) => e.level)).toEqual(["sentence"]);
    expect(evidenceTotals.get(pairKey("wang-jian", "zhejiang-lab"))).toEqual({ sentence: 2, paragraph: 2, article: 2 });
    // A pair in different sentences has its passage at the paragraph level, and not again at the article's.
    const far = evidence.get(pairKey("liu-ying", "yang-jiangen"))!.filter((e) => e.doc === "doc-a");
    expect(far.map((e) => e.level)).toEqual(["paragraph"]);
  });

  it("caps stored evidence per level and states the total", () => {
    const sentences = Array.from({ length: 30 }, (_, i) => ({ text: `第${i + 1}次，王坚在之江实验室调研。` }));
    const doc = makeAnalysis({ id: "doc-many", articles: [[sentences]] });
    const { evidence, evidenceTotals, graph } = buildGraph([doc], fixtureDictionary(), { window: "sentence" });
    const items = evidence.get(pairKey("wang-jian", "zhejiang-lab"))!;
    expect(MAX_EVIDENCE_PER_LEVEL).toBeLessThan(30);
    expect(items.filter((e) => e.level === "sentence")).toHaveLength(MAX_EVIDENCE_PER_LEVEL);
    expect(evidenceTotals.get(pairKey("wang-jian", "zhejiang-lab"))!.sentence).toBe(30);
    expect(co(graph, "wang-jian", "zhejiang-lab").weight).toBe(30);
  });

  it("gives the same output for the same input, whatever the input order", () => {
    const one = graphJsonString(buildGraph(analysesAB(), fixtureDictionary()).graph);
    const two = graphJsonString(buildGraph(analysesAB(), fixtureDictionary()).graph);
    const reversed = graphJsonString(buildGraph(analysesAB().reverse(), fixtureDictionary()).graph);
    expect(two).toBe(one);
    expect(reversed).toBe(one);
  });
});

// The exports of the viewer's current view, as plain functions in Node (the browser test clicks them):
// which entities and links a view holds, its GEXF (valid against the official schema, read back), its
// GraphML (read back), its CSVs (read back with the build's own table reader), the evidence CSV, and
// the SVG picture (well-formed, sized as asked, every label inside the frame).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MultiGraph } from "graphology";
import gexf from "graphology-gexf";
import graphml from "graphology-graphml";
import { afterAll, describe, expect, it } from "vitest";
import { parseDelimited } from "../../src/ingest/table.ts";
import type { EntityType } from "../../src/types.ts";
import type { PairEvidence } from "../../viewer/src/data.ts";
import { shownEvidence } from "../../viewer/src/evidence.ts";
import { buildModel, type Model } from "../../viewer/src/model.ts";
import { defaultState, type ViewState } from "../../viewer/src/url-state.ts";
import { EDGE_COLUMNS, EVIDENCE_COLUMNS, NODE_COLUMNS, csvField, edgesCsv, evidenceCsv, nodesCsv, viewGexf, viewGraphml, type ViewSnapshot } from "../../viewer/src/view-export.ts";
import { visibleSet } from "../../viewer/src/view-filter.ts";
import { estimateWidth, viewSvg } from "../../viewer/src/view-image.ts";
import { xmllint, xmlWellFormed } from "../export/schemas.ts";

interface RawGraph {
  nodes: { key: string; attributes: { label: string; type: string; candidate?: boolean } }[];
  edges: { key: string; source: string; target: string; attributes: { kind: string; sentence?: number; paragraph?: number; title?: string; weight: number } }[];
}
const raw = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/build-small/graph.json"), "utf8")) as RawGraph;
const model = buildModel(raw);
const work = mkdtempSync(join(tmpdir(), "guanxi-view-exports-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function snapshot(patch: Partial<ViewState>, m: Model = model): ViewSnapshot {
  const state = { ...defaultState(), ...patch };
  return { model: m, state, shown: visibleSet(m, state) };
}

/** What a view of build-small holds, worked out from graph.json here (not by view-filter.ts). */
function expected(hidden: Set<string>, minSentences: number) {
  const type = new Map(raw.nodes.map((n) => [n.key, n.attributes.type]));
  const edges = raw.edges.filter((e) => {
    if (hidden.has(type.get(e.source)!) || hidden.has(type.get(e.target)!)) return false;
    return e.attributes.kind === "role" || (e.attributes.sentence ?? 0) >= Math.max(1, minSentences);
  });
  const nodes = new Set(edges.flatMap((e) => [e.source, e.target]));
  return { nodes, edges };
}

function write(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

function csvRows(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const { rows, errors } = parseDelimited(text, ",");
  expect(errors).toEqual([]);
  return rows.map((r) => r.fields);
}

const FILTERED: Partial<ViewState> = { hiddenTypes: new Set<EntityType>(["place"]), minWeight: 2 };

describe("the view's entities and links", () => {
  it("are those the filters leave, by the window, the weight and the types", () => {
    for (const [patch, hidden, min] of [
      [{}, new Set<string>(), 1],
      [FILTERED, new Set(["place"]), 2],
    ] as const) {
      const { shown } = snapshot(patch);
      const want = expected(hidden, min);
      expect(new Set([...shown.nodes].map((k) => model.ids[Number(k)]))).toEqual(want.nodes);
      expect(shown.edges.size).toBe(want.edges.length);
    }
    // The filter does change the view (else the checks below would prove nothing about filtering).
    expect(snapshot(FILTERED).shown.edges.size).toBeLessThan(snapshot({}).shown.edges.size);
  });
});

describe("CSV of the view", () => {
  it("has one row per entity and per link shown, under a filter, with the build's counts", () => {
    const view = snapshot(FILTERED);
    const want = expected(new Set(["place"]), 2);
    const nodes = csvRows(nodesCsv(view));
    expect(nodes[0]).toEqual([...NODE_COLUMNS]);
    expect(nodes.length - 1).toBe(want.nodes.size);
    expect(new Set(nodes.slice(1).map((r) => r[0]))).toEqual(want.nodes);
    const edges = csvRows(edgesCsv(view));
    expect(edges[0]).toEqual([...EDGE_COLUMNS]);
    expect(edges.length - 1).toBe(want.edges.length);
    const col = (name: (typeof EDGE_COLUMNS)[number]) => EDGE_COLUMNS.indexOf(name);
    for (const row of edges.slice(1)) {
      const source = row[col("source")];
      const target = row[col("target")];
      const kind = row[col("kind")];
      const edge = want.edges.find((e) => e.attributes.kind === kind && ((e.source === source && e.target === target) || (e.source === target && e.target === source)));
      expect(edge, `${source} ${target} ${kind}`).toBeDefined();
      if (kind === "co-mention") {
        expect(row[col("window")]).toBe("sentence");
        expect(Number(row[col("weight")])).toBe(edge!.attributes.sentence);
        expect(Number(row[col("paragraph")])).toBe(edge!.attributes.paragraph);
      } else expect(row[col("title")]).toBe(edge!.attributes.title);
    }
    // links_shown adds up to twice the links.
    const links = nodes.slice(1).reduce((n, r) => n + Number(r[NODE_COLUMNS.indexOf("links_shown")]), 0);
    expect(links).toBe(2 * want.edges.length);
  });

  it("quotes what needs it and defuses formulas, numbers untouched", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("+86")).toBe("'+86");
    expect(csvField(-3.5)).toBe("-3.5");
    expect(csvField(undefined)).toBe("");
    expect(csvField(false)).toBe("false");
  });

  it("the evidence CSV holds the passages the panel lists, each once, read back whole", () => {
    const evidence: PairEvidence = {
      total: { sentence: 2, paragraph: 2, article: 2 },
      items: [
        { doc: "d1", level: "paragraph", text: "第一段，刘颖与强脑科技。", title: "T1", source: "s1", date: "2024-03-01", duplicateOf: "" },
        { doc: "d1", level: "sentence", text: '刘颖说："强脑科技, 好"\n新行', title: "T1", source: "s1", date: "2024-03-01", duplicateOf: "" },
        // The same sentence stored again at the paragraph level: listed once.
        { doc: "d1", level: "paragraph", text: '刘颖说："强脑科技, 好"\n新行', title: "T1", source: "s1", date: "2024-03-01", duplicateOf: "" },
        { doc: "d2", level: "sentence", text: "=刘颖 强脑科技", title: "", source: "s2", date: "2025-01-02", duplicateOf: "d1" },
      ],
    };
    const a = model.entities.get("liu-ying")!;
    const b = model.entities.get("brainco")!;
    const all = shownEvidence(evidence, "sentence", { from: null, to: null });
    expect(all.map((it) => it.doc + it.level)).toEqual(["d1sentence", "d1paragraph", "d2sentence"]);
    const rows = csvRows(evidenceCsv(a, b, all));
    expect(rows[0]).toEqual([...EVIDENCE_COLUMNS]);
    expect(rows.length - 1).toBe(3);
    expect(rows[1].slice(0, 4)).toEqual(["liu-ying", "刘颖", "brainco", "强脑科技"]);
    expect(rows[1][EVIDENCE_COLUMNS.indexOf("text")]).toBe('刘颖说："强脑科技, 好"\n新行');
    expect(rows[3][EVIDENCE_COLUMNS.indexOf("text")]).toBe("'=刘颖 强脑科技");
    expect(rows[3][EVIDENCE_COLUMNS.indexOf("duplicate_of")]).toBe("d1");
    // In a time range, only the passages dated in it.
    expect(csvRows(evidenceCsv(a, b, shownEvidence(evidence, "sentence", { from: "2025-01", to: null }))).length - 1).toBe(1);
  });

  it("lists a sentence that holds both names among the passages of a wider window, closest first", () => {
    // A build stores a shared sentence once, at the sentence level: at the article window it still
    // proves the pair, and before a passage that only stands in the same article.
    const evidence: PairEvidence = {
      total: { sentence: 1, paragraph: 1, article: 2 },
      items: [
        { doc: "d1", level: "sentence", text: "刘颖调研强脑科技。", title: "T1", source: "s1", date: "2024-03-01", duplicateOf: "" },
        { doc: "d3", level: "article", text: "刘颖出席。 … 强脑科技发布新品。", title: "T3", source: "s3", date: "2024-04-01", duplicateOf: "" },
      ],
    };
    expect(shownEvidence(evidence, "article", { from: null, to: null }).map((it) => it.doc + it.level)).toEqual(["d1sentence", "d3article"]);
    expect(shownEvidence(evidence, "sentence", { from: null, to: null }).map((it) => it.doc + it.level)).toEqual(["d1sentence", "d3article"]);
  });
});

describe("GEXF and GraphML of the view", () => {
  it("GEXF 1.3 of a filtered view is valid against the official schema and reads back as the view", () => {
    const view = snapshot({ ...FILTERED, community: true });
    const text = viewGexf(view);
    expect(() => xmllint("1.3", write("view.gexf", text))).not.toThrow();
    const back = gexf.parse(MultiGraph, text);
    expect(back.order).toBe(view.shown.nodes.size);
    expect(back.size).toBe(view.shown.edges.size);
    const want = expected(new Set(["place"]), 2);
    for (const id of want.nodes) expect(back.hasNode(id), id).toBe(true);
    const wang = back.getNodeAttributes("wang-jian");
    expect(wang).toMatchObject({ label: "王坚", type: "person" });
    // Drawn as the view draws it: community colours were on.
    expect(wang.color).not.toBe(model.graph.getNodeAttribute(model.keys.get("wang-jian")!, "color"));
    expect(text).toContain("without 地点 place");
    back.forEachEdge((_e, a) => {
      if (a.kind === "co-mention") expect(a.weight).toBe(a.sentence);
    });
  });

  it("a view in a time range: dynamic GEXF still valid, links carry their documents in the range", () => {
    const dated = buildModel({
      nodes: ["a", "b", "c"].map((k) => ({ key: k, attributes: { label: k.toUpperCase(), type: "person", x: k.charCodeAt(0), y: 1 } })),
      edges: [
        { key: "ab", source: "a", target: "b", undirected: true, attributes: { kind: "co-mention", sentence: 2, paragraph: 2, article: 2, documents: 3, months: { "2024-01": 1, "2024-03": 2 } } },
        { key: "bc", source: "b", target: "c", undirected: true, attributes: { kind: "co-mention", sentence: 1, paragraph: 1, article: 1, documents: 1, months: { "2024-06": 1 } } },
      ],
    });
    const view = snapshot({ time: { from: "2024-02", to: "2024-04" } }, dated);
    expect(view.shown.edges.size).toBe(1);
    const text = viewGexf(view);
    expect(() => xmllint("1.3", write("dated.gexf", text))).not.toThrow();
    const back = gexf.parse(MultiGraph, text);
    expect(back.order).toBe(2);
    expect(back.getEdgeAttribute("ab", "documentsInRange")).toBe(2);
    const edges = csvRows(edgesCsv(view));
    expect(edges.length - 1).toBe(1);
    expect(edges[1][EDGE_COLUMNS.indexOf("documents_in_range")]).toBe("2");
  });

  it("GraphML reads back with graphology-graphml, role links directed", () => {
    const view = snapshot(FILTERED);
    const back = graphml.parse(MultiGraph, viewGraphml(view));
    expect(back.order).toBe(view.shown.nodes.size);
    expect(back.size).toBe(view.shown.edges.size);
    let roles = 0;
    back.forEachEdge((e, a) => {
      if (a.kind !== "role") return;
      roles++;
      expect(back.isDirected(e)).toBe(true);
    });
    expect(roles).toBe(expected(new Set(["place"]), 2).edges.filter((e) => e.attributes.kind === "role").length);
  });
});

/** The <text> elements of a group of the SVG, with their position and anchor. */
function texts(svg: string, group: string): { x: number; y: number; anchor: string; text: string }[] {
  const start = svg.indexOf(`<g class="${group}"`);
  if (start < 0) return [];
  const body = svg.slice(start, svg.indexOf("</g>", start));
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  return [...body.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1];
    return { x: Number(attr("x")), y: Number(attr("y")), anchor: attr("text-anchor") ?? "start", text: unescape(m[2]) };
  });
}

describe("the SVG picture", () => {
  it("is well-formed, sized as asked, with the title, the filters, a legend and every label shown inside the frame", () => {
    const view = snapshot({ ...FILTERED, selected: "wang-jian" });
    const svg = viewSvg(view, { width: 900, height: 700, title: "余杭 <test> & co" });
    expect(() => xmlWellFormed(write("view.svg", svg))).not.toThrow();
    expect(svg).toMatch(/<svg [^>]*width="900" height="700" viewBox="0 0 900 700"/);
    expect(svg).toContain("余杭 &lt;test&gt; &amp; co");
    expect(svg).toContain("without 地点 place");
    const labels = texts(svg, "labels");
    // Every entity shown has its label: few entities in a 900×700 picture.
    const shownLabels = [...view.shown.nodes].map((k) => model.graph.getNodeAttribute(k, "label")).sort();
    expect(labels.map((l) => l.text).sort()).toEqual(shownLabels);
    const size = 13 * (700 / 900);
    for (const l of labels) {
      const w = estimateWidth(l.text, size);
      const x0 = l.anchor === "start" ? l.x : l.anchor === "end" ? l.x - w : l.x - w / 2;
      expect(x0, l.text).toBeGreaterThanOrEqual(0);
      expect(x0 + w, l.text).toBeLessThanOrEqual(900);
      expect(l.y - size, l.text).toBeGreaterThanOrEqual(0);
      expect(l.y, l.text).toBeLessThanOrEqual(700);
    }
    expect(svg.match(/<circle [^>]*r="[\d.]+" fill="#/g)?.length).toBeGreaterThanOrEqual(view.shown.nodes.size);
    const legend = texts(svg, "legend").map((t) => t.text);
    expect(legend.some((t) => t.startsWith("人物 person"))).toBe(true);
    expect(legend.some((t) => t.startsWith("role"))).toBe(true);
    // Role arrows carry their marker; the selection its ring.
    expect(svg).toContain('marker-end="url(#role-arrow)"');
    expect(svg).toContain('stroke="#222222"');
  });

  it("keeps markup in labels as text, and clamps an impossible size", () => {
    const evil = buildModel({
      nodes: [
        { key: "x", attributes: { label: '<script>alert("x")</script>', type: "person", x: 0, y: 0, candidate: true } },
        { key: "y", attributes: { label: "]]> & <!--", type: "company", x: 10, y: 5 } },
      ],
      edges: [{ key: "xy", source: "x", target: "y", undirected: true, attributes: { kind: "co-mention", sentence: 1, paragraph: 1, article: 1 } }],
    });
    const svg = viewSvg(snapshot({}, evil), { width: 10, height: 99999, title: "" });
    expect(() => xmlWellFormed(write("evil.svg", svg))).not.toThrow();
    expect(svg).toMatch(/width="320" height="8000"/);
    expect(svg).not.toContain("<script");
    expect(texts(svg, "labels").map((l) => l.text).sort()).toEqual(['<script>alert("x")</script>', "]]> & <!--"].sort());
    expect(texts(svg, "legend").map((t) => t.text)).toContain("pale: unreviewed name 候选");
  });

  it("says so when the filters leave nothing", () => {
    const svg = viewSvg(snapshot({ showCoMention: false, showRole: false }), { width: 800, height: 600, title: "t" });
    expect(texts(svg, "labels")).toEqual([]);
    expect(texts(svg, "empty")[0].text).toMatch(/Nothing is shown/);
  });
});

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MultiGraph } from "graphology";
import gexf from "graphology-gexf";
import graphml from "graphology-graphml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceShardPath, pairKey } from "../../src/evidence/key.ts";
import { exportAll, EXTRA_FORMATS, gexfString, graphmlString, parseFormats } from "../../src/export/index.ts";
import { readEvidence, writeEvidenceMap } from "../../src/evidence/shards.ts";
import { CO_MENTION_HEADER, NODE_HEADER, ROLE_HEADER } from "../../src/export/neo4j.ts";
import { buildGraph, type GuanxiGraph } from "../../src/graph/build.ts";
import { analysesAB, fixtureDictionary } from "../graph/fixtures.ts";
import { xmllint } from "./schemas.ts";

let dir: string;
let graph: GuanxiGraph;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "guanxi-export-"));
  const built = buildGraph(analysesAB(), fixtureDictionary(), { includeCandidates: true });
  graph = built.graph;
  exportAll(dir, graph, { formats: ["graphml", "neo4j", "gexf1.2draft"] });
  writeEvidenceMap(dir, built.evidence, built.evidenceTotals);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything a reader must get back: labels, types, English names, weights, positions. */
function expectSameGraph(back: ReturnType<typeof gexf.parse>) {
  expect(back.order).toBe(graph.order);
  graph.forEachNode((n, a) => {
    const b = back.getNodeAttributes(n);
    expect(b.label).toBe(a.label);
    expect(b.type).toBe(a.type);
    expect(b.name_en ?? "").toBe(a.name_en);
    expect(b.x).toBeCloseTo(a.x!, 3);
    expect(b.y).toBeCloseTo(a.y!, 3);
    expect(b.size).toBeCloseTo(a.size!, 3);
    expect(b.mentions).toBe(a.mentions);
    expect(b.pagerank).toBeCloseTo(a.pagerank!, 6);
  });
  graph.forEachEdge((e, a, s, t, _sa, _ta, undirected) => {
    expect(back.hasEdge(e)).toBe(true);
    const b = back.getEdgeAttributes(e);
    expect(b.weight).toBe(a.weight);
    expect(b.kind).toBe(a.kind);
    expect(back.isUndirected(e)).toBe(undirected);
    if (!undirected) expect([back.source(e), back.target(e)]).toEqual([s, t]);
    if (a.kind === "co-mention") expect([b.sentence, b.paragraph, b.article]).toEqual([a.sentence, a.paragraph, a.article]);
    else expect(b.title).toBe(a.title);
  });
}

describe("exports", () => {
  it("writes graph.json and graph.gexf alone unless other formats are asked for", () => {
    const plain = mkdtempSync(join(tmpdir(), "guanxi-export-plain-"));
    try {
      exportAll(plain, graph);
      expect(readdirSync(plain).sort()).toEqual(["graph.gexf", "graph.json"]);
      exportAll(plain, graph, { gexfVersion: "1.2draft", formats: ["gexf1.3"] });
      expect(readdirSync(plain).sort()).toEqual(["graph.1.3.gexf", "graph.gexf", "graph.json"]);
      expect(readFileSync(join(plain, "graph.1.3.gexf"), "utf8")).toBe(gexfString(graph, "1.3"));
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it("reads --formats lists, and names the formats when one is unknown", () => {
    expect(parseFormats("neo4j,graphml")).toEqual(["graphml", "neo4j"]);
    expect(parseFormats("all")).toEqual([...EXTRA_FORMATS]);
    expect(() => parseFormats("graphml,gml")).toThrow(/gml is not a format \(graphml, neo4j, gexf1.2draft, gexf1.3 or all\)/);
  });

  it("writes every file asked for into the folder", () => {
    for (const f of ["graph.json", "graph.gexf", "graph.1.2draft.gexf", "graph.graphml", "neo4j/import.sh", "neo4j/rel_co_mentioned_with.csv", "neo4j/rel_holds_role.csv"]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
  });

  it("the streamed GEXF and GraphML files are the writers' strings", () => {
    expect(readFileSync(join(dir, "graph.gexf"), "utf8")).toBe(gexfString(graph, "1.3"));
    expect(readFileSync(join(dir, "graph.1.2draft.gexf"), "utf8")).toBe(gexfString(graph, "1.2draft"));
    expect(readFileSync(join(dir, "graph.graphml"), "utf8")).toBe(graphmlString(graph));
  });

  it("graph.json is graphology's export and imports back whole", () => {
    const data = JSON.parse(readFileSync(join(dir, "graph.json"), "utf8"));
    expect(data.options).toMatchObject({ type: "mixed", multi: true });
    const back = new MultiGraph();
    back.import(data);
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    expect(back.getNodeAttributes("alibaba")).toMatchObject({ label: "阿里巴巴", type: "company", aliases: ["阿里", "Alibaba", "阿里巴巴集团"], name_en: "Alibaba Group" });
  });

  it("GEXF 1.3 is valid against the official RelaxNG schema and reads back whole", () => {
    const file = join(dir, "graph.gexf");
    expect(() => xmllint("1.3", file)).not.toThrow();
    const xml = readFileSync(file, "utf8");
    expect(xml).toContain('version="1.3"');
    expect(xml).not.toContain("schemaLocation");
    expectSameGraph(gexf.parse(MultiGraph, xml, { respectInputGraphType: true }));
  });

  it("GEXF 1.2draft is valid against the official RelaxNG schema and reads back whole", () => {
    const file = join(dir, "graph.1.2draft.gexf");
    expect(() => xmllint("1.2draft", file)).not.toThrow();
    const xml = readFileSync(file, "utf8");
    expect(xml).toContain('xmlns="http://www.gexf.net/1.2draft"');
    expect(xml).not.toMatch(/<edge [^>]*\bkind=/);
    expectSameGraph(gexf.parse(MultiGraph, xml, { respectInputGraphType: true }));
  });

  it("NetworkX reads the 1.2draft file with types, English names and weights", () => {
    const script = [
      "import json, sys, networkx as nx",
      "G = nx.read_gexf(sys.argv[1])",
      "nodes = {n: {'label': d.get('label'), 'type': d.get('type'), 'name_en': d.get('name_en')} for n, d in G.nodes(data=True)}",
      "edges = {}",
      "for u, v, k, d in G.edges(keys=True, data=True): edges[k] = {'weight': d.get('weight'), 'kind': d.get('kind'), 'source': u, 'target': v}",
      "print(json.dumps({'directed': G.is_directed(), 'nodes': nodes, 'edges': edges}))",
    ].join("\n");
    const out = JSON.parse(execFileSync("python3", ["-c", script, join(dir, "graph.1.2draft.gexf")], { encoding: "utf8" }));
    expect(Object.keys(out.nodes).sort()).toEqual(graph.nodes().sort());
    graph.forEachNode((n, a) => {
      expect(out.nodes[n].label).toBe(a.label);
      expect(out.nodes[n].type).toBe(a.type);
      // NetworkX leaves an empty string out of the file: a candidate has no English name.
      expect(out.nodes[n].name_en ?? "").toBe(a.name_en);
    });
    graph.forEachEdge((e, a, s, t) => {
      expect(out.edges[e], e).toBeDefined();
      expect(out.edges[e].weight).toBe(a.weight);
      expect(out.edges[e].kind).toBe(a.kind);
      if (a.kind === "role") expect([out.edges[e].source, out.edges[e].target]).toEqual([s, t]);
    });
  });

  it("GraphML is written and graphology-graphml reads it back", () => {
    const xml = readFileSync(join(dir, "graph.graphml"), "utf8");
    const back = graphml.parse(MultiGraph, xml);
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    expect(back.getNodeAttribute("zhejiang-lab", "label")).toBe("之江实验室");
    expect(back.getNodeAttribute("zhejiang-lab", "type")).toBe("lab");
    expect(JSON.parse(back.getNodeAttribute("zhejiang-lab", "aliases"))).toEqual(["Zhejiang Lab"]);
    expect(back.isDirected("role:wang-jian>cae:院士")).toBe(true);
    expect(back.getEdgeAttribute("co:wang-jian|zhejiang-lab", "weight")).toBe(2);
  });

  it("Neo4j CSVs use neo4j-admin headers, a label per type, and the two relationship types", () => {
    const files = readdirSync(join(dir, "neo4j")).sort();
    expect(files).toEqual(expect.arrayContaining(["nodes_person.csv", "nodes_company.csv", "nodes_lab.csv", "nodes_place.csv", "rel_co_mentioned_with.csv", "rel_holds_role.csv"]));
    const people = readFileSync(join(dir, "neo4j/nodes_person.csv"), "utf8").trim().split("\n");
    expect(people[0]).toBe(NODE_HEADER.join(","));
    expect(people[0]).toMatch(/^id:ID\(Entity\),/);
    expect(people.slice(1).every((l) => l.endsWith('"Entity;Person"'))).toBe(true);
    expect(people.some((l) => l.startsWith("wang-jian,王坚,"))).toBe(true);
    const co = readFileSync(join(dir, "neo4j/rel_co_mentioned_with.csv"), "utf8").trim().split("\n");
    expect(co[0]).toBe(CO_MENTION_HEADER.join(","));
    expect(co[0]).toContain(":START_ID(Entity),:END_ID(Entity),weight:int");
    expect(co.slice(1).every((l) => l.endsWith(",CO_MENTIONED_WITH"))).toBe(true);
    expect(co).toHaveLength(graph.filterEdges((_e, a) => a.kind === "co-mention").length + 1);
    const roles = readFileSync(join(dir, "neo4j/rel_holds_role.csv"), "utf8").trim().split("\n");
    expect(roles[0]).toBe(ROLE_HEADER.join(","));
    // Dates count the republication too (doc-b, a day later): it states the role again on its own date.
    expect(roles).toContain(`wang-jian,cae,院士,1,1,2025-02-01,2025-02-02,"{""2025-02"":2}",HOLDS_ROLE`);
    const cmd = readFileSync(join(dir, "neo4j/import.sh"), "utf8");
    expect(cmd).toContain("neo4j-admin database import full");
    expect(cmd).toContain("--relationships=neo4j/rel_holds_role.csv");
  });

  it("stores evidence in shards and reads one pair from its shard alone", () => {
    const shard = JSON.parse(readFileSync(join(dir, evidenceShardPath("wang-jian", "zhejiang-lab")), "utf8"));
    expect(Object.keys(shard)).toContain(pairKey("wang-jian", "zhejiang-lab"));
    const entry = readEvidence(dir, "zhejiang-lab", "wang-jian")!;
    expect(entry.total).toEqual({ sentence: 2, paragraph: 2, article: 2 });
    expect(entry.items[0]).toMatchObject({ doc: "doc-a", level: "sentence", text: "中国工程院院士、之江实验室主任王坚出席。" });
    expect(readEvidence(dir, "wang-jian", "nobody")).toBeNull();
    // Every shard file holds only the pairs that hash to it.
    for (const f of readdirSync(join(dir, "evidence"))) {
      const keys = Object.keys(JSON.parse(readFileSync(join(dir, "evidence", f), "utf8")));
      for (const k of keys) expect(evidenceShardPath(...(k.split("|") as [string, string]))).toBe(`evidence/${f}`);
    }
  });
});

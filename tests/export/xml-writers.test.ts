import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MultiGraph } from "graphology";
import gexf from "graphology-gexf";
import graphml from "graphology-graphml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gexfString, writeGexf, type GexfVersion } from "../../src/export/gexf.ts";
import { graphmlString, writeGraphml } from "../../src/export/graphml.ts";
import { escapeXml } from "../../src/export/xml-text.ts";
import type { GuanxiGraph } from "../../src/graph/build.ts";
import { xmllint, xmlWellFormed } from "./schemas.ts";

const VERSIONS: GexfVersion[] = ["1.3", "1.2draft"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "guanxi-xml-writers-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function emptyGraph(): GuanxiGraph {
  const graph: GuanxiGraph = new MultiGraph({ type: "mixed" });
  graph.replaceAttributes({
    window: "article",
    windows: { sentence: 1, paragraph: 1, article: 1 },
    documents: 1,
    creator: "guanxi",
    description: "test graph",
  });
  return graph;
}

/** A graph shaped like a build's, with documents several MB long: the writers flush many chunks. */
function largeGraph(): GuanxiGraph {
  const graph = emptyGraph();
  const nodes = 120;
  for (let i = 0; i < nodes; i++) {
    graph.addNode(`n${i}`, {
      label: `实体${i}`,
      type: i % 3 === 0 ? "person" : "company",
      aliases: i % 2 ? [`别名${i}`, `alias ${i}`] : [],
      name_en: i % 5 ? `Entity ${i}` : "",
      candidate: i % 7 === 0,
      mentions: i + 1,
      documents: i + 1,
      titles: i % 3 === 0 ? ["主任"] : [],
      community: i % 4,
      pagerank: 1 / (i + 3),
      betweenness: i / 7,
      weightedDegree: 2 * i,
      x: i * 1.5 - 90,
      y: 40 - i / 3,
      size: 4 + i / 10,
      color: "#56b4e9",
    });
  }
  for (let i = 0; i < nodes; i++) {
    for (let j = i + 1; j < nodes; j++) {
      graph.addUndirectedEdgeWithKey(`co:n${i}|n${j}`, `n${i}`, `n${j}`, {
        kind: "co-mention",
        weight: (i + j) % 9,
        sentence: i % 3,
        paragraph: j % 4,
        article: (i + j) % 9,
        documents: 1 + (j % 5),
        npmi: ((i - j) % 100) / 100,
        firstDate: "2024-01-02",
        lastDate: "2024-03-04",
      });
    }
    if (i % 3 === 0) graph.addDirectedEdgeWithKey(`role:n${i}>n${i + 1}:主任`, `n${i}`, `n${i + 1}`, { kind: "role", title: "主任", weight: 1, documents: 1 });
  }
  return graph;
}

describe("streaming writers", () => {
  const graph = largeGraph();

  for (const version of VERSIONS) {
    it(`GEXF ${version}: the streamed file is gexfString's text, and valid`, () => {
      const text = gexfString(graph, version);
      // Several 1 MB chunks, so chunk boundaries are crossed.
      expect(text.length).toBeGreaterThan(3 * (1 << 20));
      const file = writeGexf(dir, graph, { version, fileName: `large.${version}.gexf` });
      expect(readFileSync(file, "utf8")).toBe(text);
      expect(() => xmllint(version, file)).not.toThrow();
    });
  }

  it("GraphML: the streamed file is graphmlString's text", () => {
    const text = graphmlString(graph);
    expect(text.length).toBeGreaterThan(3 * (1 << 20));
    const file = writeGraphml(dir, graph);
    expect(readFileSync(file, "utf8")).toBe(text);
    // Well-formed is enough here (graphology-graphml's parser takes minutes on this size); the fixture
    // graph and the hostile one are read back in full.
    expect(() => xmlWellFormed(file)).not.toThrow();
  });
});

describe("hostile text", () => {
  const CONTROL = "\u0000\u0001\u0007\u000b\u001f\ufffe\ud800";
  const label = `<script>alert("x&y")</script> 'q' ${CONTROL}]]>`;
  const id = `a<b>&"c'${CONTROL}`;
  const cleanId = `a<b>&"c'`;
  const aliases = ["<b>&amp;</b>", 'say "hi"', "it's", `both ' and "`, "line\nbreak\ttab"];
  const title = `<主任> & "副"${CONTROL}`;

  function hostileGraph(): GuanxiGraph {
    const graph = emptyGraph();
    graph.mergeAttributes({ description: `<desc> & ${CONTROL}"` });
    graph.addNode(id, { label, type: "person", aliases, name_en: `Tab\there & "there"`, candidate: false, mentions: 1, documents: 1, titles: [title], x: 1, y: 2, size: 3, color: "#fff" });
    graph.addNode("org", { label: "org", type: "company", aliases: [], name_en: "Org", candidate: false, mentions: 1, documents: 1, titles: [], x: 3, y: 4, size: 5, color: "rgb(1, 2, 3)" });
    graph.addUndirectedEdgeWithKey(`co:${id}|org`, id, "org", { kind: "co-mention", weight: 1, sentence: 1, paragraph: 1, article: 1, documents: 1, npmi: 0.5, firstDate: "<2024>" });
    graph.addDirectedEdgeWithKey(`role:${id}>org:${title}`, id, "org", { kind: "role", title, weight: 1, documents: 1 });
    return graph;
  }

  it("escapeXml escapes markup and drops what XML 1.0 cannot carry", () => {
    expect(escapeXml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    expect(escapeXml(`a${CONTROL}b`)).toBe("ab");
    expect(escapeXml("tab\tline\nreturn\r")).toBe("tab&#x9;line&#xA;return&#xD;");
    // A surrogate pair is one character and stays.
    expect(escapeXml("😀")).toBe("😀");
    expect(escapeXml("纯文本 plain")).toBe("纯文本 plain");
  });

  for (const version of VERSIONS) {
    it(`GEXF ${version} stays valid and reads back the text`, () => {
      const graph = hostileGraph();
      const file = writeGexf(dir, graph, { version, fileName: `hostile.${version}.gexf` });
      expect(() => xmllint(version, file)).not.toThrow();
      const xml = readFileSync(file, "utf8");
      expect(xml).not.toContain("<script>");
      const back = gexf.parse(MultiGraph, xml, { respectInputGraphType: true });
      expect(back.nodes().sort()).toEqual([cleanId, "org"].sort());
      expect(back.getNodeAttribute(cleanId, "label")).toBe(`<script>alert("x&y")</script> 'q' ]]>`);
      expect(back.getNodeAttribute(cleanId, "name_en")).toBe(`Tab\there & "there"`);
      if (version === "1.3") expect(back.getNodeAttribute(cleanId, "aliases")).toEqual(aliases);
      expect(back.getEdgeAttribute(`role:${cleanId}>org:<主任> & "副"`, "title")).toBe(`<主任> & "副"`);
      expect(back.isUndirected(`co:${cleanId}|org`)).toBe(true);
      expect(back.getAttribute("description")).toBe(`<desc> & "`);
    });
  }

  it("GraphML stays well-formed and reads back the text", () => {
    const graph = hostileGraph();
    const file = writeGraphml(dir, graph);
    expect(() => xmlWellFormed(file)).not.toThrow();
    const back = graphml.parse(MultiGraph, readFileSync(file, "utf8"));
    expect(back.getNodeAttribute(cleanId, "label")).toBe(`<script>alert("x&y")</script> 'q' ]]>`);
    expect(JSON.parse(back.getNodeAttribute(cleanId, "aliases"))).toEqual(aliases);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.ts";
import { pairKey } from "../../src/evidence/key.ts";
import { gexfString, spellsText } from "../../src/export/gexf.ts";
import type { CoMentionEdgeAttributes, RoleEdgeAttributes } from "../../src/types.ts";
import { DOC_A, DOC_B, fixtureDictionary, makeAnalysis, type DocSpec } from "./fixtures.ts";
import { xmllint } from "../export/schemas.ts";

const co = (graph: ReturnType<typeof buildGraph>["graph"], a: string, b: string) => graph.getEdgeAttributes(`co:${pairKey(a, b)}`) as CoMentionEdgeAttributes;

/** A later article of its own (not a copy) naming 王坚 with 之江实验室, in another month. */
const DOC_C: DocSpec = {
  id: "doc-c",
  date: "2025-04-10",
  articles: [[[{ text: "之江实验室主任王坚出席论坛。" }]]],
  roles: [{ person: "wang-jian", person_label: "王坚", title: "主任", org: "zhejiang-lab", org_label: "之江实验室", sentence: 0 }],
};
/** An undated article naming the same pair: it adds weight, never a date. */
const DOC_D: DocSpec = { id: "doc-d", articles: [[[{ text: "王坚与之江实验室同仁交流。" }]]] };

describe("dates on the graph", () => {
  const { graph } = buildGraph([DOC_A, DOC_B, DOC_C, DOC_D].map((d) => makeAnalysis(d)), fixtureDictionary());

  it("gives a co-mention its first and last date and its dated documents per month", () => {
    const e = co(graph, "wang-jian", "zhejiang-lab");
    expect(e.documents).toBe(4);
    expect(e.firstDate).toBe("2025-02-01");
    expect(e.lastDate).toBe("2025-04-10");
    // doc-a and its republication doc-b in February (each on its own date), doc-c in April; doc-d has no date.
    expect(e.months).toEqual({ "2025-02": 2, "2025-04": 1 });
    expect(Object.keys(e.months!)).toEqual(["2025-02", "2025-04"]);
  });

  it("counts a document once per pair even when several of its articles name the pair", () => {
    // Both articles of doc-b name 王坚 and 之江实验室: doc-b counts once, so a, b and c make three.
    const e = co(graph, "wang-jian", "zhejiang-lab");
    expect(Object.values(e.months!).reduce((x, y) => x + y, 0)).toBe(3);
  });

  it("gives nodes their first and last seen, and role edges theirs", () => {
    expect(graph.getNodeAttributes("wang-jian")).toMatchObject({ firstDate: "2025-02-01", lastDate: "2025-04-10", months: { "2025-02": 2, "2025-04": 1 } });
    expect(graph.getNodeAttributes("liu-ying")).toMatchObject({ firstDate: "2025-02-01", lastDate: "2025-02-02", months: { "2025-02": 2 } });
    const role = graph.getEdgeAttributes("role:wang-jian>zhejiang-lab:主任") as RoleEdgeAttributes;
    // Stated in doc-a and doc-c (doc-b states other roles of his).
    expect(role).toMatchObject({ firstDate: "2025-02-01", lastDate: "2025-04-10", months: { "2025-02": 1, "2025-04": 1 } });
  });

  it("leaves undated builds without dates", () => {
    const undated = buildGraph([makeAnalysis(DOC_D)], fixtureDictionary()).graph;
    const e = co(undated, "wang-jian", "zhejiang-lab");
    expect(e.firstDate).toBeUndefined();
    expect(e.months).toBeUndefined();
    expect(gexfString(undated, "1.3")).not.toContain("dynamic");
  });
});

describe("GEXF spells", () => {
  const dir = mkdtempSync(join(tmpdir(), "guanxi-spells-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("joins consecutive months into one spell, first to last day, across a year's end", () => {
    expect(spellsText({ "2024-11": 1, "2024-12": 2, "2025-01": 1, "2025-03": 4, "2024-02": 1 }, "")).toBe(
      ["<spells>", '  <spell start="2024-02-01" end="2024-02-29"/>', '  <spell start="2024-11-01" end="2025-01-31"/>', '  <spell start="2025-03-01" end="2025-03-31"/>', "</spells>", ""].join("\n"),
    );
    expect(spellsText(undefined)).toBe("");
    expect(spellsText({})).toBe("");
  });

  it("makes a dated 1.3 file dynamic, valid against the schema, and leaves 1.2draft static", () => {
    const { graph } = buildGraph([DOC_A, DOC_C, DOC_D].map((d) => makeAnalysis(d)), fixtureDictionary());
    const g13 = gexfString(graph, "1.3");
    expect(g13).toContain('mode="dynamic" timeformat="date"');
    const edge = g13.slice(g13.indexOf(`<edge id="co:${pairKey("wang-jian", "zhejiang-lab")}"`));
    expect(edge.slice(0, edge.indexOf("</edge>"))).toContain('<spell start="2025-02-01" end="2025-02-28"/>\n          <spell start="2025-04-01" end="2025-04-30"/>');
    writeFileSync(join(dir, "g13.gexf"), g13);
    expect(() => xmllint("1.3", join(dir, "g13.gexf"))).not.toThrow();
    const g12 = gexfString(graph, "1.2draft");
    expect(g12).not.toContain("spell");
    expect(g12).toContain('<attvalue for="firstDate" value="2025-02-01"/>');
    writeFileSync(join(dir, "g12.gexf"), g12);
    expect(() => xmllint("1.2draft", join(dir, "g12.gexf"))).not.toThrow();
  });
});

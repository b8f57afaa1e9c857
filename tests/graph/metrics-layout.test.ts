import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.ts";
import { layoutGraph, TYPE_COLORS } from "../../src/graph/layout.ts";
import { computeMetrics } from "../../src/graph/metrics.ts";
import { ENTITY_TYPES } from "../../src/types.ts";
import { analysesAB, fixtureDictionary } from "./fixtures.ts";

describe("metrics and layout", () => {
  it("sets weighted degree, pagerank, betweenness and community on every node", () => {
    const { graph } = buildGraph(analysesAB(), fixtureDictionary());
    graph.forEachNode((_n, a) => {
      expect(typeof a.weightedDegree).toBe("number");
      expect(typeof a.pagerank).toBe("number");
      expect(typeof a.betweenness).toBe("number");
      expect(Number.isInteger(a.community)).toBe(true);
    });
    // 王坚 ties the lead article to the republication's own article: the most central node.
    const ranked = graph.nodes().sort((x, y) => graph.getNodeAttribute(y, "pagerank")! - graph.getNodeAttribute(x, "pagerank")!);
    expect(ranked[0]).toBe("wang-jian");
    expect(graph.getNodeAttribute("wang-jian", "betweenness")).toBeGreaterThan(0);
    let sum = 0;
    graph.forEachNode((_n, a) => (sum += a.pagerank!));
    expect(sum).toBeCloseTo(1, 3);
  });

  it("lays out deterministically, sized by pagerank and coloured by type", () => {
    const a = buildGraph(analysesAB(), fixtureDictionary(), { layout: false }).graph;
    const b = buildGraph(analysesAB(), fixtureDictionary(), { layout: false }).graph;
    layoutGraph(a, { seed: 7 });
    layoutGraph(b, { seed: 7 });
    a.forEachNode((n, attr) => {
      expect(Number.isFinite(attr.x)).toBe(true);
      expect(Number.isFinite(attr.y)).toBe(true);
      expect(attr.color).toBe(TYPE_COLORS[attr.type]);
      expect({ x: attr.x, y: attr.y, size: attr.size }).toEqual({ x: b.getNodeAttribute(n, "x"), y: b.getNodeAttribute(n, "y"), size: b.getNodeAttribute(n, "size") });
    });
    expect(a.getNodeAttribute("wang-jian", "size")).toBeGreaterThan(a.getNodeAttribute("ali-prefecture", "size")!);
    // No two nodes on the same spot after noverlap.
    const spots = new Set(a.mapNodes((_n, attr) => `${attr.x},${attr.y}`));
    expect(spots.size).toBe(a.order);
    expect(Object.keys(TYPE_COLORS).sort()).toEqual([...ENTITY_TYPES].sort());
  });

  it("handles a graph without edges", () => {
    const { graph } = buildGraph([], fixtureDictionary());
    expect(graph.order).toBe(0);
    computeMetrics(graph);
    layoutGraph(graph);
  });
});

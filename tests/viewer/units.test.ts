// The viewer's pure parts, run in Node: search, highlighting, URL state and the graph copy.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { splitHighlights } from "../../viewer/src/highlight.ts";
import { buildModel } from "../../viewer/src/model.ts";
import { buildSearchIndex, normalise, search } from "../../viewer/src/search.ts";
import { decodeState, defaultState, encodeState } from "../../viewer/src/url-state.ts";

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/build-small/graph.json"), "utf8")) as unknown;
const model = buildModel(fixture);
const index = buildSearchIndex(model.entities.values());
const top = (q: string) => search(index, q, 5)[0]?.id;

describe("search", () => {
  it("finds an entity by Chinese label, pinyin, English name and alias", () => {
    expect(top("刘颖")).toBe("liu-ying");
    expect(top("liuying")).toBe("liu-ying");
    expect(top("Liu Ying")).toBe("liu-ying");
    expect(top("Alibaba")).toBe("alibaba-group");
    expect(top("阿里")).toBe("alibaba-group");
    expect(top("BrainCo")).toBe("brainco");
    expect(top("brainco")).toBe("brainco");
    expect(top("qiangnao")).toBe("brainco");
  });

  it("matches prefixes, initials and full-width input", () => {
    expect(top("liuy")).toBe("liu-ying");
    expect(top("qnkj")).toBe("brainco");
    expect(top("ＢｒａｉｎＣｏ")).toBe("brainco");
    expect(top("之江")).toBe("zhejiang-lab");
  });

  it("says which alias matched", () => {
    const hit = search(index, "Alibaba")[0];
    expect(hit.via).toBe("Alibaba");
    expect(search(index, "阿里巴巴集团")[0].via).toBeUndefined();
  });

  it("returns nothing for an empty or unrelated query", () => {
    expect(search(index, "  ")).toEqual([]);
    expect(search(index, "zzzzqqq")).toEqual([]);
  });

  it("normalises case, width and spacing", () => {
    expect(normalise(" Alibaba Group ")).toBe("alibabagroup");
    expect(normalise("中移（杭州）")).toBe("中移杭州");
  });
});

describe("highlight", () => {
  it("marks both names, longest first, and leaves the rest as plain text", () => {
    const segs = splitHighlights("阿里巴巴集团、强脑科技负责人发言。阿里也在。", ["阿里巴巴集团", "阿里"], ["强脑科技"]);
    expect(segs).toEqual([
      { text: "阿里巴巴集团", side: "a" },
      { text: "、" },
      { text: "强脑科技", side: "b" },
      { text: "负责人发言。" },
      { text: "阿里", side: "a" },
      { text: "也在。" },
    ]);
  });

  it("matches ASCII names in any case and skips one-character names", () => {
    const segs = splitHighlights("brainco and ALIBABA met 王", ["BrainCo"], ["Alibaba", "王"]);
    expect(segs.filter((s) => s.side).map((s) => s.text)).toEqual(["brainco", "ALIBABA"]);
  });

  it("marks Simplified names in a Traditional passage, at the passage's own characters", () => {
    const text = "中國工程院院士、之江實驗室主任王堅出席。";
    const segs = splitHighlights(text, ["王坚"], ["中国工程院", "之江实验室"]);
    expect(segs.filter((s) => s.side).map((s) => [s.text, s.side])).toEqual([
      ["中國工程院", "b"],
      ["之江實驗室", "b"],
      ["王堅", "a"],
    ]);
    expect(segs.map((s) => s.text).join("")).toBe(text);
  });

  it("keeps markup in the text as text (segments join back to the input)", () => {
    const text = `<img src=x onerror="alert(1)">与<script>x</script>公司`;
    const segs = splitHighlights(text, ["<script>x</script>公司"], [`<img src=x onerror="alert(1)">`]);
    expect(segs.map((s) => s.text).join("")).toBe(text);
    expect(segs.filter((s) => s.side)).toHaveLength(2);
  });
});

describe("URL state", () => {
  it("round-trips every part of the view", () => {
    const s = defaultState();
    s.selected = "cand:思看科技";
    s.neighbour = "alibaba-group";
    s.window = "paragraph";
    s.minWeight = 3;
    s.hiddenTypes.add("person").add("place");
    s.showRole = false;
    s.community = true;
    s.size = "pagerank";
    s.rank = "count";
    s.ego = 2;
    s.minCore = 3;
    s.showIsolated = true;
    s.hideCandidates = true;
    s.camera = { x: 0.25, y: 0.75, ratio: 0.5 };
    const back = decodeState("#" + encodeState(s));
    expect(back).toEqual(s);
  });

  it("writes nothing for the default view and ignores junk", () => {
    expect(encodeState(defaultState())).toBe("");
    expect(decodeState("#ego=2&cam=1,2").ego).toBe(0); // no ego network without a selection
    expect(decodeState("#cam=1,2,-1").camera).toBeNull();
    const s = decodeState("#w=bogus&min=-4&hide=person,alien&size=huge&with=x&rank=loud");
    expect(s.rank).toBe("association");
    expect(s.window).toBe("sentence");
    expect(s.minWeight).toBe(1);
    expect([...s.hiddenTypes]).toEqual(["person"]);
    expect(s.size).toBe("mentions");
    expect(s.neighbour).toBeNull(); // no neighbour without a selection
  });
});

describe("the viewer's graph copy", () => {
  it("renames the entity type away from sigma's `type` and keeps edge kinds apart", () => {
    const g = model.graph;
    const liuYing = model.keys.get("liu-ying")!;
    expect(model.ids[Number(liuYing)]).toBe("liu-ying");
    expect(g.getNodeAttribute(liuYing, "etype")).toBe("person");
    expect((g.getNodeAttributes(liuYing) as unknown as Record<string, unknown>).type).toBeUndefined();
    const role = g.edges().find((e) => g.getEdgeAttribute(e, "kind") === "role")!;
    expect(g.isDirected(role)).toBe(true);
    expect(g.getEdgeAttribute(role, "type")).toBe("arrow");
    expect(model.maxWeight.sentence).toBeGreaterThan(0);
    expect(model.types[0]).toBe("person");
  });

  it("does not modify the data it was given", () => {
    const copy = JSON.parse(JSON.stringify(fixture)) as unknown;
    buildModel(copy);
    expect(copy).toEqual(fixture);
  });

  it("survives malformed input: unknown endpoints, missing positions, non-string labels", () => {
    const m = buildModel({
      nodes: [{ key: "a", attributes: { label: 7, type: "person" } }, { key: "b", attributes: { label: "B", type: "alien", x: 1, y: 2 } }],
      edges: [
        { source: "a", target: "ghost", attributes: { kind: "co-mention", weight: 1 } },
        { source: "a", target: "b", attributes: { kind: "co-mention", sentence: 2 }, undirected: true },
      ],
    });
    expect(m.graph.order).toBe(2);
    expect(m.graph.size).toBe(1);
    expect(m.entities.get("a")!.label).toBe("7");
    expect(Number.isFinite(m.graph.getNodeAttribute(m.keys.get("a")!, "x"))).toBe(true);
    expect(m.types).toEqual(["person", "alien"]);
  });
});

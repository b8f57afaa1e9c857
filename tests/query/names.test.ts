// names.ts, rank.ts and snippet.ts: the name resolution, ranking and passage cutting that the CLI and
// the viewer share. Entities here are the seed articles' (real officials and companies of Yuhang).
import { describe, expect, it } from "vitest";
import { findNames, foldName, NameIndex, resolveName, searchNames, suggestNames, toSimplified, type NamedEntity } from "../../src/query/names.ts";
import { association, rankPairs, strengthsAt } from "../../src/query/rank.ts";
import { snippetAround } from "../../src/query/snippet.ts";

const ENTITIES: NamedEntity[] = [
  { id: "liu-ying", label: "刘颖", aliases: [], name_en: "Liu Ying", type: "person", mentions: 9 },
  { id: "wang-jian", label: "王坚", aliases: [], name_en: "Wang Jian", type: "person", mentions: 7 },
  { id: "brainco", label: "强脑科技", aliases: ["BrainCo", "浙江强脑科技有限公司"], name_en: "BrainCo", type: "company", mentions: 12 },
  { id: "alibaba", label: "阿里巴巴", aliases: ["阿里巴巴集团", "阿里"], name_en: "Alibaba Group", type: "company", mentions: 20 },
  { id: "ali-prefecture", label: "阿里地区", aliases: ["阿里"], name_en: "Ngari Prefecture", type: "place", mentions: 1 },
  { id: "zhejiang-lab", label: "之江实验室", aliases: [], name_en: "Zhejiang Lab", type: "lab", mentions: 6 },
  { id: "cand:强脑", label: "强脑", aliases: [], name_en: "", type: "company", mentions: 1, candidate: true },
];
const index = new NameIndex(ENTITIES);
const found = (q: string) => {
  const r = resolveName(index, q);
  return r.kind === "found" ? r.id : r.kind;
};

describe("names: one entity for every way of writing it", () => {
  it("folds script, width, case, tones and spaces", () => {
    expect(toSimplified("劉穎 強腦科技 王堅 中國")).toBe("刘颖 强脑科技 王坚 中国");
    expect(foldName("Liú Yǐng")).toBe("liuying");
    expect(foldName("Ｚｈｅｊｉａｎｇ　Ｌａｂ")).toBe("zhejianglab");
    expect(foldName("中移（杭州）")).toBe("中移杭州");
  });

  it("resolves Traditional, Simplified, pinyin with or without tones, English, aliases and ids", () => {
    for (const q of ["刘颖", "劉穎", "liuying", "Liu Ying", "Liú Yǐng", "liu2 ying3", "LIUYING", "liu-ying"]) expect(found(q)).toBe("liu-ying");
    for (const q of ["強腦科技", "BrainCo", "brainco", "qiangnaokeji", "浙江強腦科技有限公司"]) expect(found(q)).toBe("brainco");
    expect(found("王堅")).toBe("wang-jian");
    expect(found("zhejiang lab")).toBe("zhejiang-lab");
  });

  it("prefers a label to another entity's alias, and a dictionary entity to a candidate of the same name", () => {
    expect(found("阿里巴巴集团")).toBe("alibaba");
    expect(resolveName(index, "阿里")).toEqual({ kind: "ambiguous", ids: ["ali-prefecture", "alibaba"] });
    const withCandidate = new NameIndex([...ENTITIES, { id: "cand:王坚", label: "王坚", aliases: [], name_en: "", type: "person", mentions: 1, candidate: true }]);
    expect(resolveName(withCandidate, "王坚")).toMatchObject({ kind: "found", id: "wang-jian" });
  });

  it("never resolves characters through their sound, but suggests the same sound for a typo", () => {
    const r = resolveName(index, "刘英");
    expect(r.kind).toBe("none");
    if (r.kind === "none") expect(r.suggestions[0].id).toBe("liu-ying");
    expect(suggestNames(index, "liuyin")[0].id).toBe("liu-ying");
    expect(suggestNames(index, "Zhejang Lab")[0].id).toBe("zhejiang-lab");
    expect(resolveName(index, "量子")).toEqual({ kind: "none", suggestions: [] });
  });

  it("searches by prefix across scripts and pinyin, best first", () => {
    expect(searchNames(index, "強腦")[0].id).toBe("cand:强脑");
    expect(searchNames(index, "強腦").map((h) => h.id)).toContain("brainco");
    expect(searchNames(index, "wangj")[0].id).toBe("wang-jian");
    expect(searchNames(index, "Alibaba G")[0]).toMatchObject({ id: "alibaba", via: "Alibaba Group" });
    expect(searchNames(index, "zzzzqqq")).toEqual([]);
  });

  it("finds names in a Traditional passage at the passage's own offsets", () => {
    const text = "之江實驗室主任王堅與劉穎在中國會面。";
    const hits = findNames(text, ["王坚"], ["刘颖", "中国"]);
    expect(hits.map((h) => [text.slice(h.start, h.end), h.list])).toEqual([
      ["王堅", 0],
      ["劉穎", 1],
      ["中國", 1],
    ]);
  });
});

describe("rank: one ordering for the CLI and the viewer", () => {
  const pairs = [
    { a: "alibaba", b: "district", counts: { sentence: 4, paragraph: 4, article: 3 } },
    { a: "alibaba", b: "bytedance", counts: { sentence: 2, paragraph: 2, article: 1 } },
    { a: "alibaba", b: "vivo", counts: { sentence: 2, paragraph: 2, article: 1 } },
    { a: "alibaba", b: "zhejiang-lab", counts: { sentence: 0, paragraph: 1, article: 1 } },
    // The district appears with everyone else too.
    ...["p", "q", "r", "s", "t"].map((x) => ({ a: "district", b: x, counts: { sentence: 6, paragraph: 6, article: 3 } })),
  ];
  const strengths = strengthsAt(pairs, "sentence");
  const row = (p: (typeof pairs)[number]) => ({ id: p.b, ...p.counts, documents: p.counts.article });
  const mine = pairs.filter((p) => p.a === "alibaba").map(row);

  it("discounts an entity that appears with everyone, and keeps the raw count one option away", () => {
    expect(strengths.get("district")).toBe(34);
    const byAssociation = rankPairs("alibaba", mine, "sentence", "association", (id) => strengths.get(id) ?? 0).map((r) => r.pair.id);
    expect(byAssociation).toEqual(["bytedance", "vivo", "district"]);
    const byCount = rankPairs("alibaba", mine, "sentence", "count", (id) => strengths.get(id) ?? 0).map((r) => r.pair.id);
    expect(byCount).toEqual(["district", "bytedance", "vivo"]);
  });

  it("breaks ties by id, the same everywhere, and leaves out pairs without a window at the level", () => {
    const r = rankPairs("alibaba", mine, "sentence", "count", (id) => strengths.get(id) ?? 0);
    expect(r.map((x) => x.pair.id)).not.toContain("zhejiang-lab");
    expect(r[1].score).toBe(r[2].score);
    expect([r[1].pair.id, r[2].pair.id]).toEqual(["bytedance", "vivo"]);
  });

  it("association is 1 for a pair that appears only together and 0 without a count", () => {
    expect(association(3, 3, 3)).toBe(1);
    expect(association(0, 3, 3)).toBe(0);
    expect(association(2, 8, 2)).toBeCloseTo(0.5);
  });
});

describe("snippet: a window around both names", () => {
  it("keeps both names when the second stands far from the sentence's start", () => {
    const text = "会议指出,要坚持创新驱动发展战略,加快建设现代化产业体系,推动数字经济和实体经济深度融合,大力培育新质生产力,持续优化营商环境,之江实验室主任王坚与强脑科技负责人共同出席了签约仪式并致辞。";
    const s = snippetAround(text, ["王坚"], ["强脑科技", "BrainCo"], 30);
    expect(s).toContain("王坚");
    expect(s).toContain("强脑科技");
    expect([...s].length).toBeLessThanOrEqual(30);
    expect(s.startsWith("…")).toBe(true);
    expect(text.startsWith(s.slice(1, 10))).toBe(false);
  });

  it("shows a window around each name, joined by an ellipsis, when they stand too far apart", () => {
    const text = "余杭区经济发展突出贡献企业、数字经济创新发展示范企业、制造业创新发展示范企业、科技创新示范单位、服务业创新发展示范企业、人才创新创业引领示范企业等颁奖,并同步聘任王坚院士为名誉镇长。";
    const s = snippetAround(text, ["王坚"], ["余杭区"], 30);
    expect(s).toContain("王坚");
    expect(s).toContain("余杭区");
    expect([...s].length).toBeLessThanOrEqual(31);
  });

  it("leaves a short passage whole", () => {
    expect(snippetAround("王坚与强脑科技。", ["王坚"], ["强脑科技"], 30)).toBe("王坚与强脑科技。");
  });
});

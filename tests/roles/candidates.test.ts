// Candidates: the tally that becomes candidates.jsonl (one entity per name across articles, with
// Traditional folded to Simplified; type, confidence, count, documents, up to three evidence sentences)
// and the recognised people's roles.
import { describe, expect, it } from "vitest";
import { CandidateTally } from "../../src/roles/discover.ts";
import { analyseText } from "../helpers.ts";

describe("CandidateTally", () => {
  it("folds Traditional and Simplified spellings into one candidate", () => {
    const t = new CandidateTally();
    t.add({ doc: "a", label: "劉強東", type: "person", evidenceKind: "model:PER", confidence: 0.9, context: "京東創始人劉強東表示。" });
    t.add({ doc: "b", label: "刘强东", type: "person", evidenceKind: "model:PER", confidence: 0.8, context: "京东创始人刘强东表示。" });
    const [c] = t.ranked();
    expect(t.size).toBe(1);
    expect(c.label).toBe("刘强东");
    expect(c.count).toBe(2);
    expect(c.docs).toEqual(["a", "b"]);
    expect(c.confidence).toBe(0.9);
    expect(c.sentences).toHaveLength(2);
  });

  it("keeps at most three evidence sentences, each once", () => {
    const t = new CandidateTally();
    for (let i = 0; i < 6; i++) t.add({ doc: `d${i}`, label: "王兴", type: "person", confidence: 0.7, context: `美团创始人王兴第${i % 4}次表示。` });
    t.add({ doc: "d9", label: "王兴", type: "person", confidence: 0.7, context: "美团创始人王兴第0次表示。" });
    const [c] = t.ranked();
    expect(c.sentences).toHaveLength(3);
    expect(new Set(c.sentences).size).toBe(3);
  });

  it("ranks by confidence and frequency", () => {
    const t = new CandidateTally();
    for (let i = 0; i < 5; i++) t.add({ doc: `d${i}`, label: "宇树科技", type: "company", confidence: 0.8 });
    t.add({ doc: "d0", label: "王兴兴", type: "person", confidence: 0.95 });
    t.add({ doc: "d0", label: "某某", type: "person", confidence: 0.55 });
    expect(t.ranked().map((c) => c.label)).toEqual(["宇树科技", "王兴兴", "某某"]);
  });

  it("gives a name typed differently in places its most frequent type", () => {
    const t = new CandidateTally();
    t.add({ doc: "a", label: "华强北", type: "person", confidence: 0.6 });
    t.add({ doc: "b", label: "华强北", type: "place", confidence: 0.7 });
    t.add({ doc: "c", label: "华强北", type: "place", confidence: 0.7 });
    expect(t.ranked()[0].type).toBe("place");
  });
});

describe("recognised people in a document", () => {
  it("are candidate mentions with a confidence and their sentence as evidence", () => {
    const a = analyseText("小米集团创始人雷军表示，小米汽车的订单已经超过十万台。");
    const lei = a.mentions.find((m) => m.label === "雷军");
    expect(lei?.candidate).toBe(true);
    expect(lei?.type).toBe("person");
    const extra = lei as unknown as { confidence: number; context: string };
    expect(extra.confidence).toBeGreaterThan(0.5);
    expect(extra.context).toContain("雷军表示");
  });

  it("get their titles, with the organisation when it is recognised", () => {
    const a = analyseText("小米集团创始人雷军表示，小米汽车的订单已经超过十万台。");
    const role = a.roles.find((r) => r.person_label === "雷军");
    expect(role?.title).toContain("创始人");
    expect(role?.org_label).toBe("小米集团");
  });

  it("get their titles in lists of officials", () => {
    const a = analyseText("浙江省委常委、杭州市委书记刘捷，市委副书记、市长姚高员出席活动。");
    const titles = a.roles.filter((r) => r.person_label === "姚高员").map((r) => r.title);
    expect(titles.some((t) => t.includes("市长"))).toBe(true);
  });
});

describe("round 8: bodies proposed by their suffix", () => {
  it("proposes no level's department whose level character nodejieba left apart (区 | 国投 | 集团)", () => {
    // A district head's visit to companies, with the district's departments and its investment group.
    const proposed = analyseText("枫溪街道办事处、区国投集团等单位有关负责人参加调研。").mentions.filter((m) => m.candidate).map((m) => m.label);
    expect(proposed).not.toContain("国投集团");
  });
});


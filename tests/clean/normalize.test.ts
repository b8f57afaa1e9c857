import { describe, expect, it } from "vitest";
import { cleanDocument, normalizeForMatching, normalizeString } from "../../src/clean/index.ts";
import type { RawDocument } from "../../src/types.ts";

const raw = (id: string, content: string): RawDocument => ({ id, source: `${id}.txt`, format: "text", encoding: "utf-8", content });

describe("normalizeForMatching", () => {
  const trad = "余杭區經濟高質量發展大會舉行。中國工程院院士、之江實驗室主任王堅出席，強調要加快建設「人工智慧小鎮」。ＡＩ產業規模達１０００億元（杭州）。";
  const simp = "余杭区经济高质量发展大会举行。中国工程院院士、之江实验室主任王坚出席，强调要加快建设「人工智能小镇」。AI产业规模达1000亿元(杭州)。";
  it("gives a Traditional text the same normText as its Simplified twin", () => {
    const a = normalizeForMatching(trad);
    const b = normalizeForMatching(simp);
    // 智慧 (Taiwan usage) vs 智能 is a word choice, not a script difference: compare the rest.
    expect(a.normText.replace("智慧", "智能")).toBe(b.normText);
    expect(a.normText).toContain("余杭区经济高质量发展大会");
    expect(a.normText).toContain("王坚");
  });
  it("keeps Chinese punctuation and folds full-width ASCII", () => {
    const { normText } = normalizeForMatching(trad);
    expect(normText).toContain("出席，强调");
    expect(normText).toContain("AI产业");
    expect(normText).toContain("1000亿元(杭州)");
  });
  it("maps every span of normText to exactly the original characters", () => {
    const { normText, normToClean } = normalizeForMatching(trad);
    expect(normToClean).toHaveLength(normText.length + 1);
    expect(normToClean[normText.length]).toBe(trad.length);
    const i = normText.indexOf("王坚");
    expect(trad.slice(normToClean[i], normToClean[i + 2])).toBe("王堅");
    const j = normText.indexOf("之江实验室");
    expect(trad.slice(normToClean[j], normToClean[j + 5])).toBe("之江實驗室");
  });
  it("normalises a dictionary alias the same way", () => {
    expect(normalizeString("中移（杭州）")).toBe("中移(杭州)");
    expect(normalizeString("阿里巴巴集團")).toBe("阿里巴巴集团");
  });
  it("works through cleanDocument (offsets refer to the original text)", () => {
    const d = cleanDocument(raw("t", trad));
    expect(d.text).toBe(trad);
    const i = d.normText.indexOf("余杭区");
    expect(d.text.slice(d.normToClean[i], d.normToClean[i + 3])).toBe("余杭區");
  });
});


import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addUserWords, segmentTokens, taggedTokens } from "../../src/segment/tokens.ts";

const seedsDir = join(import.meta.dirname, "../../seeds");

/** The tokens as plain records (a token's tag is read through a getter). */
const tokensOf = (text: string) => segmentTokens(text).map(({ word, tag, start, end }) => ({ word, tag, start, end }));

/** What segmentTokens must give: nodejieba's tag() of the whole text, with offsets. */
function reference(text: string) {
  let pos = 0;
  return taggedTokens(text).map(({ word, tag }) => {
    const start = text.indexOf(word, pos);
    pos = start + word.length;
    return { word, tag, start, end: pos };
  });
}

describe("segmentTokens", () => {
  it("gives the tokens and tags of nodejieba's tag() over the whole text", () => {
    // “难啃的” is one word in context but is cut in two on its own: its tag comes from its context.
    const texts = ["剩下的多是难啃的“硬骨头”。要勇于打破思维定式", "高标准打造苕溪文化风情带,钉钉总部落户余杭。"];
    expect(taggedTokens("难啃的").length).toBeGreaterThan(1);
    expect(segmentTokens(texts[0]).some((t) => t.word === "难啃的")).toBe(true);
    for (const text of texts) expect(tokensOf(text)).toEqual(reference(text));
  });

  it("agrees with tag() on every seed article, Traditional and mixed text included", () => {
    for (const f of readdirSync(seedsDir)) {
      const text = readFileSync(join(seedsDir, f), "utf8");
      expect(tokensOf(text)).toEqual(reference(text));
    }
    const traditional = "杭州市餘杭區舉行大會，區委書記出席並講話。創新驅動發展";
    expect(tokensOf(traditional)).toEqual(reference(traditional));
  });

  it("sees the tag of a user word added after the word was first tagged", () => {
    const text = "测试用词甲乙丙丁出现了";
    tokensOf(text);
    addUserWords([{ word: "甲乙丙丁", tag: "nz" }]);
    const tokens = tokensOf(text);
    expect(tokens).toEqual(reference(text));
    expect(tokens.find((t) => t.word === "甲乙丙丁")?.tag).toBe("nz");
  });

  it("keeps offsets into the text", () => {
    const text = "之江实验室主任王坚出席。 He said: OK";
    for (const t of segmentTokens(text)) expect(text.slice(t.start, t.end)).toBe(t.word);
  });
});

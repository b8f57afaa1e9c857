// normalizeForMatching skips the parts of a text OpenCC cannot change and the characters foldChar
// leaves alone: its result must be exactly that of folding every character and converting the whole
// string, as it was first written (the reference below).
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { foldChar, normalizeForMatching } from "../../src/clean/index.ts";

const tw2cn = OpenCC.Converter({ from: "tw", to: "cn" });
const hk2cn = OpenCC.Converter({ from: "hk", to: "cn" });
const t2cn = OpenCC.Converter({ from: "t", to: "cn" });

function reference(text: string): { normText: string; normToClean: number[] } {
  let folded = "";
  const map: number[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  let out = folded;
  for (const conv of [tw2cn, hk2cn]) {
    const next = conv(out);
    if (next.length === out.length) out = next;
    else {
      let x = "";
      for (const ch of out) {
        const y = t2cn(ch);
        x += y.length === ch.length ? y : ch;
      }
      out = x;
    }
  }
  map.push(text.length);
  return { normText: out, normToClean: map };
}

const seedsDir = path.join(import.meta.dirname, "../../seeds");
const seedTexts = fs.readdirSync(seedsDir).map((f) => fs.readFileSync(path.join(seedsDir, f), "utf8"));
const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
const toHongKong = OpenCC.Converter({ from: "cn", to: "hk" });

describe("normalizeForMatching fast paths", () => {
  it("converts a Traditional text, and leaves a Simplified one as it is", () => {
    expect(normalizeForMatching("杭州市餘杭區舉行大會，區委書記出席並講話。").normText).toBe("杭州市余杭区举行大会，区委书记出席并讲话。");
    const simplified = "杭州市余杭区举行大会，区委书记出席并讲话。";
    expect(normalizeForMatching(simplified).normText).toBe(simplified);
  });

  it("equals converting the whole text, on the seeds and their Traditional and Hong Kong forms", () => {
    for (const text of seedTexts) {
      for (const t of [text, toTraditional(text), toHongKong(text), text.slice(0, 500) + toTraditional(text.slice(500, 1500))]) {
        expect(normalizeForMatching(t)).toEqual(reference(t));
      }
    }
  });

  it("equals converting the whole text on random mixtures of scripts, widths and odd characters", () => {
    const pieces = [
      "余杭", "區委", "书记", "什么", "什麼", "著名", "乾隆", "温度", "溫度", "核心", "台灣", "臺灣", "挑大梁", "一干二净",
      "裡", "裏", "瞭解", "了解", "，", "。", "“", "”", " ", "\n", "ＡＢＣ", "１２", "（", "）", "\u3000", "\u00a0",
      "⾦", "\uf900", "⿰木木", "𠀀", "𡃁", "\ud800", "abc", "Vision", "髮", "發", "后", "後", "遊戲", "游戏",
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(""));
    fc.assert(
      fc.property(text, (t) => {
        expect(normalizeForMatching(t)).toEqual(reference(t));
      }),
      { numRuns: 400 },
    );
  });
});

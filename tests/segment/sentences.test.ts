import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/segment/sentences.ts";
import type { Paragraph } from "../../src/types.ts";

const paras = (text: string, article = 0): Paragraph[] => {
  const out: Paragraph[] = [];
  let s = 0;
  for (const line of text.split("\n")) {
    out.push({ start: s, end: s + line.length, article });
    s += line.length + 1;
  }
  return out;
};
const split = (text: string) => splitSentences(text, paras(text)).map((s) => text.slice(s.start, s.end));

describe("splitSentences", () => {
  it("splits at 。！？； and their half-width forms (the seeds mix both)", () => {
    expect(split("冲刺的第一步,余杭怎么迈好?余杭召开会议。要抓项目;要抓招商!好")).toEqual(["冲刺的第一步,余杭怎么迈好?", "余杭召开会议。", "要抓项目;", "要抓招商!", "好"]);
    expect(split("会议举行。他说：好！真的？是的；结束")).toEqual(["会议举行。", "他说：好！", "真的？", "是的；", "结束"]);
  });
  it("keeps closing quotes with the sentence and does not split inside a quotation", () => {
    const t = "“我们要全力打造一流营商环境。让各类市场主体在余杭如鱼得水、如鸟归林。”余杭区委主要负责人说。未来一年,余杭如何优化?";
    expect(split(t)).toEqual(["“我们要全力打造一流营商环境。让各类市场主体在余杭如鱼得水、如鸟归林。”余杭区委主要负责人说。", "未来一年,余杭如何优化?"]);
    expect(split("“本以为去年就够热闹了,没想到今年人更多!”在他看来,这是信号。")).toEqual(["“本以为去年就够热闹了,没想到今年人更多!”在他看来,这是信号。"]);
    // A question inside a quotation does not end the sentence around it.
    expect(split("他问:“为什么?”大家笑了。")).toEqual(["他问:“为什么?”大家笑了。"]);
  });
  it("takes a run of terminators and ellipses as one end", () => {
    expect(split("以克重的AR眼镜出圈的灵伴科技……尤其是余杭。真的?!好")).toEqual(["以克重的AR眼镜出圈的灵伴科技……", "尤其是余杭。", "真的?!", "好"]);
  });
  it("does not split ASCII punctuation inside Latin words or numbers", () => {
    expect(split("同比上升7.43%,访问Yahoo!News页面。")).toEqual(["同比上升7.43%,访问Yahoo!News页面。"]);
  });
  it("gives paragraph and article indices and never crosses a paragraph", () => {
    const text = "第一段。没有句号\n第二段。";
    const ps: Paragraph[] = [{ start: 0, end: 8, article: 0 }, { start: 9, end: 13, article: 1 }];
    expect(splitSentences(text, ps)).toEqual([
      { start: 0, end: 4, paragraph: 0, article: 0 },
      { start: 4, end: 8, paragraph: 0, article: 0 },
      { start: 9, end: 13, paragraph: 1, article: 1 },
    ]);
  });
  it("treats an unbalanced opening quote as text, not as a quotation spanning the paragraph", () => {
    expect(split("他说“没有结尾。第二句。")).toEqual(["他说“没有结尾。", "第二句。"]);
  });
});

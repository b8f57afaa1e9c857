// Linking rules, each on real sentences of the kind the seeds carry, with the traps.
import { describe, expect, it } from "vitest";
import { analyseText, linkedLabels } from "../helpers.ts";

describe("linkMentions", () => {
  it("links officials, bodies and labs in a conference sentence", () => {
    const a = analyseText("大会以现场和视频相结合形式举行。中国工程院院士、之江实验室主任王坚出席。区委副书记、区长杨建根主持。");
    expect(linkedLabels(a)).toEqual(expect.arrayContaining(["中国工程院", "之江实验室", "王坚", "杨建根"]));
  });

  it("reports surfaces that equal the cleaned text at their offsets", () => {
    const a = analyseText("大会现场,区领导为阿里巴巴集团颁发余杭区高质量发展杰出贡献奖。");
    for (const m of a.mentions) expect(a.doc.text.slice(m.start, m.end)).toBe(m.surface);
    expect(a.mentions.find((m) => m.label === "阿里巴巴")?.surface).toBe("阿里巴巴集团");
  });

  it("links a known person whose last character nodejieba glued to the verb after it (朱红 | 丹说)", () => {
    const a = analyseText("淘宝负责人朱红丹说，企业今年研发投入预计达到36亿元。");
    expect(linkedLabels(a)).toContain("朱红丹");
    expect(a.mentions.filter((m) => m.candidate).map((m) => m.label)).not.toContain("朱红");
    expect(a.roles.map((r) => `${r.person_label}|${r.title}`)).toContain("朱红丹|负责人");
  });

  it("does not find 王坚 inside 王坚持", () => {
    const a = analyseText("王坚持续推进这项工作,王坚持之以恒。");
    expect(linkedLabels(a)).not.toContain("王坚");
  });

  it("does not take 阿里公园 for 阿里巴巴, but links the park", () => {
    const a = analyseText("市民来到阿里公园散步。");
    const labels = linkedLabels(a);
    expect(labels).not.toContain("阿里巴巴");
    expect(labels).toContain("阿里公园");
  });

  it("lets the longest alias win: the Ping An branch is one organisation", () => {
    const a = analyseText("在中国平安财产保险余杭支公司总经理戴天看来,这场大会的热度本身就是一个信号。");
    const orgs = a.mentions.filter((m) => !m.candidate && m.type === "company");
    expect(orgs.map((m) => m.surface)).toEqual(["中国平安财产保险余杭支公司"]);
  });

  it("links an entity written in Traditional characters to the same entry", () => {
    const simplified = analyseText("之江实验室与阿里巴巴在余杭区合作。", "s");
    const traditional = analyseText("之江實驗室與阿里巴巴在餘杭區合作。", "t");
    expect(linkedLabels(traditional)).toEqual(linkedLabels(simplified));
    const m = traditional.mentions.find((x) => x.label === "余杭区")!;
    expect(m.surface).toBe("餘杭區");
  });

  it("links English names case-insensitively, on word boundaries only", () => {
    const a = analyseText("强脑科技(BrainCo)和 alibaba 的合作。brainconnect 不是它。");
    const surfaces = a.mentions.filter((m) => !m.candidate).map((m) => m.surface);
    expect(surfaces).toEqual(expect.arrayContaining(["强脑科技", "BrainCo", "alibaba"]));
    expect(surfaces).not.toContain("brainco");
  });

  it("links quoted programme names with and without quotes", () => {
    const a = analyseText("深入实施“296X”先进制造业集群培育,推进296X建设。");
    expect(a.mentions.filter((m) => m.entity.includes("296x")).length).toBeGreaterThanOrEqual(2);
  });

  it("resolves a bare 区委 from the article's district", () => {
    const yuhang = analyseText("余杭区召开会议。区委书记出席会议,区委常委参加。", "y");
    expect(yuhang.mentions.some((m) => m.label === "余杭区委")).toBe(true);
    const elsewhere = analyseText("某地召开会议。区委书记出席会议。", "e");
    expect(elsewhere.mentions.some((m) => m.label === "余杭区委")).toBe(false);
  });
});

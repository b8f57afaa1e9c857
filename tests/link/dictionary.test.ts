// The dictionary: the shipped files are valid, and every kind of problem is reported with file and line.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { loadDictionary } from "../../src/link/dictionary.ts";

function dictDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "guanxi-dict-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("the shipped dictionary", () => {
  const { dictionary, problems } = loadDictionary();
  it("has no errors and at least 300 entries of every type", () => {
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(dictionary.entries.length).toBeGreaterThanOrEqual(300);
    const types = new Set(dictionary.entries.map((e) => e.type));
    expect([...types].sort()).toEqual(["company", "event", "government", "lab", "person", "place", "programme"]);
  });
  it("knows the entities an analyst expects, with English names", () => {
    const byLabel = new Map(dictionary.entries.map((e) => [e.label, e]));
    expect(byLabel.get("阿里巴巴")?.aliases).toEqual(expect.arrayContaining(["阿里", "阿里巴巴集团"]));
    expect(byLabel.get("之江实验室")?.name_en).toBe("Zhejiang Lab");
    expect(byLabel.get("强脑科技")?.name_en).toBe("BrainCo");
    for (const label of ["深度求索", "宇树科技", "云深处科技", "游戏科学", "群核科技", "蚂蚁集团", "网易", "海康威视"]) {
      expect(byLabel.has(label), label).toBe(true);
    }
  });
});

describe("dictionary problems", () => {
  it("names the file and line of a YAML error", () => {
    const dir = dictDir({ "company.yaml": "- id: a\n  label: 甲公司\n  type: company\n  name_en: A\n  aliases: [甲, \n" });
    const { problems } = loadDictionary(dir);
    expect(problems[0].file).toMatch(/company\.yaml$/);
    expect(problems[0].line).toBeGreaterThan(0);
    expect(problems[0].severity).toBe("error");
  });

  it("names the line of a missing field and of a wrong type", () => {
    const dir = dictDir({
      "lab.yaml": "- id: lab-a\n  label: 甲实验室\n  type: lab\n  name_en: A Lab\n- id: lab-b\n  label: 乙实验室\n  type: laboratory\n  name_en: B\n- id: lab-c\n  type: lab\n  name_en: C\n",
    });
    const { problems } = loadDictionary(dir);
    const typeProblem = problems.find((p) => p.message.includes("type"));
    expect(typeProblem?.line).toBe(7);
    expect(typeProblem?.fix).toMatch(/person, company/);
    expect(problems.some((p) => p.message.includes("label") && p.line === 9)).toBe(true);
  });

  it("reports duplicate ids, unruled alias clashes and one-character aliases", () => {
    const dir = dictDir({
      "company.yaml":
        "- id: dup\n  label: 甲公司\n  type: company\n  name_en: A\n  aliases: [甲, 共同简称]\n" +
        "- id: dup\n  label: 乙公司\n  type: company\n  name_en: B\n  aliases: [共同简称]\n",
    });
    const messages = loadDictionary(dir).problems.map((p) => p.message);
    expect(messages.some((m) => m.includes("duplicate id dup"))).toBe(true);
    expect(messages.some((m) => m.includes("共同简称") && m.includes("without a rule"))).toBe(true);
    expect(messages.some((m) => m.includes("one-character alias “甲”"))).toBe(true);
  });

  it("accepts a shared alias when a rule separates the claimants", () => {
    const dir = dictDir({
      "government.yaml":
        "- id: a-committee\n  label: 甲区委\n  type: government\n  name_en: \"\"\n  aliases: [区委]\n  rules: [{alias: 区委, requireInDocument: [甲区]}]\n" +
        "- id: b-committee\n  label: 乙区委\n  type: government\n  name_en: \"\"\n  aliases: [区委]\n  rules: [{alias: 区委, requireInDocument: [乙区]}]\n",
    });
    expect(loadDictionary(dir).problems).toEqual([]);
  });
});

describe("guanxi dict accept", () => {
  it("appends a candidate to the file of its type, and the next load knows it", () => {
    const dir = dictDir({ "company.yaml": "- id: a\n  label: 甲公司\n  type: company\n  name_en: Alpha\n" });
    mkdirSync(path.join(dir, "x"), { recursive: true });
    const bin = path.resolve("bin/guanxi.mjs");
    const out = execFileSync(process.execPath, [bin, "dict", "accept", "量安科技", "--type", "company", "--en", "Liangan Technology", "--dir", dir], { encoding: "utf8" });
    expect(out).toMatch(/added liang-an-ke-ji/);
    expect(readFileSync(path.join(dir, "company.yaml"), "utf8")).toMatch(/label: 量安科技/);
    const { dictionary, problems } = loadDictionary(dir);
    expect(problems).toEqual([]);
    expect(dictionary.byId.get("liang-an-ke-ji")?.name_en).toBe("Liangan Technology");
  });
});

describe("dictionary files as they come (#18)", () => {
  const alibaba = "- id: alibaba\n  label: 阿里巴巴\n  type: company\n  name_en: Alibaba\n  aliases: [阿里巴巴集团]\n";

  it("refuses a GBK-encoded file, naming it, instead of loading mojibake", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "guanxi-dict-"));
    writeFileSync(path.join(dir, "company.yaml"), iconv.encode(alibaba, "gbk"));
    const { dictionary, problems } = loadDictionary(dir);
    const errors = problems.filter((p) => p.severity === "error");
    expect(errors.length).toBe(1);
    expect(errors[0].file).toMatch(/company\.yaml$/);
    expect(errors[0].message).toMatch(/not UTF-8.*GB18030/);
    expect(dictionary.entries).toEqual([]);
  });

  it("reads a UTF-8 file with a byte-order mark", () => {
    const { dictionary, problems } = loadDictionary(dictDir({ "company.yaml": "\uFEFF" + alibaba }));
    expect(problems).toEqual([]);
    expect(dictionary.byId.get("alibaba")?.label).toBe("阿里巴巴");
  });

  it("accepts YAML anchors, aliases and merge keys", () => {
    const text = [
      "- &ali",
      "  id: alibaba",
      "  label: 阿里巴巴",
      "  type: company",
      "  name_en: Alibaba",
      "  sources: &src [https://www.alibabagroup.com/]",
      "- <<: *ali",
      "  id: ant-group",
      "  label: 蚂蚁集团",
      "  name_en: Ant Group",
      "  sources: *src",
      "",
    ].join("\n");
    const { dictionary, problems } = loadDictionary(dictDir({ "company.yaml": text }));
    expect(problems).toEqual([]);
    expect(dictionary.byId.get("ant-group")).toMatchObject({ label: "蚂蚁集团", type: "company", sources: ["https://www.alibabagroup.com/"] });
    expect(dictionary.byId.get("alibaba")?.label).toBe("阿里巴巴");
  });

  it("a folder without entries is an error, not an empty dictionary", () => {
    for (const files of [{}, { "company.yaml": "" }, { "company.yaml": "# nothing yet\n" }] as Record<string, string>[]) {
      const { problems } = loadDictionary(dictDir(files));
      expect(problems.filter((p) => p.severity === "error").map((p) => p.message)).toEqual([expect.stringMatching(/no dictionary entries/)]);
    }
  });

  it("reports a one-character label that leaves the entry nothing to link by", () => {
    const { problems } = loadDictionary(dictDir({ "company.yaml": alibaba, "place.yaml": "- id: zhejiang-short\n  label: 浙\n  type: place\n  name_en: \"\"\n" }));
    expect(problems).toEqual([expect.objectContaining({ file: expect.stringMatching(/place\.yaml$/), line: 1, message: expect.stringMatching(/one-character label “浙”.*never link/) })]);
    // With a longer name beside it, the entry links by that one.
    const named = loadDictionary(dictDir({ "company.yaml": alibaba, "place.yaml": "- id: zhejiang-short\n  label: 浙\n  type: place\n  name_en: Zhejiang\n" }));
    expect(named.problems).toEqual([]);
  });
});

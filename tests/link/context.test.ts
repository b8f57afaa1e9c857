// The document's own place decides what a name alone cannot: bare bodies (市委, 区政府, 省委) and names
// that several divisions share (鼓楼区, 朝阳). Short news items from Guangdong, Sichuan, Beijing, Hong Kong
// and Zhejiang, written for these tests: they name bodies and places only.
import { describe, expect, it } from "vitest";
import type { DocumentAnalysis } from "../../src/types.ts";
import { analyseText, linkedLabels } from "../helpers.ts";
import { datelineEnd } from "../../src/link/context.ts";

/** surface → entity id of the linked mentions (the first of each surface). */
function links(a: DocumentAnalysis): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of a.mentions) if (!m.candidate && !out.has(m.surface)) out.set(m.surface, m.entity);
  return out;
}

function entitiesOf(a: DocumentAnalysis, surface: string): string[] {
  return [...new Set(a.mentions.filter((m) => !m.candidate && m.surface === surface).map((m) => m.entity))];
}

describe("articles from several provinces", () => {
  it("Sichuan: Chengdu's bodies, its districts, the province and Liangshan", () => {
    const a = analyseText(
      "新华社成都3月5日电 成都市委、市政府日前印发方案，推动武侯区、锦江区建设科技创新走廊。" +
        "市委要求各区加快落实，市人大常委会听取专项报告。四川省人民政府对此表示支持，省委要求各地抓好落实。" +
        "凉山州西昌市也在推进相关工作。",
      "sichuan",
    );
    const l = links(a);
    expect(l.get("成都市委")).toBe("chengdu-510100-party-committee");
    expect(entitiesOf(a, "市委")).toEqual(["chengdu-510100-party-committee"]);
    expect(l.get("市政府")).toBe("chengdu-510100-government");
    expect(l.get("市人大常委会")).toBe("chengdu-510100-congress-standing-committee");
    expect(l.get("武侯区")).toBe("wuhou-510107");
    expect(l.get("锦江区")).toBe("jinjiang-510104");
    expect(l.get("四川省人民政府")).toBe("sichuan-510000-government");
    expect(l.get("省委")).toBe("sichuan-510000-party-committee");
    expect(l.get("凉山州")).toBe("liangshan-513400");
    expect(l.get("西昌市")).toBe("xichang-513401");
    // Nothing of Hangzhou in a Chengdu article.
    expect(a.mentions.some((m) => m.entity.startsWith("hangzhou"))).toBe(false);
  });

  it("Guangdong: Guangzhou's 市委, its districts, the province, Shenzhen, Hong Kong and Macao", () => {
    const a = analyseText(
      "本报广州讯 广州市委召开会议，部署天河区、海珠区和黄埔区产业发展。市委强调，要加强与深圳、香港、澳门协同。" +
        "广东省委、省政府支持粤港澳大湾区建设。市政协召开常委会议。",
      "guangdong",
    );
    const l = links(a);
    expect(l.get("广州市委")).toBe("guangzhou-440100-party-committee");
    expect(entitiesOf(a, "市委")).toEqual(["guangzhou-440100-party-committee"]);
    expect(l.get("市政协")).toBe("guangzhou-440100-cppcc");
    expect(l.get("天河区")).toBe("tianhe-440106");
    expect(l.get("海珠区")).toBe("haizhu-440105");
    expect(l.get("黄埔区")).toBe("huangpu-440112");
    expect(l.get("深圳")).toBe("shenzhen-440300");
    expect(l.get("香港")).toBe("xianggang-810000");
    expect(l.get("澳门")).toBe("aomen-820000");
    expect(l.get("广东省委")).toBe("guangdong-440000-party-committee");
    expect(l.get("省政府")).toBe("guangdong-440000-government");
  });

  it("Beijing: 朝阳区's bodies, Beijing's 市委; the bare 朝阳 is not taken for Liaoning's 朝阳市", () => {
    const a = analyseText(
      "北京市朝阳区近日发布数字经济方案。区委、区政府要求加快建设，朝阳区人民政府将牵头落实。" +
        "北京市委、市政府给予支持。朝阳、海淀两区率先试点。",
      "beijing",
    );
    const l = links(a);
    expect(l.get("北京市朝阳区")).toBe("chaoyang-110105");
    expect(l.get("区委")).toBe("chaoyang-110105-party-committee");
    expect(l.get("区政府")).toBe("chaoyang-110105-government");
    expect(l.get("朝阳区人民政府")).toBe("chaoyang-110105-government");
    expect(l.get("北京市委")).toBe("beijing-110000-party-committee");
    expect(l.get("市政府")).toBe("beijing-110000-government");
    expect(l.get("海淀")).toBe("haidian-110108");
    expect(entitiesOf(a, "朝阳")).not.toContain("chaoyang-211300");
  });

  it("Hong Kong: the SAR, its districts, Shenzhen's government", () => {
    const a = analyseText(
      "香港特别行政区与深圳市政府签署合作协议，推动河套地区科技创新合作。两地将在湾仔区和福田区举办交流活动，香港多所大学参与。",
      "hongkong",
    );
    const l = links(a);
    expect(l.get("香港特别行政区")).toBe("xianggang-810000");
    expect(l.get("深圳市政府")).toBe("shenzhen-440300-government");
    expect(l.get("湾仔区")).toBe("xianggang-wanzai-district");
    expect(l.get("福田区")).toBe("futian-440304");
    expect(l.get("香港")).toBe("xianggang-810000");
  });

  it("Zhejiang: the curated Hangzhou and Yuhang entries keep their ids and their bare bodies", () => {
    const a = analyseText("杭州市余杭区召开大会。区委、区政府负责人出席，市委、市政府有关负责人参加。省委、省政府表示肯定。", "zhejiang");
    const l = links(a);
    expect(l.get("杭州市余杭区")).toBe("yuhang-district");
    expect(entitiesOf(a, "区委")).toEqual(["yuhang-district-committee"]);
    expect(l.get("市委")).toBe("hangzhou-municipal-committee");
    expect(l.get("市政府")).toBe("hangzhou-municipal-government");
  });
});

describe("what the document does not decide stays unlinked", () => {
  it("a bare 区委 or 市委 with no place in the article", () => {
    const a = analyseText("某地召开会议。区委书记出席会议，市委有关负责人参加。", "noplace");
    expect(a.mentions.filter((m) => !m.candidate && m.type === "government")).toEqual([]);
  });

  it("a bare 市委 between two cities named as often", () => {
    const a = analyseText("成都与重庆签署协议。市委有关负责人出席。", "twocities");
    expect(entitiesOf(a, "市委")).toEqual([]);
  });

  it("a Chengdu article that also names Hangzhou: 市委 is Chengdu's, not Hangzhou's", () => {
    const a = analyseText("成都市召开大会，学习杭州经验。成都市委、成都市政府负责人出席，市委要求加快推进。", "chengdu-hangzhou");
    expect(entitiesOf(a, "市委")).toEqual(["chengdu-510100-party-committee"]);
  });

  it("鼓楼区: Nanjing's with Nanjing in the article, Fuzhou's with Fuzhou, none alone", () => {
    const nanjing = analyseText("南京市玄武区与鼓楼区联合举办活动。鼓楼区委表示将持续推进。", "nanjing");
    expect(entitiesOf(nanjing, "鼓楼区")).toEqual(["gulou-320106"]);
    expect(entitiesOf(nanjing, "鼓楼区委")).toEqual(["gulou-320106-party-committee"]);
    const fuzhou = analyseText("福州市发布方案。鼓楼区将加快建设数字经济。", "fuzhou");
    expect(entitiesOf(fuzhou, "鼓楼区")).toEqual(["gulou-350102"]);
    const alone = analyseText("鼓楼区发布方案。区委要求抓好落实。", "alone");
    expect(alone.mentions.filter((m) => !m.candidate)).toEqual([]);
  });

  it("吉林 is the province unless the article is about the city", () => {
    expect(entitiesOf(analyseText("吉林、辽宁两省签署协议。", "jl1"), "吉林")).toEqual(["jilin-220000"]);
    expect(entitiesOf(analyseText("吉林市船营区发布方案。吉林加快发展。", "jl2"), "吉林")).toEqual(["jilin-220200"]);
  });

  it("common words that are also short names of counties are not places", () => {
    const a = analyseText("江山如画，全市经济总量突破千亿元大关，蓝天白云下，朝阳产业蓬勃发展，和平与发展仍是时代主题。", "words");
    expect(a.mentions.filter((m) => !m.candidate && m.type === "place")).toEqual([]);
  });
});

describe("datelineEnd", () => {
  it("finds the dateline of a wire story and of a newspaper's own report", () => {
    const wire = "新华社成都3月5日电 成都市委……";
    expect(wire.slice(0, datelineEnd(wire))).toBe("新华社成都3月5日电");
    const paper = "本报广州讯（记者）广州市委……";
    expect(paper.slice(0, datelineEnd(paper))).toBe("本报广州讯");
    expect(datelineEnd("成都市召开大会。")).toBe(0);
  });
});

describe("a county's short form", () => {
  it("links only where the document names its city, province, or the county itself", () => {
    // A Taipei report of the Taipei–Shanghai forum (雙城論壇), a missing child's news (火车到站前):
    // 双城 and 站前 are short forms of 双城区 and 站前区 there only in name.
    expect(linkedLabels(analyseText("赴上海參加雙城論壇的台北市副市長林奕華，今天下午出席「台北市政府與上海台商座談會」。"))).not.toContain("双城区");
    expect(linkedLabels(analyseText("那時候他覺得，火車到站前，應該就能找到。"))).not.toContain("站前区");
    // With the province named just before it (a conference report: 吉林珲春等地), or the city.
    expect(linkedLabels(analyseText("吉林长春、广东广州、吉林珲春等地成功举办了8次会议。"))).toContain("珲春市");
    expect(linkedLabels(analyseText("哈尔滨市召开会议，双城是哈尔滨的重要城区。"))).toContain("双城区");
  });
});


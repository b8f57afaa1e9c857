// The curated families added for issue #13 (dictionaries/universities.yaml, capitals.yaml and the central
// Party organs and Hong Kong and Macao bodies in government.yaml): each file is checked for what every
// entry must carry, and known names are linked in short news items written for these tests (they name
// bodies, universities and places only, no person).
import { describe, expect, it } from "vitest";
import { loadDictionary } from "../../src/link/dictionary.ts";
import type { DocumentAnalysis, DictionaryEntry } from "../../src/types.ts";
import { analyseText } from "../helpers.ts";

const { dictionary, problems } = loadDictionary();
const fromFile = (name: string): DictionaryEntry[] => dictionary.entries.filter((e) => e.file?.endsWith(`dictionaries/${name}.yaml`));

/** surface → entity id of the linked mentions (the first of each surface). */
function links(a: DocumentAnalysis): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of a.mentions) if (!m.candidate && !out.has(m.surface)) out.set(m.surface, m.entity);
  return out;
}

describe("the added families", () => {
  it("leave the dictionary clean", () => {
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("give every entry an English name and at least one source", () => {
    const added = [...fromFile("universities"), ...fromFile("capitals"), ...["cpc-organization-department", "hksar-government"].map((id) => dictionary.byId.get(id)!)];
    for (const e of added) {
      expect(e.name_en, e.id).not.toBe("");
      expect(e.sources?.length ?? 0, e.id).toBeGreaterThan(0);
    }
  });
});

describe("national key universities", () => {
  const universities = fromFile("universities");
  it("hold the Project 985 universities beside the two lab.yaml already had", () => {
    // 37 here, 浙江大学 and 北京航空航天大学 curated in lab.yaml: the 39 of Project 985.
    expect(universities).toHaveLength(37);
    expect(universities.every((u) => u.type === "lab")).toBe(true);
    expect(dictionary.byId.get("tsinghua-university")).toMatchObject({ label: "清华大学", name_en: "Tsinghua University" });
    expect(dictionary.byId.get("university-of-science-and-technology-of-china")?.aliases).toEqual(expect.arrayContaining(["中国科大", "中科大"]));
    expect(universities.some((u) => u.label === "浙江大学" || u.label === "北京航空航天大学")).toBe(false);
  });

  it("link by full name, short form and English name in an article", () => {
    const a = analyseText(
      "北大、清华和复旦的研究团队与中国科学技术大学联合发布报告，哈工大、西安交大、武汉大学参与数据整理。" +
        "Sun Yat-sen University 和四川大学也加入了合作。南京大学表示将继续推进。",
      "universities",
    );
    const l = links(a);
    expect(l.get("北大")).toBe("peking-university");
    expect(l.get("清华")).toBe("tsinghua-university");
    expect(l.get("复旦")).toBe("fudan-university");
    expect(l.get("中国科学技术大学")).toBe("university-of-science-and-technology-of-china");
    expect(l.get("哈工大")).toBe("harbin-institute-of-technology");
    expect(l.get("西安交大")).toBe("xi-an-jiaotong-university");
    expect(l.get("武汉大学")).toBe("wuhan-university");
    expect(l.get("Sun Yat-sen University")).toBe("sun-yat-sen-university");
    expect(l.get("四川大学")).toBe("sichuan-university");
    expect(l.get("南京大学")).toBe("nanjing-university");
  });

  it("leave a district that shares a short form to the district (南开区 is Tianjin's)", () => {
    const a = analyseText("天津市南开区召开会议，南开大学有关负责人出席。", "nankai");
    const l = links(a);
    expect(l.get("南开大学")).toBe("nankai-university");
    expect(l.get("南开区")).not.toBe("nankai-university");
  });
});

describe("capitals", () => {
  const capitals = fromFile("capitals");
  it("are places whose parent is their country's entry", () => {
    expect(capitals.length).toBeGreaterThanOrEqual(40);
    for (const c of capitals) {
      expect(c.type).toBe("place");
      expect(dictionary.byId.get(c.parent!)?.id, c.id).toMatch(/^country-/);
    }
    expect(dictionary.byId.get("capital-fr")).toMatchObject({ label: "巴黎", name_en: "Paris", parent: "country-fr" });
    expect(dictionary.byId.get("country-fr")?.label).toBe("法国");
  });

  it("link in an article, and 华盛顿 not before 州", () => {
    const a = analyseText(
      "代表团先后访问巴黎、柏林和莫斯科，随后转赴东京。会议期间，华盛顿与伦敦也发表了声明。" +
        "另一行人从内罗毕出发，经开罗抵达布鲁塞尔。华盛顿州的农产品展也在同期举行。",
      "capitals",
    );
    const l = links(a);
    expect(l.get("巴黎")).toBe("capital-fr");
    expect(l.get("柏林")).toBe("capital-de");
    expect(l.get("莫斯科")).toBe("capital-ru");
    expect(l.get("东京")).toBe("capital-jp");
    expect(l.get("伦敦")).toBe("capital-gb");
    expect(l.get("内罗毕")).toBe("capital-ke");
    expect(l.get("开罗")).toBe("capital-eg");
    expect(l.get("布鲁塞尔")).toBe("capital-be");
    const washington = a.mentions.filter((m) => m.entity === "capital-us");
    expect(washington).toHaveLength(1);
    expect(a.doc.text.slice(washington[0].end, washington[0].end + 1)).toBe("与");
  });
});

describe("central Party organs, Hong Kong and Macao", () => {
  it("link the Party, the Politburo and its Standing Committee", () => {
    const l = links(analyseText("中国共产党成立于1921年。中共中央政治局召开会议。会前，中共中央政治局常务委员会举行会议。", "party"));
    expect(l.get("中国共产党")).toBe("communist-party-of-china");
    expect(l.get("中共中央政治局")).toBe("cpc-politburo");
    expect(l.get("中共中央政治局常务委员会")).toBe("cpc-politburo-standing-committee");
  });

  it("link the CPC Central Committee's departments by full and short names", () => {
    const a = analyseText(
      "中共中央办公厅印发通知。中组部、中宣部、中央统战部和中联部有关负责同志出席会议，" +
        "中央政法委、中央政策研究室和中央网信办也派员参加。中共中央对外联络部会后发布消息。",
      "central",
    );
    const l = links(a);
    expect(l.get("中共中央办公厅")).toBe("cpc-general-office");
    expect(l.get("中组部")).toBe("cpc-organization-department");
    expect(l.get("中宣部")).toBe("cpc-publicity-department");
    expect(l.get("中央统战部")).toBe("cpc-united-front-work-department");
    expect(l.get("中联部")).toBe("cpc-international-department");
    expect(l.get("中共中央对外联络部")).toBe("cpc-international-department");
    expect(l.get("中央政法委")).toBe("central-political-and-legal-affairs-commission");
    expect(l.get("中央政策研究室")).toBe("central-policy-research-office");
    expect(l.get("中央网信办")).toBe("central-cyberspace-affairs-commission-office");
    for (const id of ["cpc-organization-department", "cpc-publicity-department", "cpc-international-department"]) {
      expect(dictionary.byId.get(id)?.parent).toBe("cpc-central-committee");
    }
  });

  it("link Hong Kong's and Macao's governments and Hong Kong's legislature", () => {
    const a = analyseText(
      "香港特区政府与澳门特别行政区政府签署合作安排。港府表示，有关条例草案将提交香港立法会审议。" +
        "澳门特区政府欢迎这一安排。",
      "hk-macao",
    );
    const l = links(a);
    expect(l.get("香港特区政府")).toBe("hksar-government");
    expect(l.get("港府")).toBe("hksar-government");
    expect(l.get("澳门特别行政区政府")).toBe("macao-sar-government");
    expect(l.get("澳门特区政府")).toBe("macao-sar-government");
    expect(l.get("香港立法会")).toBe("hong-kong-legislative-council");
    expect(dictionary.byId.get("hksar-government")).toMatchObject({ division: "810000", name_en: "Government of the Hong Kong Special Administrative Region" });
  });
});

describe("Hong Kong's Legislative Council and the two regions' usual names", () => {
  it("links bare 立法会 in an article that names Hong Kong, never after 澳门", () => {
    const hk = links(analyseText("香港特区第八届立法会14日举行首次会议。立法会主席致辞时表示，立法会将积极对接国家规划。"));
    expect(hk.get("香港特区")).toBe("xianggang-810000");
    expect(hk.get("立法会")).toBe("hong-kong-legislative-council");
    const macao = analyseText("澳门立法会今日举行全体会议，审议多项法案。澳门特区政府代表列席。");
    expect(macao.mentions.some((m) => m.entity === "hong-kong-legislative-council")).toBe(false);
    expect(links(macao).get("澳门特区政府")).toBe("macao-sar-government");
  });
});

describe("news organisations and large companies", () => {
  it("hold the news organisations as companies, each with an English name and a source", () => {
    const media = fromFile("media");
    expect(media.length).toBeGreaterThanOrEqual(20);
    for (const e of media) {
      expect(e.type, e.id).toBe("company");
      expect(e.name_en, e.id).not.toBe("");
      expect(e.sources?.length ?? 0, e.id).toBeGreaterThan(0);
    }
    expect(dictionary.byId.get("cctv")?.parent).toBe("china-media-group");
    expect(dictionary.byId.get("global-times")?.parent).toBe("peoples-daily");
  });

  it("link outlets named as sources and companies named in business news", () => {
    const a = analyseText(
      "据新华社报道，人民日报、光明日报和经济日报同日刊发评论。澎湃新闻记者从当地了解到，调查仍在进行；" +
        "南都记者向警方核实了有关情况，新京报和财新也作了报道。" +
        "全球研发出5G芯片的企业有高通、华为、三星和英特尔，苹果公司此前与高通达成和解。" +
        "富士康回应了媒体询问，摩根大通和贝莱德发布了研究报告，中国建设银行公布了半年报。",
      "media",
    );
    const l = links(a);
    expect(l.get("新华社")).toBe("xinhua-news-agency");
    expect(l.get("人民日报")).toBe("peoples-daily");
    expect(l.get("光明日报")).toBe("guangming-daily");
    expect(l.get("澎湃新闻")).toBe("the-paper");
    expect(l.get("南都")).toBe("southern-metropolis-daily");
    expect(l.get("新京报")).toBe("the-beijing-news");
    expect(l.get("财新")).toBe("caixin-media");
    expect(l.get("高通")).toBe("qualcomm");
    expect(l.get("三星")).toBe("samsung-electronics");
    expect(l.get("英特尔")).toBe("intel");
    expect(l.get("苹果公司")).toBe("apple");
    expect(l.get("富士康")).toBe("foxconn");
    expect(l.get("摩根大通")).toBe("jpmorgan-chase");
    expect(l.get("贝莱德")).toBe("blackrock");
    expect(l.get("中国建设银行")).toBe("china-construction-bank");
  });

  it("leave the fruit, the grain and 三星堆 alone", () => {
    const a = analyseText(
      "三星堆博物馆新馆开放，游客在馆外买了苹果和小米粥。果园里的苹果今年丰收，村民还种了小米。",
      "not-companies",
    );
    const linked = a.mentions.filter((m) => !m.candidate).map((m) => m.entity);
    expect(linked).not.toContain("samsung-electronics");
    expect(linked).not.toContain("apple");
    expect(linked).not.toContain("xiaomi");
  });
});

// Role patterns on real sentences: chained titles, lists, group titles, bylines, appointments,
// a title after a name, and bodies resolved from the article's context.
import { describe, expect, it } from "vitest";
import { analyseText } from "../helpers.ts";
import { unknownNameAt } from "../../src/roles/roles.ts";

function roleRows(text: string): string[] {
  return analyseText(text).roles.map((r) => `${r.person_label}|${r.title}|${r.org_label}`);
}

describe("extractRoles", () => {
  it("splits chained titles before a name, resolving 市委 and 区委 from context", () => {
    const rows = roleRows("余杭区经济高质量发展大会在杭州举行。市委常委、区委书记刘颖出席大会并讲话。");
    expect(rows).toContain("刘颖|市委常委|杭州市委");
    expect(rows).toContain("刘颖|区委书记|余杭区委");
  });

  it("gives a role stated again one row, with every sentence that states it", () => {
    const roles = analyseText("中国工程院院士、之江实验室主任王坚出席。会上，之江实验室主任王坚作报告。会后，王坚院士接受采访。").roles;
    const director = roles.filter((r) => r.person_label === "王坚" && r.title === "主任");
    expect(director).toHaveLength(1);
    expect(director[0].sentences).toEqual([0, 1]);
    expect(director[0].sentence).toBe(0);
    const rows = roles.map((r) => `${r.person_label}|${r.title}|${r.org_label}`);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it("gives one row to a post written with and without its body in front, or once with no body", () => {
    // A state company's news (round 4): 庆阳市市长 and 市委副书记、市长 were two rows (庆阳市, 庆阳市人民政府).
    const qingyang = analyseText(
      "中国交建:中交集团主要领导会见庆阳市市长周继军\n10月17日,中交集团党委书记、董事长王彤宙在中交大厦会见甘肃省庆阳市委副书记、市长周继军,双方就深化战略合作、促进高质量发展进行座谈交流。\n中国交建党委委员、副总裁杨志超,中交集团市场开发总监赵晖,庆阳市副市长张平宗,双方有关部门和单位负责人参加座谈。",
    ).roles;
    const mayor = qingyang.filter((r) => r.person_label === "周继军" && r.title === "市长");
    expect(mayor.map((r) => r.org_label)).toEqual(["庆阳市人民政府"]);
    expect(mayor[0].sentences).toEqual([0, 1]);
    expect(qingyang.filter((r) => r.person_label === "张平宗").map((r) => `${r.title}|${r.org_label}`)).toEqual(["副市长|庆阳市人民政府"]);
    // Xinxiang's news: 新乡市政协副主席 in the headline, 市政协副主席 in the text.
    const xinxiang = analyseText("新乡市政协副主席梁常运一行到经开区考察调研\n4月19日下午,市政协副主席梁常运一行10人莅临经开区调研。").roles;
    expect(xinxiang.filter((r) => r.person_label === "梁常运").map((r) => `${r.title}|${r.org_label}|${r.sentences}`)).toEqual(["副主席|新乡市政协|0,1"]);
    // Meizhou's: the company's 董事长 stated again after the name, with no body.
    const meizhou = analyseText(
      "梅州高新區黨工委書記、管委會主任吳尚偉、梅州廣梅產業園投資開發有限公司董事長郭杰鋒、副總經理唐群英陪同領導進行了調研。會上,蔡主任一行聽取了吳尚偉主任及郭杰鋒董事長做的工作匯報。",
    ).roles;
    expect(meizhou.filter((r) => r.person_label === "郭杰锋").map((r) => `${r.title}|${r.org_label}|${r.sentences}`)).toEqual(["董事长|梅州广梅产业园投资开发有限公司|0,1"]);
  });

  it("reads an unknown name without the verb nodejieba joined to it as one word", () => {
    const text = "区长刘颖作报告。";
    const token = { word: "刘颖作", start: 2, end: 5, tag: "nr" };
    const ctx = { text, tokenAt: (pos: number) => (pos === 2 ? token : undefined), mentionAt: new Map() };
    expect(unknownNameAt(ctx, 2)).toEqual({ start: 2, end: 4, label: "刘颖", entity: null });
  });

  it("reads a three-character name nodejieba cut before its last character (主任孙殿镇, → 孙殿 | 镇)", () => {
    // A district's news (round 4): 孙殿 was given the title 主任 and proposed as a person.
    const a = analyseText("11月30日,上海马威动力控制技术有限公司董事长龙卫国带队来我区考察,区委副书记、区长刘涛,开发区管委会主任孙殿镇,副区长杨庸陪同。");
    expect(a.roles.some((r) => r.person_label === "孙殿镇" && r.title.endsWith("主任"))).toBe(true);
    expect(a.mentions.map((m) => m.label)).not.toContain("孙殿");
    // A verb glued after a name stays out of it.
    expect(roleRows("区长刘颖说,今年要加快发展。").some((r) => r.startsWith("刘颖|区长"))).toBe(true);
  });

  it("gives back a verb nodejieba glued to the name (王坚作报告 is 王坚 + 作报告)", () => {
    const rows = roleRows("会上，之江实验室主任王坚作报告。");
    expect(rows).toContain("王坚|主任|之江实验室");
    expect(rows.some((r) => r.startsWith("王坚作"))).toBe(false);
  });

  it("leaves a count out of the title (两名联合创始人, 另一名联合创始人)", () => {
    const rows = roleRows("今年1月，公司两名联合创始人佟显乔、衡量发布公告，问责另一名联合创始人周光。");
    expect(rows.some((r) => r.startsWith("佟显乔|联合创始人"))).toBe(true);
    expect(rows.some((r) => r.startsWith("周光|联合创始人"))).toBe(true);
    expect(rows.some((r) => /[两一]名/.test(r))).toBe(false);
  });

  it("takes the body right before the title, never one before a verb of the clause", () => {
    const rows = roleRows("2月3日下午，市委书记马平昌在圣都国际会议中心会见了奇瑞汽车股份有限公司董事长尹同跃一行。");
    expect(rows.find((r) => r.startsWith("尹同跃|"))).toBe("尹同跃|董事长|奇瑞汽车股份有限公司");
  });

  it("links the Politburo where nodejieba cuts 中共中央 | 政治局常委", () => {
    const rows = roleRows("3月13日，中共中央政治局常委、国务院总理李强两会后首次外出调研。");
    expect(rows).toContain("李强|常委|中共中央政治局");
    expect(rows).toContain("李强|总理|国务院");
  });

  it("never reads another person's title and name into a title, nor a preposition before it", () => {
    // From a Hong Kong university's report: 叶玉如 had the title 董事长顾伦及科大校长 of the company, and 在科大校长.
    const text = "在上海市漕河泾新兴技术开发区营运管理有限公司董事长顾伦及科大校长叶玉如教授的见证下，双方签署合作备忘录。在科大校长叶玉如教授的见证下，双方签署合作备忘录。";
    const rows = roleRows(text);
    expect(rows.find((r) => r.startsWith("顾伦|"))).toBe("顾伦|董事长|上海市漕河泾新兴技术开发区营运管理有限公司");
    const ye = rows.filter((r) => r.startsWith("叶玉如|"));
    expect(ye.length).toBeGreaterThan(0);
    for (const r of ye) expect(r, r).not.toMatch(/董事长|顾伦|^叶玉如\|在|营运管理有限公司$/);
  });

  it("reads Hong Kong's posts, without a conjunction before the title", () => {
    const rows = roleRows("立法会举行新春午宴，行政长官李家超（左五）与立法会主席李慧琼（左四）向出席人士祝酒。");
    expect(rows.some((r) => r.startsWith("李家超|行政长官"))).toBe(true);
    expect(rows.some((r) => r.startsWith("李慧琼|") && r.includes("与"))).toBe(false);
  });

  it("reads Hong Kong's 行政总裁 whole (港交所行政总裁陈翊庭), not as 总裁", () => {
    // A Hong Kong paper's report of a listing (round 4): the role was 总裁, a post she does not hold.
    const rows = roleRows("港股市場開新篇章,特區政府財政司司長陳茂波表示,新上市機制滿足科技創新企業的需要。港交所行政總裁陳翊庭稱本港迎來首隻特專科技股上市,是重要里程碑。");
    expect(rows.some((r) => r.startsWith("陈翊庭|") && r.includes("行政总裁"))).toBe(true);
    expect(rows.some((r) => r.startsWith("陈翊庭|总裁|"))).toBe(false);
  });

  it("keeps a zone's body named by its kind in the title (集中区党工委书记, 高新区管委会主任)", () => {
    // A district's and a zone's news (round 4): such bodies are no candidates (isGenericZone), and the
    // title lost them: 陈哲杰 was only 书记, 李翔 only 主任.
    expect(roleRows("随后,调研组来到集中区管委会开展座谈。集中区党工委书记陈哲杰汇报了园区发展情况。")).toContain("陈哲杰|集中区党工委书记|");
    expect(roleRows("区委副书记、代区长李湛,副区长徐钊,高新区管委会主任李翔出席会议。")).toContain("李翔|高新区管委会主任|");
  });

  it("gives a chain of titles one city, even when the article names another", () => {
    const text = "河北省纪委监委发布消息：石家庄市委副书记、市长邓沛然涉嫌严重违纪违法。2008年5月至2010年11月，他任唐山市委常委、市纪委书记。";
    const rows = roleRows(text);
    expect(rows).toContain("邓沛然|市长|石家庄市人民政府");
    expect(rows).toContain("邓沛然|副书记|石家庄市委");
  });

  it("never gives a company's post to a place", () => {
    const rows = roleRows("市委书记董晓宇，中国中冶总裁张孟星出席并讲话。");
    expect(rows.some((r) => r.startsWith("张孟星|") && r.endsWith("|中国"))).toBe(false);
  });

  it("gives each title its own organisation", () => {
    const rows = roleRows("中国工程院院士、之江实验室主任王坚出席。");
    expect(rows).toContain("王坚|院士|中国工程院");
    expect(rows).toContain("王坚|主任|之江实验室");
  });

  it("reads 区长 as the head of the district government", () => {
    const rows = roleRows("余杭区召开会议。区委副书记、区长杨建根主持。");
    expect(rows).toContain("杨建根|区委副书记|余杭区委");
    expect(rows).toContain("杨建根|区长|余杭区政府");
  });

  it("gives a group title to every name of a list before 等", () => {
    const rows = roleRows("余杭区召开会议。朱红丹、梅建胜、王姝、沈尧等区四套班子领导出席。");
    for (const n of ["朱红丹", "梅建胜", "王姝", "沈尧"]) expect(rows.some((r) => r.startsWith(`${n}|区四套班子领导`))).toBe(true);
  });

  it("takes no body before 等 for a person (招商局, 招商中心: 商 is a surname)", () => {
    // A zone's and a city's news (round 4): 商局 and 商中心 were given the title 相关部门负责人.
    for (const text of [
      "3月7日,青岛发改委副书记王建平一行莅临高新区考察,区党工委委员、管委会副主任吉东陪同,区党群部、经发局、科技局、招商局等相关部门负责人参加。",
      "5月11日-17日,市委副书记、市长黄旭峰带领政府办、科技局、行政审批局、招商中心等相关部门负责人前往长三角、深圳对接优质资源。",
    ]) {
      const a = analyseText(text);
      expect(a.roles.map((r) => r.person_label)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^商/)]));
      expect(a.mentions.filter((m) => m.type === "person").map((m) => m.label)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^商/)]));
    }
    const rows = roleRows("余杭区召开会议。朱红丹、梅建胜、王姝、沈尧等区四套班子领导出席。");
    expect(rows.some((r) => r.startsWith("沈尧|区四套班子领导"))).toBe(true);
  });

  it("takes no bare 领导 after 等 for a title (陈国良等领导陪同, 王玉琢等领导的陪同下)", () => {
    // A district's and a city's news (round 4): "and other leaders" was each name's second title.
    for (const [text, person] of [
      ["区委常委、区委办主任陈维民、副区长陈国良等领导陪同调研。", "陈国良"],
      ["2021年12月23日上午,副市长刘立新在市政府副秘书长关长吉、市住建局副局长褚晓欣、规划和自然资源局副局长王玉琢等领导的陪同下,来到集团公司。", "王玉琢"],
    ]) {
      const rows = roleRows(text);
      expect(rows.filter((r) => r.startsWith(`${person}|`)).length, person).toBeGreaterThan(0);
      expect(rows.some((r) => r.startsWith(`${person}|领导|`)), person).toBe(false);
    }
  });

  it("takes no group title that only says the others are related (孔凡华等相关领导出席)", () => {
    // A company's report of a signing with 集宁区 (Ulanqab), 19 May, in Traditional characters.
    const a = analyseText("集團黨委書記、東宏股份副董事長、總裁倪奉堯,董事會秘書尋金龍、蒙西市場總經理陳志剛、經理孔凡華等相關領導出席儀式。");
    const rows = a.roles.map((r) => `${r.person_label}|${r.title}`);
    expect(rows).toContain("孔凡华|经理");
    expect(rows).not.toContain("孔凡华|相关领导");
  });

  it("reads a seat in a party group (党组成员) as a title, chained with a company's post", () => {
    // A report of 27 November 2020 on the agreement between two state groups.
    const a = analyseText("兵器装备集团副总经理、党组成员何纪武,通用技术集团副总经理、党组成员周明春代表双方签字。");
    const rows = a.roles.map((r) => `${r.person_label}|${r.title}|${r.org_label ?? ""}`);
    expect(rows).toContain("周明春|副总经理|通用技术集团");
    // The seat chained after the group's post is in the group's party group (sharedBody).
    expect(rows).toContain("周明春|党组成员|通用技术集团");
    expect(rows.some((r) => r.startsWith("何纪武|党组成员|"))).toBe(true);
  });

  it("reads the board's secretary (董事会秘书) as a title in a chain of a company's posts", () => {
    // A listed company's notice of its board secretary's resignation.
    const a = analyseText("近日,公司董事会收到公司董事、高级副总裁、董事会秘书陈正钢先生递交的辞职报告。");
    const rows = a.roles.map((r) => `${r.person_label}|${r.title}`);
    expect(rows).toContain("陈正钢|董事会秘书");
    expect(rows).toContain("陈正钢|高级副总裁");
  });

  it("leaves 将由 (\"will be by\") out of a title: 将由公司董事长、总裁黄博先生代行", () => {
    // The same listed company's notice of its board secretary's resignation.
    const a = analyseText("在聘任新的董事会秘书之前,将由公司董事长、总裁黄博先生代行董事会秘书职责。");
    const rows = a.roles.map((r) => `${r.person_label}|${r.title}`);
    expect(rows).toContain("黄博|公司董事长");
    expect(rows.some((r) => r.includes("将由"))).toBe(false);
  });

  it("gives a title before a list to every name of it", () => {
    const rows = roleRows("余杭区召开会议。区领导毛建标、吴远东、吴伟强参加会议。");
    for (const n of ["毛建标", "吴远东", "吴伟强"]) expect(rows.some((r) => r.startsWith(`${n}|区领导`))).toBe(true);
  });

  it("reads bylines, with more than one role in them", () => {
    const rows = roleRows("本报讯(记者 陈坚 通讯员 贾丹红) 昨日,大会举行。");
    expect(rows).toContain("陈坚|记者|");
    expect(rows).toContain("贾丹红|通讯员|");
  });

  it("reads an appointment with the body of the post", () => {
    const rows = roleRows("大会同步聘任王坚院士为中国(杭州)人工智能小镇名誉镇长。");
    expect(rows).toContain("王坚|名誉镇长|人工智能小镇");
  });

  it("reads a company title and the branch it belongs to", () => {
    const rows = roleRows("在中国平安财产保险余杭支公司总经理戴天看来,这是一个信号。");
    expect(rows).toContain("戴天|总经理|中国平安财产保险余杭支公司");
  });

  it("proposes a person the dictionary does not know when a title introduces them", () => {
    const a = analyseText("杭州市某区召开会议,区委书记甄宏图出席。");
    // The recogniser proposes the name: the role points at its candidate entity.
    expect(a.roles.some((r) => r.person_label === "甄宏图" && r.person === "cand:甄宏图" && r.title === "区委书记")).toBe(true);
    expect(a.mentions.some((m) => m.candidate && m.label === "甄宏图" && m.type === "person")).toBe(true);
  });
});

describe("discovery", () => {
  it("proposes organisations by their suffix, with a place at the start of the name", () => {
    const a = analyseText("杭州云栖智造科技有限公司与浙江海纳微电子研究院签约。战略布局不断优化,全区人工智能产业加速。");
    const proposed = a.mentions.filter((m) => m.candidate).map((m) => `${m.label}:${m.type}`);
    expect(proposed).toContain("杭州云栖智造科技有限公司:company");
    expect(proposed).toContain("浙江海纳微电子研究院:lab");
    expect(proposed.some((p) => p.startsWith("战略布局") || p.startsWith("全区人工智能"))).toBe(false);
  });

  it("proposes no body a preposition is glued to, nor a level's department with no place", () => {
    // Phrases of local news: 记者从省人民政府获悉 (nodejieba: 从省 | 人民政府), a bare 区经信局.
    const a = analyseText("记者从省人民政府获悉，据市人民政府消息，区经信局召开专题会议，区发改局有关负责人出席。");
    expect(a.mentions.filter((m) => m.candidate).map((m) => m.label)).toEqual([]);
  });

  it("gives a city's mayor to that city, not to the one the article is about (新北市長 in a Taipei report)", () => {
    // A Taipei paper, January 2026: the deputy mayor of Taipei met the mayor of New Taipei.
    const a = analyseText("赴上海參加雙城論壇的台北市副市長林奕華，也謝謝上海市政府大力協助。傳出台北市副市長李四川在出國前，就和新北市長侯友宜當面交換意見。台北市長蔣萬安致詞。");
    const rows = a.roles.map((r) => `${r.person_label}|${r.title}|${r.org_label ?? ""}`);
    expect(rows).toContain("侯友宜|市长|新北市");
    expect(rows).toContain("蒋万安|市长|台北市");
    expect(rows).toContain("李四川|副市长|台北市");
    expect(rows.some((r) => r.includes("就和"))).toBe(false);
  });

  it("reads a council's speaker and its members without their party (國民黨籍台北市議長)", () => {
    // A Taipei report of 23 February 2026.
    const a = analyseText("台北市議會23日舉辦新春團拜茶會，國民黨籍台北市長蔣萬安、副市長李四川，國民黨籍台北市議長戴錫欽、國民黨籍市議員秦慧珠、汪志冰、台灣民眾黨籍市議員陳宥丞等共同出席。");
    const rows = a.roles.map((r) => `${r.person_label}|${r.title}|${r.org_label ?? ""}`);
    expect(rows).toContain("戴锡钦|议长|台北市");
    expect(rows).toContain("陈宥丞|市议员|");
    expect(rows.some((r) => r.includes("党籍") || r.endsWith("|台湾省"))).toBe(false);
  });

  it("reads Hong Kong's posts: 特首, 特派员", () => {
    // A Hong Kong paper's report of 1 July 2025, in Traditional characters.
    const a = analyseText("在金紫荊廣場的升旗儀式,李家超與太太林麗嬋、前特首曾蔭權夫婦等都有到場觀禮,外交部駐港公署特派員崔建春等中央駐港機構代表亦有出席。特首李家超致辭時表示,建立安全和穩定的香港。");
    const rows = a.roles.map((r) => `${r.person_label}|${r.title}`);
    expect(rows).toContain("李家超|特首");
    // 前 ("former") is no part of the post: the post, held before (Role.past).
    expect(rows).toContain("曾荫权|特首");
    expect(a.roles.find((r) => r.person_label === "曾荫权")?.past).toBe(true);
    expect(rows).toContain("崔建春|驻港公署特派员");
  });

  it("takes no function word for a name after a title (负责人关于…)", () => {
    const a = analyseText("市委常委刘颖一行来到伯尔尼，实地察看淘宝的生产线，听取企业负责人关于“三贯通一融合”一流创新生态推进情况的汇报。");
    expect(a.roles.map((r) => r.person_label)).not.toContain("关于");
    expect(a.mentions.filter((m) => m.candidate).map((m) => m.label)).not.toContain("关于");
    expect(a.roles.map((r) => `${r.person_label}|${r.title}`)).toContain("刘颖|市委常委");
  });

  it("gives a post of the company's board to the company (阿里巴巴董事局主席): 董事 in 董事局 is no other title", () => {
    // 财华社, 26 November 2019, on Alibaba's listing in Hong Kong; and a report of ofo's financing round.
    const a = analyseText("阿里巴巴董事局主席张勇今日于上市仪式致辞。阿里巴巴集团董事局执行副主席蔡崇信表示:阿里十分认同ofo的行业地位以及开放平台战略。");
    const rows = a.roles.map((r) => `${r.person_label}|${r.title}|${r.org_label ?? ""}`);
    expect(rows).toContain("张勇|董事局主席|阿里巴巴");
    expect(rows).toContain("蔡崇信|董事局执行副主席|阿里巴巴");
  });

  it("leaves a preposition out of a title only where it is a word of its own (在线视频首席执行官 keeps 在线)", () => {
    // A report of June 2021 on the quarrel between long- and short-video platforms, in Traditional characters.
    const a = analyseText("騰訊副總裁、在線視頻首席執行官孫忠懷言辭尤為犀利。");
    const rows = a.roles.map((r) => `${r.person_label}|${r.title}`);
    expect(rows).toContain("孙忠怀|在线视频首席执行官");
    expect(rows).not.toContain("孙忠怀|线视频首席执行官");
  });

  it("takes a person named before a verb of speech, not a pronoun as a body", () => {
    const a = analyseText("该公司董事长钱卫东表示,将在余杭投资。");
    expect(a.roles.map((r) => `${r.person_label}|${r.title}`)).toContain("钱卫东|董事长");
  });
  it("leaves the clause's function words and time words out of a title (儀式由校長, 而民進黨議員, 台中的立法院副院長, 當時市長)", () => {
    // A university's news of a signing, and Taiwan's of its councillors and of moving the legislature.
    const rows = [
      ...roleRows("1月21日,我校與三峽大學戰略合作簽約儀式在行政樓舉行。儀式由校長張友兵主持。"),
      ...roleRows("國民黨新北市議員林金結本屆亦參選;而民進黨議員李余典原規畫投入三重立委選舉。"),
      ...roleRows("她要求盧秀燕、出身台中的立法院副院長江啟臣明確表態。當時市長盧秀燕還說台中是最好地點。"),
    ];
    expect(rows).toContain("张友兵|校长|");
    expect(rows).toContain("李余典|民进党议员|");
    expect(rows).toContain("江启臣|立法院副院长|");
    expect(rows.filter((r) => r.startsWith("卢秀燕|")).map((r) => r.split("|")[1])).toEqual(["市长"]);
    expect(rows.some((r) => /\|(仪式由|而|的|当时)/.test(r))).toBe(false);
  });

  it("leaves 我 of an institution's own news out of a title (我校党委书记)", () => {
    // A university's news of a signing with another.
    const rows = roleRows("我校党委书记马宁,党委副书记、校长卢光跃出席签约仪式。");
    expect(rows).toContain("马宁|党委书记|");
    expect(rows.some((r) => r.includes("我校"))).toBe(false);
  });

  it("reads Taiwan's party-colour titles of legislators (藍委, 綠委)", () => {
    const rows = roleRows("藍委廖偉翔則指遷建是百年大計要從長計議。");
    expect(rows).toContain("廖伟翔|蓝委|");
  });
  it("reads the name after a Malaysian honorific between it and the title (名誉会长丹斯里李深静)", () => {
    // A Malaysian paper's report on the Singapore Chinese Chamber of Commerce's anniversary dinner.
    const rows = roleRows("代表团成员包括永久名誉会长丹斯里钟廷森、名誉会长丹斯里李深静等。马来西亚中华总会长拿督戴良业率领代表团参加晚宴。");
    expect(rows).toContain("李深静|名誉会长|");
    expect(rows.some((r) => r.startsWith("戴良业|"))).toBe(true);
    expect(rows.some((r) => /^(丹斯里|拿督)/.test(r))).toBe(false);
  });
  it("gives a party secretary the party committee whose name ends where 党委书记 starts (北京大学党委书记郝平)", () => {
    // A province's signing with a university, and a town's hospital signing: the body was lost to the title word.
    expect(roleRows("教育部党组成员、副部长王嘉毅,北京大学党委书记郝平等领导出席签约仪式。")).toContain("郝平|书记|北京大学党委");
    expect(roleRows("县卫生健康局等参加仪式,王奉镇党委书记李强主持。")).toContain("李强|书记|王奉镇党委");
  });
  it("reads the posts of courts, procuratorates and sport (检察长, 庭长, 教练)", () => {
    // A procuratorate's report of a visit, a court's of an inspection, a report of the National Games.
    const rows = [
      ...roleRows("近日,果洛藏族自治州人民检察院党组书记、检察长朱正军一行来我院交流座谈。"),
      ...roleRows("市法院执一庭庭长刘明哲、综合处处长田克成等人参加了调研。"),
      ...roleRows("在頒獎儀式上,教練魏新猛直接對楊家玉來了一個「公主抱」。"),
    ];
    // The chief procurator chained after the party group's secretary heads the procuratorate (sharedBody).
    expect(rows).toContain("朱正军|检察长|果洛藏族自治州人民检察院");
    expect(rows.some((r) => r.startsWith("朱正军|") && r.endsWith("|果洛藏族自治州人民检察院党组"))).toBe(true);
    expect(rows.some((r) => r.startsWith("刘明哲|") && r.includes("庭长"))).toBe(true);
    expect(rows).toContain("魏新猛|教练|");
  });
  it("reads the posts news addresses people by after their name (吴廷飞院长, 张鸿铭市长, 梁经顺检察长)", () => {
    // A city's meeting on investment, and a procuratorate's report of a visit.
    expect(roleRows("4月5日上午,全市招商引资工作推进大会在杭州举行。张鸿铭市长总结性发言。")).toContain("张鸿铭|市长|杭州市人民政府");
    expect(roleRows("9月27日上午,重庆市长寿区人民检察院梁经顺检察长一行4人莅临我院交流调研。")).toContain("梁经顺|检察长|");
    // A coach after a name is that person's coach (擔任楊家玉教練).
    expect(roleRows("婚後魏新猛擔任楊家玉教練。").some((r) => r.startsWith("杨家玉|"))).toBe(false);
  });
  it("reads the posts of banks and secretaries-general after a name (顾生行长, 姚桢副行长, 吴新福秘书长)", () => {
    // A bank's signing with a city government (round 7).
    const rows = roleRows("交行江苏省分行顾生行长、姚桢副行长出席签约仪式。签约仪式由徐州市人民政府吴新福秘书长主持。");
    expect(rows.some((r) => r.startsWith("顾生|行长|"))).toBe(true);
    expect(rows.some((r) => r.startsWith("姚桢|副行长|"))).toBe(true);
    expect(rows.some((r) => r.startsWith("吴新福|秘书长|"))).toBe(true);
  });
  it("reads the posts of Chinese associations abroad (总会长, 名誉顾问)", () => {
    // A Malaysian paper's report of its chamber of commerce's honour.
    const rows = roleRows("中总总会长丹斯里戴良业说,他对此感到非常光荣。中总名誉顾问拿督黄国忠也获委任为常务理事。");
    expect(rows.some((r) => r.startsWith("戴良业|") && r.includes("总会长"))).toBe(true);
    expect(rows.some((r) => r.startsWith("黄国忠|") && r.includes("顾问"))).toBe(true);
  });
  it("gives a bare title chained after a body's title, by 、 or 兼, the same body (副董事长、副总经理, 董事长兼总裁)", () => {
    // Company news: 宁德时代's board notice, candidates for the Academy of Engineering, a forum's speakers.
    const catl = roleRows("根据公告,宁德时代副董事长、副总经理黄世霖辞去公司副董事长、副总经理等职务。");
    expect(catl).toContain("黄世霖|副总经理|宁德时代");
    // 公司副董事长 after it is the same post of the company the sentence names: one row.
    expect(catl.filter((r) => r.startsWith("黄世霖|") && r.includes("副董事长"))).toEqual(["黄世霖|副董事长|宁德时代"]);
    const byd = roleRows("其中,比亚迪汽车董事长兼总裁王传福的名字出现在工程管理学部。");
    expect(byd.some((r) => r.startsWith("王传福|") && r.includes("董事长|"))).toBe(true);
    expect(byd).toContain("王传福|总裁|比亚迪");
    expect(roleRows("会上,中国第一汽车集团有限公司总经理、党委副书记奚国华发表了主题演讲。")).toContain("奚国华|党委副书记|中国第一汽车集团有限公司");
    // A party committee lends the body it belongs to, to a post that is not a party post.
    expect(roleRows("4月3日下午,区应急管理局党委书记、局长罗云召开局务会。")).toContain("罗云|局长|区应急管理局");
  });
  it("gives a company's post the company named by its short name right before it (蔚来CEO, 福耀玻璃董事长)", () => {
    // A car maker's staff news, and a forum's list of speakers (Hong Kong Commercial Daily, Traditional).
    expect(roleRows("与此同时,蔚来还称其软件团队由蔚来CEO李斌直接管理。")).toContain("李斌|CEO|蔚来");
    const forum = roleRows("當天,福耀玻璃董事長曹德旺,小鵬汽車董事長、CEO何小鵬等知名企業家出席活動並發表演講。");
    expect(forum).toContain("曹德旺|董事长|福耀玻璃");
    expect(forum).toContain("何小鹏|董事长|小鹏汽车");
    expect(forum).toContain("何小鹏|CEO|小鹏汽车");
    // A word of the trade between a known company and its post is the company's, not the title's.
    expect(roleRows("其中,比亚迪汽车董事长兼总裁王传福的名字出现在工程管理学部。")).toContain("王传福|董事长|比亚迪");
  });
  it("reads a deputy's seat in a people's congress with the level's congress as its body (全国人大代表, 省人大代表)", () => {
    // Two sessions' interviews (Traditional) and a city congress's news of a visit to a provincial deputy.
    const national = roleRows("全國人大代表、北京市保安服務總公司副總經理朱良玉在接受記者采訪時表示。");
    expect(national).toContain("朱良玉|全国人大代表|全国人民代表大会");
    expect(national).toContain("朱良玉|副总经理|北京市保安服务总公司");
    const provincial = roleRows("7月9日,市人大常委会主任李茂森到旺苍县走访看望了省人大代表、四川米苍山茶业集团有限公司董事长何旭伦。");
    expect(provincial).toContain("何旭伦|省人大代表|省人大");
    expect(provincial).toContain("何旭伦|董事长|四川米苍山茶业集团有限公司");
    // A name the tagger missed ends before 是 (袁國華是…).
    expect(roleRows("新任全國人大代表袁國華是上海臨港經濟發展(集團)有限公司黨委書記、董事長。")).toContain("袁国华|全国人大代表|全国人民代表大会");
  });
  it("reads the posts a biography lists after 曾任, 历任, 现任, marking those held before as past", () => {
    const rows = (text: string) => analyseText(text).roles.map((r) => `${r.person_label}|${r.title}|${r.org_label}${r.past ? "|past" : ""}`);
    // A provincial paper on a new mayor: the person is the clause's subject before the verb.
    const ma = rows("在省民族宗教事务厅工作7年后，马宇骏转到地方任职，历任秦皇岛市副市长、张家口市市长等职。");
    expect(ma).toContain("马宇骏|副市长|秦皇岛市人民政府|past");
    expect(ma).toContain("马宇骏|市长|张家口市人民政府|past");
    // Xinhua's biography: 曾任 opens a paragraph; the person opens the biography. Each chain keeps its own city.
    const cai = rows(
      "蔡奇，男，汉族，1955年12月生，福建尤溪人。1973年3月参加工作，1975年8月加入中国共产党。在职研究生学历，经济学博士。\n曾任福建省委办公厅综合处副处长、办公厅秘书(正处级)、办公厅副主任，福建省三明市委副书记、副市长、市长，浙江省衢州市委副书记、市长、市委书记、市人大常委会主任，台州市委书记，杭州市委副书记、市长，浙江省委常委、组织部部长、常务副省长，中央国家安全委员会办公室副主任、常务副主任(正部长级)。",
    );
    expect(cai).toContain("蔡奇|副市长|三明市人民政府|past");
    expect(cai).toContain("蔡奇|书记|台州市委|past");
    expect(cai).toContain("蔡奇|市长|杭州市人民政府|past");
    expect(cai).toContain("蔡奇|常务副主任|中央国家安全委员会办公室|past");
    // 现任 states a post held now, with its body shared by 兼.
    const wang = rows("王传福现任比亚迪股份有限公司董事局主席兼总裁，曾被评为“20世纪影响中国的25位企业家之一”。");
    expect(wang).toContain("王传福|董事局主席|比亚迪");
    expect(wang).toContain("王传福|总裁|比亚迪");
    // A clause of its own after the list is not a post (如今已经是副董事长).
    expect(rows("值得一提的是，林斌此前曾长期担任小米手机部负责人，如今已经是副董事长。").some((r) => r.includes("已经是"))).toBe(false);
  });
  it("gives a level's department named by the level alone as the body, as written when the dictionary lacks it (市生态环境局局长)", () => {
    // A district's news of a city bureau's inspection, and a city bureau's own news.
    const chongqing = roleRows("2023年8月23日,市生态环境局党组成员、副局长向霆带队督察五组到璧山区开展2023年市级生态环境保护专项督察。");
    expect(chongqing).toContain("向霆|市生态环境局党组成员|市生态环境局");
    expect(chongqing).toContain("向霆|副局长|市生态环境局");
    expect(roleRows("会上,市环保局局长李勇汇报了我局基本情况、项目环评审批、环境监管执法等情况。")).toContain("李勇|市环保局局长|市环保局");
  });
  it("gives a career list the person named earlier in its sentence, before one named in an earlier sentence", () => {
    // A report on four new mayors: each sentence has its own person, the verb opening a later clause.
    const rows = analyseText(
      "王安顺转任国务院发展研究中心党组书记。1999年5月蔡奇赴浙江任职，先后担任浙江省衢州市市长、市委书记，台州市委书记。",
    ).roles.map((r) => `${r.person_label}|${r.title}|${r.org_label}`);
    expect(rows).toContain("蔡奇|书记|台州市委");
    expect(rows.some((r) => r.startsWith("王安顺|") && r.includes("台州"))).toBe(false);
    // A department named by the level, whose last character opens the post (市公安 | 局长): a city's security meeting.
    expect(roleRows("9月19日,市公安局召开会议,对全市国庆节期间安保和维稳工作进行动员部署。副市长、市公安局长李胜荣出席会议并讲话。")).toContain(
      "李胜荣|市公安局长|市公安局",
    );
  });
  it("reads a former post (原市长, 前主席) as the post, held before", () => {
    const rows = (text: string) => analyseText(text).roles.map((r) => `${r.person_label}|${r.title}|${r.org_label}${r.past ? "|past" : ""}`);
    // A provincial paper on a new mayor, a car-battery maker's notice, Microsoft's new management.
    expect(rows("去年底，石家庄市原市长邓沛然因涉嫌严重违纪违法，目前正接受河北省纪委监委纪律审查和监察调查。")).toContain("邓沛然|市长|石家庄市人民政府|past");
    expect(rows("根据公告，原总经理周佳转任副董事长。")).toContain("周佳|总经理||past");
    expect(rows("在微软亚太研发集团前主席张亚勤跳槽至百度后，昨天微软中国公布新任管理层名单。")).toContain("张亚勤|亚太研发集团主席|微软|past");
    // A verb of having before a title is the clause's (陪同接待的还有 | 公司副总裁).
    expect(roleRows("陪同接待的还有公司副总裁林洪扬和财务总监胡小平。").some((r) => r.includes("还有"))).toBe(false);
  });
  it("reads a company whose name holds a bracket, and posts after a name and 是 (袁國華是…有限公司黨委書記、董事長)", () => {
    // A city paper on a visit to a plant, candidates for the Academy of Engineering, a profile of a new deputy.
    expect(roleRows("随后，爱普车辆(中国)有限公司总经理张伟夫为市领导们讲解了生产流程、工艺制作以及生产设备。")).toContain("张伟夫|总经理|爱普车辆(中国)有限公司");
    const li = roleRows("其中，比亚迪汽车董事长兼总裁王传福，百度在线网络技术(北京)有限公司董事长、首席执行官李彦宏的名字出现在工程管理学部。");
    expect(li).toContain("李彦宏|董事长|百度在线网络技术(北京)有限公司");
    expect(li).toContain("李彦宏|首席执行官|百度在线网络技术(北京)有限公司");
    const yuan = roleRows("新任全國人大代表袁國華是上海臨港經濟發展(集團)有限公司黨委書記、董事長。");
    expect(yuan).toContain("袁国华|党委书记|上海临港经济发展(集团)有限公司");
    expect(yuan).toContain("袁国华|董事长|上海临港经济发展(集团)有限公司");
  });
});

describe("round 8: signings, visits, universities, associations overseas", () => {
  it("takes a title right after a name as that person's, not as the title of the word after it (王叙平董事长全程参加)", () => {
    // A private college's party congress: 全程 ("throughout") was read as a person holding 王叙平董事长.
    const rows = roleRows("督导专员熊健表示,王叙平董事长全程参加,亲自部署。");
    expect(rows).toContain("王叙平|董事长|");
    expect(rows.filter((r) => r.startsWith("全程|"))).toEqual([]);
    expect(analyseText("王叙平董事长全程参加,亲自部署。").mentions.map((m) => m.label)).not.toContain("全程");
  });

  it("gives a level's department written short before a post that department as the post's body (省科协党组书记, 市住建局副局长)", () => {
    // A provincial science association's congress; a vice-mayor's visit to a city group.
    expect(roleRows("省科协党组书记周德文在省科协十大开幕式上致辞。")).toContain("周德文|省科协党组书记|省科协");
    expect(roleRows("副市长刘立新在市住建局副局长褚晓欣等陪同下来到集团公司。")).toContain("褚晓欣|市住建局副局长|市住建局");
  });

  it("gives a company's short name right before its head's post as the post's body (力成董事長, 中色大冶总经理)", () => {
    // A Taiwan chip-packager's shareholders' meeting; a city mayor's talks with a metals group.
    expect(roleRows("力成董事長蔡篤恭預期,力成今年上半年表現會比去年同期好。")).toContain("蔡笃恭|董事长|力成");
    expect(roleRows("中色大冶总经理王焱及总部相关部门负责同志参加会谈。")).toContain("王焱|总经理|中色大冶");
    // Not a company named by its kind (集团公司总裁), which stays in the title.
    expect(roleRows("集团公司总裁刘连勇出席。")).toContain("刘连勇|集团公司总裁|");
  });

  it("reads Taiwan's and Hong Kong's word for a founder (創辦人張忠謀)", () => {
    // A Taiwan chip-maker's sports day.
    expect(roleRows("台積電今日舉辦運動會,創辦人張忠謀因故缺席。")).toContain("张忠谋|创办人|");
  });

  it("reads no group title in a count of people appointed (傅廷栋等29人为委员)", () => {
    // A university's council of affairs: 29人为委员 was 傅廷栋's title.
    const rows = roleRows("据悉,第四届校务委员会共聘任傅廷栋等29人为委员,高翅任校务委员会主任。");
    expect(rows.filter((r) => /人为/.test(r))).toEqual([]);
  });

  it("reads a post taken right after a name (高翅任校务委员会主任, 李言荣当选为…主席), with the names listed before it", () => {
    // A university's council of affairs; a provincial science association's congress electing its chair.
    const council = roleRows("据悉,高翅任校务委员会主任,张启发、陈焕春任副主任。");
    expect(council).toContain("高翅|主任|校务委员会");
    expect(council).toContain("张启发|副主任|");
    expect(council).toContain("陈焕春|副主任|");
    expect(roleRows("李言荣当选为四川省科协第九届委员会主席。")).toContain("李言荣|主席|四川省科协第九届委员会");
  });

  it("reads a party secretary, a chair and an association's head addressed after their name (康慶云書記, 許鐵良主席, 黃海龍理事長)", () => {
    // A state builder's signing with a forestry institute; a city party chief's visit to a group in Hong Kong;
    // an overseas Chinese association's founding.
    expect(roleRows("劉曉輝總經理、康慶云書記分別介紹了各自單位的基本情況。")).toContain("康庆云|书记|");
    expect(roleRows("許鐵良主席歡迎宋永祥書記到訪集團。")).toContain("许铁良|主席|");
    expect(roleRows("黃官羨獲得黃海龍理事長頒發的「僑光獎章」。")).toContain("黄海龙|理事长|");
    // Not the body a title word opens (主席团).
    expect(roleRows("会议选举产生了大会主席团,黄海龙主席团成员名单随后公布。").filter((r) => r.startsWith("黄海龙|主席"))).toEqual([]);
  });

  it("gives a head's post chained after a body's party post that body (市財政局黨組書記、局長胡雲江, 院黨組書記、院長)", () => {
    // A city party chief's visit to a group in Hong Kong; a provincial court's party meeting.
    expect(roleRows("市政協黨組成員、市財政局黨組書記、局長胡雲江參加會見。")).toContain("胡云江|局长|市财政局");
    expect(roleRows("最高人民法院黨組書記、院長張軍就審判執行工作作出全面分析部署。")).toContain("张军|院长|最高人民法院");
  });
});

// The vocabulary of titles: what a post is called, and which body a bare title implies.

/** Titles a person holds, as Chinese news writes them right before (or after) a name. */
export const TITLE_WORDS: readonly string[] = [
  // party and state
  "总书记", "书记", "副书记", "常务副书记", "常委", "委员", "主任", "副主任", "常务副主任",
  "区长", "副区长", "常务副区长", "市长", "副市长", "常务副市长", "省长", "副省长", "常务副省长",
  "县长", "副县长", "镇长", "副镇长", "名誉镇长", "乡长", "副乡长", "局长", "副局长", "厅长", "副厅长",
  "部长", "副部长", "处长", "副处长", "科长", "主席", "副主席", "秘书长", "副秘书长", "总理", "副总理",
  "国务委员", "委员长", "副委员长", "巡视员", "调研员", "党组书记", "党委书记", "纪委书记", "监委主任",
  "组长", "副组长", "馆长", "站长", "会长", "副会长", "理事长", "主委",
  // associations' posts, as Malaysian and Singapore Chinese papers list them (总会长拿督吴逸平, 名誉顾问拿督黄国忠)
  "总会长", "署理总会长", "理事", "常务理事", "顾问",
  // a seat in a party group or committee, as state companies and ministries list their leaders
  // (副总经理、党组成员何纪武), the same post as 党委委员
  "党组成员", "党委成员",
  // a seat in a people's congress or a consultative conference (全国人大代表、格力电器董事长, 省政协委员)
  "人大代表", "政协委员",
  // Hong Kong and Macao, and other countries' posts
  "行政长官", "特首", "司长", "副司长", "署长", "副署长", "特派员", "议员", "议长", "副议长", "立委",
  // Taiwan's papers call a legislator by the party's colour (藍委楊瓊瓔, 綠委何欣純)
  "蓝委", "绿委", "总统", "副总统", "首相", "外长", "大使", "总领事",
  // Hong Kong's word for a chief executive of a company or an exchange (港交所行政总裁陈翊庭)
  "行政总裁", "副行政总裁",
  // courts and procuratorates (党组书记、检察长朱正军, 执一庭庭长刘明哲)
  "检察长", "副检察长", "常务副检察长", "检察官", "庭长", "副庭长", "审判长", "审判员", "法官",
  // sport (教练魏新猛, 启蒙教练徐云波)
  "教练", "主教练", "助理教练", "领队",
  // science and education
  "院士", "院长", "副院长", "校长", "副校长", "所长", "副所长", "教授", "副教授", "研究员",
  "首席科学家", "科学家", "主任医师", "博士生导师",
  // companies and finance
  "董事长", "副董事长", "董事", "总经理", "副总经理", "总裁", "副总裁", "首席执行官", "首席技术官",
  "首席运营官", "首席财务官", "创始人", "联合创始人", "合伙人",
  // Taiwan's and Hong Kong's word for a founder (台積電創辦人張忠謀)
  "创办人", "总监", "经理", "行长", "副行长",
  "总工程师", "负责人", "CEO", "CTO", "COO",
  // investment firms' posts (绿动资本创始合伙人张国津, 光大控股董事总经理张小龙, 麦星投资高级合伙人邬炜)
  "创始合伙人", "高级合伙人", "董事总经理",
  // the board's secretary, a listed company's officer by law (董事会秘书陈正钢); 秘书 alone is no post
  "董事会秘书", "董秘",
  // groups of officials, as in 区领导 / 区四套班子领导
  "领导", "班子成员",
];

/**
 * Malaysia's honorifics (Tan Sri, Datuk Seri, Datuk, Datin, Puan Sri) as Chinese papers write them,
 * between a post and a name (名誉会长丹斯里钟廷森, 会长拿督戴良业): part of neither. Longest first.
 */
export const HONORIFICS: readonly string[] = ["丹斯里拿督", "拿督斯里", "拿汀斯里", "丹斯里", "潘斯里", "拿督", "拿汀"];

/** Bylines: the roles a newspaper gives the people who wrote an article. */
export const BYLINE_TITLES: readonly string[] = [
  "本网记者", "本报记者", "特约记者", "见习记者", "记者", "通讯员", "实习生", "见习生", "摄影", "编辑",
];

/**
 * Titles that may follow a name (习近平总书记, 王坚院士), and the posts news addresses people by after
 * their name once it has introduced them (吴廷飞院长指出, 贾宇检察长表示, 张鸿铭市长总结): longest first
 * (a deputy's post before the post it deputises).
 * Not 教练: a coach written after a name is that person's coach (擔任楊家玉教練).
 */
export const POST_NAME_TITLES: readonly string[] = [
  "总书记", "院士", "教授", "研究员", "董事长", "总经理",
  "副检察长", "检察长", "副院长", "院长", "副市长", "市长", "副县长", "县长", "副区长", "区长", "副局长", "局长",
  // A bank's heads and a government's secretaries-general are addressed the same way (顾生行长, 吴新福秘书长).
  "副行长", "行长", "副秘书长", "秘书长",
  // So are a party secretary, a school's head, a chair and an association's head (康慶云書記, 胡伟校长,
  // 許鐵良主席歡迎, 黃海龍理事長頒發, 鄭理事長), in companies', schools' and overseas Chinese news.
  "副书记", "书记", "副校长", "校长", "副主席", "主席", "理事长", "会长",
];

/**
 * The generic bodies a title may be prefixed with (区委书记, 市委常委, 区政府常务副区长): the body is
 * the one of the district, city or province the article is about.
 */
export const GENERIC_ORG_PREFIXES: readonly { prefix: string; level: "district" | "city" | "province" | "county" | "town"; body: string }[] = [
  { prefix: "区委", level: "district", body: "区委" },
  { prefix: "区政府", level: "district", body: "区政府" },
  { prefix: "区人大常委会", level: "district", body: "区人大常委会" },
  { prefix: "区政协", level: "district", body: "区政协" },
  { prefix: "区纪委", level: "district", body: "区纪委" },
  { prefix: "市委", level: "city", body: "市委" },
  { prefix: "市政府", level: "city", body: "市政府" },
  { prefix: "市人大常委会", level: "city", body: "市人大常委会" },
  { prefix: "市政协", level: "city", body: "市政协" },
  { prefix: "市纪委", level: "city", body: "市纪委" },
  { prefix: "省委", level: "province", body: "省委" },
  { prefix: "省政府", level: "province", body: "省政府" },
  { prefix: "省人大常委会", level: "province", body: "省人大常委会" },
  { prefix: "省政协", level: "province", body: "省政协" },
  { prefix: "县委", level: "county", body: "县委" },
  { prefix: "县政府", level: "county", body: "县政府" },
];

/** A title that names its body by itself: 区长 heads a 区政府, 总书记 leads the 党中央. */
export const TITLE_IMPLIES_BODY: readonly { title: RegExp; level?: "district" | "city" | "province" | "county"; body: string }[] = [
  { title: /^(常务)?副?区长$/, level: "district", body: "区政府" },
  { title: /^(常务)?副?市长$/, level: "city", body: "市政府" },
  { title: /^(常务)?副?省长$/, level: "province", body: "省政府" },
  { title: /^(常务)?副?县长$/, level: "county", body: "县政府" },
  { title: /^总书记$/, body: "党中央" },
];

/** Words that end a group title after a list of names: 朱红丹、梅建胜等区四套班子领导. */
export const GROUP_TITLE_ENDINGS: readonly string[] = ["领导", "负责人", "班子成员", "代表", "委员"];

/** Verbs of appointment: 聘任王坚院士为…名誉镇长, 选举吕国平为…主席. */
export const APPOINTMENT_VERBS: readonly string[] = ["聘任", "聘请", "任命", "选举", "推选", "增补", "聘"];

/**
 * Common Chinese surnames (single and double), to recognise a name that the dictionary does not know
 * yet where a title stands right before it.
 */
export const SURNAMES: ReadonlySet<string> = new Set(
  (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤" +
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝" +
    // Rarer surnames of officials in real news the tagger's figures miss (高院院长南英、公丕祥, 副市长楼军文,
    // 湛东升 of the farm bank): after a title, with nodejieba's words ending where the name ends.
    "南公楼湛"
  ).split(""),
);
export const DOUBLE_SURNAMES: readonly string[] = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "西门"];

/**
 * The words of the institutions every level of the state has, in the order they combine: a name made
 * of these alone (人民检察院, 监察委员会, 人民代表大会常务委员会, 中国人民政治协商会议各级委员会) names the
 * kind, not one body; a proper name left over keeps it specific (中国人民解放军).
 */
const GENERIC_INSTITUTION_WORDS = [
  // the tiers of courts and procuratorates (各高级人民法院院长: every province's high court; but 最高人民法院 is one)
  "高级", "中级", "基层",
  "中国人民", "中华人民共和国", "各级", "地方", "人民", "代表大会", "政治协商会议", "工商业联合会", "联合会", "常务", "专门",
  "监察", "纪律检查", "委员会", "常委会", "检察院", "法院", "政府", "党委", "党组", "党支部", "支部", "机关",
];

/** The words of GENERIC_INSTITUTION_WORDS that only qualify: a name of these alone is no institution (中华人民共和国 is the country). */
const INSTITUTION_QUALIFIERS = new Set(["高级", "中级", "基层", "中国人民", "中华人民共和国", "各级", "地方", "人民", "常务", "专门", "监察", "纪律检查"]);

export function isGenericInstitution(label: string): boolean {
  let rest = label;
  let body = false;
  while (rest) {
    const word = GENERIC_INSTITUTION_WORDS.find((w) => rest.startsWith(w));
    if (!word) return false;
    body ||= !INSTITUTION_QUALIFIERS.has(word);
    rest = rest.slice(word.length);
  }
  return body;
}


/**
 * The kinds of development zone (开发区, 高新区, 集中区…): a zone named only by its kind is "the zone"
 * of whatever place the article is about, like a level, so its bodies are another body in every
 * article (开发区管委会, 高新区党工委, 集中区管委会, 市经济技术开发区党工委); with its proper name it
 * is one (星火开发区管委会, 梅州高新区党工委). Longest first, so that an alternation takes the whole kind.
 */
export const ZONE_KINDS: readonly string[] = [
  "高新技术产业开发区", "经济技术开发区", "经济开发区", "工业集中区", "工业园区", "产业园区", "开发区", "经开区", "高新区", "集中区",
  "工业园", "产业园", "园区", "新区", "自贸区", "保税区", "综保区",
];
const GENERIC_ZONE = new RegExp(`^(?:我|本|全)?(?:省|市|县|区|州)*(?:${ZONE_KINDS.join("|")})(?:管委会|管理委员会|党工委|纪工委|工委|党委)?$`);

/**
 * A name made only of levels and a generic body names no one body: 省市纪委, 县委, 市政府, nor one
 * meeting (省市纪委全会). Nor does a level with a department's short name and no place (区党工委,
 * 区管委会, 市发改委, 区国投集团, 市委组织部): "the district's", a different body in every article, so
 * never one candidate across articles. The departments are a closed vocabulary, so that a name that
 * opens with a level character (区块链研究院) is not taken for one. A development zone named only by
 * its kind stands as a level (开发区财政局, 高新区党工委: see isGenericZone). So do a department's branch
 * and its party group (区生态环境分局, 市财政局党组, 县总工会党组), a village's or a community's party
 * branch (村党支部, 社区党委), a level's court (区人民法院) and its committee's party school (市委党校; the
 * 中央党校 is one school). A school's own news names its party committee so too (学校党委, 学院党委).
 */
export const GENERIC_BODY = new RegExp(
  "^(?:我|本|全)?(?:省|市|县|区|乡|镇|村|社区|州|旗|团|站|厂|校|学校|学院|中央|国家|全国|地方|各级|省市|市县|县市|省区|区县|市区|省级|市级|县级|区级|地市|" +
    ZONE_KINDS.join("|") +
    ")+" +
    "(?:委|党委|纪委|政府|人民政府|人大|政协|委员会|党组|支部|党支部|委党校|常委会|人大常委会|监委|法院|人民法院|检察院|人民检察院|公安局|团委|妇联|工会|办公室" +
    "|(?:委|政府)?(?:" +
    [
      "党工委", "管委", "党政", "政府", "委", "国投", "城投", "交投", "交控", "发改", "财政", "教育", "公安", "住建", "城建", "工信", "经信", "经发",
      "经科信", "科技", "卫健", "卫生健康", "卫生", "组织", "宣传", "统战", "政法", "规划", "国土", "自然资源", "生态环境", "环保", "交通", "水利",
      "农业农村", "农业", "商务", "文旅", "文广旅", "应急", "审计", "税务", "市场监管", "人社", "民政", "司法", "信访", "机关事务",
      "林业", "统计", "医保", "退役军人事务", "行政审批", "数据", "大数据", "投促", "招商", "融媒体", "人武", "消防", "妇联", "团",
      "总工会", "工商联", "科协", "残联", "红十字", "住房公积金", "档案", "党史", "编办", "直属机关工委", "国资",
    ].join("|") +
    ")(?:分局|局|委|委员会|办|办公室|部|厅|处|科|队|所|站|会|集团|中心|公司|工委)?)" +
    // A department's party group or committee is no more specific than the department (市财政局党组).
    "(?:党组|党委|机关党委)?" +
    "(?:全会|会议|大会|全体会议)?$",
);

/** A zone named only by its kind, or its governing body (开发区, 经济技术开发区, 高新区管委会, 集中区党工委). */
export function isGenericZone(label: string): boolean {
  return GENERIC_ZONE.test(label);
}

/**
 * A company named only by its kind, or its party committee (集团公司, 集团党委, 集团公司党委, 控股有限公司): a
 * company's own news calls itself so, another company in every article. None of People's Daily's
 * 984 gold organisations (dev) is one.
 */
export function isGenericCompany(label: string): boolean {
  return GENERIC_COMPANY.test(label);
}
/**
 * Words of a company's kind, never of its own name: its trade in general terms and its legal form. A
 * name made of them alone (科技控股有限公司, 国际控股有限公司: the tagger's start inside 人和科技控股有限公司
 * when nodejieba reads 人和 as a word of the clause; 化工集团有限公司 inside 海德新化工集团有限公司; 文旅集团
 * for "the tourism group" already named) names no one company.
 */
const GENERIC_COMPANY = /^(?:科技|国际|控股|投资|实业|发展|贸易|化工|能源|文旅|股份|集团)*(?:有限责任公司|股份有限公司|有限公司|集团公司|集团|总公司|公司)(?:党委|党组|纪委|工会)?$/;

/**
 * A company's organs named by their kind alone: its board and the board's committees (董事会战略委员会,
 * 提名委员会, 薪酬与考核委员会, of which the tagger may keep 考核委员会), its meeting of shareholders, its
 * subsidiaries (公司控股子公司). Every listed company has them, so each is another body in every article,
 * as a level's department is (GENERIC_BODY), and one candidate would join them all.
 */
const COMPANY_ORGAN = new RegExp(
  "^(?:本?公司|集团)?(?:第[一二三四五六七八九十]+届)?" +
    "(?:(?:董事会|董事局|监事会|股东大会|股东会)(?:(?:战略|审计|提名|薪酬|考核|风险管理|合规|ESG|与|和|及)+委员会)?" +
    "|(?:战略|审计|提名|薪酬|考核|风险管理|合规|ESG|与|和|及)+委员会" +
    "|(?:控股|全资)?(?:子公司|分公司))$",
);

export function isCompanyOrgan(label: string): boolean {
  return COMPANY_ORGAN.test(label);
}

/**
 * A body named only by its kind, in any of the shapes above: a level and a generic body or department
 * (GENERIC_BODY), an institution every level has (isGenericInstitution), a zone (isGenericZone), a
 * company or its organs (isGenericCompany, isCompanyOrgan). Never one entity across articles, so never
 * a candidate: the recogniser and the roles stage's suffix rule ask this one question.
 */
export function isNamedByKindOnly(label: string): boolean {
  return GENERIC_BODY.test(label) || isGenericInstitution(label) || isGenericZone(label) || isGenericCompany(label) || isCompanyOrgan(label) || PARTY_DEPARTMENT.test(label);
}

/**
 * A party committee's department with no owner named (党委组织部, 党委学生工作部, 学校党委统战部): every
 * university and company has them, as its own news names them; with its owner's name it is one body
 * (北京大学党委组织部).
 */
const PARTY_DEPARTMENT = /^(?:学校|学院|校|院|公司|集团)?党委[\u4e00-\u9fff]{2,5}部$/;

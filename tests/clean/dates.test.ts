import { describe, expect, it } from "vitest";
import { findDateline, findDocumentDate, findPageDate, parseDate } from "../../src/clean/dates.ts";
import { cleanDocument } from "../../src/clean/index.ts";
import type { RawDocument } from "../../src/types.ts";

describe("parseDate", () => {
  it.each([
    ["2024-12-03", "2024-12-03"],
    ["2024-12-3", "2024-12-03"],
    ["2024-05-06 10:20", "2024-05-06"],
    ["2024-05-06 10:20:33", "2024-05-06"],
    ["2025-12-12T08:00:00+08:00", "2025-12-12"],
    ["2024-12-03T23:30:00Z", "2024-12-03"], // the calendar date as written, not moved to UTC+8
    ["2024/12/03", "2024-12-03"],
    ["2024.12.03", "2024-12-03"],
    ["20241203", "2024-12-03"],
    ["2024年12月3日", "2024-12-03"],
    ["2024年12月3号", "2024-12-03"],
    ["2024 年 5 月 6 日 星期一", "2024-05-06"],
    ["２０２４年１２月０３日", "2024-12-03"],
    ["２０２４－１２－０３", "2024-12-03"],
    ["二〇二四年十二月三日", "2024-12-03"],
    ["二〇二五年一月二十一日", "2025-01-21"],
    ["二〇二四年十月三十一日", "2024-10-31"],
    ["发布时间：2024-01-17 15:51:00", "2024-01-17"],
    ["Tue, 03 Dec 2024 10:00:00 +0800", "2024-12-03"],
    ["December 3, 2024", "2024-12-03"],
    ["1733155200", "2024-12-03"], // 2024-12-02T16:00Z, midnight in Beijing
    ["1733155200000", "2024-12-03"],
    ["  2024-12-03  ", "2024-12-03"],
  ])("%s → %s", (raw, iso) => {
    expect(parseDate(raw)).toBe(iso);
  });

  it.each([
    [""],
    ["   "],
    ["昨日上午"],
    ["12月3日"], // no year and none in the context
    ["2024年12月"], // no day
    ["2024-02-30"],
    ["2023-02-29"],
    ["2024-13-01"],
    ["03/12/2024"], // day or month first: not guessed
    ["24-12-03"],
    ["2024-12-031"],
    ["2024-12/03"], // mixed separators
    ["1850-01-01"],
    ["not a date"],
    ["十二月三日"],
  ])("%s → null", (raw) => {
    expect(parseDate(raw)).toBeNull();
  });

  it("completes a month and day with the context's year", () => {
    expect(parseDate("12月3日", { year: 2024 })).toBe("2024-12-03");
    expect(parseDate("十二月三日", { year: 2024 })).toBe("2024-12-03");
    expect(parseDate("2月29日", { year: 2023 })).toBeNull();
    expect(parseDate("2月29日", { year: 2024 })).toBe("2024-02-29");
    // A stated year wins over the context's.
    expect(parseDate("2023年12月3日", { year: 2024 })).toBe("2023-12-03");
  });
});

describe("findPageDate", () => {
  it("takes a date line near the top", () => {
    expect(findPageDate("标题\n2024-05-06 10:20 来源：新华社\n正文第一段。")).toBe("2024-05-06");
    expect(findPageDate("标题\n2024年5月6日\n正文。")).toBe("2024-05-06");
  });
  it("takes a labelled date or a masthead anywhere", () => {
    const body = Array.from({ length: 30 }, (_, i) => `第${i + 1}段正文，没有日期。`).join("\n");
    expect(findPageDate(`${body}\n浙江日报 专版 00013 2025-12-12 2025年12月12日 星期五`)).toBe("2025-12-12");
    expect(findPageDate(`${body}\n类别:国内 发布时间:2024-01-17 15:51:00 来源:人民资讯`)).toBe("2024-01-17");
  });
  it("does not take a date from prose or from a list of other articles far down", () => {
    expect(findPageDate("标题\n2025年12月12日，余杭区召开大会，部署明年工作。")).toBeNull();
    expect(findPageDate("标题\n会议要求，2025年12月31日前完成。")).toBeNull();
    const body = Array.from({ length: 30 }, (_, i) => `第${i + 1}段正文。`).join("\n");
    expect(findPageDate(`${body}\n相关新闻\n杭州余杭：打造城市重要新中心\n2024-01-25`)).toBeNull();
  });
});

describe("findDateline and findDocumentDate", () => {
  it("reads the usual datelines", () => {
    expect(findDateline("标题\n本报讯（记者 阮伟康）12月3日，余杭区召开大会。")).toEqual({ month: 12, day: 3 });
    expect(findDateline("本报讯 12月3日 余杭区召开大会。")).toEqual({ month: 12, day: 3 });
    expect(findDateline("（记者 刘军国）12月3日，余杭区召开大会。")).toEqual({ month: 12, day: 3 });
    expect(findDateline("新华社北京12月3日电（记者 某）国务院召开常务会议。")).toEqual({ month: 12, day: 3 });
    expect(findDateline("潮新闻客户端 十二月三日讯 余杭区召开大会。")).toEqual({ month: 12, day: 3 });
    expect(findDateline("新华社北京2024年12月3日电 国务院召开常务会议。")).toEqual({ year: 2024, month: 12, day: 3 });
  });
  it("does not take a date in the lede without a dateline's marks", () => {
    expect(findDateline("1月17日，余杭举行2024年第一次区政府例行新闻发布会。")).toBeNull();
    expect(findDateline("本报讯(记者 阮伟康 陈书恒) 昨日上午，大会举行。")).toBeNull();
  });
  it("gives the dateline its year from the page's date line, or from the context", () => {
    expect(findDocumentDate("2024年12月4日 星期三\n本报讯（记者 阮伟康）12月3日，大会举行。")).toBe("2024-12-03");
    // A December dateline on a January page is from the year before.
    expect(findDocumentDate("2025年1月2日 星期四\n本报讯（记者 阮伟康）12月30日，大会举行。")).toBe("2024-12-30");
    expect(findDocumentDate("本报讯 12月3日 大会举行。", { year: 2023 })).toBe("2023-12-03");
    // No year anywhere: no date, rather than a guessed one.
    expect(findDocumentDate("本报讯 12月3日 大会举行。")).toBeNull();
  });
  it("falls back to the page's date line, and is null when the text states no date", () => {
    expect(findDocumentDate("标题\n2024-05-06 10:20 来源：新华社\n昨日上午，大会举行。")).toBe("2024-05-06");
    expect(findDocumentDate("昨日上午，大会举行。市委常委、区委书记刘颖出席。")).toBeNull();
  });
});

describe("the date of a cleaned document", () => {
  const raw = (content: string, extra: Partial<RawDocument> = {}): RawDocument => ({ id: "d", source: "d.txt", format: "text", encoding: "utf-8", content, ...extra });
  it("comes from the text when no field gives one", () => {
    expect(cleanDocument(raw("余杭区召开大会\n本报讯（记者 阮伟康）12月3日，余杭区召开大会。", { date: undefined })).date).toBeUndefined();
    expect(cleanDocument(raw("2024年12月4日 星期三\n余杭区召开大会\n本报讯（记者 阮伟康）12月3日，余杭区召开大会。")).date).toBe("2024-12-03");
  });
  it("comes from the field first, normalised to ISO", () => {
    expect(cleanDocument(raw("2024年12月4日 星期三\n余杭区召开大会。", { format: "jsonl", date: "2024/11/30 08:00" })).date).toBe("2024-11-30");
  });
  it("ignores a field that is not a date and uses the text's", () => {
    expect(cleanDocument(raw("2024年12月4日 星期三\n余杭区召开大会。", { format: "csv", date: "昨天" })).date).toBe("2024-12-04");
    expect(cleanDocument(raw("余杭区召开大会。", { format: "csv", date: "昨天" })).date).toBeUndefined();
  });
  it("comes from an HTML page's date line", () => {
    const html = "<html><body><div>首页 &gt; 新闻</div><h1>余杭区召开大会</h1><div>发布时间：2024-12-04 09:00 来源：余杭区政府</div><p>昨日上午，余杭区召开大会。</p></body></html>";
    expect(cleanDocument(raw(html, { format: "html", source: "d.html" })).date).toBe("2024-12-04");
  });
});

describe("parseDate on short values with the date inside", () => {
  it("takes the first full date of a short value, and none from prose", () => {
    expect(parseDate("来源：新华社 2024-01-17 15:51")).toBe("2024-01-17");
    expect(parseDate("发布于 2024年1月17日")).toBe("2024-01-17");
    expect(parseDate("来源：新华社 12月3日")).toBeNull(); // no year
    expect(parseDate("会议指出，" + "要加快推进数字经济发展，".repeat(5) + "2025年12月31日前完成。")).toBeNull();
  });
});

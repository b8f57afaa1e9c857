// Dates as sources state them, as ISO calendar dates (YYYY-MM-DD), or null: a date is never guessed.
//
// Decisions:
// - Only the calendar date is kept, as written: "2024-12-03T23:30:00Z" is 2024-12-03 (not converted to
//   Beijing time), and the time of day is dropped. The graph counts ties by day and month, and most
//   sources give a local time without a zone, so a time would promise a precision they do not have.
// - A date that needs a convention to read is refused: 03/12/2024 (day or month first?), 24-12-03
//   (which century?), 2024年12月 (which day?). So is an impossible one (2024-02-30).
// - Unix timestamps (10 or 13 digits, as JSON exports give them) are read in China Standard Time
//   (UTC+8): the day the article appeared where it was published.
// - A month and day without a year (12月3日, the newspaper dateline) is a date only with a year from
//   the context: the page's date line or the document's own date; see findDocumentDate.

export interface DateContext {
  /** The year a date without one belongs to (from the page or the document's date line). */
  year?: number;
}

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;
/** Full-width digits and punctuation (２０２４／１２／０３) to ASCII; the ideographic space to a space. */
function halfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, "○": 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二四 → 2024 (digit by digit, as years are written). */
function cnYear(s: string): number | undefined {
  let n = 0;
  for (const c of s) {
    const d = CN_DIGIT[c];
    if (d === undefined) return undefined;
    n = n * 10 + d;
  }
  return n;
}

/** 三 → 3, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31 (the numbers a month or day can be). */
function cnSmall(s: string): number | undefined {
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === "") return undefined;
  // Without 十 it is one digit, which the first group may have taken.
  if (!m[2]) return s.length === 1 && CN_DIGIT[s] ? CN_DIGIT[s] : undefined;
  return (m[1] ? CN_DIGIT[m[1]] : 1) * 10 + (m[3] ? CN_DIGIT[m[3]] : 0);
}

function num(s: string, year: boolean): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  return year ? cnYear(s) : cnSmall(s);
}

/** YYYY-MM-DD when the numbers make a real calendar date between 1900 and 2100, else null. */
export function isoDate(y: number | undefined, m: number | undefined, d: number | undefined): string | null {
  if (y === undefined || m === undefined || d === undefined) return null;
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const CN_NUM = "[0-9〇零○一二三四五六七八九十]";
/** 2024年12月3日, 二〇二四年十二月三日, 12月3日 (year optional); 日 or 号. */
const CN_DATE = new RegExp(`^(?:(${CN_NUM}{4})\\s*年\\s*)?(${CN_NUM}{1,3})\\s*月\\s*(${CN_NUM}{1,3})\\s*[日号]`);
/** 2024-12-03, 2024/12/03, 2024.12.03 (one separator throughout), or 20241203. */
const NUMERIC_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)|^(\d{4})(\d{2})(\d{2})(?![\d:])/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAME = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
/** RSS and English pages: "Tue, 03 Dec 2024 10:00:00 +0800", "3 December 2024", "December 3, 2024". */
const EN_DAY_MONTH = new RegExp(`^(?:[a-z]{3,9},?\\s+)?(\\d{1,2})\\s+${MONTH_NAME}\\s+(\\d{4})(?!\\d)`, "i");
const EN_MONTH_DAY = new RegExp(`^(?:[a-z]{3,9},?\\s+)?${MONTH_NAME}\\s+(\\d{1,2}),?\\s+(\\d{4})(?!\\d)`, "i");
/** What may follow a date in a field: nothing, a time, a weekday, a zone; not more digits. */
const AFTER_DATE = /^(?:$|[\sT,，(（]|星期|周|[+-]\d{2}:?\d{2}$|Z$)/;
/** A label before the date in a field ("发布时间：2024-12-03"). */
const LABEL = /^(?:发布时间|发布日期|发表时间|发表日期|更新时间|发布于|日期|时间|date|published)\s*[:：]?\s*/i;

/**
 * The date a string states, as YYYY-MM-DD, or null when it states none (or one that needs guessing).
 * For fields and meta tags: the string should begin with the date (after an optional label such as
 * 发布时间：); a time, weekday or zone may follow. `context.year` completes a date written without
 * its year (12月3日).
 */
export function parseDate(raw: string, context: DateContext = {}): string | null {
  if (typeof raw !== "string") return null;
  const s = halfWidth(raw).trim().replace(LABEL, "");
  if (s === "") return null;
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    // Unix seconds or milliseconds, read in China Standard Time (see the note at the top).
    const ms = s.length === 13 ? Number(s) : Number(s) * 1000;
    const d = new Date(ms + 8 * 3600_000);
    return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  let m = NUMERIC_DATE.exec(s);
  if (m) {
    if (!AFTER_DATE.test(s.slice(m[0].length))) return null;
    return m[1] ? isoDate(Number(m[1]), Number(m[3]), Number(m[4])) : isoDate(Number(m[5]), Number(m[6]), Number(m[7]));
  }
  m = CN_DATE.exec(s);
  if (m) {
    const year = m[1] !== undefined ? num(m[1], true) : context.year;
    return isoDate(year, num(m[2], false), num(m[3], false));
  }
  m = EN_DAY_MONTH.exec(s);
  if (m) return isoDate(Number(m[3]), MONTHS.indexOf(m[2].toLowerCase()) + 1, Number(m[1]));
  m = EN_MONTH_DAY.exec(s);
  if (m) return isoDate(Number(m[3]), MONTHS.indexOf(m[1].toLowerCase()) + 1, Number(m[2]));
  // A short value with the date after something else ("来源：新华社 2024-01-17", an element's text):
  // its first full date, year stated. Prose is longer than a field; its dates are events.
  if (s.length <= SHORT_FIELD) {
    for (const f of s.matchAll(FULL_DATE_IN)) {
      const d = parseDate(f[0]);
      if (d) return d;
    }
  }
  return null;
}

/** The longest value read as a field that may hold its date after other words. */
const SHORT_FIELD = 60;

// ---------------------------------------------------------------- dates in a document's text

/** A full date anywhere in a line (numeric or Chinese, with its year). */
const FULL_DATE_IN = new RegExp(`(?<![\\d${"〇零○一二三四五六七八九十"}])(?:\\d{4}([-/.])\\d{1,2}\\1\\d{1,2}(?!\\d)|${CN_NUM}{4}\\s*年\\s*${CN_NUM}{1,3}\\s*月\\s*${CN_NUM}{1,3}\\s*[日号])`, "g");
/** A label that says the date after it is the document's: 发布时间：, 日期: … */
const DATE_LABEL = /(?:发布时间|发布日期|发表时间|发表日期|发稿时间|日期|时间|发布于)\s*[:：]?\s*$/;
/** Words that make a short line a page's metadata line rather than prose. */
const META_WORDS = /来源|作者|编辑|责编|责任编辑|发布|浏览|阅读|点击|字号|星期|周[一二三四五六日天]|版次|版名|稿源/;
/** Sentence punctuation: a line with it is prose, whatever words it holds. */
const PROSE = /[，。；！？]/;
/** How far a date line may be from the top (lines), and how long it may be (characters). */
const HEAD_LINES = 12;
const MAX_META_LINE = 200;

/**
 * The date a page states as its own, from its date line: a labelled date (发布时间：2024-05-06)
 * or a masthead (2024年5月6日 星期一) anywhere in a short line, or, near the top, a short line that
 * begins with a date or holds a date beside metadata (2024-05-06 10:20 来源：新华社). Dates in prose
 * ("2025年12月底前", "1月17日，余杭举行…") and the timestamps of a related-articles list are not it.
 */
export function findPageDate(text: string): string | null {
  const lines = text.length > 400_000 ? text.slice(0, 200_000).split("\n").concat(text.slice(-200_000).split("\n")) : text.split("\n");
  let headSeen = 0;
  let fromHead: string | null = null;
  for (const rawLine of lines) {
    const line = halfWidth(rawLine).trim();
    if (line === "") continue;
    headSeen++;
    if (line.length > MAX_META_LINE) continue;
    for (const m of line.matchAll(FULL_DATE_IN)) {
      const date = parseDate(m[0]);
      if (!date) continue;
      const before = line.slice(0, m.index);
      const after = line.slice(m.index + m[0].length);
      // Labelled, or a masthead with its weekday: the page's date wherever the line is.
      if (DATE_LABEL.test(before) || /^\s*(?:星期|周)[一二三四五六日天]/.test(after)) return date;
      // Near the top: a line that begins with the date, or a metadata line holding it.
      const startsLine = before.trim() === "" && /^(?:$|\s|\d{1,2}:\d{2})/.test(after);
      if (fromHead === null && headSeen <= HEAD_LINES && (startsLine || (META_WORDS.test(line) && !PROSE.test(line)))) fromHead = date;
    }
  }
  return fromHead;
}

/**
 * A newspaper dateline at the start of one of the first paragraphs: 本报讯（记者 …）12月3日，
 * 本报讯 12月3日 / （记者 …）12月3日 / 新华社北京12月3日电 / …客户端12月3日讯. Returns the month and
 * day, and the year when the dateline states it.
 */
/** How many non-empty lines from the top a dateline is looked for in (a scraped page's navigation comes first). */
const DATELINE_LINES = 20;

export function findDateline(text: string): { year?: number; month: number; day: number } | null {
  const DATE = `((?:${CN_NUM}{4}\\s*年)?\\s*${CN_NUM}{1,3}\\s*月\\s*${CN_NUM}{1,3}\\s*日)`;
  // A dateline is marked by who reports (本报讯, a reporter in brackets) or by 讯/电 right after the date.
  const byReporter = new RegExp(`^(?:本报[\\u4e00-\\u9fa5]{0,6}?[讯电]\\s*[:：]?\\s*(?:[（(][^（）()\\n]{0,40}[）)])?|[（(]\\s*(?:本报)?记者[^（）()\\n]{0,40}[）)])\\s*${DATE}`);
  const byWire = new RegExp(`^[^\\n，。！？,]{0,24}?${DATE}\\s*[讯电]`);
  const paragraphs = text.split("\n");
  let seen = 0;
  for (const p of paragraphs) {
    const line = halfWidth(p).trim();
    if (line === "") continue;
    if (++seen > DATELINE_LINES) break;
    const m = byReporter.exec(line) ?? byWire.exec(line);
    if (!m) continue;
    const d = CN_DATE.exec(m[1].replace(/\s+/g, ""));
    if (!d) continue;
    const month = num(d[2], false);
    const day = num(d[3], false);
    if (month === undefined || day === undefined || !isoDate(2000, month, day)) continue;
    const year = d[1] !== undefined ? num(d[1], true) : undefined;
    return year === undefined ? { month, day } : { year, month, day };
  }
  return null;
}

/**
 * The date a plain-text document states as its own, or null. A dateline (本报讯 12月3日) comes
 * first: it says when the reported event happened. Its year is the dateline's own, or the page date's
 * (the year before, when the dateline's month and day come after the page's: a December dateline on
 * a page of 2 January), or `context.year`; without any, the dateline gives no date. Otherwise the
 * page's date line (findPageDate).
 */
export function findDocumentDate(text: string, context: DateContext & { pageDate?: string | null } = {}): string | null {
  const page = context.pageDate ?? findPageDate(text);
  const dl = findDateline(text);
  if (dl) {
    let year = dl.year;
    if (year === undefined && page) {
      year = Number(page.slice(0, 4));
      const md = `${String(dl.month).padStart(2, "0")}-${String(dl.day).padStart(2, "0")}`;
      if (md > page.slice(5)) year -= 1;
    }
    year ??= context.year;
    const date = isoDate(year, dl.month, dl.day);
    if (date) return date;
  }
  return page;
}

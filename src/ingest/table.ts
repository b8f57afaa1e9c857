// Article tables: CSV and TSV files as spreadsheets and news archives export them, one article a row,
// with a header row naming the columns.
//
// The parser is ours rather than csv-parse's: a bad row must be reported with the line it starts on
// and the build must go on with the next row, including after a quote that is never closed (csv-parse
// reports the line where the file ended and drops everything after the quote; its records carry the
// line they end on). RFC 4180 otherwise: fields in double quotes may hold the delimiter, line breaks
// and doubled quotes; a quote inside an unquoted field is kept as a character, as spreadsheets read it.

import type { InputWarning } from "../types.ts";
import { parseDate } from "../clean/dates.ts";

/** The article fields a column can fill. */
export const TABLE_FIELDS = ["title", "date", "text", "url", "source"] as const;
export type TableField = (typeof TABLE_FIELDS)[number];
/** Which column (by its header) fills which field: `{ text: "正文", date: "发布时间" }`. */
export type ColumnMap = Partial<Record<TableField, string>>;

/**
 * Header names recognised without `--columns`, best first: when a table has two (正文 and 内容), the
 * earlier one is taken. Compared after lower-casing and removing spaces, underscores and hyphens.
 */
export const COLUMN_NAMES: Record<TableField, string[]> = {
  title: ["title", "headline", "标题", "新闻标题", "文章标题", "题目"],
  date: ["date", "publishdate", "publisheddate", "published", "publishedat", "pubdate", "datetime", "time", "日期", "发布时间", "发布日期", "发表时间", "发表日期", "发文时间", "时间"],
  text: ["text", "content", "body", "article", "正文", "内容", "全文", "文章内容", "新闻内容", "新闻正文", "html"],
  url: ["url", "link", "href", "链接", "网址", "原文链接", "文章链接"],
  source: ["source", "publisher", "outlet", "media", "来源", "媒体", "出处", "发布媒体", "稿源"],
};

const headerKey = (h: string) => h.replace(/^\ufeff/, "").trim().toLowerCase().replace(/[\s_\-]+/g, "");

/** `text=正文,date=发布时间` → `{ text: "正文", date: "发布时间" }`; throws on an unknown field or a missing `=`. */
export function parseColumnsOption(spec: string): ColumnMap {
  const map: ColumnMap = {};
  for (const part of spec.split(/[,，]/)) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    const field = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const column = eq < 0 ? "" : part.slice(eq + 1).trim();
    if (!(TABLE_FIELDS as readonly string[]).includes(field)) throw new Error(`--columns: unknown field "${field}" (expected ${TABLE_FIELDS.join(", ")}), as in text=正文,date=发布时间`);
    if (column === "") throw new Error(`--columns: no column given for ${field} (write ${field}=COLUMN)`);
    map[field as TableField] = column;
  }
  return map;
}

export interface TableRow {
  /** 1-based line the row starts on. */
  line: number;
  fields: string[];
}

/**
 * Split delimited text into rows of fields, each with the line it starts on; blank lines are skipped.
 * A quote never closed makes its row bad (reported at the line it opened on) and parsing resumes on the
 * line after that one.
 */
export function parseDelimited(text: string, delimiter: string): { rows: TableRow[]; errors: { line: number; reason: string }[] } {
  const rows: TableRow[] = [];
  const errors: { line: number; reason: string }[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const isBreak = (c: string) => c === "\n" || c === "\r";
  /** Past one line break (\r\n, \n or \r) at i. */
  const skipBreak = () => {
    if (text[i] === "\r" && text[i + 1] === "\n") i += 2;
    else i += 1;
    line++;
  };
  while (i < n) {
    // Blank lines between rows.
    if (isBreak(text[i])) {
      skipBreak();
      continue;
    }
    const start = i, startLine = line;
    const fields: string[] = [];
    let bad: string | undefined;
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        let j = i + 1;
        let closed = false;
        let lines = 0;
        while (j < n) {
          const c = text[j];
          if (c === '"') {
            if (text[j + 1] === '"') {
              field += '"';
              j += 2;
              continue;
            }
            closed = true;
            j++;
            break;
          }
          if (c === "\r" && text[j + 1] === "\n") {
            field += "\r\n";
            j += 2;
            lines++;
            continue;
          }
          if (c === "\n" || c === "\r") lines++;
          field += c;
          j++;
        }
        if (!closed) {
          bad = `a quote opened on line ${startLine} is never closed`;
          break;
        }
        i = j;
        line += lines;
        // Characters after the closing quote ("abc"def): kept, as spreadsheets do.
        while (i < n && text[i] !== delimiter && !isBreak(text[i])) field += text[i++];
      } else {
        while (i < n && text[i] !== delimiter && !isBreak(text[i])) field += text[i++];
      }
      fields.push(field);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (bad !== undefined) {
      errors.push({ line: startLine, reason: bad });
      // Resume on the line after the one the bad row started on.
      i = start;
      line = startLine;
      while (i < n && !isBreak(text[i])) i++;
      if (i < n) skipBreak();
      continue;
    }
    rows.push({ line: startLine, fields });
    if (i < n) skipBreak();
  }
  return { rows, errors };
}

export interface TableArticle {
  line: number;
  text: string;
  title?: string;
  date?: string;
  url?: string;
  publisher?: string;
}

/** The delimiter: tab for .tsv; for .csv a comma, unless the header row has tabs (or semicolons) and no comma. */
export function chooseDelimiter(text: string, ext: string): string {
  if (ext === ".tsv") return "\t";
  const header = text.slice(0, text.search(/\r|\n|$/));
  if (!header.includes(",")) {
    if (header.includes("\t")) return "\t";
    if (header.includes(";")) return ";";
  }
  return ",";
}

/**
 * The articles of a table: one per row, the fields taken from the columns `columns` names, or else from
 * the first recognised header of each field (COLUMN_NAMES). A row that cannot be read (a quote never
 * closed, more or fewer fields than the header, no text) is a warning with its line; the other rows
 * are read.
 */
export function readTable(text: string, file: string, delimiter: string, columns: ColumnMap = {}): { articles: TableArticle[]; warnings: InputWarning[] } {
  const warnings: InputWarning[] = [];
  const warn = (reason: string, line?: number) => warnings.push(line === undefined ? { file, reason } : { file, line, reason });
  const articles: TableArticle[] = [];
  const { rows, errors } = parseDelimited(text, delimiter);
  const problems = new Map<number, string>(errors.map((e) => [e.line, e.reason]));
  const header = rows.shift();
  if (!header) {
    for (const e of errors) warn(e.reason, e.line);
    warn("no header row");
    return { articles, warnings };
  }
  const keys = header.fields.map(headerKey);
  const index: Partial<Record<TableField, number>> = {};
  for (const field of TABLE_FIELDS) {
    const named = columns[field];
    if (named !== undefined) {
      const k = keys.indexOf(headerKey(named));
      if (k < 0) warn(`--columns ${field}=${named}: no such column (the header has: ${header.fields.map((h) => h.trim()).join(", ")})`, header.line);
      else index[field] = k;
      continue;
    }
    for (const name of COLUMN_NAMES[field]) {
      const k = keys.indexOf(headerKey(name));
      if (k >= 0) {
        index[field] = k;
        break;
      }
    }
  }
  if (index.text === undefined) {
    if (columns.text === undefined) {
      warn(`no text column (looked for ${COLUMN_NAMES.text.join(", ")}; the header has: ${header.fields.map((h) => h.trim()).join(", ")}); name it with --columns text=COLUMN`, header.line);
    }
    return { articles, warnings };
  }
  const width = header.fields.length;
  const all = [...rows.map((r) => ({ line: r.line, row: r as TableRow | undefined })), ...errors.map((e) => ({ line: e.line, row: undefined }))].sort((a, b) => a.line - b.line);
  for (const { line, row } of all) {
    if (!row) {
      warn(`${problems.get(line)}; row skipped`, line);
      continue;
    }
    if (row.fields.length !== width) {
      warn(`${row.fields.length} field(s) where the header has ${width} (an unquoted ${delimiter === "\t" ? "tab" : `"${delimiter}"`} in a field?); row skipped`, line);
      continue;
    }
    const get = (f: TableField) => {
      const k = index[f];
      const v = k === undefined ? undefined : row.fields[k].trim();
      return v ? v : undefined;
    };
    const body = index.text !== undefined ? row.fields[index.text] : "";
    if (body.trim() === "") {
      warn(`empty text; row skipped`, line);
      continue;
    }
    const a: TableArticle = { line, text: body };
    const title = get("title"), date = get("date"), url = get("url"), publisher = get("source");
    if (title) a.title = title;
    if (date) {
      a.date = date;
      if (parseDate(date) === null) warn(`"${date}" in the date column is not a date (ignored; the text's own date is used if it states one)`, line);
    }
    if (url) a.url = url;
    if (publisher) a.publisher = publisher;
    articles.push(a);
  }
  return { articles, warnings };
}

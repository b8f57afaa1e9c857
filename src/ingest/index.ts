// Reading inputs: which files, in which encoding, in which format, as how many articles. Nothing
// here throws for bad input: a missing path, a binary or empty file, a broken JSON line is an
// InputWarning naming the file (and line), and the build goes on with the rest.
//
// Limits: a file larger than MAX_FILE_BYTES (512 MB) is skipped with a warning (it would not fit in
// memory as text); an article longer than MAX_ARTICLE_CHARS (1 M characters, some 3 MB of UTF-8: fifty
// times the longest real news article, and what the per-character maps of cleaning and
// linking hold in a few hundred MB) is cut there with a
// warning naming the file — no news article is that long, so it is a dump, and cleaning it whole
// would stall the build.

import fs from "node:fs";
import path from "node:path";
import type { InputWarning, RawDocument, SourceFormat } from "../types.ts";
import { decodeBuffer } from "./encoding.ts";
import { looksLikeHtml } from "../clean/html.ts";
import { chooseDelimiter, readTable, type ColumnMap } from "./table.ts";
import { repeatedLines } from "../clean/textlines.ts";

export { decodeBuffer } from "./encoding.ts";
export { parseColumnsOption, readTable, parseDelimited, COLUMN_NAMES, TABLE_FIELDS, type ColumnMap, type TableField } from "./table.ts";

/** How inputs are read (set by `guanxi build`'s options). */
export interface ReadOptions {
  /** For CSV and TSV files: which column fills which field, over the header names recognised by default. */
  columns?: ColumnMap;
  /** The file's id (from listInputFiles' ids); articles are `id`, or `id#N` within a feed. Default: the file's stem. */
  id?: string;
}

export const INPUT_EXTENSIONS = [".txt", ".html", ".htm", ".json", ".jsonl", ".csv", ".tsv"];
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
export const MAX_ARTICLE_CHARS = 1_000_000;

/**
 * Expand files and folders (recursively; hidden entries skipped) into the input files, sorted by
 * path so that a build is reproducible. Only .txt .html .htm .json .jsonl .csv .tsv are inputs.
 * `ids` gives each file its id (see inputIds).
 */
export function listInputFiles(paths: string[]): { files: string[]; ids: Map<string, string>; warnings: InputWarning[] } {
  /** File → the folder argument it was found under ("" for a file given on its own). */
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const warnings: InputWarning[] = [];
  const isInput = (f: string) => INPUT_EXTENSIONS.includes(path.extname(f).toLowerCase());
  const add = (file: string, root: string) => {
    // One file named twice (a/x.txt and ./a/x.txt, or inside a folder also given) is read once.
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    found.set(file, root);
  };
  const walk = (dir: string, root: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      warnings.push({ file: dir, reason: `cannot read folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, root);
      else if (e.isFile() && isInput(p)) add(p, root);
      // A link to an input file is read through (and reported when its target is gone); linked
      // folders are not followed, so a link loop cannot trap the walk.
      else if (e.isSymbolicLink() && isInput(p)) add(p, root);
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      warnings.push({ file: p, reason: "no such file or folder" });
      continue;
    }
    if (st.isDirectory()) walk(p, p);
    else if (isInput(p)) add(p, "");
    else warnings.push({ file: p, reason: `not an input file type (expected ${INPUT_EXTENSIONS.join(" ")})` });
  }
  const files = [...found.keys()].sort();
  return { files, ids: inputIds(files, found), warnings };
}

/**
 * Each file's id, unique within the build and the same from one build to the next: its path inside
 * the folder it was found in, without the extension (seeds/001_x.txt built as `seeds` is 001_x), or
 * the stem of a file given on its own. Files that would share an id (x.txt beside x.html, or
 * a/x.txt and b/x.txt given on their own) are all named by their paths as listed instead.
 */
function inputIds(files: string[], roots: Map<string, string>): Map<string, string> {
  const slashes = (p: string) => p.split(path.sep).join("/");
  const base = new Map<string, string>();
  const claims = new Map<string, number>();
  for (const file of files) {
    const root = roots.get(file) ?? "";
    const rel = root ? path.relative(root, file) : path.basename(file);
    const id = slashes(rel.slice(0, rel.length - path.extname(rel).length));
    base.set(file, id);
    claims.set(id, (claims.get(id) ?? 0) + 1);
  }
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const file of files) {
    let id = claims.get(base.get(file)!)! > 1 ? slashes(file) : base.get(file)!;
    // A listed path can still equal another file's id (a file named x.txt.txt): number it.
    for (let n = 2; taken.has(id); n++) id = `${slashes(file)}~${n}`;
    taken.add(id);
    ids.set(file, id);
  }
  return ids;
}

/** The stem used for ids: base name without its extension. */
export function fileStem(file: string): string {
  return path.basename(file, path.extname(file));
}

/** Content of a .txt that is HTML escaped as a JSON string body (\u003cp\u003e … \"). */
export function isJsonEscapedHtml(text: string): boolean {
  const head = text.slice(0, 8192);
  return /\\u003c\/?[a-z!]/i.test(head) || (/\\"/.test(head) && /<\/?[a-z][^>]*\\"/i.test(head) && !/<[a-z][^>]*[^\\]"/i.test(head));
}

/** Undo JSON string escaping: JSON.parse of the quoted text, or a careful escape-by-escape decode. */
export function unescapeJsonString(s: string): string {
  const t = s.trim();
  const body = t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  try {
    const v = JSON.parse(`"${body}"`);
    if (typeof v === "string") return v;
  } catch {
    /* raw newlines or stray quotes: decode by hand */
  }
  return body.replace(/\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (_, e: string) => {
    if (e[0] === "u") return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" } as Record<string, string>)[e];
  });
}

interface ArticleFields {
  text: string;
  title?: string;
  date?: string;
  url?: string;
  publisher?: string;
}

/** The article in a JSON object: text from text/content/html/body, with optional title/date/url. */
function articleFields(o: unknown): ArticleFields | string {
  if (typeof o !== "object" || o === null || Array.isArray(o)) return "not a JSON object";
  const r = o as Record<string, unknown>;
  const text = [r.text, r.content, r.html, r.body].find((v) => typeof v === "string") as string | undefined;
  if (text === undefined) return "no text, content or html field";
  if (text.trim() === "") return "empty text";
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : undefined);
  return { text, title: str(r.title), date: str(r.date ?? r.published ?? r.pubDate ?? r.time), url: str(r.url ?? r.link) };
}

/**
 * Lines repeated across the articles of one file (a feed of one site) are that site's furniture:
 * each text article carries the ones it holds, for cleaning to remove. Decided per file, at
 * ingest, because articles are cleaned one by one; HTML articles are left out (their page
 * structure is read by the extractor instead).
 */
function markRepeatedLines(docs: RawDocument[]): void {
  const text = docs.filter((d) => d.format !== "html" && d.format !== "json-escaped-html" && !looksLikeHtml(d.content));
  const rep = repeatedLines(text.map((d) => d.content));
  if (rep.size === 0) return;
  for (const d of text) {
    const own = new Set<string>();
    for (const raw of d.content.split(/\r?\n/)) {
      const l = raw.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, "");
      if (rep.has(l)) own.add(l);
    }
    if (own.size) d.repeatedLines = [...own].sort();
  }
}

export function readInputFile(file: string, options: ReadOptions = {}): { docs: RawDocument[]; warnings: InputWarning[] } {
  const warnings: InputWarning[] = [];
  const docs: RawDocument[] = [];
  const warn = (reason: string, line?: number) => warnings.push(line === undefined ? { file, reason } : { file, line, reason });
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      warn("not a file");
      return { docs, warnings };
    }
    if (st.size > MAX_FILE_BYTES) {
      warn(`file too large (${Math.round(st.size / 1048576)} MB > ${MAX_FILE_BYTES / 1048576} MB): skipped`);
      return { docs, warnings };
    }
    buf = fs.readFileSync(file);
  } catch (err) {
    warn(`cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return { docs, warnings };
  }
  const dec = decodeBuffer(buf);
  if ("reason" in dec) {
    warn(dec.reason);
    return { docs, warnings };
  }
  const { encoding } = dec;
  for (const repair of dec.repairs ?? []) warn(repair);
  const stem = options.id ?? fileStem(file);
  const ext = path.extname(file).toLowerCase();

  const push = (id: string, format: SourceFormat, content: string, f: Partial<ArticleFields> = {}, line?: number) => {
    if (content.length > MAX_ARTICLE_CHARS) {
      warn(`article longer than ${MAX_ARTICLE_CHARS} characters: cut there`, line);
      content = content.slice(0, MAX_ARTICLE_CHARS);
    }
    const d: RawDocument = { id, source: file, format, encoding, content };
    if (f.title) d.title = f.title;
    if (f.date) d.date = f.date;
    if (f.url) d.url = f.url;
    if (f.publisher) d.publisher = f.publisher;
    docs.push(d);
  };

  if (ext === ".json") {
    let v: unknown;
    try {
      v = JSON.parse(dec.text);
    } catch (err) {
      warn(`invalid JSON: ${(err as Error).message}`);
      return { docs, warnings };
    }
    // An array of articles, or an object holding one, or an object with an array under a usual key.
    let list: unknown[] | undefined;
    if (Array.isArray(v)) list = v;
    else if (v && typeof v === "object") {
      const r = v as Record<string, unknown>;
      const key = ["articles", "items", "data", "docs", "documents"].find((k) => Array.isArray(r[k]));
      if (key && articleFields(v) === "no text, content or html field") list = r[key] as unknown[];
    }
    if (list) {
      list.forEach((o, i) => {
        const f = articleFields(o);
        if (typeof f === "string") warn(`article ${i + 1}: ${f}`);
        else push(`${stem}#${i + 1}`, "json", f.text, f);
      });
    } else {
      const f = articleFields(v);
      if (typeof f === "string") warn(f);
      else push(stem, "json", f.text, f);
    }
  } else if (ext === ".jsonl") {
    const lines = dec.text.split(/\r?\n/);
    lines.forEach((ln, i) => {
      if (ln.trim() === "") return;
      let o: unknown;
      try {
        o = JSON.parse(ln);
      } catch (err) {
        warn(`line ${i + 1}: invalid JSON (${(err as Error).message})`, i + 1);
        return;
      }
      const f = articleFields(o);
      if (typeof f === "string") warn(`line ${i + 1}: ${f}`, i + 1);
      else push(`${stem}#${i + 1}`, "jsonl", f.text, f, i + 1);
    });
  } else if (ext === ".csv" || ext === ".tsv") {
    const table = readTable(dec.text, file, chooseDelimiter(dec.text, ext), options.columns);
    warnings.push(...table.warnings);
    const format: SourceFormat = ext === ".tsv" ? "tsv" : "csv";
    for (const a of table.articles) push(`${stem}#${a.line}`, format, a.text, a, a.line);
  } else if (ext === ".html" || ext === ".htm") {
    push(stem, "html", dec.text);
  } else {
    if (isJsonEscapedHtml(dec.text)) push(stem, "json-escaped-html", unescapeJsonString(dec.text));
    else if (looksLikeHtml(dec.text)) push(stem, "html", dec.text);
    else push(stem, "text", dec.text);
  }
  if (docs.length === 0 && warnings.length === 0) warn("no article found");
  markRepeatedLines(docs);
  return { docs, warnings };
}

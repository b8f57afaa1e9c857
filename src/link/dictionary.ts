// The curated dictionary: YAML files, one per entity type, parsed with `yaml` (which keeps source
// positions, so every problem names its file and line) and validated with a zod schema.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { z } from "zod";
import {
  BODY_KINDS,
  ENTITY_TYPES,
  type Dictionary,
  type DictionaryEntry,
  type DictionaryProblem,
  type EntityType,
} from "../types.ts";
import { decodeBuffer } from "../ingest/encoding.ts";

const stringList = z.array(z.string().min(1));

const contextRuleSchema = z
  .object({
    alias: z.string().min(1),
    notBefore: stringList.optional(),
    notAfter: stringList.optional(),
    requireInDocument: stringList.optional(),
    ignoreSegmentation: z.boolean().optional(),
    byContext: z.union([z.literal(true), z.literal("fallback")]).optional(),
  })
  .strict();

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "an id is lowercase ASCII letters, digits and '-'"),
    label: z.string().min(1),
    type: z.enum(ENTITY_TYPES),
    name_en: z.string(),
    aliases: stringList.default([]),
    description: z.string().optional(),
    parent: z.string().optional(),
    titles: z
      .array(z.object({ title: z.string().min(1), org: z.string().optional(), note: z.string().optional() }).strict())
      .optional(),
    rules: z.array(contextRuleSchema).optional(),
    sources: stringList.optional(),
    code: z.string().regex(/^\d{6}$/, "a GB/T 2260 code is six digits").optional(),
    division: z.string().regex(/^\d{6}$/, "a GB/T 2260 code is six digits").optional(),
    body: z.enum(BODY_KINDS).optional(),
  })
  .strict();

/** The folder of the dictionary shipped with Guanxi. */
export const DEFAULT_DICTIONARY_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../dictionaries");

/** The folder, inside the dictionary's, of the families scripts/dict-generate.ts writes. */
export const GENERATED_SUBDIR = "generated";

/** Suggested fixes for the problems a zod issue can describe, by the field it is about. */
const FIELD_FIXES: Record<string, string> = {
  id: "write a lowercase ASCII id such as `zhejiang-lab`",
  label: "write the canonical Simplified name, e.g. `label: 之江实验室`",
  type: `use one of ${ENTITY_TYPES.join(", ")}`,
  name_en: 'write the English name, or `name_en: ""` when there is none',
  aliases: "write a list of strings, e.g. `aliases: [阿里, Alibaba]`",
};

export interface LoadedDictionary {
  dictionary: Dictionary;
  problems: DictionaryProblem[];
}

/** Matching key of an alias: case-folded, NFKC, without spaces and quotes (“296X” = 296X). */
export function aliasKey(alias: string): string {
  return alias
    .normalize("NFKC")
    .replace(/[“”"'‘’「」『』《》\s]/g, "")
    .toLowerCase();
}

/** All the surface forms an entry is written with: label, aliases and English name. */
export function surfaceForms(entry: DictionaryEntry): string[] {
  const forms = new Set<string>([entry.label, ...entry.aliases]);
  if (entry.name_en) forms.add(entry.name_en);
  return [...forms].filter((f) => f.trim().length > 0);
}

function lineOf(counter: LineCounter, node: YamlNode | null | undefined): number | undefined {
  if (!node?.range) return undefined;
  return counter.linePos(node.range[0]).line;
}

/**
 * A file of one entry per line in JSON flow style (`- {"id": …}`, what scripts/dict-generate.ts writes),
 * read line by line with JSON.parse: a YAML parse of the generated families took 20 s. Undefined when
 * some line is not of that form: the file is then read as YAML.
 */
function parseEntryLines(text: string): { line: number; raw: unknown }[] | undefined {
  const items: { line: number; raw: unknown }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === "" || l.startsWith("#")) continue;
    if (!l.startsWith("- {")) return undefined;
    try {
      items.push({ line: i + 1, raw: JSON.parse(l.slice(2)) });
    } catch {
      return undefined;
    }
  }
  return items.length ? items : undefined;
}

function validateEntry(file: string, fileType: string, line: number | undefined, raw: unknown, problems: DictionaryProblem[]): DictionaryEntry | undefined {
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.length ? `field \`${issue.path.join(".")}\`: ` : "";
      problems.push({ file, line, message: `${where}${issue.message}`, fix: FIELD_FIXES[String(issue.path[0] ?? "")], severity: "error" });
    }
    return undefined;
  }
  const entry: DictionaryEntry = { ...parsed.data, file, line };
  if ((ENTITY_TYPES as readonly string[]).includes(fileType) && entry.type !== fileType) {
    problems.push({ file, line, message: `entry ${entry.id} has type ${entry.type} but stands in ${path.basename(file)}`, fix: `move it to ${entry.type}.yaml`, severity: "warning" });
  }
  return entry;
}

/** Reads one YAML file; every entry keeps its file and line. */
export function parseDictionaryFile(file: string, text: string): { entries: DictionaryEntry[]; problems: DictionaryProblem[] } {
  const problems: DictionaryProblem[] = [];
  const entries: DictionaryEntry[] = [];
  const fast = parseEntryLines(text);
  if (fast) {
    const fileType = path.basename(file).replace(/\.ya?ml$/, "");
    for (const { line, raw } of fast) {
      const entry = validateEntry(file, fileType, line, raw, problems);
      if (entry) entries.push(entry);
    }
    return { entries, problems };
  }
  const counter = new LineCounter();
  // Merge keys (`<<: *base`) are YAML 1.1, but common in hand-written files: accepted.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, merge: true });
  for (const err of doc.errors) {
    problems.push({
      file,
      line: err.linePos?.[0]?.line ?? counter.linePos(err.pos[0]).line,
      message: `YAML: ${err.message.split("\n")[0]}`,
      fix: "check the indentation and quoting on that line (quote strings that start with “ or contain ': ')",
      severity: "error",
    });
  }
  if (doc.errors.length) return { entries, problems };
  const root = doc.contents;
  if (root === null) return { entries, problems };
  if (!isSeq(root)) {
    problems.push({ file, line: 1, message: "the file must be a YAML list of entries", fix: "start each entry with `- id: …`", severity: "error" });
    return { entries, problems };
  }
  const fileType = path.basename(file).replace(/\.ya?ml$/, "");
  // The whole document at once, so that an alias (*name) resolves to its anchor (&name) anywhere in it.
  let values: unknown[];
  try {
    values = doc.toJS({ maxAliasCount: 10_000 }) as unknown[];
  } catch (err) {
    problems.push({ file, line: 1, message: `YAML: ${(err as Error).message.split("\n")[0]}`, fix: "check the anchors (&name) and aliases (*name)", severity: "error" });
    return { entries, problems };
  }
  for (const [index, item] of root.items.entries()) {
    const line = lineOf(counter, item as YamlNode);
    const raw = values[index];
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        let fieldLine = line;
        if (field && isMap(item)) {
          const pair = item.items.find((p) => (p.key as { value?: unknown } | null)?.value === field);
          fieldLine = lineOf(counter, (pair?.value ?? pair?.key) as YamlNode) ?? line;
        }
        const where = issue.path.length ? `field \`${issue.path.join(".")}\`: ` : "";
        problems.push({
          file,
          line: fieldLine,
          message: `${where}${issue.message}`,
          fix: FIELD_FIXES[field] ?? (issue.code === "unrecognized_keys" ? "remove or rename the unknown field" : undefined),
          severity: "error",
        });
      }
      continue;
    }
    const entry: DictionaryEntry = { ...parsed.data, file, line };
    if ((ENTITY_TYPES as readonly string[]).includes(fileType) && entry.type !== fileType) {
      problems.push({
        file,
        line,
        message: `entry ${entry.id} has type ${entry.type} but stands in ${path.basename(file)}`,
        fix: `move it to ${entry.type}.yaml`,
        severity: "warning",
      });
    }
    entries.push(entry);
  }
  return { entries, problems };
}

/** Cross-entry checks: duplicate ids, alias clashes without a separating rule, one-character aliases. */
export function checkEntries(entries: DictionaryEntry[]): DictionaryProblem[] {
  const problems: DictionaryProblem[] = [];
  const byId = new Map<string, DictionaryEntry>();
  for (const e of entries) {
    const prior = byId.get(e.id);
    if (prior) {
      problems.push({
        file: e.file ?? "?",
        line: e.line,
        message: `duplicate id ${e.id} (first at ${prior.file}:${prior.line})`,
        fix: `rename one of them, e.g. ${e.id}-2, or merge the entries`,
        severity: "error",
      });
    } else byId.set(e.id, e);
  }
  const claims = new Map<string, DictionaryEntry[]>();
  for (const e of entries) {
    for (const form of surfaceForms(e)) {
      const key = aliasKey(form);
      if ([...key].length < 2) {
        if (form === e.label) {
          // The entry still links through a longer alias or English name.
          if (surfaceForms(e).some((f) => [...aliasKey(f)].length >= 2)) continue;
          problems.push({
            file: e.file ?? "?",
            line: e.line,
            message: `entry ${e.id}: one-character label “${form}” and no longer alias: it can never link (the linker skips names shorter than two characters)`,
            fix: "label it with the full name, or give it an alias of two characters or more",
            severity: "warning",
          });
        } else {
          problems.push({
            file: e.file ?? "?",
            line: e.line,
            message: `entry ${e.id}: one-character alias “${form}” would match everywhere`,
            fix: "remove it, or write the longer form the text uses",
            severity: "error",
          });
        }
        continue;
      }
      const list = claims.get(key) ?? [];
      if (!list.includes(e)) list.push(e);
      claims.set(key, list);
    }
  }
  for (const [key, list] of claims) {
    if (list.length < 2) continue;
    const ruled = (e: DictionaryEntry) => (e.rules ?? []).some((r) => aliasKey(r.alias) === key);
    // Two claims can stand when rules separate them: all but at most one claimant carry a rule.
    const unruled = list.filter((e) => !ruled(e));
    if (unruled.length <= 1) continue;
    const second = unruled[1];
    problems.push({
      file: second.file ?? "?",
      line: second.line,
      message: `alias “${key}” is claimed by ${unruled.map((e) => e.id).join(", ")} without a rule that separates them`,
      fix: `add a rule (requireInDocument / notBefore / notAfter) for “${key}” to all but one of them, or drop it from one`,
      severity: "error",
    });
  }
  for (const e of entries) {
    const refs = [e.parent, ...(e.titles ?? []).map((t) => t.org)].filter((r): r is string => !!r);
    for (const ref of refs) {
      if (!byId.has(ref)) {
        problems.push({
          file: e.file ?? "?",
          line: e.line,
          message: `entry ${e.id} refers to unknown id ${ref}`,
          fix: "add that entry, or correct the id",
          severity: "warning",
        });
      }
    }
  }
  return problems;
}

/**
 * A dictionary file's text: UTF-8, with or without a byte-order mark. Any other encoding is refused
 * rather than decoded, because `guanxi dict accept` appends UTF-8 to these files and a file of two
 * encodings could not be read at all; the problem names the encoding it seems to be in.
 */
function readDictionaryText(file: string, bytes: Buffer, problems: DictionaryProblem[]): string | undefined {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    const guess = decodeBuffer(bytes);
    const legacy = "encoding" in guess && guess.encoding !== "utf-8" ? guess.encoding.toUpperCase() : undefined;
    problems.push({
      file,
      line: 1,
      message: legacy ? `not UTF-8 (it reads as ${legacy}): not loaded` : "not valid UTF-8 (damaged or binary bytes): not loaded",
      fix: legacy ? `save it as UTF-8, e.g. iconv -f ${legacy} -t UTF-8` : "restore the file, or save it again as UTF-8",
      severity: "error",
    });
    return undefined;
  }
}

/** Loads every `*.yaml` in a folder. Never throws for content problems: they come back as `problems`. */
export function loadDictionary(dir: string = DEFAULT_DICTIONARY_DIR): LoadedDictionary {
  const problems: DictionaryProblem[] = [];
  const entries: DictionaryEntry[] = [];
  const hash = createHash("sha256");
  if (!existsSync(dir)) {
    problems.push({ file: dir, message: "dictionary folder not found", severity: "error" });
  } else {
    // The curated files, then the generated families (generated/, written by `npm run dict:generate`).
    const list = (sub: string) =>
      existsSync(path.join(dir, sub))
        ? readdirSync(path.join(dir, sub))
            .filter((f) => /\.ya?ml$/.test(f))
            .sort()
            .map((f) => (sub ? `${sub}/${f}` : f))
        : [];
    const files = [...list(""), ...list(GENERATED_SUBDIR)];
    for (const name of files) {
      const file = path.join(dir, name);
      const shown = path.relative(process.cwd(), file) || file;
      const text = readDictionaryText(shown, readFileSync(file), problems);
      if (text === undefined) continue;
      hash.update(name).update("\0").update(text).update("\0");
      const parsed = parseDictionaryFile(shown, text);
      entries.push(...parsed.entries);
      problems.push(...parsed.problems);
    }
  }
  // A build on no entries would exit 0 with an empty graph: a wrong --dict, not a result.
  if (entries.length === 0 && !problems.some((p) => p.severity === "error")) {
    problems.push({ file: dir, message: "no dictionary entries in this folder (no .yaml file, or only empty ones)", fix: "point --dict at a folder of entry files, such as the shipped dictionaries/", severity: "error" });
  }
  problems.push(...checkEntries(entries));
  const byId = new Map<string, DictionaryEntry>();
  for (const e of entries) if (!byId.has(e.id)) byId.set(e.id, e);
  return { dictionary: { entries: [...byId.values()], byId, version: hash.digest("hex").slice(0, 16) }, problems };
}

/** The public view of an entry (`guanxi dict --json`). */
export function entrySummary(e: DictionaryEntry): { id: string; label: string; type: EntityType; aliases: string[]; name_en: string } {
  return { id: e.id, label: e.label, type: e.type, aliases: e.aliases, name_en: e.name_en };
}

export function formatProblem(p: DictionaryProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where}: ${p.severity}: ${p.message}${p.fix ? ` (fix: ${p.fix})` : ""}`;
}

// `guanxi dict`: check the dictionary, print it as JSON, or accept a discovered candidate into it.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { pinyin } from "pinyin-pro";
import { stringify } from "yaml";
import { ENTITY_TYPES, type EntityType } from "../../types.ts";
import { DEFAULT_DICTIONARY_DIR, entrySummary, formatProblem, loadDictionary } from "../../link/dictionary.ts";
import { foldName } from "../../query/names.ts";
import { printJson } from "../../query/cli.ts";
import { normalizeString } from "../../clean/index.ts";

const USAGE = `usage: guanxi dict [check | --json | accept <label> --type ${ENTITY_TYPES.join("|")} [--en NAME] [--alias A]…] [--dir DIR] [--out DIR]

  guanxi dict                 how many entries the dictionary (dictionaries/, or --dir DIR) holds
  guanxi dict check           schema, duplicate ids, alias clashes, one-character aliases; exit 1 on errors
  guanxi dict --json          every entry as {id, label, type, aliases, name_en}
  guanxi dict accept <label>  add an entry (e.g. from \`guanxi candidates\`); the next build links it.
                              Without --type, the type the build in --out (default out/) proposed for it.
                              Refused, with the reason: a one-character label, or a label or alias that an
                              entry already has (also written in the other script or another case).`;

/** Why a new label (or alias) cannot be added, or null when it can. */
export function refusal(name: string, entries: { id: string; label: string; aliases: string[]; name_en?: string; file?: string; line?: number }[]): string | null {
  const trimmed = name.trim();
  if ([...trimmed].length < 2)
    return `“${trimmed}” is one character: the linker never links names that short (a single character stands inside too many words)`;
  const wanted = foldName(trimmed);
  for (const e of entries) {
    const names = [e.label, ...e.aliases, e.name_en ?? ""].filter(Boolean);
    const same = names.find((n) => foldName(n) === wanted);
    if (same) return `“${trimmed}” is already in the dictionary as ${e.id} (“${same}”${e.file ? `, ${e.file}${e.line ? `:${e.line}` : ""}` : ""})`;
  }
  return null;
}

/** A stable ASCII id for a new entry: the pinyin of its label, made unique. */
export function idForLabel(label: string, taken: Set<string>): string {
  const base =
    pinyin(label, { toneType: "none", type: "array", nonZh: "consecutive" })
      .join("-")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "entry";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        dir: { type: "string", default: DEFAULT_DICTIONARY_DIR },
        type: { type: "string" },
        en: { type: "string", default: "" },
        alias: { type: "string", multiple: true },
        out: { type: "string", default: "out" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    console.error(`guanxi dict: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dir = values.dir!;
  const [sub, ...rest] = positionals;
  const { dictionary, problems } = loadDictionary(dir);
  if (sub === "check") {
    for (const p of problems) console.log(formatProblem(p));
    const errors = problems.filter((p) => p.severity === "error").length;
    const counts = new Map<string, number>();
    for (const e of dictionary.entries) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    console.log(
      `${dictionary.entries.length} entries (${[...counts].map(([t, n]) => `${t} ${n}`).join(", ")}); ${errors} error(s), ${problems.length - errors} warning(s)`,
    );
    return errors ? 1 : 0;
  }
  if (sub === "accept") {
    // The name as builds label it (Simplified, half-width): 劉強東 is accepted as 刘强东.
    const label = rest[0] ? normalizeString(rest[0].trim()) : rest[0];
    // Without --type, the type the build proposed for it (candidates.jsonl of --out).
    const type = (values.type ?? candidateType(values.out!, label)) as EntityType | undefined;
    if (!label || !type || !(ENTITY_TYPES as readonly string[]).includes(type)) {
      console.error(`usage: guanxi dict accept <label> --type ${ENTITY_TYPES.join("|")} [--en NAME] [--alias A]`);
      return 2;
    }
    for (const name of [label, ...(values.alias ?? [])]) {
      const reason = refusal(name, dictionary.entries);
      if (reason) {
        console.error(`guanxi dict accept: refused: ${reason}`);
        return 1;
      }
    }
    const id = idForLabel(label, new Set(dictionary.byId.keys()));
    const entry = { id, label, type, name_en: values.en ?? "", aliases: values.alias ?? [], sources: ["accepted from guanxi candidates"] };
    const file = path.join(dir, `${type}.yaml`);
    const prefix = existsSync(file) && !readFileSync(file, "utf8").endsWith("\n") ? "\n" : "";
    appendFileSync(file, prefix + stringify([entry]));
    console.log(`added ${id} (${label}, ${type}) to ${file}; the next build links it`);
    return 0;
  }
  if (sub !== undefined && sub !== "json") {
    console.error(`guanxi dict: unknown sub-command "${sub}"\n${USAGE}`);
    return 2;
  }
  if (values.json || sub === "json") {
    printJson(dictionary.entries.map(entrySummary), 1);
    return 0;
  }
  const errors = problems.filter((p) => p.severity === "error").length;
  console.log(`${dictionary.entries.length} entries in ${dir}; ${errors} error(s). Use \`guanxi dict check\`, \`guanxi dict --json\` or \`guanxi dict accept\`.`);
  return 0;
}

/** The type a build's candidates.jsonl gives `label`, if it proposed it. */
function candidateType(out: string, label: string | undefined): string | undefined {
  const file = path.join(out, "candidates.jsonl");
  if (!label || !existsSync(file)) return undefined;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as { label: string; type: string };
    if (c.label === label) return c.type;
  }
  return undefined;
}

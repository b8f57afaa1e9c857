// `guanxi build <files|folders…> [--out DIR] [--workers N] …`: turns the arguments into a build's
// options, shows its progress, and reports it. The build itself is src/pipeline/build.ts.
import { parseArgs } from "node:util";
import type { WindowLevel } from "../../types.ts";
import { DEFAULT_DICTIONARY_DIR } from "../../link/dictionary.ts";
import { NothingToBuildError, runBuild, type BuildResult } from "../../pipeline/build.ts";
import type { InputWarning } from "../../types.ts";
import { ProgressBar } from "../progress.ts";
import { parseColumnsOption } from "../../ingest/table.ts";
import { GEXF_VERSIONS, type GexfVersion } from "../../export/gexf.ts";
import { parseFormats } from "../../export/index.ts";

/** Warnings printed; the rest are in warnings.jsonl. */
const MAX_WARNINGS_SHOWN = 200;

/** The report of a finished build: one summary line, the warnings, and (verbose) a line per document. */
function report(result: BuildResult, out: string, verbose: boolean): string[] {
  const lines: string[] = [];
  if (verbose) {
    for (const d of result.summaries) {
      const removed = Object.entries(d.removed).map(([k, n]) => `${k} ${n}`).join(", ");
      lines.push(`${d.id}: ${d.charsIn} chars in, ${d.charsKept} kept${removed ? ` (removed: ${removed})` : ""}; ${d.mentions} mentions, ${d.roles} roles`);
    }
    if (result.documents > result.summaries.length) lines.push(`… and ${result.documents - result.summaries.length} more document(s)`);
  }
  lines.push(...warningLines(result.warnings, " (warnings.jsonl)"));
  lines.push(
    `built ${result.documents} document(s) into ${out}: ${result.entities} entities, ${result.edges} edges` +
      `${result.warnings.length ? `; ${result.warnings.length} warning(s)` : ""}` +
      ` (${result.processed} processed, ${result.relinked} re-linked, ${result.reused} reused; ${result.workers || "no"} worker thread(s))`,
  );
  return lines;
}

function warningLines(warnings: InputWarning[], where = ""): string[] {
  const lines = warnings.slice(0, MAX_WARNINGS_SHOWN).map((w) => `warning: ${w.file}${w.line ? `:${w.line}` : ""}: ${w.reason}`);
  if (warnings.length > MAX_WARNINGS_SHOWN) lines.push(`… and ${warnings.length - MAX_WARNINGS_SHOWN} more warning(s)${where}`);
  return lines;
}

function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--workers must be a whole number ≥ 1, not ${value}`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "out" },
      dict: { type: "string", default: DEFAULT_DICTIONARY_DIR },
      strict: { type: "boolean", default: false },
      window: { type: "string", default: "article" },
      // Recognised names are in the graph by default; the flag stays accepted for older scripts.
      "include-candidates": { type: "boolean", default: false },
      "dictionary-only": { type: "boolean", default: false },
      "gexf-version": { type: "string", default: "1.3" },
      formats: { type: "string" },
      workers: { type: "string" },
      columns: { type: "string" },
      quiet: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(
      "usage: guanxi build <files|folders…> [--out DIR] [--dict DIR] [--window sentence|paragraph|article] [--gexf-version 1.3|1.2draft]\n" +
        "                    [--formats graphml,neo4j,gexf1.2draft,gexf1.3|all]\n" +
        "                    [--dictionary-only] [--strict] [--workers N] [--columns MAP] [--quiet] [--verbose]\n" +
        "  --dictionary-only   only dictionary entities in the graph (recognised names stay in mentions.jsonl and candidates.jsonl)\n" +
        "  --formats    graph formats to write besides graph.json and graph.gexf (none by default): GraphML, Neo4j bulk-import CSVs, the other GEXF version\n" +
        "  --dict DIR   the dictionary folder (default: the shipped dictionaries/)\n" +
        "  --columns    for CSV/TSV inputs, which column holds what: text=正文,date=发布时间 (fields: title, date, text, url, source)\n" +
        "  --quiet      print nothing but errors; --verbose: a line per document too",
    );
    return positionals.length === 0 && !values.help ? 2 : 0;
  }
  const window = values.window as WindowLevel;
  if (!["sentence", "paragraph", "article"].includes(window)) throw new Error(`--window must be sentence, paragraph or article, not ${values.window}`);
  const gexfVersion = values["gexf-version"] as GexfVersion;
  if (!GEXF_VERSIONS.includes(gexfVersion)) throw new Error(`--gexf-version must be ${GEXF_VERSIONS.join(" or ")}, not ${values["gexf-version"]}`);
  const log = (line: string) => {
    if (!values.quiet) process.stderr.write(line + "\n");
  };
  const progress = new ProgressBar(!values.quiet && process.stderr.isTTY === true);
  let result: BuildResult;
  try {
    result = await runBuild({
      inputs: positionals,
      out: values.out!,
      dictionaryDir: values.dict!,
      strict: values.strict!,
      window,
      includeCandidates: !values["dictionary-only"],
      gexfVersion,
      ...(values.formats !== undefined ? { formats: parseFormats(values.formats) } : {}),
      workers: parseWorkers(values.workers),
      ...(values.columns !== undefined ? { columns: parseColumnsOption(values.columns) } : {}),
      onProgress: (p) => progress.update(p),
      onNote: log,
    });
  } catch (err) {
    // Why each input gave nothing, even with --quiet: the error alone would not say which file failed how.
    if (err instanceof NothingToBuildError) for (const line of warningLines(err.warnings)) process.stderr.write(line + "\n");
    throw err;
  } finally {
    progress.done();
  }
  for (const line of report(result, values.out!, values.verbose!)) log(line);
  return values.strict && result.warnings.length ? 1 : 0;
}

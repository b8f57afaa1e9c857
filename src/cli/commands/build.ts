// `guanxi build <files|folders…> [--out DIR]`: reads, cleans, links and graphs the articles, then writes
// the output folder atomically (a temporary folder beside it, swapped in at the end), so a build that
// fails or is killed never damages the previous output.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Candidate, DocumentAnalysis, InputWarning, Mention, WindowLevel } from "../../types.ts";
import { listInputFiles, readInputFile } from "../../ingest/index.ts";
import { cleanDocument, NearDuplicateIndex } from "../../clean/index.ts";
import { DEFAULT_DICTIONARY_DIR, formatProblem, loadDictionary } from "../../link/dictionary.ts";
import { rankCandidates } from "../../link/discover.ts";
import { analyseCleanDocument, createPipelineContext } from "../pipeline.ts";
import { buildGraph } from "../../graph/build.ts";
import { exportAll } from "../../export/index.ts";
import { ProgressBar } from "../progress.ts";

export interface BuildOptions {
  inputs: string[];
  out: string;
  dictionaryDir: string;
  strict: boolean;
  window: WindowLevel;
  includeCandidates: boolean;
  gexfVersion: "1.3" | "1.2draft";
  quiet: boolean;
}

export interface BuildResult {
  documents: number;
  warnings: InputWarning[];
  analyses: DocumentAnalysis[];
}

function jsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
}

/** Writes a folder's files into a temporary sibling, then swaps it in place of `out`. */
export function writeAtomically(out: string, write: (dir: string) => void): void {
  const parent = path.dirname(path.resolve(out));
  mkdirSync(parent, { recursive: true });
  const tmp = path.join(parent, `.guanxi-tmp-${path.basename(out)}-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    write(tmp);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  // Two renames: the old output stays whole until the new one is complete beside it.
  const old = `${tmp}-old`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
}

export async function runBuild(options: BuildOptions): Promise<BuildResult> {
  const log = (line: string) => {
    if (!options.quiet) process.stderr.write(line + "\n");
  };
  const { dictionary, problems } = loadDictionary(options.dictionaryDir);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) {
    for (const p of errors.slice(0, 20)) log(formatProblem(p));
    throw new Error(`the dictionary has ${errors.length} error(s); fix them (guanxi dict check) before building`);
  }
  const ctx = createPipelineContext(dictionary);
  const listed = listInputFiles(options.inputs);
  const warnings: InputWarning[] = [...listed.warnings];
  const analyses: DocumentAnalysis[] = [];
  const nearDuplicates = new NearDuplicateIndex();
  const progress = new ProgressBar(listed.files.length, options.quiet);
  for (const file of listed.files) {
    progress.tick(path.basename(file));
    const read = readInputFile(file);
    warnings.push(...read.warnings);
    for (const raw of read.docs) {
      // One broken article never aborts the build: it becomes a warning naming the file.
      try {
        const cleaned = nearDuplicates.add(cleanDocument(raw));
        analyses.push(analyseCleanDocument(cleaned, ctx));
      } catch (err) {
        warnings.push({ file: raw.source, reason: `could not be processed: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
  }
  progress.done();

  const mentions: Mention[] = analyses.flatMap((a) => a.mentions);
  const candidates: Candidate[] = rankCandidates(mentions.filter((m) => m.candidate));
  const { graph, evidence } = buildGraph(analyses, dictionary, { window: options.window, includeCandidates: options.includeCandidates });

  writeAtomically(options.out, (dir) => {
    writeFileSync(
      path.join(dir, "documents.jsonl"),
      jsonl(
        analyses.map(({ doc }) => ({
          id: doc.id,
          source: doc.source,
          title: doc.title,
          date: doc.date,
          url: doc.url,
          format: doc.format,
          encoding: doc.encoding,
          text: doc.text,
          articles: doc.articles,
          paragraphs: doc.paragraphs,
          sentences: doc.sentences,
          stats: doc.stats,
        })),
      ),
    );
    writeFileSync(path.join(dir, "mentions.jsonl"), jsonl(mentions));
    writeFileSync(path.join(dir, "roles.jsonl"), jsonl(analyses.flatMap((a) => a.roles)));
    writeFileSync(path.join(dir, "candidates.jsonl"), jsonl(candidates));
    writeFileSync(path.join(dir, "warnings.jsonl"), jsonl(warnings));
    exportAll(dir, graph, evidence, { gexfVersion: options.gexfVersion });
    writeFileSync(
      path.join(dir, "build.json"),
      JSON.stringify({ dictionaryVersion: dictionary.version, window: options.window, documents: analyses.length, inputs: options.inputs }, null, 2),
    );
  });

  // The summary: per document, what came in, what was kept, what was removed and why.
  for (const { doc, mentions: ms, roles } of analyses) {
    const removed = Object.entries(doc.stats.removed)
      .filter(([, n]) => n)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    const linked = ms.filter((m) => !m.candidate).length;
    log(`${doc.id}: ${doc.stats.charsIn} chars in, ${doc.stats.charsKept} kept${removed ? ` (removed: ${removed})` : ""}; ${linked} mentions, ${roles.length} roles`);
  }
  for (const w of warnings) log(`warning: ${w.file}${w.line ? `:${w.line}` : ""}: ${w.reason}`);
  log(`built ${analyses.length} document(s) into ${options.out}: ${graph.order} entities, ${graph.size} edges${warnings.length ? `; ${warnings.length} warning(s)` : ""}`);
  return { documents: analyses.length, warnings, analyses };
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
      "include-candidates": { type: "boolean", default: false },
      "gexf-version": { type: "string", default: "1.3" },
      workers: { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log("usage: guanxi build <files|folders…> [--out DIR] [--window sentence|paragraph|article] [--gexf-version 1.3|1.2draft] [--include-candidates] [--strict]");
    return positionals.length === 0 && !values.help ? 2 : 0;
  }
  const window = values.window as WindowLevel;
  if (!["sentence", "paragraph", "article"].includes(window)) throw new Error(`--window must be sentence, paragraph or article, not ${values.window}`);
  const gexfVersion = values["gexf-version"] === "1.2draft" ? "1.2draft" : "1.3";
  const result = await runBuild({
    inputs: positionals,
    out: values.out!,
    dictionaryDir: values.dict!,
    strict: values.strict!,
    window,
    includeCandidates: values["include-candidates"]!,
    gexfVersion,
    quiet: values.quiet!,
  });
  if (result.documents === 0) {
    console.error("guanxi build: no document could be built");
    return 1;
  }
  return values.strict && result.warnings.length ? 1 : 0;
}

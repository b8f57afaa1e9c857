// `guanxi build <files|folders…> [--out DIR] [--workers N]`: reads, cleans, links and graphs the articles,
// writing the output folder atomically (a temporary folder beside it, swapped in at the end), so a build
// that fails or is killed never damages the previous output.
//
// Inputs are streamed: articles are read file by file, cleaned and linked in worker threads, and folded
// in input order into the output lines, the store (store.sqlite: per-article results by content hash,
// evidence by pair) and the graph accumulator; memory grows with the graph, not the corpus. A build into
// an existing output reuses the stored results of unchanged articles (see src/store/store.ts).
import { closeSync, constants, copyFileSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { InputWarning, Mention, RawDocument, WindowLevel } from "../../types.ts";
import { listInputFiles, readInputFile } from "../../ingest/index.ts";
import { DEFAULT_DICTIONARY_DIR, formatProblem, loadDictionary } from "../../link/dictionary.ts";
import { CandidateTally } from "../../roles/discover.ts";
import {
  createPipelineContext,
  InlineExtraction,
  WorkerExtraction,
  type Extraction,
  type Task,
  type TaskResult,
  type TaskVersions,
} from "../pipeline.ts";
import { GraphAccumulator, type AccumulatorState } from "../../graph/accumulate.ts";
import { MAX_EVIDENCE_PER_LEVEL } from "../../graph/model.ts";
import { exportAll } from "../../export/index.ts";
import { BuildStore, CLEAN_CODE, codeVersion, contentHash, LINK_CODE, STORE_FILE } from "../../store/store.ts";
import { applyDuplicateMarks, CompactNearDuplicateIndex, nearDuplicateFiles, type NearDuplicateState } from "../../store/near-duplicates.ts";
import { writeEvidenceShards } from "../../store/shards.ts";
import { EvidenceSpill, evidenceSpillFiles } from "../../store/evidence-spill.ts";
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
  /** Extraction worker threads; default os.availableParallelism(). 1 (or a tiny input) runs in the main thread. */
  workers?: number;
}

/** A build's options with the CLI's defaults (quiet; workers as chooseWorkers decides), `extra` on top. */
export function defaultBuildOptions(inputs: string[], out: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    inputs,
    out,
    dictionaryDir: DEFAULT_DICTIONARY_DIR,
    strict: false,
    window: "article",
    includeCandidates: false,
    gexfVersion: "1.3",
    quiet: true,
    ...extra,
  };
}

export interface BuildResult {
  documents: number;
  warnings: InputWarning[];
  /** Articles cleaned and linked, re-linked only (dictionary changed), and reused from the previous build. */
  processed: number;
  relinked: number;
  reused: number;
  /** Of the reused articles, those not folded again at all: the build went on from the previous one's saved state. */
  resumed: number;
  /** Worker threads used (0: in the main thread). */
  workers: number;
  /** Milliseconds per stage: extraction (read, clean, link, accumulate), graph (metrics, layout), export. */
  timings: Record<string, number>;
}

/** Below this many bytes of input, workers are not started: their start-up (seconds each, to load
 * nodejieba's dictionary) would cost more than the whole build. */
export const MIN_BYTES_FOR_WORKERS = 2 * 1024 * 1024;

function jsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
}

/** The temporary sibling folder a build writes into before it is swapped in. */
function tempSibling(out: string): string {
  const parent = path.dirname(path.resolve(out));
  mkdirSync(parent, { recursive: true });
  const tmp = path.join(parent, `.guanxi-tmp-${path.basename(out)}-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  return tmp;
}

/** Replaces `out` by the complete folder `tmp`; the old output stays whole until the new one is beside it. */
function swapIn(tmp: string, out: string): void {
  const old = `${tmp}-old`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
}

/** Writes a folder's files into a temporary sibling, then swaps it in place of `out`. */
export function writeAtomically(out: string, write: (dir: string) => void): void {
  const tmp = tempSibling(out);
  try {
    write(tmp);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  swapIn(tmp, out);
}

/** Appends lines to a file through a buffer: one system call per megabyte, not per line. */
class LineWriter {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(file: string, append = false) {
    this.fd = openSync(file, append ? "a" : "w");
  }
  write(text: string): void {
    if (!text) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length) writeSync(this.fd, this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Worker count for a build: as asked, else the cores but none for a tiny input. One worker means the
 * main thread does the work (a single worker thread would only add a copy of every result).
 */
export function chooseWorkers(requested: number | undefined, files: string[]): number {
  if (requested !== undefined) return requested <= 1 ? 0 : requested;
  const n = availableParallelism();
  if (n <= 1) return 0;
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += statSync(f).size;
    } catch {
      /* reported by the reader */
    }
    if (bytes >= MIN_BYTES_FOR_WORKERS) return n;
  }
  return 0;
}

/** The near-duplicate index's unit files in the output folder (kept for the next build to go on from). */
const NEAR_DUPLICATE_FILES = ".near-duplicates";
/** The accumulator's evidence candidates, one file per shard (see store/evidence-spill.ts). */
const EVIDENCE_SPILL_DIR = ".evidence-candidates";
/** Output files with a line per article: a resumed build starts from the previous build's and appends. */
const CARRIED_OUTPUTS = ["documents.jsonl", "mentions.jsonl", "roles.jsonl"] as const;
/** The code a saved build state depends on besides cleaning and linking: the graph, the store, this file. */
const STATE_CODE = ["graph", "store", "cli/commands/build.ts", "roles/discover.ts"];

/** Summary lines kept for the end of the build log; past this many, only a count. */
const MAX_SUMMARY_LINES = 1000;

export async function runBuild(options: BuildOptions): Promise<BuildResult> {
  const log = (line: string) => {
    if (!options.quiet) process.stderr.write(line + "\n");
  };
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = Math.round(now - t0);
    // Heap in use after the stage (MB): tells the JavaScript heap apart from native memory in a profile.
    timings[`${stage}HeapMB`] = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
    t0 = now;
  };
  const { dictionary, problems } = loadDictionary(options.dictionaryDir);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) {
    for (const p of errors.slice(0, 20)) log(formatProblem(p));
    throw new Error(`the dictionary has ${errors.length} error(s); fix them (guanxi dict check) before building`);
  }
  // Stored results are reused only when made by the same code (and, for linking, the same dictionary).
  const versions: TaskVersions = { clean: codeVersion(CLEAN_CODE), link: `${dictionary.version}:${codeVersion(LINK_CODE)}` };
  const listed = listInputFiles(options.inputs);
  const warnings: InputWarning[] = [...listed.warnings];
  const workers = chooseWorkers(options.workers, listed.files);

  const tmp = tempSibling(options.out);
  const store = new BuildStore(path.join(tmp, STORE_FILE), path.join(options.out, STORE_FILE));
  const evidence = new EvidenceSpill(path.join(tmp, EVIDENCE_SPILL_DIR));
  const accumulator = new GraphAccumulator(dictionary, evidence, { window: options.window, includeCandidates: options.includeCandidates });
  let candidates = new CandidateTally();
  let dedup: CompactNearDuplicateIndex | undefined;
  let documentsOut: LineWriter | undefined;
  let mentionsOut: LineWriter | undefined;
  let rolesOut: LineWriter | undefined;
  const summary: string[] = [];
  const counts = { processed: 0, relinked: 0, reused: 0 };
  /** The content hash of every article, in build order: what the next build compares its inputs with. */
  const sequence: string[] = [];
  let taskErrors = 0;

  // A build that only appends articles to the previous one's inputs goes on from its saved state
  // (near-duplicate index, graph accumulator, candidates, evidence candidates) instead of folding every
  // article again. The state is valid only for the same code, dictionary and options.
  const stateVersion = [versions.clean, versions.link, codeVersion(STATE_CODE), options.window, options.includeCandidates].join(":");
  const previousDedup = path.join(options.out, NEAR_DUPLICATE_FILES);
  // Everything the state goes on from must still be there (a user may have deleted a file of the output).
  const previousSpill = evidenceSpillFiles(path.join(options.out, EVIDENCE_SPILL_DIR));
  const resumable = [...nearDuplicateFiles(previousDedup), ...previousSpill, ...CARRIED_OUTPUTS.map((n) => path.join(options.out, n))].every((f) => existsSync(f));
  const savedSequence = resumable && store.hasState("sequence", stateVersion) ? (store.getState("sequence", stateVersion) as string[]) : undefined;

  /** Starts the outputs: empty, or (resuming) as the previous build left them. */
  const openOutputs = (resume: boolean) => {
    if (resume) for (const n of CARRIED_OUTPUTS) copyFileSync(path.join(options.out, n), path.join(tmp, n), constants.COPYFILE_FICLONE);
    [documentsOut, mentionsOut, rolesOut] = CARRIED_OUTPUTS.map((n) => new LineWriter(path.join(tmp, n), resume));
  };
  const startFresh = () => {
    store.clearState();
    evidence.clear();
    dedup = new CompactNearDuplicateIndex(path.join(tmp, NEAR_DUPLICATE_FILES));
    openOutputs(false);
  };
  const resume = (prefix: string[]) => {
    const copies = nearDuplicateFiles(path.join(tmp, NEAR_DUPLICATE_FILES));
    nearDuplicateFiles(previousDedup).forEach((f, i) => copyFileSync(f, copies[i], constants.COPYFILE_FICLONE));
    const spillCopies = evidenceSpillFiles(evidence.dir);
    previousSpill.forEach((f, i) => copyFileSync(f, spillCopies[i], constants.COPYFILE_FICLONE));
    dedup = new CompactNearDuplicateIndex(path.join(tmp, NEAR_DUPLICATE_FILES), store.getState("nearDuplicates", stateVersion) as NearDuplicateState);
    accumulator.restore(store.getState("accumulator", stateVersion) as AccumulatorState);
    candidates = CandidateTally.restore(store.getState("candidates", stateVersion));
    openOutputs(true);
    for (const hash of prefix) {
      store.keep(hash);
      sequence.push(hash);
    }
    counts.reused += prefix.length;
    log(`${prefix.length} article(s) unchanged since the last build: going on from its saved state`);
  };
  lap("setup");

  // In input order: duplicate marks (they depend on every earlier article), the output lines, the store,
  // the graph. Only what the graph needs stays in memory once an article is done.
  const onResult = (r: TaskResult) => {
    if (r.error || !r.clean) {
      taskErrors++;
      warnings.push({ file: r.clean?.source ?? r.hash, reason: `could not be processed: ${r.error}` });
      return;
    }
    const doc = applyDuplicateMarks(r.clean, dedup!.add(r.clean.id, r.shingles!));
    documentsOut!.write(
      JSON.stringify({
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
      }) + "\n",
    );
    mentionsOut!.write(r.mentionLines ?? "");
    rolesOut!.write(r.roleLines ?? "");
    if (r.row) store.put(r.hash, r.row);
    else store.keep(r.hash);
    accumulator.add(doc, r.mentions!, r.roles!);
    for (const m of r.mentions!) {
      if (m.candidate) candidates.add(m as Mention & { evidenceKind?: string });
    }
    if (summary.length < MAX_SUMMARY_LINES) {
      const removed = Object.entries(doc.stats.removed)
        .filter(([, n]) => n)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
      const linked = r.mentions!.filter((m) => !m.candidate).length;
      summary.push(`${doc.id}: ${doc.stats.charsIn} chars in, ${doc.stats.charsKept} kept${removed ? ` (removed: ${removed})` : ""}; ${linked} mentions, ${r.roles!.length} roles`);
    }
  };

  // The extraction starts with the first article to process: an appended day resumed from the saved
  // state may be too small to be worth the workers' start-up.
  let extraction: Extraction | undefined;
  const remainingBytes = (fromFile: number) => listed.files.slice(fromFile).reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);
  const extractionFor = (fileIndex: number, resumed: boolean): Extraction => {
    const n = resumed && options.workers === undefined && remainingBytes(fileIndex) < MIN_BYTES_FOR_WORKERS ? 0 : workers;
    usedWorkers = n;
    return n ? new WorkerExtraction(n, { dictionary, versions }, onResult) : new InlineExtraction(createPipelineContext(dictionary), versions, onResult);
  };
  let usedWorkers = workers;
  let resumed = false;
  const progress = new ProgressBar(listed.files.length, options.quiet);
  let seq = 0;
  let finished = false;
  /** Articles that match the saved sequence so far (only their hashes): resumed from, or replayed. */
  let matching: string[] | undefined = savedSequence ? [] : undefined;
  if (!savedSequence) startFresh();

  const submit = async (hash: string, raw: RawDocument | undefined, fileIndex: number) => {
    const row = store.get(hash);
    let task: Task;
    if (row && row.cleanVersion === versions.clean && row.linkVersion === versions.link) {
      task = { seq: seq++, hash, kind: "stored", row };
      counts.reused++;
    } else if (row && row.cleanVersion === versions.clean) {
      // A dictionary change re-links; the cleaned text is still good.
      task = { seq: seq++, hash, kind: "relink", clean: row.clean };
      counts.relinked++;
    } else if (raw) {
      task = { seq: seq++, hash, kind: "raw", raw };
      counts.processed++;
    } else {
      throw new Error(`store.sqlite in ${options.out} lacks an article its saved state names; delete ${options.out} and build again`);
    }
    sequence.push(hash);
    extraction ??= extractionFor(fileIndex, resumed);
    await extraction.submit(task);
  };
  /** Ends the matching: resume when the whole saved sequence came first, else fold everything again. */
  const decide = async (fileIndex: number) => {
    const prefix = matching!;
    matching = undefined;
    if (prefix.length === savedSequence!.length) {
      resume(prefix);
      resumed = true;
      return;
    }
    startFresh();
    for (const hash of prefix) await submit(hash, undefined, fileIndex);
  };

  try {
    for (let fileIndex = 0; fileIndex < listed.files.length; fileIndex++) {
      const file = listed.files[fileIndex];
      progress.tick(path.basename(file));
      const read = readInputFile(file);
      warnings.push(...read.warnings);
      for (const raw of read.docs) {
        const hash = contentHash(raw);
        if (matching) {
          if (matching.length < savedSequence!.length && savedSequence![matching.length] === hash) {
            matching.push(hash);
            continue;
          }
          await decide(fileIndex);
        }
        await submit(hash, raw, fileIndex);
      }
    }
    if (matching) await decide(listed.files.length);
    await extraction?.finish();
    finished = true;
    progress.done();
    // The state the next build may go on from: only when every article of this one was folded in.
    if (!taskErrors) {
      store.putState("nearDuplicates", stateVersion, dedup!.snapshot());
      store.putState("accumulator", stateVersion, accumulator.snapshot());
      store.putState("candidates", stateVersion, candidates.snapshot());
      store.putState("sequence", stateVersion, sequence);
    }
    dedup!.close({ keepFiles: !taskErrors });
    // The index (postings, sketches, unit columns) is done with: let it go before the graph and exports.
    dedup = undefined;
    evidence.flushAll();
    documentsOut!.close();
    mentionsOut!.close();
    rolesOut!.close();
    lap("extract");

    const { graph, evidenceTotals, pairs } = accumulator.finish();
    lap("graph");
    writeFileSync(path.join(tmp, "candidates.jsonl"), jsonl(candidates.ranked()));
    writeFileSync(path.join(tmp, "warnings.jsonl"), jsonl(warnings));
    // The shards are written from the accumulated evidence below; exportAll gets none, so it only
    // makes the (empty) evidence folder.
    exportAll(tmp, graph, new Map(), { gexfVersion: options.gexfVersion, evidenceTotals });
    writeEvidenceShards(tmp, pairs, evidenceTotals, (shard) => evidence.shardJson(shard, MAX_EVIDENCE_PER_LEVEL), (pair, total, items) => store.putEvidence(pair, total, items));
    // Without a saved state (an article failed) no later build goes on from the candidates.
    if (taskErrors) rmSync(evidence.dir, { recursive: true, force: true });
    store.setMeta("maxEvidencePerLevel", String(MAX_EVIDENCE_PER_LEVEL));
    writeFileSync(
      path.join(tmp, "build.json"),
      JSON.stringify(
        { dictionaryVersion: dictionary.version, window: options.window, documents: accumulator.documents, inputs: options.inputs, articles: counts },
        null,
        2,
      ),
    );
    store.setMeta("dictionaryVersion", dictionary.version);
    store.close();
    lap("export");
    swapIn(tmp, options.out);

    for (const line of summary) log(line);
    if (accumulator.documents > summary.length) log(`… and ${accumulator.documents - summary.length} more document(s)`);
    for (const w of warnings.slice(0, 200)) log(`warning: ${w.file}${w.line ? `:${w.line}` : ""}: ${w.reason}`);
    if (warnings.length > 200) log(`… and ${warnings.length - 200} more warning(s) (warnings.jsonl)`);
    log(
      `built ${accumulator.documents} document(s) into ${options.out}: ${graph.order} entities, ${graph.size} edges` +
        `${warnings.length ? `; ${warnings.length} warning(s)` : ""}` +
        ` (${counts.processed} processed, ${counts.relinked} re-linked, ${counts.reused} reused; ${usedWorkers || "no"} worker thread(s))`,
    );
    return { documents: accumulator.documents, warnings, ...counts, resumed: resumed ? savedSequence!.length : 0, workers: usedWorkers, timings };
  } catch (err) {
    if (!finished) await extraction?.abort();
    store.abort();
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
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
      "include-candidates": { type: "boolean", default: false },
      "gexf-version": { type: "string", default: "1.3" },
      workers: { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log("usage: guanxi build <files|folders…> [--out DIR] [--window sentence|paragraph|article] [--gexf-version 1.3|1.2draft] [--include-candidates] [--strict] [--workers N]");
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
    workers: parseWorkers(values.workers),
  });
  if (result.documents === 0) {
    console.error("guanxi build: no document could be built");
    return 1;
  }
  return values.strict && result.warnings.length ? 1 : 0;
}

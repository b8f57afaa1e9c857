// The build engine: reads the inputs, runs every article through the stages (in worker threads or in
// the main thread), folds the results in input order into the output lines, the near-duplicate index,
// the graph accumulator and the store, then composes the graph's metrics and layout and writes the
// exports, all into a temporary folder swapped in at the end (output.ts).
//
// Inputs are streamed: articles are read file by file; memory grows with the graph, not the corpus. A
// build into an existing output reuses the stored results of unchanged articles (store.sqlite), and goes
// on from the previous build's saved state when its inputs only append articles (resume.ts), each file
// checked first against the counts and checksums the previous build recorded in build.json.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { InputWarning, Mention, RawDocument, WindowLevel } from "../types.ts";
import { fileStem, listInputFiles, readInputFile, type ColumnMap } from "../ingest/index.ts";
import { DEFAULT_DICTIONARY_DIR, formatProblem, loadDictionary } from "../link/dictionary.ts";
import { CandidateTally } from "../roles/discover.ts";
import { applyDuplicateMarks, CompactNearDuplicateIndex, type NearDuplicateState } from "../dedup/near-duplicates.ts";
import { EvidenceSpill } from "../evidence/spill.ts";
import { writeEvidenceShards } from "../evidence/shards.ts";
import { GraphAccumulator, type AccumulatorState } from "../graph/accumulate.ts";
import { MAX_EVIDENCE_PER_LEVEL } from "../graph/model.ts";
import { computeMetrics } from "../graph/metrics.ts";
import { layoutGraph } from "../graph/layout.ts";
import { exportAll, exportedFiles, type ExtraFormat } from "../export/index.ts";
import { BuildStore, STORE_FILE } from "../store/store.ts";
import { createPipelineContext } from "./analyse.ts";
import { InlineExtraction, WorkerExtraction, type Extraction } from "./extraction.ts";
import { lockOutput } from "./lock.ts";
import { jsonl, LineWriter, removeStaleTemporaries, swapIn, tempSibling } from "./output.ts";
import { BUILD_SUMMARY, CARRIED_OUTPUTS, copyCarriedFiles, EVIDENCE_SPILL_DIR, NEAR_DUPLICATE_FILES, type OutputRecord, PreviousOutput, recordOutput } from "./resume.ts";
import type { Task, TaskResult, TaskVersions } from "./task.ts";
import { contentHash, stageVersions } from "./versions.ts";

/** How far a build has come: called as files are read and articles folded in. */
export interface BuildProgress {
  /** Articles folded into the outputs so far. */
  articles: number;
  /** Input files read so far, and in all. */
  filesRead: number;
  files: number;
  /** Bytes of input read so far, and in all: the article count is known only at the end, the bytes from the start. */
  bytesRead: number;
  bytes: number;
}

export interface BuildOptions {
  inputs: string[];
  out: string;
  dictionaryDir: string;
  strict: boolean;
  window: WindowLevel;
  /** Recognised names (candidates) in the graph too; false builds the strict, dictionary-only graph. */
  includeCandidates: boolean;
  gexfVersion: "1.3" | "1.2draft";
  /** Graph formats written besides graph.json and graph.gexf (`--formats`; none by default). */
  formats?: ExtraFormat[];
  /** Extraction worker threads; default os.availableParallelism(). 1 (or a tiny input) runs in the main thread. */
  workers?: number;
  /** CSV/TSV inputs: which column holds which field (`--columns text=正文,date=发布时间`). */
  columns?: ColumnMap;
  /** Told how far the build has come (a progress bar). */
  onProgress?: (progress: BuildProgress) => void;
  /** Told what a user may want to know along the way (a resumed build, dictionary problems). */
  onNote?: (line: string) => void;
}

/** A build's options with the defaults (workers as chooseWorkers decides), `extra` on top. */
export function defaultBuildOptions(inputs: string[], out: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    inputs,
    out,
    dictionaryDir: DEFAULT_DICTIONARY_DIR,
    strict: false,
    window: "article",
    includeCandidates: true,
    gexfVersion: "1.3",
    ...extra,
  };
}

/** One built document, for a per-document report. */
export interface DocumentSummary {
  id: string;
  charsIn: number;
  charsKept: number;
  removed: Record<string, number>;
  mentions: number;
  roles: number;
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
  /** The graph's size. */
  entities: number;
  edges: number;
  /** The first MAX_SUMMARIES documents folded in this build, for a per-document report. */
  summaries: DocumentSummary[];
  /** Milliseconds per stage: extraction (read, clean, link, accumulate), graph (metrics, layout), export. */
  timings: Record<string, number>;
  /** Files of the previous output found damaged (by name relative to it), and so not gone on from. */
  damaged: string[];
}

/**
 * A build that would write an output without a single document (a mistyped input path, an empty folder,
 * every article failing): the previous output is left as it was. `warnings` say what went wrong with each input.
 */
export class NothingToBuildError extends Error {
  constructor(
    message: string,
    readonly warnings: InputWarning[],
  ) {
    super(message);
    this.name = "NothingToBuildError";
  }
}

/** Below this many bytes of input, workers are not started: their start-up (seconds each, to load
 * nodejieba's dictionary) would cost more than the whole build. */
export const MIN_BYTES_FOR_WORKERS = 2 * 1024 * 1024;

/** Per-document summaries kept for the report; past this many, only the count. */
const MAX_SUMMARIES = 1000;

const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

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
    bytes += sizeOf(f);
    if (bytes >= MIN_BYTES_FOR_WORKERS) return n;
  }
  return 0;
}

/** What a failed input says, for a one-line message. */
const reasons = (warnings: InputWarning[]) => warnings.slice(0, 5).map((w) => `${w.file}: ${w.reason}`).join("; ") + (warnings.length > 5 ? `; … ${warnings.length - 5} more` : "");

/**
 * Builds the inputs into `options.out`. Only one build at a time writes an output folder (lock.ts); one
 * that has nothing to build throws NothingToBuildError and leaves the folder as it was.
 */

/**
 * build.json: what the build was made from, how many articles it read, re-linked and reused, and the
 * record of the files the next build goes on from (`carried`, resume.ts) or keeps as they are (`exported`).
 */
function buildRecord(dictionaryVersion: string, options: BuildOptions, documents: number, articles: Record<string, number>, files: OutputRecord): string {
  return JSON.stringify({ dictionaryVersion, window: options.window, documents, inputs: options.inputs, articles, ...files }, null, 2);
}

/** Store meta key: the export options the output's files were written with, and the graph's size. */
const EXPORTS_META = "exports";
const exportsMeta = (options: BuildOptions, entities: number, edges: number) => JSON.stringify({ gexfVersion: options.gexfVersion, formats: exportedFiles(options), entities, edges });

/** The files of an output besides those a resumed build carries (resume.ts checks those). */
const outputFiles = (options: BuildOptions) => [...exportedFiles(options), "candidates.jsonl", "warnings.jsonl", "build.json", "evidence"];

/**
 * A build with nothing new: the previous output already holds every file this build would write
 * (byte for byte, but build.json's counts), when it was written with the same export options, the
 * inputs give the same warnings, its carried files match their checksums and its exported files their
 * recorded sizes. Then it is kept, and the graph, layout and exports (most of a rebuild's time) are not
 * made again. Returns the graph's size and the record to keep, or undefined when the output must be written.
 */
function unchangedOutput(options: BuildOptions, store: BuildStore, previous: PreviousOutput, warnings: InputWarning[]): { entities: number; edges: number; files: OutputRecord } | undefined {
  const meta = store.getMeta(EXPORTS_META);
  if (!meta) return undefined;
  const { gexfVersion, formats, entities, edges } = JSON.parse(meta) as { gexfVersion: string; formats?: string[]; entities: number; edges: number };
  const expected = outputFiles(options);
  // The same files as before: a build asking for other formats writes the output again.
  if (gexfVersion !== options.gexfVersion || JSON.stringify(formats) !== JSON.stringify(exportedFiles(options))) return undefined;
  if (!expected.every((f) => existsSync(path.join(options.out, f)))) return undefined;
  const files = previous.outputRecord();
  if (!files || !previous.stateFiles() || !previous.exportedFiles(expected)) return undefined;
  if (readFileSync(path.join(options.out, "warnings.jsonl"), "utf8") !== jsonl(warnings)) return undefined;
  return { entities, edges, files };
}

/** Replaces one file of an output by a rename: a reader sees the old text or the new, never half. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export async function runBuild(options: BuildOptions): Promise<BuildResult> {
  const note = (line: string) => options.onNote?.(line);
  const listed = listInputFiles(options.inputs);
  if (!listed.files.length) {
    throw new NothingToBuildError(
      `nothing to build: no input file in ${options.inputs.join(", ")}${listed.warnings.length ? ` (${reasons(listed.warnings)})` : ""}; ${untouched(options.out)}`,
      listed.warnings,
    );
  }
  const lock = lockOutput(options.out, note);
  try {
    const removed = removeStaleTemporaries(options.out);
    if (removed.length) note(`removed ${removed.length} temporary folder(s) left beside ${options.out} by builds that were killed`);
    return await buildLocked(options, listed, note);
  } finally {
    lock.release();
  }
}

const untouched = (out: string) => (existsSync(out) ? `${out} is left as it was` : `${out} was not written`);

async function buildLocked(options: BuildOptions, listed: ReturnType<typeof listInputFiles>, note: (line: string) => void): Promise<BuildResult> {
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
    for (const p of errors.slice(0, 20)) note(formatProblem(p));
    throw new Error(`the dictionary has ${errors.length} error(s); fix them (guanxi dict check) before building`);
  }
  // Stored results are reused only when made by the same code (and, for the analysis, the same dictionary).
  const code = stageVersions();
  const versions: TaskVersions = { clean: code.clean, link: `${dictionary.version}:${code.analysis}` };
  const warnings: InputWarning[] = [...listed.warnings];
  /** Cleaning's warnings, saved with the state: a build that goes on from it reports them again. */
  const cleanWarnings: InputWarning[] = [];
  const workers = chooseWorkers(options.workers, listed.files);
  const progress: BuildProgress = { articles: 0, filesRead: 0, files: listed.files.length, bytesRead: 0, bytes: listed.files.reduce((n, f) => n + sizeOf(f), 0) };

  const tmp = tempSibling(options.out);
  // Nothing of the previous output is read before it is checked against its record (resume.ts).
  const previous = new PreviousOutput(options.out, note);
  const store = new BuildStore(path.join(tmp, STORE_FILE), previous.store() ? path.join(options.out, STORE_FILE) : undefined);
  const evidence = new EvidenceSpill(path.join(tmp, EVIDENCE_SPILL_DIR));
  const accumulator = new GraphAccumulator(dictionary, evidence, { window: options.window, includeCandidates: options.includeCandidates });
  let candidates = new CandidateTally();
  let dedup: CompactNearDuplicateIndex | undefined;
  let documentsOut: LineWriter | undefined;
  let mentionsOut: LineWriter | undefined;
  let rolesOut: LineWriter | undefined;
  const summaries: DocumentSummary[] = [];
  const counts = { processed: 0, relinked: 0, reused: 0 };
  /** The content hash of every article, in build order: what the next build compares its inputs with. */
  const sequence: string[] = [];
  let taskErrors = 0;

  // A build that only appends articles to the previous one's inputs goes on from its saved state
  // instead of folding every article again. The state is valid only for the same code, dictionary and options.
  const stateVersion = [versions.clean, versions.link, code.state, options.window, options.includeCandidates].join(":");
  /** A saved value, or undefined; one that cannot be deserialised (another Node's format) is named, and not gone on from. */
  const savedState = <T>(key: string): T | undefined => {
    try {
      return store.getState(key, stateVersion) as T | undefined;
    } catch (err) {
      previous.report(STORE_FILE, `its saved state cannot be read: ${(err as Error).message}`, "the build does not go on from it; every article is folded in again");
      return undefined;
    }
  };
  const savedSequence = store.hasState("sequence", stateVersion) ? savedState<string[]>("sequence") : undefined;
  /** The saved state to go on from, when every part of it can be read. */
  const loadState = () => {
    const nearDuplicates = savedState<NearDuplicateState>("nearDuplicates");
    const accumulated = nearDuplicates && savedState<AccumulatorState>("accumulator");
    const tally = accumulated && savedState("candidates");
    if (!tally) return undefined;
    const warned: InputWarning[] = savedState<InputWarning[]>("cleanWarnings") ?? [];
    return { nearDuplicates, accumulated, tally, warned };
  };

  /** Opens the line outputs: empty, or (resuming) appending to the carried ones. */
  const openOutputs = (append: boolean) => {
    [documentsOut, mentionsOut, rolesOut] = CARRIED_OUTPUTS.map((n) => new LineWriter(path.join(tmp, n), append));
  };
  const startFresh = () => {
    store.clearState();
    evidence.clear();
    dedup = new CompactNearDuplicateIndex(path.join(tmp, NEAR_DUPLICATE_FILES));
    openOutputs(false);
  };
  /** Carries the previous build's state files into the build folder; false (and named) when they cannot be gone on from. */
  const carryState = (): boolean => {
    copyCarriedFiles(options.out, tmp);
    const problem = evidence.expand(options.out);
    if (problem) previous.report(problem.file, problem.why, "the build does not go on from the saved state; every article is folded in again");
    return !problem;
  };
  const resume = (prefix: string[], state: NonNullable<ReturnType<typeof loadState>>) => {
    dedup = new CompactNearDuplicateIndex(path.join(tmp, NEAR_DUPLICATE_FILES), state.nearDuplicates);
    accumulator.restore(state.accumulated);
    candidates = CandidateTally.restore(state.tally);
    cleanWarnings.push(...state.warned);
    warnings.push(...state.warned);
    openOutputs(true);
    for (const hash of prefix) {
      store.keep(hash);
      sequence.push(hash);
    }
    counts.reused += prefix.length;
    progress.articles += prefix.length;
    note(`${prefix.length} article(s) unchanged since the last build: going on from its saved state`);
  };
  lap("setup");

  // In input order: duplicate marks (they depend on every earlier article), the output lines, the store,
  // the graph. Only what the graph needs stays in memory once an article is done.
  const onResult = (r: TaskResult) => {
    progress.articles++;
    options.onProgress?.(progress);
    if (r.error || !r.clean) {
      taskErrors++;
      warnings.push({ file: r.clean?.source ?? r.hash, reason: `could not be processed: ${r.error}` });
      return;
    }
    // What cleaning reports (a page flattened) is a warning of the build, on every build that reads
    // the article, reused or not. An article left with no text is reported and left out of the outputs.
    const source = r.clean.source;
    const named = (reason: string) => (r.clean!.id === fileStem(source) ? reason : `${r.clean!.id}: ${reason}`);
    const cleanWarning = (reason: string) => {
      const w = { file: source, reason: named(reason) };
      warnings.push(w);
      cleanWarnings.push(w);
    };
    for (const reason of r.clean.warnings ?? []) cleanWarning(reason);
    if (r.clean.text === "") {
      if (r.row) store.put(r.hash, r.row);
      else store.keep(r.hash);
      const why = r.clean.format === "html" || r.clean.format === "json-escaped-html" ? " (the page holds only scripts, styles or markup)" : "";
      cleanWarning(`no text once cleaned${why}: left out of the build`);
      return;
    }
    const doc = applyDuplicateMarks(r.clean, dedup!.add(r.clean.id, r.shingles!));
    documentsOut!.write(
      JSON.stringify({
        id: doc.id,
        source: doc.source,
        title: doc.title,
        // null, not absent, when the source states no date: a reader can tell "none" from "not looked for".
        date: doc.date ?? null,
        url: doc.url,
        publisher: doc.publisher,
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
    if (summaries.length < MAX_SUMMARIES) {
      summaries.push({
        id: doc.id,
        charsIn: doc.stats.charsIn,
        charsKept: doc.stats.charsKept,
        removed: Object.fromEntries(Object.entries(doc.stats.removed).filter(([, n]) => n)) as Record<string, number>,
        mentions: r.mentions!.filter((m) => !m.candidate).length,
        roles: r.roles!.length,
      });
    }
  };

  // The extraction starts with the first article to process: an appended day resumed from the saved
  // state may be too small to be worth the workers' start-up.
  let extraction: Extraction | undefined;
  const remainingBytes = (fromFile: number) => listed.files.slice(fromFile).reduce((n, f) => n + sizeOf(f), 0);
  const extractionFor = (fileIndex: number, resumed: boolean): Extraction => {
    const n = resumed && options.workers === undefined && remainingBytes(fileIndex) < MIN_BYTES_FOR_WORKERS ? 0 : workers;
    usedWorkers = n;
    return n ? new WorkerExtraction(n, { dictionary, versions }, onResult) : new InlineExtraction(createPipelineContext(dictionary), versions, onResult);
  };
  let usedWorkers = workers;
  let resumed = false;
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
    // Its files are checked only now that the build would go on from them.
    const resumable = prefix.length === savedSequence!.length && previous.stateFiles();
    // The extraction starts here, before the saved state is read and carried over, so that its workers'
    // start-up (nodejieba's dictionary, the matcher, the recogniser's model: seconds each) runs beside
    // that work instead of after it.
    extraction ??= extractionFor(fileIndex, resumable);
    const state = resumable ? loadState() : undefined;
    if (state && carryState()) {
      resume(prefix, state);
      resumed = true;
      return;
    }
    startFresh();
    for (const hash of prefix) await submit(hash, undefined, fileIndex);
  };

  try {
    for (let fileIndex = 0; fileIndex < listed.files.length; fileIndex++) {
      const file = listed.files[fileIndex];
      const read = readInputFile(file, { columns: options.columns, id: listed.ids.get(file) });
      progress.filesRead++;
      progress.bytesRead += sizeOf(file);
      options.onProgress?.(progress);
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
    // Every input is an article the previous build folded, in the same order, and nothing else: its
    // output is this build's, unless something outside the state differs (see unchangedOutput).
    if (matching && matching.length === savedSequence!.length) {
      const kept = unchangedOutput(options, store, previous, warnings);
      if (kept) {
        store.abort();
        rmSync(tmp, { recursive: true, force: true });
        counts.reused += matching.length;
        writeAtomically(path.join(options.out, BUILD_SUMMARY), buildRecord(dictionary.version, options, matching.length, counts, kept.files));
        lap("extract");
        return { documents: matching.length, warnings, ...counts, resumed: matching.length, workers: 0, entities: kept.entities, edges: kept.edges, summaries, timings, damaged: previous.damaged };
      }
    }
    if (matching) await decide(listed.files.length);
    await extraction?.finish();
    finished = true;
    if (!accumulator.documents) {
      const problems = warnings.length ? ` (${reasons(warnings)})` : " (they hold no article)";
      throw new NothingToBuildError(`nothing to build: no document could be built from ${listed.files.length} input file(s)${problems}; ${untouched(options.out)}`, warnings);
    }
    // The state the next build may go on from: only when every article of this one was folded in.
    if (!taskErrors) {
      store.putState("nearDuplicates", stateVersion, dedup!.snapshot());
      store.putState("accumulator", stateVersion, accumulator.snapshot());
      store.putState("candidates", stateVersion, candidates.snapshot());
      store.putState("sequence", stateVersion, sequence);
      store.putState("cleanWarnings", stateVersion, cleanWarnings);
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
    computeMetrics(graph);
    layoutGraph(graph);
    lap("graph");
    writeFileSync(path.join(tmp, "candidates.jsonl"), jsonl(candidates.ranked()));
    writeFileSync(path.join(tmp, "warnings.jsonl"), jsonl(warnings));
    exportAll(tmp, graph, { gexfVersion: options.gexfVersion, formats: options.formats });
    // The candidates are cut down to references into the shards as each is written: the shards hold their text.
    writeEvidenceShards(tmp, pairs, evidenceTotals, (shard) => evidence.shardJson(shard, MAX_EVIDENCE_PER_LEVEL, !taskErrors), (pair, place) => {
      store.putEvidence(pair, place);
      evidence.placed(pair, place);
    });
    evidence.endCompaction();
    // Without a saved state (an article failed) no later build goes on from the candidates.
    if (taskErrors) rmSync(evidence.dir, { recursive: true, force: true });
    store.setMeta("maxEvidencePerLevel", String(MAX_EVIDENCE_PER_LEVEL));
    store.setMeta("dictionaryVersion", dictionary.version);
    store.setMeta(EXPORTS_META, exportsMeta(options, graph.order, graph.size));
    store.close();
    // Last, once every file the next build may go on from is complete: their counts and checksums.
    writeFileSync(path.join(tmp, BUILD_SUMMARY), buildRecord(dictionary.version, options, accumulator.documents, counts, recordOutput(tmp, outputFiles(options))));
    lap("export");
    swapIn(tmp, options.out);
    return {
      documents: accumulator.documents,
      warnings,
      ...counts,
      resumed: resumed ? savedSequence!.length : 0,
      workers: usedWorkers,
      entities: graph.order,
      edges: graph.size,
      summaries,
      timings,
      damaged: previous.damaged,
    };
  } catch (err) {
    if (!finished) await extraction?.abort();
    store.abort();
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

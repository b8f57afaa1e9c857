// The per-article pipeline, stage by stage: clean → segment → link → roles → discovery. Each stage is a
// plain function of its own folder; this file only passes the document along, as spaCy's pipeline does.
//
// It also runs that pipeline for a build: `processTask` is the per-article work (the same in a worker
// thread and in the main thread), and `ExtractionPool` hands tasks to worker threads and gives the
// results back in input order, so everything order-dependent (near-duplicate marking, the graph) stays
// in the main thread and the output does not depend on the number of workers.
import { Worker } from "node:worker_threads";
import type { CleanDocument, Dictionary, DocumentAnalysis, Mention, RawDocument, Role } from "../types.ts";
import { cleanDocument, normalizeForMatching, normalizeString } from "../clean/index.ts";
import { segmentTokens } from "../segment/tokens.ts";
import { buildMatcher, linkMentions, type Matcher } from "../link/link.ts";
import { discoverCandidates } from "../roles/discover.ts";
import { recogniseNames } from "../recognise/index.ts";
import { reconcileRecognised } from "../recognise/reconcile.ts";
import { buildNameIndex, extractRoles } from "../roles/roles.ts";
import type { DictionaryEntry } from "../types.ts";
import { documentShingles, type UnitShingles } from "../store/near-duplicates.ts";
import type { StoredClean, StoredRow } from "../store/store.ts";

export interface PipelineContext {
  dictionary: Dictionary;
  matcher: Matcher;
  nameIndex: Map<string, DictionaryEntry>;
}

/** Prepares what every article needs: the alias matcher (and nodejieba user words), the name index. */
export function createPipelineContext(dictionary: Dictionary): PipelineContext {
  return {
    dictionary,
    matcher: buildMatcher(dictionary, normalizeString),
    nameIndex: buildNameIndex(dictionary),
  };
}

/** Everything after cleaning: the analysis of one cleaned document. */
export function analyseCleanDocument(doc: CleanDocument, ctx: PipelineContext): DocumentAnalysis {
  const tokens = segmentTokens(doc.normText);
  // Names the dictionary does not know, from the statistical recogniser (src/recognise/), reconciled
  // with the links: the dictionary wins; recognised people then get their roles like linked ones.
  const found = reconcileRecognised(doc, linkMentions(doc, ctx.matcher, tokens), recogniseNames(doc.normText), ctx.nameIndex, tokens);
  const linked: Mention[] = [...found.linked, ...found.relinked, ...found.candidates];
  const roles: Role[] = extractRoles(doc, linked, tokens, ctx.dictionary, ctx.nameIndex);
  const candidates = discoverCandidates(doc, linked, roles, tokens);
  const mentions = [...linked, ...candidates].sort((a, b) => a.start - b.start || a.end - b.end);
  return { doc, mentions, roles };
}

/** Cleans and analyses one raw article. */
export function analyseDocument(raw: RawDocument, ctx: PipelineContext): DocumentAnalysis {
  return analyseCleanDocument(cleanDocument(raw), ctx);
}

// ---------------------------------------------------------------- build tasks

/**
 * One article of a build:
 *   raw    — new or changed: clean and link;
 *   relink — cleaned by the same code, linked with another dictionary: link again, do not re-clean;
 *   stored — unchanged: only what the main thread needs back (the near-duplicate shingles).
 */
export type Task =
  | { seq: number; hash: string; kind: "raw"; raw: RawDocument }
  | { seq: number; hash: string; kind: "relink"; clean: string }
  | { seq: number; hash: string; kind: "stored"; row: StoredRow };

export interface TaskResult {
  seq: number;
  hash: string;
  kind: Task["kind"];
  clean?: StoredClean;
  mentions?: Mention[];
  roles?: Role[];
  shingles?: UnitShingles;
  /** The JSON lines of mentions.jsonl and roles.jsonl (they do not depend on duplicate marking). */
  mentionLines?: string;
  roleLines?: string;
  /** The row to store (new or re-linked articles); absent for reused ones. */
  row?: StoredRow;
  error?: string;
}

export interface TaskVersions {
  clean: string;
  link: string;
}

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r) + "\n").join("");

function stripClean(doc: CleanDocument): StoredClean {
  const { sourceMap: _s, normText: _n, normToClean: _m, ...rest } = doc;
  return rest;
}

/** The per-article work of a build (runs in a worker, or in the main thread for small inputs). */
export function processTask(task: Task, ctx: PipelineContext, versions: TaskVersions): TaskResult {
  const base = { seq: task.seq, hash: task.hash, kind: task.kind };
  try {
    if (task.kind === "stored") {
      const clean = JSON.parse(task.row.clean) as StoredClean;
      // normText is not stored (it is the size of the text again): recomputed, it gives the shingles.
      const shingles = documentShingles({ ...normalizeForMatching(clean.text), sentences: clean.sentences, paragraphs: clean.paragraphs });
      const mentions = JSON.parse(task.row.mentions) as Mention[];
      const roles = JSON.parse(task.row.roles) as Role[];
      return { ...base, clean, mentions, roles, shingles, mentionLines: jsonl(mentions), roleLines: jsonl(roles) };
    }
    let doc: CleanDocument;
    let cleanJson: string;
    if (task.kind === "raw") {
      doc = cleanDocument(task.raw);
      cleanJson = JSON.stringify(stripClean(doc));
    } else {
      cleanJson = task.clean;
      const stored = JSON.parse(task.clean) as StoredClean;
      doc = { ...stored, ...normalizeForMatching(stored.text), sourceMap: [] };
    }
    const { mentions, roles } = analyseCleanDocument(doc, ctx);
    const shingles = documentShingles(doc);
    const mentionLines = jsonl(mentions);
    const roleLines = jsonl(roles);
    return {
      ...base,
      clean: stripClean(doc),
      mentions,
      roles,
      shingles,
      mentionLines,
      roleLines,
      row: { id: doc.id, cleanVersion: versions.clean, linkVersion: versions.link, clean: cleanJson, mentions: JSON.stringify(mentions), roles: JSON.stringify(roles) },
    };
  } catch (err) {
    return { ...base, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The buffers of a result's shingles, moved (not copied) to the main thread. */
export function transferList(results: TaskResult[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const r of results) {
    if (!r.shingles) continue;
    for (const a of [...r.shingles.sentences, ...r.shingles.paragraphs]) out.push(a.buffer as ArrayBuffer);
  }
  return out;
}

export interface WorkerInit {
  dictionary: Dictionary;
  versions: TaskVersions;
}

/** Hands tasks out and calls `onResult` for each result in `seq` order (0, 1, 2, …). */
export interface Extraction {
  /** Resolves when the task is accepted (waits while too many are in flight: memory stays bounded). */
  submit(task: Task): Promise<void>;
  /** Waits for every result, then stops the workers. */
  finish(): Promise<void>;
  /** Stops at once (a failed build). */
  abort(): Promise<void>;
}

/** In the main thread: no worker start-up (nodejieba's dictionary load is seconds per worker). */
export class InlineExtraction implements Extraction {
  constructor(
    private ctx: PipelineContext,
    private versions: TaskVersions,
    private onResult: (r: TaskResult) => void,
  ) {}
  async submit(task: Task): Promise<void> {
    this.onResult(processTask(task, this.ctx, this.versions));
  }
  async finish(): Promise<void> {}
  async abort(): Promise<void> {}
}

const BATCH = 16;
/**
 * A worker's old-generation heap limit. Its live data is one batch of articles (a few MB); without a
 * limit V8 lets each worker's heap grow to hundreds of MB of garbage before collecting, and with
 * nodejieba's dictionary (about 240 MB per thread, native) two workers alone would pass 1 GB.
 * A 1,000,000-character article (the reader's cap) goes through the whole pipeline in a process
 * limited to this much old-generation heap (measured: 31,000 mentions, about 150 MB live after it).
 */
const WORKER_HEAP_MB = 384;
const IN_FLIGHT_PER_WORKER = 8 * BATCH;

/** Worker threads: each builds its own pipeline context once, then processes batches of tasks. */
export class WorkerExtraction implements Extraction {
  private workers: Worker[] = [];
  private load: number[] = [];
  private batch: Task[] = [];
  private inFlight = 0;
  private results = new Map<number, TaskResult>();
  private nextSeq = 0;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    count: number,
    init: WorkerInit,
    private onResult: (r: TaskResult) => void,
  ) {
    // The worker is TypeScript: a two-line bootstrap registers tsx's loader in the thread, then imports
    // it. (`execArgv: ["--import", "tsx"]` does not reach a worker's entry when the main thread itself
    // registered tsx through its API, as bin/guanxi.mjs does: "Unknown file extension .ts".)
    const bootstrap =
      `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})` +
      `.then((m) => { m.register(); return import(${JSON.stringify(new URL("./worker.ts", import.meta.url).href)}); });`;
    for (let i = 0; i < count; i++) {
      const w = new Worker(bootstrap, { eval: true, workerData: init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      w.on("message", (msg: { results: TaskResult[] }) => this.receive(i, msg.results));
      w.on("error", (err) => this.fail(err));
      w.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`extraction worker ${i} exited with code ${code}`));
      });
      this.workers.push(w);
      this.load.push(0);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
  }

  private receive(worker: number, results: TaskResult[]): void {
    this.load[worker] -= results.length;
    this.inFlight -= results.length;
    for (const r of results) this.results.set(r.seq, r);
    try {
      // Results come back out of order across workers: hand them on in input order.
      for (let r = this.results.get(this.nextSeq); r; r = this.results.get(this.nextSeq)) {
        this.results.delete(this.nextSeq);
        this.nextSeq++;
        this.onResult(r);
      }
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
    this.wake?.();
  }

  private send(): void {
    if (!this.batch.length) return;
    // The least-loaded worker takes the batch: a slow article does not hold up the others.
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[best]) best = i;
    this.load[best] += this.batch.length;
    this.inFlight += this.batch.length;
    this.workers[best].postMessage({ tasks: this.batch });
    this.batch = [];
  }

  private async waitUntil(ok: () => boolean): Promise<void> {
    while (!ok()) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    if (this.failure) throw this.failure;
  }

  async submit(task: Task): Promise<void> {
    if (this.failure) throw this.failure;
    this.batch.push(task);
    if (this.batch.length >= BATCH) {
      this.send();
      await this.waitUntil(() => this.inFlight < IN_FLIGHT_PER_WORKER * this.workers.length);
    }
  }

  async finish(): Promise<void> {
    this.send();
    try {
      await this.waitUntil(() => this.inFlight === 0 && this.results.size === 0);
    } finally {
      await this.abort();
    }
  }

  async abort(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    for (const w of workers) w.removeAllListeners("exit");
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

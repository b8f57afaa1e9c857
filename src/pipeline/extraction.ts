// Running the per-article tasks of a build: in the main thread, or handed to worker threads, with the
// results given back in input order, so that everything order-dependent (near-duplicate marking, the
// graph) stays in the main thread and the output does not depend on the number of workers.
import { Worker } from "node:worker_threads";
import type { Dictionary } from "../types.ts";
import type { PipelineContext } from "./analyse.ts";
import { processTask, type Task, type TaskResult, type TaskVersions } from "./task.ts";

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

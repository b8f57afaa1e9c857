// An extraction worker of a build: builds its pipeline context once (the dictionary's matcher,
// nodejieba's dictionary and user words: seconds), then cleans and links the batches of articles the
// main thread sends, and sends the results back. Everything order-dependent stays in the main thread.
import { parentPort, workerData } from "node:worker_threads";
import { createPipelineContext } from "./analyse.ts";
import type { WorkerInit } from "./extraction.ts";
import { processTask, transferList, type Task, type TaskResult } from "./task.ts";

const init = workerData as WorkerInit;
const ctx = createPipelineContext(init.dictionary);

parentPort!.on("message", (msg: { tasks: Task[] }) => {
  const results: TaskResult[] = msg.tasks.map((t) => processTask(t, ctx, init.versions));
  parentPort!.postMessage({ results }, transferList(results));
});

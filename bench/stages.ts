// `node --import tsx bench/stages.ts [--articles 2000] [--seed 20240601] [--reps 1] [--seed-reps 10]
//    [--corpus synthetic|seeds|dense] [--only STAGE] [--dump FILE]`
//
// Where the per-article time goes: each stage of the pipeline timed on its own, side by side with a
// plain nodejieba cut of the same texts (the baseline the build's throughput is compared against), in
// one process, on two corpora: a seeded synthetic corpus (bench/generate.ts) and the seed articles.
// Each stage runs over precomputed inputs (the outputs of the stages before it), so a row is that
// stage's own cost (the analysis stages are those registered in src/pipeline/stages.ts); `processTask`
// is the whole per-article work of a build (JSON included).
// Every block is run `reps` times, in turn, and its fastest run kept, as CPU time and as elapsed time:
// the machine is shared, and CPU time and the fastest run are the least disturbed by others.
//
// `--dump FILE` writes every article's outputs (cleaned document, tokens, mentions, roles, candidates)
// as JSON lines: two dumps, before and after a change, compare the behaviour byte for byte.
import { createWriteStream, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus } from "./generate.ts";
import { generateDenseCorpus } from "./dense.ts";
import { listInputFiles, readInputFile } from "../src/ingest/index.ts";
import { cleanDocument } from "../src/clean/index.ts";
import { loadDictionary } from "../src/link/dictionary.ts";
import { createPipelineContext, initialState, type PipelineContext } from "../src/pipeline/analyse.ts";
import type { AnalysisState } from "../src/pipeline/stages.ts";
import { processTask, type Task } from "../src/pipeline/task.ts";
import { cutWords, segmentTokens } from "../src/segment/tokens.ts";
import { documentShingles } from "../src/dedup/near-duplicates.ts";
import type { RawDocument } from "../src/types.ts";

/** An article with its analysis state before each registered stage (the stage's own input). */
interface Prepared {
  raw: RawDocument;
  before: AnalysisState[];
}

interface Timing {
  /** Elapsed time. */
  wall: number;
  /** CPU time of the process (user + system): unlike elapsed time, not inflated while other
   * processes hold the CPU, so it is the steadier figure on a shared machine. */
  cpu: number;
}

function timed(fn: () => void): Timing {
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(c);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** Runs every block `reps` times in turn (round robin, so a busy spell hits all alike) and keeps each one's fastest. */
function fastest(reps: number, blocks: (() => void)[]): Timing[] {
  const best = blocks.map(() => ({ wall: Infinity, cpu: Infinity }));
  for (let r = 0; r < reps; r++) {
    blocks.forEach((fn, i) => {
      const t = timed(fn);
      best[i] = { wall: Math.min(best[i].wall, t.wall), cpu: Math.min(best[i].cpu, t.cpu) };
    });
  }
  return best;
}

/** A copy a step may add to without changing the prepared state. */
const copyState = (s: AnalysisState): AnalysisState => ({ ...s, mentions: [...s.mentions], roles: [...s.roles] });

function prepare(raws: RawDocument[], ctx: PipelineContext): Prepared[] {
  return raws.map((raw) => {
    const state = initialState(cleanDocument(raw));
    const before: AnalysisState[] = [];
    for (const step of ctx.steps) {
      before.push(copyState(state));
      step.run(state);
    }
    return { raw, before };
  });
}

const VERSIONS = { clean: "bench", link: "bench" };

/** Every stage over every article, as ms and as a multiple of the cut baseline. */
function measure(name: string, raws: RawDocument[], ctx: PipelineContext, reps: number, only?: string): void {
  const prepared = prepare(raws, ctx);
  const chars = raws.reduce((n, r) => n + r.content.length, 0);
  // One untimed pass of everything warms the JIT, so the first stage timed is not charged for it.
  for (const p of prepared.slice(0, 50)) processTask({ seq: 0, hash: "", kind: "raw", raw: p.raw }, ctx, VERSIONS);
  const tasks: Task[] = raws.map((raw, seq) => ({ seq, hash: String(seq), kind: "raw", raw }));
  const stages: [string, () => void][] = [
    ["cut (baseline)", () => raws.forEach((r) => cutWords(r.content))],
    ["cleanDocument", () => raws.forEach((r) => cleanDocument(r))],
    // Every registered analysis stage, each over its own prepared input (the copy is part of its time: small).
    ...ctx.steps.map((step, i): [string, () => void] => [`stage ${step.name}`, () => prepared.forEach((p) => step.run(copyState(p.before[i])))]),
    ["documentShingles", () => prepared.forEach((p) => documentShingles(p.before[0].doc))],
    ["processTask (all)", () => tasks.forEach((t) => processTask(t, ctx, VERSIONS))],
  ];
  // `--only` keeps the baseline and the stages whose name contains it (for a CPU profile of one stage).
  const kept = stages.filter(([stage], i) => i === 0 || !only || stage.includes(only));
  const times = fastest(reps, kept.map(([, fn]) => fn));
  const cut = times[0];
  console.log(`\n${name}: ${raws.length} articles, ${chars.toLocaleString("en")} characters, fastest of ${reps}`);
  console.log("| stage | CPU ms | × cut | wall ms | × cut |");
  console.log("|---|---:|---:|---:|---:|");
  kept.forEach(([stage], i) => {
    const t = times[i];
    console.log(`| ${stage} | ${t.cpu.toFixed(0)} | ${(t.cpu / cut.cpu).toFixed(2)} | ${t.wall.toFixed(0)} | ${(t.wall / cut.wall).toFixed(2)} |`);
  });
  // The recogniser's cost against the rest of the per-article work (processTask less the recogniser).
  const rec = kept.findIndex(([stage]) => stage === "stage recognise");
  const all = kept.findIndex(([stage]) => stage === "processTask (all)");
  if (rec >= 0 && all >= 0) {
    const r = times[rec].cpu;
    console.log(`recogniser / per-article extraction without it (CPU): ${(r / (times[all].cpu - r)).toFixed(2)}`);
  }
}

/** Every article's outputs as one JSON line each (tags included), for comparing two versions. */
async function dump(file: string, corpora: RawDocument[][], ctx: PipelineContext): Promise<void> {
  const out = createWriteStream(file);
  for (const raws of corpora) {
    for (const raw of raws) {
      const r = processTask({ seq: 0, hash: "", kind: "raw", raw }, ctx, VERSIONS);
      const doc = cleanDocument(raw);
      const tokens = segmentTokens(doc.normText).map((t) => [t.word, t.tag, t.start, t.end]);
      const candidates = (r.mentions ?? []).filter((m) => m.candidate);
      out.write(JSON.stringify({ id: raw.id, error: r.error, clean: r.row?.clean, tokens, mentions: r.mentionLines, roles: r.roleLines, candidates }) + "\n");
    }
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

function readAll(paths: string[]): RawDocument[] {
  return listInputFiles(paths).files.flatMap((f) => readInputFile(f).docs);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: "string", default: "2000" },
      seed: { type: "string", default: "20240601" },
      reps: { type: "string", default: "1" },
      "seed-reps": { type: "string", default: "10" },
      dir: { type: "string", default: join(tmpdir(), "guanxi-stages") },
      dump: { type: "string" },
      only: { type: "string" },
      corpus: { type: "string" },
    },
  });
  const { dictionary } = loadDictionary();
  const ctx = createPipelineContext(dictionary);
  cutWords("预热"); // nodejieba loads its dictionary on the first call: not part of any stage
  const g = generateCorpus(values.dir!, { articles: Number(values.articles), seed: Number(values.seed) });
  const synthetic = readAll(readdirSync(g.base).map((f) => join(g.base, f)));
  const seeds = readAll([join(import.meta.dirname, "../seeds")]);
  if (values.dump) {
    await dump(values.dump, [synthetic, seeds], ctx);
    console.log(`dumped ${synthetic.length + seeds.length} articles to ${values.dump}`);
    return;
  }
  if (values.corpus === "dense") {
    // The dense local news of `npm run bench -- --corpus dense` (20–40 dictionary entities per article).
    const d = generateDenseCorpus(join(values.dir!, "dense"), { articles: Number(values.articles), seed: Number(values.seed) });
    measure("dense", readAll(readdirSync(d.base).map((f) => join(d.base, f))), ctx, Number(values.reps), values.only);
    return;
  }
  if (values.corpus !== "seeds") measure("synthetic", synthetic, ctx, Number(values.reps), values.only);
  if (values.corpus !== "synthetic") measure("seeds", seeds, ctx, Number(values["seed-reps"]), values.only);
}

await main();

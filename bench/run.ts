// `npm run bench [-- --sizes 1000,10000,100000] [--workers N] [--single-max N] [--json]`
//
// For each size: a seeded synthetic corpus (bench/generate.ts), then, measured in one run:
//   cut          plain nodejieba.cut over the same article texts, one thread (the ceiling of a
//                segmentation-based linker);
//   build 1      a full build with one worker (the main thread);
//   build N      a full build with N worker threads (default: the cores);
//   incremental  the N-worker output rebuilt after adding 1% new articles (the next day's news).
// Each build runs in a child process of its own, so its peak memory (maxRSS) is its own.
// Ratios: build 1 / cut throughput, build N / build 1 speed, incremental / full build time.
//
// `--corpus dense` (bench/dense.ts): local news naming 20–40 dictionary entities per article, one .txt
// per article. Beside the builds it also times the peer script (`--peer`, default
// ../shared/peers/jieba_networkx.py beside the repo: jieba + networkx, what an analyst would write) on
// the same files, a rebuild with nothing new, and the output's size against the input's.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus } from "./generate.ts";
import { generateDenseCorpus } from "./dense.ts";
import { defaultBuildOptions, runBuild, type BuildResult } from "../src/pipeline/build.ts";
import { cutWords } from "../src/segment/tokens.ts";

const bin = join(import.meta.dirname, "../bin/guanxi-bench.mjs");
const guanxiBin = join(import.meta.dirname, "../bin/guanxi.mjs");
const DEFAULT_PEER = join(import.meta.dirname, "../../shared/peers/jieba_networkx.py");

interface Measured {
  ms: number;
  maxRssMB: number;
  result: Omit<BuildResult, "warnings"> & { warnings: number };
}

/** Child mode: one build, then its time, stages and peak memory as JSON on stdout. */
export async function child(spec: { inputs: string[]; out: string; workers: number }): Promise<void> {
  const t = performance.now();
  const result = await runBuild(defaultBuildOptions(spec.inputs, spec.out, { workers: spec.workers }));
  const ms = performance.now() - t;
  // maxRSS covers the whole process, worker threads included (they share it).
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, maxRssMB, result: { ...result, warnings: result.warnings.length } }) + "\n");
}

function measureBuild(inputs: string[], out: string, workers: number): Measured {
  const r = spawnSync(process.execPath, [bin, "--child", JSON.stringify({ inputs, out, workers })], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`build failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Measured;
}

function texts(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const content = readFileSync(join(dir, f), "utf8");
    if (f.endsWith(".txt")) {
      out.push(content);
      continue;
    }
    for (const line of content.split("\n")) if (line) out.push((JSON.parse(line) as { text: string }).text);
  }
  return out;
}

interface PeerRun {
  seconds: number;
  /** What the script reports of itself: its dictionary load and its run, nodes and edges. */
  own: { chars: number; load_s: number; run_s: number; chars_per_s: number; nodes: number; edges: number };
}

/** The peer script on the same files, timed from outside (interpreter start and jieba's load included, as a build's are). */
function measurePeer(script: string, python: string, dir: string, files: string[]): PeerRun {
  mkdirSync(dir, { recursive: true });
  const dict = spawnSync(process.execPath, [guanxiBin, "dict", "--json"], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (dict.status !== 0) throw new Error(`guanxi dict --json failed: ${dict.stderr}`);
  const dictFile = join(dir, "dictionary.json");
  writeFileSync(dictFile, dict.stdout);
  const t = performance.now();
  const r = spawnSync(python, [script, dictFile, join(dir, "peer.gexf"), ...files], { encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`peer script failed (${r.status}): ${r.stderr}`);
  return { seconds, own: JSON.parse(r.stdout.trim().split("\n").pop()!) as PeerRun["own"] };
}

/** Bytes under a folder, recursively, and per top-level entry (what takes the room). */
function treeBytes(dir: string): { total: number; entries: Record<string, number> } {
  const size = (p: string): number => {
    const st = statSync(p);
    return st.isDirectory() ? readdirSync(p).reduce((n, f) => n + size(join(p, f)), 0) : st.size;
  };
  const entries: Record<string, number> = {};
  let total = 0;
  for (const f of readdirSync(dir)) {
    const n = size(join(dir, f));
    entries[f] = n;
    total += n;
  }
  return { total, entries };
}

function measureCut(dir: string): { ms: number; chars: number } {
  const all = texts(dir);
  cutWords("预热"); // nodejieba loads its dictionary on the first call: not part of the throughput
  const t = performance.now();
  let chars = 0;
  for (const s of all) {
    cutWords(s);
    chars += s.length;
  }
  return { ms: performance.now() - t, chars };
}

const folderBytes = (dir: string) => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === "--child") {
    await child(JSON.parse(argv[1]));
    return 0;
  }
  if (argv[0] === "--viewer") {
    const { viewerFirstFrame } = await import("./viewer-first-frame.ts");
    const r = await viewerFirstFrame();
    console.log(JSON.stringify({ viewerFirstFrame: { nodes: 5000, edges: 50000, ...r, targetMs: 3000 } }));
    return 0;
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: "string" },
      corpus: { type: "string", default: "synthetic" },
      peer: { type: "string", default: DEFAULT_PEER },
      python: { type: "string", default: "/usr/bin/python3" },
      workers: { type: "string" },
      "single-max": { type: "string" },
      seed: { type: "string", default: "20240601" },
      dir: { type: "string", default: join(tmpdir(), "guanxi-bench") },
      json: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
    },
  });
  const dense = values.corpus === "dense";
  if (!dense && values.corpus !== "synthetic") throw new Error(`--corpus: synthetic or dense, not ${values.corpus}`);
  const sizes = (values.sizes ?? (dense ? "3000" : "1000,10000,100000")).split(",").map((s) => Number(s.trim()));
  const workers = values.workers ? Number(values.workers) : availableParallelism();
  const singleMax = values["single-max"] ? Number(values["single-max"]) : Infinity;
  const say = (line: string) => {
    if (!values.json) process.stderr.write(line + "\n");
  };
  const machine = { cpu: cpus()[0]?.model ?? "unknown", cores: availableParallelism(), memoryGB: round(totalmem() / 2 ** 30, 1), node: process.version, platform: `${process.platform}-${process.arch}` };
  say(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}`);
  const rows = [];
  for (const size of sizes) {
    const dir = join(values.dir!, String(size));
    say(`\n== ${size} ${values.corpus} articles: generating…`);
    const g = dense ? generateDenseCorpus(dir, { articles: size, seed: Number(values.seed) }) : generateCorpus(dir, { articles: size, seed: Number(values.seed) });
    const mb = folderBytes(g.base) / 1e6;
    say(`input: ${round(mb)} MB`);
    let peer: PeerRun | undefined;
    if (dense) {
      if (existsSync(values.peer!) && existsSync(values.python!)) {
        const files = readdirSync(g.base).sort().map((f) => join(g.base, f));
        peer = measurePeer(values.peer!, values.python!, join(dir, "peer"), files);
        say(`peer (${values.peer}): ${round(peer.seconds)} s, ${JSON.stringify(peer.own)}`);
      } else say(`peer: skipped, ${existsSync(values.peer!) ? values.python : values.peer} not found (--peer PATH, --python PATH)`);
    }
    const cut = measureCut(g.base);
    const cutMBs = mb / (cut.ms / 1000);
    say(`cut: ${round(cut.ms / 1000)} s, ${round(cutMBs)} MB/s`);
    const perf = (m: Measured) => ({
      seconds: round(m.ms / 1000),
      articlesPerSecond: round(size / (m.ms / 1000), 1),
      mbPerSecond: round(mb / (m.ms / 1000)),
      peakMemoryMB: Math.round(m.maxRssMB),
      stagesMs: m.result.timings,
      processed: m.result.processed,
      reused: m.result.reused,
      resumed: m.result.resumed,
      workers: m.result.workers,
    });
    let single: ReturnType<typeof perf> | undefined;
    if (size <= singleMax) {
      single = perf(measureBuild([g.base], join(dir, "out-1"), 1));
      say(`build, 1 worker: ${JSON.stringify(single)}`);
      rmSync(join(dir, "out-1"), { recursive: true, force: true });
    }
    const parallel = perf(measureBuild([g.base], join(dir, "out-n"), workers));
    say(`build, ${workers} workers: ${JSON.stringify(parallel)}`);
    const output = treeBytes(join(dir, "out-n"));
    say(`output: ${round(output.total / 1e6)} MB (${round(output.total / 1e6 / mb, 1)}× the input) ${JSON.stringify(Object.fromEntries(Object.entries(output.entries).map(([k, v]) => [k, round(v / 1e6)])))}`);
    // The same inputs again: nothing new to read.
    const noop = perf(measureBuild([g.base], join(dir, "out-n"), workers));
    say(`rebuild, nothing new: ${JSON.stringify(noop)}`);
    const incremental = perf(measureBuild([g.base, g.extra], join(dir, "out-n"), workers));
    say(`incremental (+${g.extraArticles}): ${JSON.stringify(incremental)}`);
    const row = {
      articles: size,
      extraArticles: g.extraArticles,
      inputMB: round(mb),
      cut: { seconds: round(cut.ms / 1000), mbPerSecond: round(cutMBs) },
      build1: single,
      buildN: parallel,
      incremental,
      noop,
      outputMB: round(output.total / 1e6),
      outputFiles: Object.fromEntries(Object.entries(output.entries).map(([k, v]) => [k, round(v / 1e6)])),
      peer: peer && { seconds: round(peer.seconds), ...peer.own },
      ratios: {
        outputVsInput: round(output.total / 1e6 / mb, 2),
        noopVsFull: round(noop.seconds / parallel.seconds, 3),
        peerVsBuildN: peer ? round(peer.seconds / parallel.seconds, 3) : undefined,
        peerVsBuild1: peer && single ? round(peer.seconds / single.seconds, 3) : undefined,
        build1VsCut: single ? round(single.mbPerSecond / cutMBs, 3) : undefined,
        nVs1: single ? round(single.seconds / parallel.seconds, 3) : undefined,
        incrementalVsFull: round(incremental.seconds / parallel.seconds, 3),
      },
    };
    say(`ratios: ${JSON.stringify(row.ratios)}`);
    rows.push(row);
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
  const report = { machine, workers, command: `npm run bench -- ${argv.join(" ")}`.trim(), sizes: rows };
  if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  else {
    console.log("\n| articles | input MB | cut MB/s | build 1: art/s, MB/s, peak MB | build N: art/s, MB/s, peak MB | incremental s (full s) | build1/cut | N/1 | incr/full | no-op/full | output/input | peer s | peer/build N |");
    console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (const r of rows) {
      const b1 = r.build1 ? `${r.build1.articlesPerSecond}, ${r.build1.mbPerSecond}, ${r.build1.peakMemoryMB}` : "–";
      console.log(
        `| ${r.articles} | ${r.inputMB} | ${r.cut.mbPerSecond} | ${b1} | ${r.buildN.articlesPerSecond}, ${r.buildN.mbPerSecond}, ${r.buildN.peakMemoryMB} | ${r.incremental.seconds} (${r.buildN.seconds}) | ${r.ratios.build1VsCut ?? "–"} | ${r.ratios.nVs1 ?? "–"} | ${r.ratios.incrementalVsFull} | ${r.ratios.noopVsFull} | ${r.ratios.outputVsInput} | ${r.peer?.seconds ?? "–"} | ${r.ratios.peerVsBuildN ?? "–"} |`,
      );
    }
  }
  return 0;
}

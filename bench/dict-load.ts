// The dictionary's cost: load time, matcher build time (per process and per worker thread), and linking
// throughput, for two dictionary folders in one process, linking rounds interleaved so that both see the
// same machine (CPU time, not wall time: a shared machine's wall clock says more about its neighbours):
//   node --import tsx bench/dict-load.ts [BASELINE_DICT_DIR] [--rounds N]
// Without a baseline folder, the baseline is the curated files alone (the generated families left out).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadDictionary, DEFAULT_DICTIONARY_DIR } from "../src/link/dictionary.ts";
import { buildMatcher, linkMentions, type Matcher } from "../src/link/link.ts";
import { analyseCleanDocument, createPipelineContext, type PipelineContext } from "../src/pipeline/analyse.ts";
import { cleanDocument, normalizeString } from "../src/clean/index.ts";
import { segmentTokens } from "../src/segment/tokens.ts";
import type { Dictionary } from "../src/types.ts";

const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 30;
const baselineDir = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--rounds");
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// nodejieba loads its own dictionary on first use (seconds): done first, so that it is in no figure.
segmentTokens("预热");

function measure(dir: string, curatedOnly: boolean): { dictionary: Dictionary; matcher: Matcher; loadCpu: number; matcherCpu: number } {
  let c = cpu();
  let dictionary = loadDictionary(dir).dictionary;
  if (curatedOnly) {
    const entries = dictionary.entries.filter((e) => !e.file?.includes("generated/"));
    dictionary = { entries, byId: new Map(entries.map((e) => [e.id, e])), version: "curated" };
  }
  const loadCpu = cpu() - c;
  c = cpu();
  const matcher = buildMatcher(dictionary, normalizeString);
  return { dictionary, matcher, loadCpu, matcherCpu: cpu() - c };
}

const base = measure(baselineDir ?? DEFAULT_DICTIONARY_DIR, !baselineDir);
const full = measure(DEFAULT_DICTIONARY_DIR, false);
// The seeds, cleaned and segmented once (after both matchers' user words); linking alone is timed.
const seeds = path.resolve(DEFAULT_DICTIONARY_DIR, "../seeds");
const prepared = readdirSync(seeds)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => cleanDocument({ id: f, source: f, format: "text", encoding: "utf-8", content: readFileSync(path.join(seeds, f), "utf8") }))
  .map((doc) => ({ doc, tokens: segmentTokens(doc.normText) }));
const chars = prepared.reduce((n, p) => n + p.doc.normText.length, 0);
const spent = { base: 0, full: 0 };
for (let r = -2; r < rounds; r++) {
  for (const [name, m] of [["base", base.matcher], ["full", full.matcher]] as const) {
    const c = cpu();
    for (const p of prepared) linkMentions(p.doc, m, p.tokens);
    if (r >= 0) spent[name] += cpu() - c; // two warm-up rounds
  }
}
// The whole per-article analysis after cleaning (segmentation, linking, roles, discovery), as a build
// spends it.
// The stages build their own matcher and name index from the dictionary (src/pipeline/stages.ts).
const ctxOf = (x: typeof base): PipelineContext => createPipelineContext(x.dictionary);
const contexts = { base: ctxOf(base), full: ctxOf(full) };
const analysed = { base: 0, full: 0 };
for (let r = -1; r < Math.ceil(rounds / 4); r++) {
  for (const name of ["base", "full"] as const) {
    const c = cpu();
    for (const p of prepared) analyseCleanDocument(p.doc, contexts[name]);
    if (r >= 0) analysed[name] += cpu() - c;
  }
}
const row = (x: typeof base, ms: number) => ({
  entries: x.dictionary.entries.length,
  aliases: x.matcher.aliasCount,
  load_cpu_ms: Math.round(x.loadCpu),
  matcher_cpu_ms: Math.round(x.matcherCpu),
  link_chars_per_cpu_s: Math.round((chars * rounds) / (ms / 1000)),
});
console.log(JSON.stringify({ baseline: row(base, spent.base), full: row(full, spent.full), link_throughput_ratio: +(spent.base / spent.full).toFixed(3), analysis_throughput_ratio: +(analysed.base / analysed.full).toFixed(3) }, null, 1));

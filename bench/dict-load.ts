// Dictionary load and matcher build time, and linking throughput, for the dictionary in a folder:
//   node --import tsx bench/dict-load.ts [DICT_DIR] [--curated-only]
// With --curated-only the generated families are left out (the dictionary as it was before them), so
// one process on one machine gives both figures.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadDictionary, DEFAULT_DICTIONARY_DIR } from "../src/link/dictionary.ts";
import { createPipelineContext } from "../src/cli/pipeline.ts";
import { cleanDocument } from "../src/clean/index.ts";
import { segmentTokens } from "../src/segment/tokens.ts";
import { linkMentions } from "../src/link/link.ts";
import type { Dictionary } from "../src/types.ts";

const curatedOnly = process.argv.includes("--curated-only");
const dir = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? DEFAULT_DICTIONARY_DIR;
let t = performance.now();
const loaded = loadDictionary(dir);
let dictionary: Dictionary = loaded.dictionary;
if (curatedOnly) {
  const entries = dictionary.entries.filter((e) => !e.file?.includes("generated/"));
  dictionary = { entries, byId: new Map(entries.map((e) => [e.id, e])), version: "curated" };
}
const loadMs = performance.now() - t;
t = performance.now();
const ctx = createPipelineContext(dictionary);
const matcherMs = performance.now() - t;
// The seeds, cleaned and segmented once; linking alone is timed, repeated.
const seeds = path.resolve(DEFAULT_DICTIONARY_DIR, "../seeds");
const docs = readdirSync(seeds).filter((f) => f.endsWith(".txt")).map((f) =>
  cleanDocument({ id: f, source: f, format: "text", encoding: "utf-8", content: readFileSync(path.join(seeds, f), "utf8") }),
);
const prepared = docs.map((doc) => ({ doc, tokens: segmentTokens(doc.normText) }));
const chars = docs.reduce((n, d) => n + d.normText.length, 0);
for (const p of prepared) linkMentions(p.doc, ctx.matcher, p.tokens); // warm
const rounds = 40;
t = performance.now();
for (let r = 0; r < rounds; r++) for (const p of prepared) linkMentions(p.doc, ctx.matcher, p.tokens);
const linkMs = performance.now() - t;
console.log(JSON.stringify({
  entries: dictionary.entries.length,
  aliases: ctx.matcher.aliasCount,
  load_ms: Math.round(loadMs),
  matcher_ms: Math.round(matcherMs),
  link_chars_per_s: Math.round((chars * rounds) / (linkMs / 1000)),
}));

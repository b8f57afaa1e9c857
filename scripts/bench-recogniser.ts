// The recogniser measured: exact-span precision, recall and F1 per type on the NER evaluation files,
// and characters per second. Reads ../shared/corpora (a build never does).
//
//   npm run bench:recogniser [-- --corpora ../shared/corpora] [--json]
import path from "node:path";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { normalizeString } from "../src/clean/normalize.ts";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { defaultTagger, NameTagger, type ModelFile } from "../src/recognise/model.ts";
import { recogniseNames } from "../src/recognise/index.ts";
import { ENTITY_TYPES } from "../src/recognise/tagger.ts";
import { readBio, scoreSpans, type BioSentence } from "./ner-data.ts";

const { values } = parseArgs({ options: { corpora: { type: "string" }, json: { type: "boolean", default: false }, errors: { type: "string" }, model: { type: "string" } } });
const corpora = values.corpora ?? ["../shared/corpora", "../../shared/corpora", "/work/shared/corpora"].find((p) => existsSync(p)) ?? "../shared/corpora";

const t0 = performance.now();
const tagger = values.model ? new NameTagger(JSON.parse(gunzipSync(readFileSync(values.model)).toString("utf8")) as ModelFile) : defaultTagger();
const loadMs = performance.now() - t0;
const results: Record<string, unknown> = { loadMs: Math.round(loadMs) };
for (const file of ["msra-test.bio", "peoples-daily-dev.bio"]) {
  const sentences = readBio(path.join(corpora, "ner", file));
  // Normalised as a build normalises (one character for one), then tagged sentence by sentence.
  const texts = sentences.map((s) => [...s.text].map((ch) => { const f = normalizeString(ch); return f.length === ch.length ? f : ch; }).join(""));
  const chars = texts.reduce((a, t) => a + t.length, 0);
  // Two readings: the tagger's own output, and the stage as a build runs it (recogniseNames: the
  // tagger, then the rules on boundaries, words that are never names, and names built like names).
  const byType = (t: string) => ENTITY_TYPES.indexOf(t as (typeof ENTITY_TYPES)[number]);
  let preds: BioSentence["spans"][] = [];
  let start = performance.now();
  for (const t of texts) preds.push(tagger.tag(t).map((s) => ({ start: s.start, end: s.end, type: byType(s.type) })));
  const ms = performance.now() - start;
  const score = scoreSpans(sentences.map((s) => s.spans), preds);
  const stagePreds: BioSentence["spans"][] = [];
  start = performance.now();
  for (const t of texts) stagePreds.push(recogniseNames(t, tagger).map((s) => ({ start: s.start, end: s.end, type: byType(s.ner) })));
  const stageMs = performance.now() - start;
  const stage = scoreSpans(sentences.map((s) => s.spans), stagePreds);
  results[file] = { tagger: { ...score, charsPerSecond: Math.round((chars / ms) * 1000) }, stage: { ...stage, charsPerSecond: Math.round((chars / stageMs) * 1000) }, chars };
  if (!values.json) {
    console.log(`${file} (${chars} characters)`);
    console.log(`  tagger: ${score.line}; ${Math.round((chars / ms) * 1000)} chars/s`);
    console.log(`  stage:  ${stage.line}; ${Math.round((chars / stageMs) * 1000)} chars/s`);
  }
  if (values.errors === file) preds = stagePreds;
  if (values.errors === file) {
    // Misses and false names, for reading (never fed back into training).
    sentences.forEach((s, i) => {
      const key = (x: { start: number; end: number; type: number }) => `${x.start}:${x.end}:${x.type}`;
      const g = new Set(s.spans.map(key));
      const p = new Set(preds[i].map(key));
      const miss = s.spans.filter((x) => !p.has(key(x))).map((x) => `-${ENTITY_TYPES[x.type]}:${s.text.slice(x.start, x.end)}`);
      const extra = preds[i].filter((x) => !g.has(key(x))).map((x) => `+${ENTITY_TYPES[x.type]}:${s.text.slice(x.start, x.end)}`);
      if (miss.length || extra.length) console.log([...miss, ...extra].join(" "));
    });
  }
}
if (values.json) console.log(JSON.stringify(results, null, 1));
else console.log(`model load: ${loadMs.toFixed(0)} ms`);

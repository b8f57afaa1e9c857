// The recogniser measured: exact-span precision, recall and F1 per type on the NER evaluation files,
// and characters per second. Reads ../shared/corpora (a build never does).
//
//   npm run bench:recogniser [-- --corpora ../shared/corpora] [--model FILE] [--json]
//     [--errors FILE] [--rules FILE] [--bands FILE]
//
// Three readings: "tagger" is the model's own output; "stage" is what the recogniser returns
// (recogniseNames: the tagger, then the rules on boundaries and on spans that are never names, then
// the cues); "candidates" is the part of it a build may propose as new entities (less the names too
// unspecific to stand alone: one character, generic bodies, unlisted names not built like names).
// `--rules FILE` prints, per rule, how many of the tagger's spans it turns away were right and wrong
// (run it on peoples-daily-dev.bio with a model trained by `train:recogniser --holdout`).
// `--bands FILE` prints, per type and confidence band of 0.05, how many of the stage's names with no
// floor were right and wrong (how the floors MIN_CONFIDENCE are chosen, on the same held-out file).
import path from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import { normalizeString } from "../src/clean/normalize.ts";
import { segmentTokens } from "../src/segment/tokens.ts";
import { defaultTagger, NameTagger, type ModelFile } from "../src/recognise/model.ts";
import { MIN_CONFIDENCE, recogniseNames, rejection, trimmedBounds, unspecific, wordsAt } from "../src/recognise/index.ts";
import { ENTITY_TYPES } from "../src/recognise/tagger.ts";
import { readBio, scoreSpans, type BioSentence } from "./ner-data.ts";

const { values } = parseArgs({
  options: {
    corpora: { type: "string" },
    json: { type: "boolean", default: false },
    errors: { type: "string" },
    rules: { type: "string" },
    bands: { type: "string" },
    model: { type: "string" },
    files: { type: "string", default: "msra-test.bio,peoples-daily-dev.bio" },
  },
});
const corpora = values.corpora ?? ["../shared/corpora", "../../shared/corpora", "/work/shared/corpora"].find((p) => existsSync(p)) ?? "../shared/corpora";

const t0 = performance.now();
const tagger = values.model ? new NameTagger(JSON.parse(gunzipSync(readFileSync(values.model)).toString("utf8")) as ModelFile) : defaultTagger();
const loadMs = performance.now() - t0;
const results: Record<string, unknown> = { loadMs: Math.round(loadMs) };
const byType = (t: string) => ENTITY_TYPES.indexOf(t as (typeof ENTITY_TYPES)[number]);
type Spans = BioSentence["spans"];
const key = (x: { start: number; end: number; type: number }) => `${x.start}:${x.end}:${x.type}`;

for (const file of values.files!.split(",")) {
  const sentences = readBio(path.join(corpora, "ner", file));
  // Normalised as a build normalises (one character for one), then tagged sentence by sentence.
  const texts = sentences.map((s) => [...s.text].map((ch) => { const f = normalizeString(ch); return f.length === ch.length ? f : ch; }).join(""));
  // The words a build's segment stage gives the recogniser (not timed: a build has them already).
  const tokens = texts.map((t) => segmentTokens(t));
  const chars = texts.reduce((a, t) => a + t.length, 0);
  const gold = sentences.map((s) => s.spans);
  const preds: Spans[] = [];
  let start = performance.now();
  for (let i = 0; i < texts.length; i++) preds.push(tagger.tag(texts[i], tokens[i]).map((s) => ({ start: s.start, end: s.end, type: byType(s.type) })));
  const ms = performance.now() - start;
  const stagePreds: Spans[] = [];
  const candidatePreds: Spans[] = [];
  start = performance.now();
  for (let i = 0; i < texts.length; i++) {
    const found = recogniseNames(texts[i], tagger, { tokens: tokens[i] });
    stagePreds.push(found.map((s) => ({ start: s.start, end: s.end, type: byType(s.ner) })));
    candidatePreds.push(found.filter((s) => !s.unspecific).map((s) => ({ start: s.start, end: s.end, type: byType(s.ner) })));
  }
  const stageMs = performance.now() - start;
  const score = scoreSpans(gold, preds);
  const stage = scoreSpans(gold, stagePreds);
  const candidates = scoreSpans(gold, candidatePreds);
  results[file] = { tagger: { ...score, charsPerSecond: Math.round((chars / ms) * 1000) }, stage: { ...stage, charsPerSecond: Math.round((chars / stageMs) * 1000) }, candidates, chars };
  if (!values.json) {
    console.log(`${file} (${chars} characters)`);
    console.log(`  tagger:     ${score.line}; ${Math.round((chars / ms) * 1000)} chars/s`);
    console.log(`  stage:      ${stage.line}; ${Math.round((chars / stageMs) * 1000)} chars/s`);
    console.log(`  candidates: ${candidates.line}`);
  }
  if (values.errors === file) {
    // Misses and false names of the stage, for reading (never fed back into training).
    sentences.forEach((s, i) => {
      const g = new Set(s.spans.map(key));
      const p = new Set(stagePreds[i].map(key));
      const miss = s.spans.filter((x) => !p.has(key(x))).map((x) => `-${ENTITY_TYPES[x.type]}:${s.text.slice(x.start, x.end)}`);
      const extra = stagePreds[i].filter((x) => !g.has(key(x))).map((x) => `+${ENTITY_TYPES[x.type]}:${s.text.slice(x.start, x.end)}`);
      if (miss.length || extra.length) console.log([...miss, ...extra].join(" "));
    });
  }
  if (values.rules === file) reportRules(texts, tokens, gold);
  if (values.bands === file) reportBands(texts, tokens, gold);
}
if (values.json) console.log(JSON.stringify(results, null, 1));
else console.log(`model load: ${loadMs.toFixed(0)} ms`);

/** Per type and confidence band of 0.05: the stage's names (with no floor) that were right and wrong. */
function reportBands(texts: string[], tokens: ReturnType<typeof segmentTokens>[], gold: Spans[]): void {
  const bands = new Map<string, { right: number; wrong: number }>();
  // Per type: gold names, and the names of the other evidence (cues), right and predicted.
  const goldCount = [0, 0, 0];
  const cueRight = [0, 0, 0];
  const cuePred = [0, 0, 0];
  const byBand = ENTITY_TYPES.map(() => Array.from({ length: 20 }, () => ({ right: 0, wrong: 0 })));
  texts.forEach((text, i) => {
    const g = new Set(gold[i].map(key));
    for (const x of gold[i]) goldCount[x.type]++;
    for (const s of recogniseNames(text, tagger, { tokens: tokens[i], minConfidence: 0 })) {
      const t = byType(s.ner);
      const right = g.has(key({ start: s.start, end: s.end, type: t }));
      if (s.evidence !== "model") {
        cuePred[t]++;
        if (right) cueRight[t]++;
        continue;
      }
      const bb = byBand[t][Math.min(19, Math.floor(s.confidence * 20))];
      if (right) bb.right++;
      else bb.wrong++;
      const band = Math.min(19, Math.floor(s.confidence * 20));
      const k = `${s.ner} ${(band / 20).toFixed(2)}–${((band + 1) / 20).toFixed(2)}`;
      const b = bands.get(k) ?? { right: 0, wrong: 0 };
      if (g.has(key({ start: s.start, end: s.end, type: byType(s.ner) }))) b.right++;
      else b.wrong++;
      bands.set(k, b);
    }
  });
  console.log("  confidence band: names right / wrong (floors now " + JSON.stringify(MIN_CONFIDENCE) + ")");
  for (const [k, b] of [...bands].sort()) console.log(`    ${k}: ${b.right} / ${b.wrong}`);
  // The floor (a multiple of 0.05) that gives each type its best F1 here.
  ENTITY_TYPES.forEach((type, t) => {
    const f1s: string[] = [];
    let best = { floor: 0, f1: -1 };
    for (let f = 19; f >= 0; f--) {
      let right = cueRight[t];
      let pred = cuePred[t];
      for (let b = f; b < 20; b++) {
        right += byBand[t][b].right;
        pred += byBand[t][b].right + byBand[t][b].wrong;
      }
      const f1 = (2 * right) / (goldCount[t] + pred);
      f1s.unshift(`${(f / 20).toFixed(2)}:${f1.toFixed(4)}`);
      if (f1 > best.f1) best = { floor: f / 20, f1 };
    }
    console.log(`    ${type} best floor ${best.floor.toFixed(2)} (F1 ${best.f1.toFixed(4)}); ${f1s.slice(8).join(" ")}`);
  });
}

/** Per rule: the tagger's spans it turns away (or cuts) that were right, and that were wrong. */
function reportRules(texts: string[], tokens: ReturnType<typeof segmentTokens>[], gold: Spans[]): void {
  const tally = new Map<string, { right: number; wrong: number; examples: string[] }>();
  const count = (rule: string, right: boolean, label: string) => {
    const t = tally.get(rule) ?? { right: 0, wrong: 0, examples: [] };
    if (right) t.right++;
    else t.wrong++;
    if (t.examples.length < 12) t.examples.push((right ? "✓" : "✗") + label);
    tally.set(rule, t);
  };
  texts.forEach((text, i) => {
    const g = new Set(gold[i].map(key));
    for (const s of tagger.tag(text, tokens[i])) {
      const b = trimmedBounds(text, s, tagger);
      const type = byType(s.type);
      const label = text.slice(b.start, b.end);
      // A trim is right when the trimmed span is a gold name (the untrimmed one then was not).
      if (b.start !== s.start || b.end !== s.end) count(`${s.type} trim`, g.has(key({ ...b, type })), text.slice(s.start, s.end));
      const right = g.has(key({ ...b, type }));
      const why = rejection(label, s.type, tagger);
      if (why) count(`${s.type} rejected: ${why}`, right, label);
      else if (s.confidence < MIN_CONFIDENCE[s.type]) count(`${s.type} rejected: confidence below ${MIN_CONFIDENCE[s.type]}`, right, label);
      else {
        const weak = unspecific(label, s.type, tagger, wordsAt(text, tokens[i], b.start, b.end));
        if (weak) count(`${s.type} not a candidate: ${weak}`, right, label);
      }
    }
  });
  console.log("  rule: spans it turns away that were right / wrong (a rule helps F1 when well under half are right)");
  for (const [rule, t] of [...tally].sort()) console.log(`    ${rule}: ${t.right} / ${t.wrong}  ${t.examples.join(" ")}`);
}

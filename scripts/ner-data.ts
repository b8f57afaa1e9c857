// The NER evaluation files (one character and its BIO tag a line, a blank line between sentences) and
// span scoring, shared by the trainer and the recogniser's benchmark.
import { readFileSync } from "node:fs";
import { ENTITY_TYPES } from "../src/recognise/tagger.ts";

export interface BioSentence {
  text: string;
  /** Gold names: [start, end) in characters of `text`, type an index into ENTITY_TYPES. */
  spans: { start: number; end: number; type: number }[];
}

export function readBio(file: string): BioSentence[] {
  const out: BioSentence[] = [];
  let chars: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (!chars.length) return;
    const spans: BioSentence["spans"] = [];
    let open = -1;
    let type = -1;
    const close = (i: number) => {
      if (open >= 0) spans.push({ start: open, end: i, type });
      open = -1;
    };
    tags.forEach((t, i) => {
      const [part, name] = t.split("-");
      const ty = ENTITY_TYPES.indexOf(name as (typeof ENTITY_TYPES)[number]);
      if (part === "B" || (part === "I" && (open < 0 || ty !== type))) {
        close(i);
        open = i;
        type = ty;
      } else if (part !== "I") close(i);
    });
    close(tags.length);
    out.push({ text: chars.join(""), spans: spans.filter((s) => s.type >= 0) });
    chars = [];
    tags = [];
  };
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    if (!line.trim()) {
      flush();
      continue;
    }
    // Tab-separated (MSRA) or space-separated (People's Daily); the character may itself be a space.
    const m = /^(.)[\t ](\S+)\s*$/u.exec(line);
    if (!m) continue;
    // Characters outside the BMP would shift offsets: the files hold none that matter, count them as one.
    chars.push(m[1].length === 1 ? m[1] : "\u25a1");
    tags.push(m[2]);
  }
  flush();
  return out;
}

export interface Score {
  perType: { type: string; precision: number; recall: number; f1: number; gold: number; predicted: number; correct: number }[];
  overall: { precision: number; recall: number; f1: number };
  line: string;
}

/** Exact-span precision, recall and F1 per type (a name counts when its boundaries and type are right). */
export function scoreSpans(gold: BioSentence["spans"][], predicted: BioSentence["spans"][]): Score {
  const g = ENTITY_TYPES.map(() => 0);
  const p = ENTITY_TYPES.map(() => 0);
  const c = ENTITY_TYPES.map(() => 0);
  gold.forEach((gs, i) => {
    const key = (s: { start: number; end: number; type: number }) => `${s.start}:${s.end}:${s.type}`;
    const set = new Set(gs.map(key));
    for (const s of gs) g[s.type]++;
    for (const s of predicted[i]) {
      p[s.type]++;
      if (set.has(key(s))) c[s.type]++;
    }
  });
  const prf = (cc: number, pp: number, gg: number) => {
    const precision = pp ? cc / pp : 0;
    const recall = gg ? cc / gg : 0;
    return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  };
  const perType = ENTITY_TYPES.map((type, i) => ({ type, ...prf(c[i], p[i], g[i]), gold: g[i], predicted: p[i], correct: c[i] }));
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  const overall = prf(sum(c), sum(p), sum(g));
  const f = (x: number) => x.toFixed(3);
  const line = perType.map((t) => `${t.type} P ${f(t.precision)} R ${f(t.recall)} F1 ${f(t.f1)}`).join(" | ") + ` | all F1 ${f(overall.f1)}`;
  return { perType, overall, line };
}

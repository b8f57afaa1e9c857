// The tagging model: BIOES tags of three types, per-character scores from hashed features, and the
// best tag sequence by Viterbi under the BIOES constraints (a name opens with B or S and closes with
// E or S). Shared by the trainer (structured averaged perceptron) and the recogniser.

export const ENTITY_TYPES = ["PER", "LOC", "ORG"] as const;
export type NerType = (typeof ENTITY_TYPES)[number];
/** O, then B I E S for each type in ENTITY_TYPES order. */
export const TAG_COUNT = 1 + 4 * ENTITY_TYPES.length;
export const TAG_O = 0;
export const tagOf = (type: number, part: "B" | "I" | "E" | "S") => 1 + type * 4 + "BIES".indexOf(part);
export const partOf = (tag: number) => (tag === 0 ? "O" : "BIES"[(tag - 1) % 4]);
export const typeOf = (tag: number) => (tag === 0 ? -1 : Math.floor((tag - 1) / 4));

/** Whether tag b may follow tag a (a = -1: sentence start; b = -1: sentence end). */
export function allowed(a: number, b: number): boolean {
  const pa = a < 0 ? "O" : partOf(a);
  const pb = b < 0 ? "O" : partOf(b);
  const open = pa === "B" || pa === "I";
  if (open) return (pb === "I" || pb === "E") && typeOf(a) === typeOf(b);
  return pb === "O" || pb === "B" || pb === "S";
}

const NEG = -1e30;
/** Transition masks: 0 when allowed, NEG when not; [TAG_COUNT] rows + a start row, by column. */
const START_MASK = new Float64Array(TAG_COUNT);
const END_MASK = new Float64Array(TAG_COUNT);
const TRANS_MASK = new Float64Array(TAG_COUNT * TAG_COUNT);
for (let b = 0; b < TAG_COUNT; b++) {
  START_MASK[b] = allowed(-1, b) ? 0 : NEG;
  END_MASK[b] = allowed(b, -1) ? 0 : NEG;
  for (let a = 0; a < TAG_COUNT; a++) TRANS_MASK[a * TAG_COUNT + b] = allowed(a, b) ? 0 : NEG;
}

/** Per tag, the tags that may precede it (BIOES leaves about five of thirteen): Viterbi loops over these only. */
const PREDECESSORS: Uint8Array[] = [];
for (let b = 0; b < TAG_COUNT; b++) {
  const list: number[] = [];
  for (let a = 0; a < TAG_COUNT; a++) if (allowed(a, b)) list.push(a);
  PREDECESSORS.push(Uint8Array.from(list));
}

/** Scratch for Viterbi, grown as needed. */
export interface ViterbiScratch {
  score: Float64Array;
  back: Uint8Array;
}
export const newViterbiScratch = (): ViterbiScratch => ({ score: new Float64Array(0), back: new Uint8Array(0) });

/**
 * The best tag sequence for emission scores `emit` (n × TAG_COUNT) and transition weights `trans`
 * (TAG_COUNT × TAG_COUNT, from row to column), written into `tags`.
 */
export function viterbi(emit: ArrayLike<number>, n: number, trans: ArrayLike<number>, tags: Uint8Array, s: ViterbiScratch): void {
  const T = TAG_COUNT;
  if (n === 0) return;
  if (s.score.length < n * T) {
    s.score = new Float64Array(n * T * 2);
    s.back = new Uint8Array(n * T * 2);
  }
  const score = s.score;
  const back = s.back;
  for (let b = 0; b < T; b++) score[b] = emit[b] + START_MASK[b];
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * T;
    const cur = i * T;
    for (let b = 0; b < T; b++) {
      let best = -Infinity;
      let arg = 0;
      const preds = PREDECESSORS[b];
      for (let k = 0; k < preds.length; k++) {
        const a = preds[k];
        const v = score[prev + a] + trans[a * T + b];
        if (v > best) {
          best = v;
          arg = a;
        }
      }
      score[cur + b] = best + emit[cur + b];
      back[cur + b] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const last = (n - 1) * T;
  for (let b = 0; b < T; b++) {
    const v = score[last + b] + END_MASK[b];
    if (v > best) {
      best = v;
      arg = b;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    tags[i] = arg;
    arg = back[i * T + arg];
  }
}

export interface TagSpan {
  start: number;
  end: number;
  type: number;
}

/** The spans a BIOES tag sequence marks. */
export function spansOf(tags: Uint8Array, n: number): TagSpan[] {
  const out: TagSpan[] = [];
  let open = -1;
  for (let i = 0; i < n; i++) {
    const t = tags[i];
    const p = partOf(t);
    if (p === "S") out.push({ start: i, end: i + 1, type: typeOf(t) });
    else if (p === "B") open = i;
    else if (p === "E" && open >= 0) {
      out.push({ start: open, end: i + 1, type: typeOf(t) });
      open = -1;
    }
  }
  return out;
}

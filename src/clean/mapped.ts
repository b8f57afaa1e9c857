// A string that remembers, for every UTF-16 code unit, which characters of the decoded source it
// stands for. Every cleaning step takes and returns one of these, so the final text can always be
// mapped back to the source (SourceSegment[]), whatever was removed, joined or reordered on the way.
// One entry per code unit is simple and makes every operation (delete, join, reorder) a plain copy.
// A mapped text is never written after it is made, so a part of one may share its arrays (slice).

import type { RemovalKind, SourceSegment } from "../types.ts";

export interface MappedText {
  readonly text: string;
  /** start[i]..end[i] is the source range that text[i] stands for. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** 1 when text[i] === source[start[i]] (a plain copy); 0 for decoded entities and synthetic breaks. */
  readonly exact: Uint8Array;
}

export type Removed = Partial<Record<RemovalKind, number>>;

/** What every step returns: the new text and how many characters it removed, by kind. */
export interface StepResult {
  mt: MappedText;
  removed: Removed;
}

/** The identity map: text is a verbatim copy of source[offset, offset + text.length). */
export function fromSource(text: string, offset = 0): MappedText {
  const n = text.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const exact = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    start[i] = offset + i;
    end[i] = offset + i + 1;
  }
  return { text, start, end, exact };
}

/**
 * A piece that stands for source[srcStart, srcEnd): exact when it is a verbatim copy (same length),
 * otherwise every code unit points at the whole range (e.g. "&amp;" → "&").
 */
export function piece(text: string, srcStart: number, srcEnd: number, isExact: boolean): MappedText {
  if (isExact && text.length === srcEnd - srcStart) return fromSource(text, srcStart);
  const n = text.length;
  return {
    text,
    start: new Int32Array(n).fill(srcStart),
    end: new Int32Array(n).fill(srcEnd),
    exact: new Uint8Array(n),
  };
}

/** Characters that exist in no source (a paragraph break we add): zero-width source range at `at`. */
export function synthetic(text: string, at: number): MappedText {
  return piece(text, at, at, false);
}

export const EMPTY: MappedText = fromSource("");

/** A part of a mapped text. Its arrays are views of the whole's (no copy): mapped texts are never written once made. */
export function slice(mt: MappedText, a: number, b: number = mt.text.length): MappedText {
  return {
    text: mt.text.slice(a, b),
    start: mt.start.subarray(a, b),
    end: mt.end.subarray(a, b),
    exact: mt.exact.subarray(a, b),
  };
}

export function concat(parts: MappedText[]): MappedText {
  let n = 0;
  for (const p of parts) n += p.text.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const exact = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    start.set(p.start, o);
    end.set(p.end, o);
    exact.set(p.exact, o);
    o += p.text.length;
  }
  return { text: parts.map((p) => p.text).join(""), start, end, exact };
}

/** Source position just after character i (for placing synthetic characters next to it). */
export function sourceAfter(mt: MappedText, i: number): number {
  if (mt.text.length === 0) return 0;
  const k = Math.min(Math.max(i, 0), mt.text.length - 1);
  return mt.end[k];
}

export interface KindRange {
  start: number;
  end: number;
  kind: RemovalKind;
}

/** Delete ranges (may overlap; the first kind listed for a character wins) and count by kind. */
export function removeRanges(mt: MappedText, ranges: KindRange[]): StepResult {
  const removed: Removed = {};
  if (ranges.length === 0) return { mt, removed };
  const n = mt.text.length;
  // The kind of each character to remove, as 1 + its index in `kinds`; 0 keeps the character.
  const kinds: RemovalKind[] = [];
  const kindAt = new Uint8Array(n);
  for (const r of ranges) {
    let k = kinds.indexOf(r.kind);
    if (k < 0) k = kinds.push(r.kind) - 1;
    for (let i = Math.max(0, r.start); i < Math.min(n, r.end); i++) if (kindAt[i] === 0) kindAt[i] = k + 1;
  }
  // Counted in text order, so `removed` lists its kinds in the order they first occur.
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const k = kindAt[i];
    if (k === 0) kept++;
    else removed[kinds[k - 1]] = (removed[kinds[k - 1]] ?? 0) + 1;
  }
  if (kept === n) return { mt, removed };
  // The kept runs copied straight into the new arrays (no slice per run, then a concat).
  const start = new Int32Array(kept);
  const end = new Int32Array(kept);
  const exact = new Uint8Array(kept);
  const pieces: string[] = [];
  let o = 0;
  for (let i = 0; i < n; ) {
    if (kindAt[i] !== 0) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && kindAt[j] === 0) j++;
    start.set(mt.start.subarray(i, j), o);
    end.set(mt.end.subarray(i, j), o);
    exact.set(mt.exact.subarray(i, j), o);
    pieces.push(mt.text.slice(i, j));
    o += j - i;
    i = j;
  }
  return { mt: { text: pieces.join(""), start, end, exact }, removed };
}

export function addRemoved(into: Removed, from: Removed): Removed {
  for (const [k, v] of Object.entries(from) as [RemovalKind, number][]) into[k] = (into[k] ?? 0) + v;
  return into;
}

/** Compress the per-character map into segments: runs of consecutive exact characters, or of characters standing for the same inexact source range. */
export function toSegments(mt: MappedText): SourceSegment[] {
  const segs: SourceSegment[] = [];
  const n = mt.text.length;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    if (mt.exact[i]) {
      while (j < n && mt.exact[j] && mt.start[j] === mt.start[j - 1] + 1) j++;
      segs.push({ cleanStart: i, length: j - i, sourceStart: mt.start[i], sourceEnd: mt.start[j - 1] + 1, exact: true });
    } else {
      while (j < n && !mt.exact[j] && mt.start[j] === mt.start[i] && mt.end[j] === mt.end[i]) j++;
      segs.push({ cleanStart: i, length: j - i, sourceStart: mt.start[i], sourceEnd: mt.end[i], exact: false });
    }
    i = j;
  }
  return segs;
}

/** Lines of the text as [start, end) ranges, without their "\n". */
export function lineRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      out.push({ start: s, end: i });
      s = i + 1;
    }
  }
  return out;
}

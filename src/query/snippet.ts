// A passage cut down to what proves a pair: the stretch from one name to the other, widened with
// context on both sides up to the width, so that both names are on screen (cutting from the sentence's
// start often left the second name out).
import { findNames } from "./names.ts";

/**
 * At most `width` characters of `text` around one name of each side (the closest such pair of
 * mentions), with "…" where something was cut. Falls back to the start of the text when a side's
 * name is not found in it.
 */
export function snippetAround(text: string, namesA: readonly string[], namesB: readonly string[], width = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  if (chars.length <= width) return flat;
  // Code-unit offsets from findNames → code-point indices of `chars`.
  const toPoint: number[] = [];
  chars.forEach((ch, i) => {
    for (let k = 0; k < ch.length; k++) toPoint.push(i);
  });
  toPoint.push(chars.length);
  const found = findNames(flat, namesA, namesB).map((r) => ({ start: toPoint[r.start], end: toPoint[r.end], list: r.list }));
  const as = found.filter((r) => r.list === 0);
  const bs = found.filter((r) => r.list === 1);
  let span: { start: number; end: number } | undefined;
  for (const a of as)
    for (const b of bs) {
      const s = { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
      if (!span || s.end - s.start < span.end - span.start) span = s;
    }
  span ??= as[0] ?? bs[0] ?? { start: 0, end: 0 };
  const room = width - 2; // the two ellipses, at most
  const pieces = (start: number, end: number) => (start > 0 ? "…" : "") + chars.slice(start, end).join("") + (end < chars.length ? "…" : "");
  const pairAt = found.length ? closestPair(as, bs) : undefined;
  if (pairAt && span.end - span.start > room) {
    // The two names stand too far apart for one window: a window around each, joined by "…".
    const half = Math.floor((room - 1) / 2);
    const [first, second] = pairAt;
    const around = (r: { start: number; end: number }) => {
      const start = Math.max(0, Math.min(r.start - Math.floor((half - (r.end - r.start)) / 2), chars.length - half));
      return [start, Math.min(chars.length, start + half)] as const;
    };
    const [s1, e1] = around(first);
    const [s2, e2] = around(second);
    return (s1 > 0 ? "…" : "") + chars.slice(s1, e1).join("") + "…" + chars.slice(Math.max(s2, e1), e2).join("") + (e2 < chars.length ? "…" : "");
  }
  let start: number;
  if (span.end - span.start >= room) start = span.start;
  else start = Math.max(0, span.start - Math.floor((room - (span.end - span.start)) / 2));
  let end = Math.min(chars.length, start + room);
  start = Math.max(0, Math.min(start, end - room));
  if (end - start < room) end = Math.min(chars.length, start + room);
  return pieces(start, end);
}

/** The mentions of the two sides that stand closest, in text order. */
function closestPair<R extends { start: number; end: number }>(as: R[], bs: R[]): [R, R] | undefined {
  let best: [R, R] | undefined;
  let gap = Infinity;
  for (const a of as)
    for (const b of bs) {
      const d = Math.max(a.end, b.end) - Math.min(a.start, b.start);
      if (d < gap) {
        gap = d;
        best = a.start <= b.start ? [a, b] : [b, a];
      }
    }
  return best;
}

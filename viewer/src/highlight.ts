// Marks the names of both entities of a pair inside an evidence passage. The passage is split into plain
// segments and marked segments; the DOM is then built from text nodes and <mark> elements, so a passage
// that contains markup is shown as the characters it is.
import { h } from "./dom.ts";

export type Side = "a" | "b";
export interface Segment {
  text: string;
  side?: Side;
}

/** Non-overlapping occurrences of the names, longest name first; ASCII names match in any case. */
export function splitHighlights(text: string, namesA: readonly string[], namesB: readonly string[]): Segment[] {
  const terms: { term: string; side: Side }[] = [];
  const seen = new Set<string>();
  for (const [side, names] of [["a", namesA], ["b", namesB]] as const)
    for (const name of names) {
      const term = name.trim();
      // One character (姓 alone, a stray letter) would mark half the passage.
      if (term.length < 2 || seen.has(term.toLowerCase())) continue;
      seen.add(term.toLowerCase());
      terms.push({ term, side });
    }
  terms.sort((x, y) => y.term.length - x.term.length);
  const lower = text.toLowerCase();
  // Lower-casing may change the length of some scripts; then match exactly instead.
  const haystack = lower.length === text.length ? lower : text;
  const owner: (Side | undefined)[] = new Array(text.length);
  const starts = new Map<number, number>(); // start → end of each marked run
  for (const { term, side } of terms) {
    const needle = haystack === lower ? term.toLowerCase() : term;
    let at = haystack.indexOf(needle);
    while (at >= 0) {
      const end = at + needle.length;
      let free = true;
      for (let i = at; i < end; i++) if (owner[i]) free = false;
      if (free) {
        for (let i = at; i < end; i++) owner[i] = side;
        starts.set(at, end);
      }
      at = haystack.indexOf(needle, at + 1);
    }
  }
  const out: Segment[] = [];
  let plainStart = 0;
  for (let i = 0; i < text.length; ) {
    const end = starts.get(i);
    if (end === undefined) {
      i++;
      continue;
    }
    if (i > plainStart) out.push({ text: text.slice(plainStart, i) });
    out.push({ text: text.slice(i, end), side: owner[i] });
    i = end;
    plainStart = end;
  }
  if (plainStart < text.length) out.push({ text: text.slice(plainStart) });
  return out;
}

export function highlightedText(text: string, namesA: readonly string[], namesB: readonly string[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const seg of splitHighlights(text, namesA, namesB)) {
    fragment.appendChild(seg.side ? h("mark", { class: `hl-${seg.side}` }, seg.text) : document.createTextNode(seg.text));
  }
  return fragment;
}

// Marks the names of both entities of a pair inside an evidence passage. Where the names stand is found
// by names.ts (the same folding as search and the CLI: 王坚 marks 王堅 in a Traditional passage); the
// passage is then split into plain and marked segments and built from text nodes and <mark> elements,
// so a passage that contains markup is shown as the characters it is.
import { findNames } from "../../src/query/names.ts";
import { h } from "./dom.ts";

export type Side = "a" | "b";
export interface Segment {
  text: string;
  side?: Side;
}

/** Non-overlapping occurrences of the names, longest name first, across scripts and letter case. */
export function splitHighlights(text: string, namesA: readonly string[], namesB: readonly string[]): Segment[] {
  const out: Segment[] = [];
  let plainStart = 0;
  for (const { start, end, list } of findNames(text, namesA, namesB)) {
    if (start > plainStart) out.push({ text: text.slice(plainStart, start) });
    out.push({ text: text.slice(start, end), side: list === 0 ? "a" : "b" });
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

// A guard against pathologically deep HTML. htmlparser2's parser keeps its open elements with
// Array.unshift (O(depth) per tag), linkedom builds on it, and Readability walks ancestors and
// subtrees: each is fine at the 20–60 levels of real pages and superlinear on a page nested 50,000
// deep (13.7 s) or 100,000 deep (110 s). Before any of them runs, one linear pass over the page's
// tokens (htmlparser2's Tokenizer alone, which keeps no stack) measures the nesting; past MAX_DEPTH
// the tags of the deeper elements are left out (their text stays, inside the element at the limit),
// and the offsets of what remains are mapped back to the page.

import { Tokenizer } from "htmlparser2";
import type { MappedText } from "./mapped.ts";

/**
 * Deepest nesting kept. Readability alone takes ~0.5 s on a chain of 50 elements, ~1 s on one of
 * 100 and ~7 s on one of 300; the deepest of the 26 saved news pages measured nests 28 levels (by
 * this pass's estimate), most 11–20. The guard sits at twice that.
 */
export const MAX_DEPTH = 64;

/** Elements without content: they never open a level. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]);

/** Elements an opening tag of the same name closes (<li> after <li>, <p> after <p>). */
const SELF_CLOSING_SIBLING = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup"]);

/** How far down the stack a closing tag looks for its element: bounded, so that stray closing tags stay linear. */
const CLOSE_SEARCH = 64;

export interface Flattened {
  /** The page with the tags of too-deep elements left out (the page itself when none were). */
  html: string;
  /** Deepest nesting seen. */
  depth: number;
  /** Elements whose tags were left out. */
  flattened: number;
  /** Kept runs: html[i] for i in [cut[k], cut[k+1]) stands at source offset i + shift[k]. */
  cut: Int32Array;
  shift: Int32Array;
}

/** Outermost levels never flattened (html, body and the page's frame). */
const KEEP_OUTER = 8;

/**
 * Measure the page's nesting and, where more than `maxDepth` elements are open at once, leave out the
 * tags of the outer ones below the page's frame (the first KEEP_OUTER levels): the innermost levels,
 * where the paragraphs are, keep their structure. The nesting is an estimate (closing tags match by
 * name within a bounded search; <p>, <li>, <td>… close their like), which is all a guard needs: the
 * text is never touched, only tags are left out.
 */
export function flattenDeepNesting(html: string, maxDepth = MAX_DEPTH): Flattened {
  interface Open {
    name: string;
    /** The opening tag's source range. */
    start: number;
    end: number;
    dropped: boolean;
  }
  const stack: Open[] = [];
  // stack[KEEP_OUTER, low) are the dropped elements; every other open element is kept.
  let low = KEEP_OUTER;
  const drops: [number, number][] = [];
  let depth = 0;
  let flattened = 0;
  let openName = "";
  let openStart = 0;

  const popTo = (k: number) => {
    stack.length = k;
    if (low > k) low = Math.max(k, KEEP_OUTER);
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: false, recognizeSelfClosing: true },
    {
      onopentagname(start, end) {
        openName = html.slice(start, end).toLowerCase();
        openStart = start - 1;
      },
      onopentagend(endIndex) {
        const name = openName;
        if (VOID.has(name)) return;
        const top = stack[stack.length - 1];
        if (top && top.name === name && SELF_CLOSING_SIBLING.has(name)) popTo(stack.length - 1);
        stack.push({ name, start: openStart, end: endIndex + 1, dropped: false });
        if (stack.length > depth) depth = stack.length;
        // Too many open: the outermost kept element below the frame loses its tags.
        if (stack.length - (low - KEEP_OUTER) > maxDepth && low < stack.length - 1) {
          const el = stack[low++];
          el.dropped = true;
          drops.push([el.start, el.end]);
          flattened++;
        }
      },
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        const limit = Math.max(0, stack.length - CLOSE_SEARCH);
        for (let k = stack.length - 1; k >= limit; k--) {
          if (stack[k].name !== name) continue;
          if (stack[k].dropped) {
            const gt = html.indexOf(">", end);
            drops.push([start - 2, gt < 0 ? html.length : gt + 1]);
          }
          popTo(k); // the elements above it close with it
          return;
        }
      },
      onselfclosingtag() {},
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      onattribname() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onprocessinginstruction() {},
      ontext() {},
      ontextentity() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();

  if (flattened === 0) return { html, depth, flattened, cut: Int32Array.of(0), shift: Int32Array.of(0) };
  // Opening tags are dropped after later tags were seen: put the ranges in source order.
  drops.sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  const cut: number[] = [];
  const shift: number[] = [];
  let from = 0;
  let removed = 0;
  for (const [s0, b] of drops) {
    const a = Math.max(s0, from);
    if (b <= a) continue;
    cut.push(from - removed);
    shift.push(removed);
    pieces.push(html.slice(from, a));
    removed += b - a;
    from = b;
  }
  cut.push(from - removed);
  shift.push(removed);
  pieces.push(html.slice(from));
  return { html: pieces.join(""), depth, flattened, cut: Int32Array.from(cut), shift: Int32Array.from(shift) };
}

/** The source offset of offset `i` of the flattened page. */
function toSource(f: Flattened, i: number): number {
  // The last kept run that starts at or before i (binary search: runs are in order).
  let lo = 0;
  let hi = f.cut.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (f.cut[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  return i + f.shift[lo];
}

/** A text mapped to the flattened page, mapped to the page itself. */
export function mapToSource(mt: MappedText, f: Flattened): MappedText {
  if (f.flattened === 0) return mt;
  const n = mt.text.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    start[i] = toSource(f, mt.start[i]);
    // An end is exclusive: the position after the character before it.
    end[i] = mt.end[i] > mt.start[i] ? toSource(f, mt.end[i] - 1) + 1 : start[i];
  }
  return { text: mt.text, start, end, exact: mt.exact };
}

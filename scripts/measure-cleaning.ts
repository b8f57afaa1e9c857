// Development measure of HTML cleaning on saved news pages (default: the 26 pages of
// ../shared/corpora/html-pages, never part of the project). For each page it prints the title and
// date found, the time, and what changed against the whole-page extractor that came before:
// paragraphs dropped (junk removed, or article text lost) and paragraphs kept that look like page
// furniture. The reader judges each list; the figures at the end count them.
//
//   npm run measure:cleaning [-- DIR] [--all] [--repeat=N]
//   (--all: print every kept paragraph too; times: median of N runs, default 3)

import fs from "node:fs";
import path from "node:path";
import { DOMParser } from "linkedom";
import { Readability } from "@mozilla/readability";
import { readInputFile } from "../src/ingest/index.ts";
import { cleanDocument } from "../src/clean/index.ts";

const args = process.argv.slice(2);
const showAll = args.includes("--all");
/** Times are the median of this many runs (after one warm-up run of every page). */
const repeat = Number(args.find((a) => a.startsWith("--repeat="))?.slice(9) ?? 3);
// The shared corpora stand beside the checkout (../shared), or beside the folder of worktrees.
const dir =
  args.find((a) => !a.startsWith("--")) ??
  ["../../shared/corpora/html-pages", "../../../shared/corpora/html-pages"].map((p) => path.resolve(import.meta.dirname, p)).find((p) => fs.existsSync(p)) ??
  path.resolve(import.meta.dirname, "../../shared/corpora/html-pages");
const files = fs.readdirSync(dir).filter((f) => /\.html?$/i.test(f)).sort();
if (files.length === 0) {
  console.error(`no pages in ${dir}`);
  process.exit(1);
}

/** Paragraphs that read as page furniture rather than article prose (a heuristic for review, not a gold). */
function looksLikeFurniture(p: string): string | undefined {
  if (/责任编辑|责编|编辑[:：]|来源[:：]|作者[:：]|原标题|版权|Copyright|©|ICP/i.test(p) && p.length < 80) return "credit/source/copyright";
  if (/(?:19|20)\d{2}[-年/.]\d{1,2}[-月/.]\d{1,2}/.test(p) && p.length < 50 && !/[。！？]/.test(p)) return "date line";
  if (/推荐|排行|热门|相关|猜你喜欢|登录|注册|评论|分享|扫一扫|二维码|关注/.test(p) && p.length < 40 && !/[。！？]/.test(p)) return "list/login/share word";
  if (p.length <= 12 && !/[。！？，,]/.test(p)) return "short line";
  return undefined;
}

/** Readability's own text of the page, by paragraph (its plain output: the reference extractor). */
function readabilityParagraphs(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, "text/html") as unknown as Document;
  const r = new Readability<Node>(doc, { serializer: (n: Node) => n }).parse();
  if (!r?.content) return [];
  const out: string[] = [];
  const walk = (n: Node, acc: string[]) => {
    if (n.nodeType === 3) acc.push(n.nodeValue ?? "");
    else if (n.nodeType === 1) {
      const block = /^(?:P|DIV|SECTION|ARTICLE|H[1-6]|LI|UL|OL|TABLE|TR|TD|BLOCKQUOTE|PRE|FIGURE|FIGCAPTION|BR)$/.test((n as Element).tagName);
      if (block) { out.push(acc.join("")); acc.length = 0; }
      for (let c = n.firstChild; c; c = c.nextSibling) walk(c, acc);
      if (block) { out.push(acc.join("")); acc.length = 0; }
    }
  };
  const acc: string[] = [];
  walk(r.content, acc);
  out.push(acc.join(""));
  return out.map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean);
}
const squeeze = (s: string) => s.replace(/[\s\u200b-\u200d\ufeff]+/g, "");

const prose = (p: string) => p.length >= 20 && /[。！？，]/.test(p);

let sumNotKept = 0, sumNotKeptProse = 0;
let sumDrop = 0, sumDropProse = 0, sumSuspect = 0, sumSuspectBefore = 0;
const rows: string[] = [];
for (const f of files) {
  const { docs } = readInputFile(path.join(dir, f));
  if (docs.length === 0) continue;
  const raw = docs[0];
  const median = (f: () => void) => {
    const ts: number[] = [];
    for (let k = 0; k < repeat; k++) {
      const t0 = performance.now();
      f();
      ts.push(performance.now() - t0);
    }
    return ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)];
  };
  const before = cleanDocument(raw, { wholePage: true });
  const after = cleanDocument(raw);
  const msBefore = median(() => cleanDocument(raw, { wholePage: true }));
  const msAfter = median(() => cleanDocument(raw));
  const pb = before.text.split("\n").filter(Boolean);
  const pa = after.text.split("\n").filter(Boolean);
  const setA = new Set(pa);
  const setB = new Set(pb);
  const dropped = pb.filter((p) => !setA.has(p));
  const added = pa.filter((p) => !setB.has(p));
  const suspect = pa.map((p) => [p, looksLikeFurniture(p)] as const).filter(([, why]) => why);
  const suspectBefore = pb.filter((p) => looksLikeFurniture(p)).length;
  const droppedProse = dropped.filter(prose);
  // What Readability keeps and this cleaning does not: its removals on top of Readability's, each
  // to be judged (furniture removed, or article text lost).
  const kept = squeeze(after.text);
  const notKept = readabilityParagraphs(raw.content).filter((p) => !kept.includes(squeeze(p)));
  sumDrop += dropped.length;
  sumDropProse += droppedProse.length;
  sumSuspect += suspect.length;
  sumSuspectBefore += suspectBefore;
  console.log(`\n=== ${f}  [${raw.encoding}]  ${Math.round(msBefore)} ms → ${Math.round(msAfter)} ms`);
  console.log(`title: ${before.title ?? "-"}  →  ${after.title ?? "-"}`);
  console.log(`date:  ${before.date ?? "-"}  →  ${after.date ?? "-"}`);
  console.log(`chars: ${before.text.length} → ${after.text.length}; paragraphs ${pb.length} → ${pa.length}`);
  const cut = (s: string) => (s.length > 70 ? s.slice(0, 70) + "…" : s);
  if (dropped.length) {
    console.log(`dropped (${dropped.length}; ${droppedProse.length} read as prose, check them):`);
    for (const p of dropped) console.log(`  ${prose(p) ? "P" : "-"} ${cut(p)}`);
  }
  if (added.length) {
    console.log(`new (${added.length}, not paragraphs before):`);
    for (const p of added) console.log(`  + ${cut(p)}`);
  }
  if (notKept.length) {
    console.log(`in Readability's text, not kept (${notKept.length}; ${notKept.filter(prose).length} read as prose, check them):`);
    for (const p of notKept) console.log(`  R ${prose(p) ? "P" : "-"} ${cut(p)}`);
  }
  sumNotKept += notKept.length;
  sumNotKeptProse += notKept.filter(prose).length;
  if (suspect.length) {
    console.log(`kept, looks like furniture (${suspect.length}):`);
    for (const [p, why] of suspect) console.log(`  ? [${why}] ${cut(p)}`);
  }
  if (showAll) for (const p of pa) console.log(`  | ${cut(p)}`);
  rows.push(`${f.padEnd(20)} ${String(before.text.length).padStart(6)} → ${String(after.text.length).padStart(6)}  ${String(Math.round(msBefore)).padStart(4)} → ${String(Math.round(msAfter)).padStart(4)} ms  ${(after.date ?? "-").padEnd(10)}  ${after.title ?? "-"}`);
}
console.log(`\n${"page".padEnd(20)} ${"chars before → after".padStart(16)}  time  date        title`);
for (const r of rows) console.log(r);
console.log(`\nReadability paragraphs not kept ${sumNotKept} (${sumNotKeptProse} read as prose)`);
console.log(`dropped paragraphs ${sumDrop} (${sumDropProse} read as prose); kept paragraphs that look like furniture ${sumSuspectBefore} before → ${sumSuspect} after`);

// `npm run bench:deep-html [-- --levels 1000,10000,50000,100000]`
//
// Cleaning time of an HTML page nested N levels deep (issue #18: 13.7 s at 50,000 levels, 110 s at
// 100,000 before the depth guard of src/clean/depth.ts). For each N: the time of cleanDocument
// (median of 3 runs), the time per 1,000 levels (flat when cleaning is linear in the depth), and
// whether the article's two paragraphs came out whole. The target: 100,000 levels in under 5 s.
import { parseArgs } from "node:util";
import { cleanDocument } from "../src/clean/index.ts";

const FIRST = "记者从杭州市余杭区获悉，未来科技城今年第一季度新增三家企业研发中心，主要集中在人工智能和生物医药领域。";
const SECOND = "据介绍，三家研发中心将与之江实验室和浙江大学开展联合攻关，计划在两年内建成共享实验平台，向园区中小企业开放仪器设备。";

export function deepPage(levels: number): string {
  return `<!doctype html><html><head><title>余杭新增研发中心</title></head><body>${'<div class="box">'.repeat(levels)}<p>${FIRST}</p><p>${SECOND}</p>${"</div>".repeat(levels)}</body></html>`;
}

export function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { levels: { type: "string", default: "1000,10000,50000,100000" } } });
  const levels = values.levels!.split(",").map(Number);
  // Warm-up: the first clean of a process loads and compiles the parsers.
  cleanDocument({ id: "warm", source: "warm.html", format: "html", encoding: "utf-8", content: deepPage(10) });
  let ok = true;
  console.log("levels      ms   ms/1000 levels  text whole");
  for (const n of levels) {
    const content = deepPage(n);
    const times: number[] = [];
    let text = "";
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      text = cleanDocument({ id: "deep", source: "deep.html", format: "html", encoding: "utf-8", content }).text;
      times.push(performance.now() - t0);
    }
    const ms = times.sort((a, b) => a - b)[1];
    const whole = text === `${FIRST}\n${SECOND}`;
    ok &&= whole && (n < 100_000 || ms < 5000);
    console.log(`${String(n).padStart(6)}  ${String(Math.round(ms)).padStart(6)}  ${(ms / (n / 1000)).toFixed(1).padStart(14)}  ${whole ? "yes" : "NO"}`);
  }
  console.log(ok ? "ok: every page whole, 100,000 levels (if measured) under 5 s" : "FAILED: a page lost text, or 100,000 levels took 5 s or more");
  return ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));

// `guanxi who <name> [--window W] [--type T] [--limit N] [--out DIR] [--json]`: the entities that appear
// with one, ranked by the number of windows they share, with up to three passages each.

import { citation, parseQuery, positiveInt, printJson, runQuery, openBuild, shorten } from "../../query/cli.ts";
import { parseType, parseWindow, who } from "../../query/queries.ts";
import { renderTable } from "../../query/table.ts";
import { describePeriod, parsePeriod, PERIOD_OPTIONS } from "../../query/period.ts";

const USAGE = "guanxi who <name> [--window sentence|paragraph|article] [--type T] [--limit N] [--evidence 1-3] [--since YYYY-MM] [--until YYYY-MM] [--out DIR] [--json]";

export async function run(argv: string[]): Promise<number> {
  return runQuery(() => {
    const p = parseQuery(argv, { window: { type: "string" }, type: { type: "string" }, limit: { type: "string" }, evidence: { type: "string" }, ...PERIOD_OPTIONS }, USAGE, 1);
    if (p.help) return (console.log(`usage: ${p.usage}`), 0);
    const build = openBuild(p.values);
    const result = who(build, p.positionals[0], {
      window: parseWindow(p.values.window as string | undefined, "article"),
      type: parseType(p.values.type as string | undefined),
      limit: positiveInt(p.values.limit, "--limit") ?? 20,
      evidence: positiveInt(p.values.evidence, "--evidence") ?? 3,
      period: parsePeriod(p.values.since, p.values.until),
    });
    if (p.values.json) return (printJson(result), 0);
    const e = result.entity;
    console.log(`${e.label} (${e.id}, ${e.type}${e.name_en ? `, ${e.name_en}` : ""}): ${result.total} co-mentioned at ${result.window} level${result.period ? `, in the period ${describePeriod(result.period)}` : ""}${result.rows.length < result.total ? `, showing ${result.rows.length}` : ""}`);
    if (!result.rows.length) return 0;
    console.log(
      renderTable(result.rows, [
        { header: "#", value: (r) => result.rows.indexOf(r) + 1, align: "right" },
        { header: "名称", value: (r) => r.label, maxWidth: 24 },
        { header: "English", value: (r) => r.name_en, maxWidth: 28 },
        { header: "type", value: (r) => r.type },
        ...(result.period ? [{ header: "docs in period", value: (r: (typeof result.rows)[number]) => r.inPeriod, align: "right" as const }] : []),
        { header: result.window, value: (r) => r.weight, align: "right" },
        { header: "docs", value: (r) => r.documents, align: "right" },
        { header: "npmi", value: (r) => r.npmi.toFixed(2), align: "right" },
        { header: "first", value: (r) => r.firstDate },
        { header: "last", value: (r) => r.lastDate },
        { header: "roles", value: (r) => r.roles.join("、"), maxWidth: 16 },
      ]),
    );
    console.log("");
    result.rows.forEach((r, i) => {
      if (!r.evidence.length) return;
      console.log(`${i + 1}. ${r.label}`);
      for (const ev of r.evidence) console.log(`   [${ev.level}] ${shorten(ev.text)}\n       ${citation(ev)}`);
    });
    return 0;
  });
}

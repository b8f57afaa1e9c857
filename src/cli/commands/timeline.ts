// `guanxi timeline <name> [--window W] [--since YYYY-MM] [--until YYYY-MM] [--out DIR] [--json]`: an
// entity's ties month by month: articles, active ties, who came and who went.

import { parseQuery, printJson, runQuery, openBuild } from "../../query/cli.ts";
import { parseWindow } from "../../query/queries.ts";
import { describePeriod, parsePeriod, PERIOD_OPTIONS } from "../../query/period.ts";
import { timeline, type TimelineTie } from "../../query/timeline.ts";
import { renderTable } from "../../query/table.ts";

const USAGE = "guanxi timeline <name> [--window sentence|paragraph|article] [--since YYYY-MM] [--until YYYY-MM] [--out DIR] [--json]";

/** "刘颖 2、王坚 +3": the first few ties of a cell, the rest counted. */
function names(ties: TimelineTie[], max = 4): string {
  const shown = ties.slice(0, max).map((t) => (t.count > 1 ? `${t.label} ${t.count}` : t.label));
  return shown.join("、") + (ties.length > max ? ` +${ties.length - max}` : "");
}

export async function run(argv: string[]): Promise<number> {
  return runQuery(() => {
    const p = parseQuery(argv, { window: { type: "string" }, ...PERIOD_OPTIONS }, USAGE, 1);
    if (p.help) return (console.log(`usage: ${p.usage}`), 0);
    const build = openBuild(p.values);
    const r = timeline(build, p.positionals[0], {
      window: parseWindow(p.values.window as string | undefined, "article"),
      period: parsePeriod(p.values.since, p.values.until),
    });
    if (p.values.json) return (printJson(r), 0);
    const e = r.entity;
    const within = r.period ? `, period ${describePeriod(r.period)}` : "";
    if (!r.firstDate) {
      console.log(`${e.label} (${e.id}): no dated article names it, so it has no timeline.`);
      return 0;
    }
    console.log(`${e.label} (${e.id}, ${e.type}): seen ${r.firstDate} to ${r.lastDate}; ties at ${r.window} level by month${within}`);
    if (!r.months.length) {
      console.log("no month of the period names it.");
      return 0;
    }
    console.log(
      renderTable(r.months, [
        { header: "month", value: (m) => m.month },
        { header: "docs", value: (m) => m.documents, align: "right" },
        { header: "ties", value: (m) => m.active.length, align: "right" },
        { header: "came", value: (m) => names(m.came), maxWidth: 40 },
        { header: "went", value: (m) => names(m.went), maxWidth: 40 },
      ]),
    );
    return 0;
  });
}

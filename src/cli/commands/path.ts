// `guanxi path <a> <b> [--window W] [--out DIR] [--json]`: the shortest chain of ties (co-mentions at the
// window level, and roles) between two entities.

import { parseQuery, printJson, runQuery, openBuild } from "../../query/cli.ts";
import { parseWindow, path } from "../../query/queries.ts";
import { renderTable } from "../../query/table.ts";
import { describePeriod, parsePeriod, PERIOD_OPTIONS } from "../../query/period.ts";

const USAGE = "guanxi path <a> <b> [--window sentence|paragraph|article] [--since YYYY-MM] [--until YYYY-MM] [--out DIR] [--json]";

export async function run(argv: string[]): Promise<number> {
  return runQuery(() => {
    const p = parseQuery(argv, { window: { type: "string" }, ...PERIOD_OPTIONS }, USAGE, 2);
    if (p.help) return (console.log(`usage: ${p.usage}`), 0);
    const build = openBuild(p.values);
    const r = path(build, p.positionals[0], p.positionals[1], { window: parseWindow(p.values.window as string | undefined, "article"), period: parsePeriod(p.values.since, p.values.until) });
    if (p.values.json) return (printJson(r), 0);
    if (!r.found) {
      console.log(`no path between ${r.from.label} and ${r.to.label} at ${r.window} level${r.period ? ` in the period ${describePeriod(r.period)}` : ""}.`);
      return 0;
    }
    console.log(`${r.nodes.map((n) => n.label).join(" → ")}  (${r.hops} hop${r.hops === 1 ? "" : "s"}, ${r.window} level${r.period ? `, period ${describePeriod(r.period)}` : ""})`);
    if (!r.steps.length) return 0;
    console.log(
      renderTable(r.steps, [
        { header: "from", value: (s) => s.from.label, maxWidth: 24 },
        { header: "to", value: (s) => s.to.label, maxWidth: 24 },
        { header: "co-mentions", value: (s) => s.coMention || "", align: "right" },
        { header: "roles", value: (s) => s.roles.join("、"), maxWidth: 24 },
      ]),
    );
    return 0;
  });
}

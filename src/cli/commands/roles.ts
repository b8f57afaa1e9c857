// `guanxi roles <name> [--out DIR] [--json]`: the titles a person holds, or who holds titles in an
// organisation, as the texts state them.

import { parseQuery, printJson, runQuery, openBuild } from "../../query/cli.ts";
import { roles } from "../../query/queries.ts";
import { renderTable } from "../../query/table.ts";
import { describePeriod, parsePeriod, PERIOD_OPTIONS } from "../../query/period.ts";

const USAGE = "guanxi roles <name> [--since YYYY-MM] [--until YYYY-MM] [--out DIR] [--json]";

export async function run(argv: string[]): Promise<number> {
  return runQuery(() => {
    const p = parseQuery(argv, { ...PERIOD_OPTIONS }, USAGE, 1);
    if (p.help) return (console.log(`usage: ${p.usage}`), 0);
    const build = openBuild(p.values);
    const r = roles(build, p.positionals[0], { period: parsePeriod(p.values.since, p.values.until) });
    const within = r.period ? ` in the period ${describePeriod(r.period)}` : "";
    if (p.values.json) return (printJson(r), 0);
    const e = r.entity;
    if (!r.rows.length) {
      console.log(r.as === "person" ? `no title stated for ${e.label} (${e.id})${within}.` : `no one is stated to hold a title in ${e.label} (${e.id})${within}.`);
      return 0;
    }
    console.log(r.as === "person" ? `${e.label} (${e.id}) holds${within}:` : `titles held in ${e.label} (${e.id})${within}:`);
    const columns =
      r.as === "person"
        ? [
            { header: "title", value: (x: (typeof r.rows)[number]) => x.title },
            { header: "organisation", value: (x: (typeof r.rows)[number]) => x.org_label, maxWidth: 30 },
          ]
        : [
            { header: "person", value: (x: (typeof r.rows)[number]) => x.person_label, maxWidth: 20 },
            { header: "title", value: (x: (typeof r.rows)[number]) => x.title },
          ];
    console.log(
      renderTable(r.rows, [
        ...columns,
        { header: "statements", value: (x) => x.count, align: "right" },
        { header: "docs", value: (x) => x.documents, align: "right" },
      ]),
    );
    return 0;
  });
}

// `guanxi stats [--out DIR] [--json]`: what a build holds: documents, entities by type, edges per level,
// communities, and the most central entities.

import { parseQuery, printJson, runQuery, openBuild } from "../../query/cli.ts";
import { stats } from "../../query/queries.ts";
import { renderTable } from "../../query/table.ts";
import { describePeriod, parsePeriod, PERIOD_OPTIONS } from "../../query/period.ts";

const USAGE = "guanxi stats [--since YYYY-MM] [--until YYYY-MM] [--out DIR] [--json]";

export async function run(argv: string[]): Promise<number> {
  return runQuery(() => {
    const p = parseQuery(argv, { ...PERIOD_OPTIONS }, USAGE, 0);
    if (p.help) return (console.log(`usage: ${p.usage}`), 0);
    const s = stats(openBuild(p.values), { period: parsePeriod(p.values.since, p.values.until) });
    if (p.values.json) return (printJson(s), 0);
    console.log(`build ${s.dir}/: ${s.documents} documents, ${s.entities} entities (${s.candidates} of them candidates), ${s.communities} communities; edge weight in the exports = distinct ${s.window} windows`);
    console.log(`candidates proposed: ${s.candidatesProposed} (guanxi candidates lists them)`);
    if (s.period) console.log(`in the period ${describePeriod(s.period)}: the documents dated in it, and what they name`);
    else if (s.firstDate) console.log(`dated ${s.firstDate} to ${s.lastDate}${s.undated ? `; ${s.undated} document(s) without a date` : ""}`);
    else console.log("no document states a date");
    console.log(`entities by type: ${Object.entries(s.byType).map(([t, n]) => `${t} ${n}`).join(", ")}`);
    console.log(`pairs co-mentioned within a sentence ${s.coMentionEdges.sentence}, a paragraph ${s.coMentionEdges.paragraph}, an article ${s.coMentionEdges.article}; role edges (person → organisation, per title) ${s.roleEdges}`);
    if (!s.top.length) return 0;
    console.log("");
    console.log("most central (PageRank); weighted degree = the sum of an entity's edge weights; mentions = times named");
    console.log(
      renderTable(s.top, [
        { header: "#", value: (r) => s.top.indexOf(r) + 1, align: "right" },
        { header: "名称", value: (r) => r.label, maxWidth: 24 },
        { header: "type", value: (r) => r.type },
        { header: "pagerank", value: (r) => r.pagerank.toFixed(4), align: "right" },
        { header: "weighted degree", value: (r) => r.weightedDegree, align: "right" },
        { header: "mentions", value: (r) => r.mentions, align: "right" },
      ]),
    );
    return 0;
  });
}

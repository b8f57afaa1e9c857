// `guanxi with <a> <b> [--out DIR] [--json]`: every passage where two entities stand together, closest
// level first (same sentence, then same paragraph, then same article), each with its source and title.

import { citation, parseQuery, printJson, runQuery, openBuild } from "../../query/cli.ts";
import { withPair } from "../../query/queries.ts";
import { describePeriod, parsePeriod, PERIOD_OPTIONS } from "../../query/period.ts";

const USAGE = "guanxi with <a> <b> [--since YYYY-MM] [--until YYYY-MM] [--out DIR] [--json]";

export async function run(argv: string[]): Promise<number> {
  return runQuery(() => {
    const p = parseQuery(argv, { ...PERIOD_OPTIONS }, USAGE, 2);
    if (p.help) return (console.log(`usage: ${p.usage}`), 0);
    const build = openBuild(p.values);
    const r = withPair(build, p.positionals[0], p.positionals[1], { period: parsePeriod(p.values.since, p.values.until) });
    if (p.values.json) return (printJson(r), 0);
    console.log(`${r.a.label} (${r.a.id}) — ${r.b.label} (${r.b.id})`);
    console.log(`windows shared: sentence ${r.total.sentence}, paragraph ${r.total.paragraph}, article ${r.total.article}${r.coMention ? `; ${r.coMention.documents} document(s), npmi ${r.coMention.npmi.toFixed(2)}` : ""}`);
    if (r.coMention?.firstDate) console.log(`dated documents: ${r.coMention.firstDate} to ${r.coMention.lastDate}`);
    if (r.period) console.log(`in the period ${describePeriod(r.period)}: ${r.inPeriod} dated document(s); passages from them only`);
    for (const role of r.roles) console.log(`role: ${role.person.label} — ${role.title} — ${role.org.label}`);
    if (!r.passages.length) {
      console.log(r.period ? "no kept passage of the period holds both." : "no passage holds both.");
      return 0;
    }
    const kept = r.passages.length;
    const all = r.total.article;
    console.log("");
    r.passages.forEach((e, i) => {
      console.log(`${i + 1}. [${e.level}] ${citation(e)}${e.duplicateOf ? ` (repeats ${e.duplicateOf})` : ""}`);
      console.log(`   ${e.text.replace(/\s+/g, " ")}`);
    });
    if (all > kept) console.log(`\n(${kept} passages shown; the store keeps a sample per level)`);
    return 0;
  });
}

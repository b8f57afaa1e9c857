// `guanxi who <name> [--window W] [--rank association|count] [--type T] [--limit N] [--out DIR] [--json]`:
// the entities that appear with one, ranked as the viewer ranks them (src/query/rank.ts), each with
// the counts behind its place and up to three passages cut around both names.

import { citation, parseQuery, positiveInt, printJson, runQuery, openBuild } from "../../query/cli.ts";
import { parseType, parseWindow, who } from "../../query/queries.ts";
import { DEFAULT_RANK, DEFAULT_WINDOW, parseRank, RANKINGS } from "../../query/rank.ts";
import { QueryError } from "../../query/load.ts";
import { snippetAround } from "../../query/snippet.ts";
import { describePeriod, parsePeriod, PERIOD_OPTIONS } from "../../query/period.ts";
import { renderTable } from "../../query/table.ts";

const USAGE = `guanxi who <name> [--window sentence|paragraph|article] [--rank ${RANKINGS.join("|")}] [--type T] [--limit N] [--evidence 0-3] [--since YYYY-MM] [--until YYYY-MM] [--out DIR] [--json]

  Who appears with <name>, by default at the ${DEFAULT_WINDOW} window, ranked by ${DEFAULT_RANK}: the count of
  shared windows times how specific the tie is (count / √(strength · strength), where an entity's strength
  is its total count with everyone), so that an entity named with everybody does not lead. --rank count
  ranks by the raw count. <name> may be Simplified or Traditional, pinyin (with or without tones), an
  English name, an alias or an id. --since/--until (a month or a year) keep the ties dated in the period,
  the most documents in it first.`;

/** An entity's names as they may stand in a passage. */
function namesOf(build: ReturnType<typeof openBuild>, id: string): string[] {
  const a = build.graph.getNodeAttributes(id);
  return [a.label, ...(a.aliases ?? []), a.name_en ?? ""].filter(Boolean);
}

export async function run(argv: string[]): Promise<number> {
  return runQuery(() => {
    const p = parseQuery(argv, { window: { type: "string" }, rank: { type: "string" }, type: { type: "string" }, limit: { type: "string" }, evidence: { type: "string" }, ...PERIOD_OPTIONS }, USAGE, 1);
    if (p.help) return (console.log(`usage: ${p.usage}`), 0);
    const rankValue = p.values.rank as string | undefined;
    const rank = rankValue === undefined ? DEFAULT_RANK : parseRank(rankValue);
    if (!rank) throw new QueryError(`--rank must be ${RANKINGS.join(" or ")}, not "${rankValue}"`);
    const build = openBuild(p.values);
    const result = who(build, p.positionals[0], {
      window: parseWindow(p.values.window as string | undefined, DEFAULT_WINDOW),
      type: parseType(p.values.type as string | undefined),
      limit: positiveInt(p.values.limit, "--limit") ?? 20,
      evidence: positiveInt(p.values.evidence, "--evidence") ?? 3,
      rank,
      period: parsePeriod(p.values.since, p.values.until),
    });
    if (p.values.json) return (printJson(result), 0);
    const e = result.entity;
    const shown = result.rows.length < result.total ? `, showing ${result.rows.length}` : "";
    console.log(`${e.label} (${e.id}, ${e.type}${e.name_en ? `, ${e.name_en}` : ""}): ${result.total} co-mentioned within ${result.window === "article" ? "an" : "a"} ${result.window}${result.period ? `, in the period ${describePeriod(result.period)}` : ""}${shown}; ranked by ${result.rank}`);
    if (!result.rows.length) {
      if (result.window !== "article") console.log(`(try --window paragraph or --window article for looser ties)`);
      return 0;
    }
    console.log(
      renderTable(result.rows, [
        { header: "#", value: (r) => result.rows.indexOf(r) + 1, align: "right" },
        { header: "名称", value: (r) => r.label, maxWidth: 24 },
        { header: "English", value: (r) => r.name_en, maxWidth: 28 },
        { header: "type", value: (r) => r.type },
        ...(result.period ? [{ header: "docs in period", value: (r: (typeof result.rows)[number]) => r.inPeriod, align: "right" as const }] : []),
        { header: `${result.window}s`, value: (r) => r.weight, align: "right" },
        ...(result.window === "sentence" ? [] : [{ header: "sentences", value: (r: (typeof result.rows)[number]) => r.sentence, align: "right" as const }]),
        { header: "docs", value: (r) => r.documents, align: "right" },
        { header: "assoc", value: (r) => r.association.toFixed(2), align: "right" },
        ...(result.rank === "association" ? [{ header: "score", value: (r: (typeof result.rows)[number]) => r.score.toFixed(2), align: "right" as const }] : []),
        { header: "first", value: (r) => r.firstDate },
        { header: "last", value: (r) => r.lastDate },
        { header: "roles", value: (r) => r.roles.join("、"), maxWidth: 16 },
      ]),
    );
    const mine = namesOf(build, e.id);
    console.log("");
    result.rows.forEach((r, i) => {
      if (!r.evidence.length) return;
      console.log(`${i + 1}. ${r.label}`);
      const theirs = namesOf(build, r.id);
      for (const ev of r.evidence) console.log(`   [${ev.level}] ${snippetAround(ev.text, mine, theirs, 56)}\n       ${citation(ev)}`);
    });
    return 0;
  });
}

// `guanxi candidates`: the entities a build proposed that the dictionary does not know, ranked.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ENTITY_TYPES, type Candidate } from "../../types.ts";

const USAGE = `usage: guanxi candidates [--out DIR] [--limit N] [--type ${ENTITY_TYPES.join("|")}] [--json]

  The people and organisations a build proposed that the dictionary does not know (candidates.jsonl),
  best first: label, type, score, mentions and documents, and the documents they stand in. Accept one
  with \`guanxi dict accept <label> --type T\`; build with --include-candidates to see them in the graph.`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        out: { type: "string", default: "out" },
        limit: { type: "string", default: "30" },
        type: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (err) {
    console.error(`guanxi candidates: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) {
    console.error(`guanxi candidates: --limit must be a whole number, not "${values.limit}"`);
    return 2;
  }
  if (values.type && !(ENTITY_TYPES as readonly string[]).includes(values.type)) {
    console.error(`guanxi candidates: --type must be one of ${ENTITY_TYPES.join(", ")}, not "${values.type}"`);
    return 2;
  }
  const file = path.join(values.out!, "candidates.jsonl");
  if (!existsSync(file)) {
    console.error(`guanxi candidates: ${file} not found; run guanxi build first`);
    return 1;
  }
  const all: Candidate[] = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Candidate)
    .filter((c) => !values.type || c.type === values.type);
  const rows = limit > 0 ? all.slice(0, limit) : all;
  if (values.json) {
    console.log(JSON.stringify(rows, null, 1));
    return 0;
  }
  if (!rows.length) {
    console.log(`no candidates in ${file}.`);
    return 0;
  }
  for (const c of rows) {
    console.log(`${c.label}\t${c.type}\tscore ${c.score}\t${c.count}× in ${c.docs.length} doc(s)\t${c.evidence.join(",")}`);
  }
  if (all.length > rows.length) console.log(`(${rows.length} of ${all.length}; --limit 0 for all)`);
  console.log(`\naccept one with: guanxi dict accept <label> --type <type> [--en NAME]`);
  return 0;
}

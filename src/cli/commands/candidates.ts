// `guanxi candidates`: the entities a build proposed that the dictionary does not know, best first
// (score = confidence × log2(1 + mentions)), with their evidence sentences.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ENTITY_TYPES, type Candidate } from "../../types.ts";
import { printJson } from "../../query/cli.ts";

const USAGE = `usage: guanxi candidates [--out DIR] [--limit N] [--type ${ENTITY_TYPES.join("|")}] [--min-confidence X] [--evidence] [--json]

  The names a build proposed that the dictionary does not know (candidates.jsonl), best first by
  confidence × log2(1 + mentions): label, type, confidence, mentions and documents, with up to three
  sentences each. Accept one with \`guanxi dict accept <label> --type T\`.`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        out: { type: "string", default: "out" },
        limit: { type: "string", default: "30" },
        type: { type: "string" },
        "min-confidence": { type: "string", default: "0" },
        evidence: { type: "boolean", default: false },
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
    return 2;
  }
  const all: Candidate[] = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Candidate);
  const minConfidence = Number(values["min-confidence"]);
  const matching = all.filter((c) => (!values.type || c.type === values.type) && (c.confidence ?? 1) >= minConfidence);
  // candidates.jsonl is written ranked; sorted again so that an older file reads the same way.
  matching.sort((a, b) => b.score - a.score || b.docs.length - a.docs.length || a.label.localeCompare(b.label));
  const rows = limit > 0 ? matching.slice(0, limit) : matching;
  if (values.json) {
    printJson({ total: all.length, matching: matching.length, candidates: rows }, 1);
    return 0;
  }
  console.log(`${all.length} candidates proposed${matching.length !== all.length ? `, ${matching.length} matching` : ""}; the ${rows.length} best:`);
  rows.forEach((c, i) => {
    const confidence = c.confidence === undefined ? "" : `\tconfidence ${c.confidence.toFixed(2)}`;
    console.log(`${i + 1}. ${c.label}\t${c.type}${confidence}\tscore ${c.score}\t${c.count}× in ${c.docs.length} doc(s)\t${c.evidence.join(",")}`);
    if (values.evidence || i < 10) for (const s of c.sentences ?? []) console.log(`     「${s}」`);
  });
  console.log(`\naccept one with: guanxi dict accept <label> --type <type> [--en NAME]`);
  return 0;
}

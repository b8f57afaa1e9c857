// `guanxi candidates`: the entities a build proposed that the dictionary does not know, ranked.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Candidate } from "../../types.ts";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string", default: "out" },
      limit: { type: "string", default: "30" },
      type: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const file = path.join(values.out!, "candidates.jsonl");
  if (!existsSync(file)) {
    console.error(`guanxi candidates: ${file} not found; run guanxi build first`);
    return 2;
  }
  const rows: Candidate[] = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Candidate)
    .filter((c) => !values.type || c.type === values.type)
    .slice(0, Number(values.limit));
  if (values.json) {
    console.log(JSON.stringify(rows, null, 1));
    return 0;
  }
  for (const c of rows) {
    console.log(`${c.label}\t${c.type}\tscore ${c.score}\t${c.count}× in ${c.docs.length} doc(s)\t${c.evidence.join(",")}`);
  }
  console.log(`\naccept one with: guanxi dict accept <label> --type <type> [--en NAME]`);
  return 0;
}

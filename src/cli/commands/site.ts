// `guanxi site [BUILD] --to DIR [--title T] [--description D] [--force]`: writes a static copy of the
// viewer and one build's data to DIR, for any static file host. The work is writeSite in src/serve/site.ts;
// this module reads the arguments, makes sure the viewer is built, and prints the size report.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatReport, writeSite } from "../../serve/site.ts";
import { ensureViewerDist } from "../viewer-dist.ts";

const USAGE = [
  "usage: guanxi site [BUILD] --to DIR [--title T] [--description D] [--force]",
  "  a static copy of the viewer and BUILD's data (default out/) in DIR, for any static file host;",
  "  --force replaces a non-empty DIR that is not a previous site",
].join("\n");

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        to: { type: "string" },
        title: { type: "string" },
        description: { type: "string" },
        force: { type: "boolean", default: false },
        // Every other command names the build with --out: accepted here too.
        out: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1 || (positionals.length && values.out)) throw new Error(`one build folder only\n${USAGE}`);
  const dir = values.out ?? positionals[0];
  const { to, title, description, force } = values;
  if (!to) throw new Error(`--to DIR is required\n${USAGE}`);
  const buildDir = resolve(dir ?? "out");
  if (!existsSync(resolve(buildDir, "graph.json"))) {
    console.error(`guanxi site: no graph.json in ${buildDir}; run \`guanxi build <articles> --out ${dir ?? "out"}\` first`);
    return 1;
  }

  const viewerDir = await ensureViewerDist("site");

  const report = writeSite(buildDir, resolve(to), { viewerDir, title, description, force });
  console.log(formatReport(report));
  return 0;
}

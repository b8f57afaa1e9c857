// The command line: a table of sub-commands, each a module in ./commands exporting `run(argv)`.
// Modules load lazily so that `guanxi --help` stays instant and a query never loads the build pipeline.

import { guardTerminalOutput } from "../query/terminal.ts";

export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

interface CommandInfo {
  summary: string;
  load: () => Promise<CommandModule>;
}

const COMMANDS: Record<string, CommandInfo> = {
  build: {
    summary: "build <files|folders…> [--out DIR] [--dict DIR] [--window W] [--include-candidates] [--workers N] [--strict]  clean, link and graph articles",
    load: () => import("./commands/build.ts"),
  },
  dict: { summary: "dict [check|--json|accept <label> --type T [--en NAME]] [--dir DIR]  the curated dictionary", load: () => import("./commands/dict.ts") },
  candidates: { summary: "candidates [--out DIR] [--limit N] [--type T]  proposed entities not in the dictionary", load: () => import("./commands/candidates.ts") },
  who: { summary: "who <name> [--window W] [--rank association|count] [--type T] [--limit N]  who appears with an entity", load: () => import("./commands/who.ts") },
  with: { summary: "with <a> <b>  the evidence for a pair", load: () => import("./commands/with.ts") },
  path: { summary: "path <a> <b>  shortest path over co-mentions and roles", load: () => import("./commands/path.ts") },
  roles: { summary: "roles <name>  titles a person holds, or who holds titles in an organisation", load: () => import("./commands/roles.ts") },
  stats: { summary: "stats  counts of the build", load: () => import("./commands/stats.ts") },
  timeline: { summary: "timeline <name>  an entity's ties by month: who came, who went", load: () => import("./commands/timeline.ts") },
  site: { summary: "site [DIR] --to SITE [--title T] [--description D] [--force]  a static copy of viewer and build for a web host", load: () => import("./commands/site.ts") },
  serve: { summary: "serve [DIR] [--port P|0] [--host H] [--allow-host NAME]  open the viewer on a build", load: () => import("./commands/serve.ts") },
};

export function helpText(): string {
  const lines = [
    "guanxi — a knowledge graph of who appears with whom in Chinese news",
    "",
    "usage: guanxi <command> [options]",
    "",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${c.summary.startsWith(name) ? "" : name + " "}${c.summary}`),
    "",
    "Every query takes --out DIR (default out/) and --json; names may be Chinese (Simplified or Traditional),",
    "pinyin, English, an alias or an id. who, with, path, roles, stats and timeline take --since and --until",
    "(a month, 2024-05, or a year). The build reads the dictionary in dictionaries/ (--dict DIR for another).",
    "`guanxi <command> --help` for each command's options. Add --debug to see stack traces.",
  ];
  return lines.join("\n");
}

let pipeGuarded = false;

/**
 * `guanxi dict --json | head`: a reader that stops early closes the pipe, and the next write fails with
 * EPIPE. That is the reader's choice, not an error: end quietly with success.
 */
export function endQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(0);
      throw err;
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  guardTerminalOutput();
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(helpText());
    return 0;
  }
  if (name === "--version" || name === "-v") {
    console.log("guanxi 0.1.0");
    return 0;
  }
  const info = COMMANDS[name];
  if (!info) {
    console.error(`guanxi: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  const debug = rest.includes("--debug");
  try {
    const mod = await info.load();
    return await mod.run(rest.filter((a) => a !== "--debug"));
  } catch (err) {
    // A user sees one line; the stack trace only with --debug.
    const message = err instanceof Error ? err.message : String(err);
    console.error(`guanxi ${name}: ${message}`);
    if (debug && err instanceof Error && err.stack) console.error(err.stack);
    return 1;
  }
}

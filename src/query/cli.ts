// What the query commands share: argument parsing (node:util parseArgs), loading the build, and turning a
// QueryError (unknown or ambiguous name, bad option) into a message on stderr and exit code 2.

import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Evidence } from "../types.ts";
import { loadBuild, QueryError, type Build } from "./load.ts";
import { truncate } from "./table.ts";
import { writeExact } from "./terminal.ts";

export const COMMON_OPTIONS = {
  out: { type: "string", default: "out" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export interface Parsed<V> {
  values: V;
  positionals: string[];
}

export function parseQuery<O extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: O, usage: string, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new QueryError(`${err instanceof Error ? err.message : String(err)}\nusage: ${usage}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { help: true as const, usage };
  if (parsed.positionals.length !== positionals) {
    throw new QueryError(`expected ${positionals} name${positionals === 1 ? "" : "s"}, got ${parsed.positionals.length}\nusage: ${usage}`);
  }
  return { help: false as const, values, positionals: parsed.positionals };
}

/**
 * Runs a query command: errors a user can fix become a message and exit code 2 (1 for a missing build).
 * A closed pipe (`guanxi who 王坚 | head`) is handled once for every command, in cli/main.ts.
 */
export async function runQuery(body: () => number | Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof QueryError) {
      console.error(err.message);
      return err.exitCode;
    }
    throw err;
  }
}

export function openBuild(values: Record<string, unknown>): Build {
  return loadBuild(typeof values.out === "string" ? values.out : "out");
}

/** JSON on stdout, exactly (not through the terminal guard: a reader parses it). */
export function printJson(data: unknown, indent = 2): void {
  writeExact(process.stdout, JSON.stringify(data, null, indent) + "\n");
}

/** One line naming where a passage stands: 《title》 date · source. */
export function citation(e: Evidence): string {
  const parts = [e.title ? `《${e.title}》` : "", e.date ?? "", e.source].filter(Boolean);
  return parts.join(" · ");
}

export function positiveInt(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new QueryError(`${name} must be a whole number, not "${value}"`);
  return n;
}

export const shorten = (text: string, width = 100) => truncate(text.replace(/\s+/g, " "), width);

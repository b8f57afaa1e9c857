import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The official GEXF schemas (not part of this repository): $GUANXI_GEXF_SCHEMAS, else the shared folder
 * beside the repository (../shared/gexf), else the workplace's shared folder. A test that needs them fails,
 * never skips, when none is there.
 */
const SCHEMA_DIRS = [
  process.env.GUANXI_GEXF_SCHEMAS,
  fileURLToPath(new URL("../../../shared/gexf/", import.meta.url)),
  "/work/shared/gexf/",
].filter((d): d is string => !!d);
export const SCHEMAS = SCHEMA_DIRS.find((d) => existsSync(`${d}/1.3/gexf.rng`)) ?? SCHEMA_DIRS[1];

/** Validates a GEXF file against its version's RelaxNG schema; throws (non-zero exit) when it is not valid. */
export function xmllint(version: string, file: string): string {
  return execFileSync("xmllint", ["--noout", "--relaxng", join(SCHEMAS, version, "gexf.rng"), file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Checks that a file is well-formed XML; throws when it is not. */
export function xmlWellFormed(file: string): string {
  return execFileSync("xmllint", ["--noout", file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

// Identity of inputs and of code: what decides whether a stored result may be reused.
//   - contentHash: a raw article's identity (everything cleaning and the outputs depend on);
//   - codeVersion: a hash of the source a stage declares (stages.ts). A declared path that does not
//     exist is an error, never skipped: a moved file must not leave a stage hashing less than it runs
//     on, or a later build would reuse results made by other code without a word.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { RawDocument } from "../types.ts";
import { ANALYSIS_RUNNER, ANALYSIS_STAGES, BUILD_STATE, CLEAN_STAGE, type Stage } from "./stages.ts";

/** The folder the stages' code paths are relative to (src/). */
export const SOURCE_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** The content hash of a raw article: everything cleaning and the output depend on. */
export function contentHash(raw: RawDocument): string {
  const h = createHash("sha256");
  // The repeated lines and a table's publisher join the key only when there are some: the hashes of
  // other inputs, and so their stored results, stay as they were.
  h.update(
    JSON.stringify([
      raw.id, raw.source, raw.format, raw.encoding, raw.title ?? null, raw.date ?? null, raw.url ?? null,
      ...(raw.repeatedLines?.length ? [raw.repeatedLines] : []),
      ...(raw.publisher ? [{ publisher: raw.publisher }] : []),
    ]),
  );
  h.update("\0");
  h.update(raw.content);
  return h.digest("hex").slice(0, 32);
}

/** Every file under a folder, sorted by path (data files too: a shipped model decides output as code does). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

/** A hash of the source the stages declare, by path relative to `root`, and the content of every file. */
export function codeVersion(stages: readonly Stage[], root = SOURCE_ROOT): string {
  const h = createHash("sha256");
  for (const stage of stages) {
    for (const path of stage.code) {
      const full = join(root, path);
      if (!existsSync(full)) throw new Error(`the ${stage.name} stage declares ${path}, which does not exist in ${root}: update its code list in src/pipeline/stages.ts`);
      const files = path.endsWith("/") ? filesUnder(full) : [full];
      for (const file of files) h.update(`${relative(root, file)}\0`).update(readFileSync(file)).update("\0");
    }
  }
  return h.digest("hex").slice(0, 16);
}

export interface StageVersions {
  /** Cleaning's code. */
  clean: string;
  /** The analysis stages' code (the dictionary's version is added by the build). */
  analysis: string;
  /** The saved build state's code. */
  state: string;
}

/** Every version a build checks stored results against. Throws when a declared path is missing. */
export function stageVersions(root = SOURCE_ROOT): StageVersions {
  return {
    clean: codeVersion([CLEAN_STAGE], root),
    analysis: codeVersion([...ANALYSIS_STAGES, ANALYSIS_RUNNER], root),
    state: codeVersion([BUILD_STATE], root),
  };
}

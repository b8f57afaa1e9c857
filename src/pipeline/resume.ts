// Going on from a previous build: when a build's inputs only append articles to the previous build's
// (the next day's news), the previous output's saved state (near-duplicate index, graph accumulator,
// candidate tally, evidence candidates) and its line files are carried into the new output and only the
// new articles are folded in. These are the files that carry it, and the checks that it may be used.
import { constants, copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { nearDuplicateFiles } from "../dedup/near-duplicates.ts";
import { evidenceSpillFiles } from "../evidence/spill.ts";

/** The near-duplicate index's unit files in an output folder (kept for the next build to go on from). */
export const NEAR_DUPLICATE_FILES = ".near-duplicates";
/** The accumulator's evidence candidates, one file per shard (see src/evidence/spill.ts). */
export const EVIDENCE_SPILL_DIR = ".evidence-candidates";
/** Output files with a line per article: a resumed build starts from the previous build's and appends. */
export const CARRIED_OUTPUTS = ["documents.jsonl", "mentions.jsonl", "roles.jsonl"] as const;

/** Every file a build going on from the output `out` needs besides its store. */
function carriedFiles(out: string): { dedup: string[]; spill: string[]; lines: string[] } {
  return {
    dedup: nearDuplicateFiles(path.join(out, NEAR_DUPLICATE_FILES)),
    spill: evidenceSpillFiles(path.join(out, EVIDENCE_SPILL_DIR)),
    lines: CARRIED_OUTPUTS.map((n) => path.join(out, n)),
  };
}

/** Can a build go on from the output `out`? Only when everything its state continues is still there (a user may have deleted a file). */
export function hasCarriedFiles(out: string): boolean {
  const f = carriedFiles(out);
  return [...f.dedup, ...f.spill, ...f.lines].every((file) => existsSync(file));
}

/** Copies (a reflink where the file system can) the carried files of the output `from` into the build folder `to`. */
export function copyCarriedFiles(from: string, to: string): void {
  const source = carriedFiles(from);
  const target = carriedFiles(to);
  for (const kind of ["dedup", "spill", "lines"] as const) source[kind].forEach((file, i) => copyFileSync(file, target[kind][i], constants.COPYFILE_FICLONE));
}

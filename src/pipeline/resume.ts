// Going on from a previous build: when a build's inputs only append articles to the previous build's
// (the next day's news), the previous output's saved state (near-duplicate index, graph accumulator,
// candidate tally, evidence candidates) and its line files are carried into the new output and only the
// new articles are folded in; and any build reuses the stored results of unchanged articles
// (store.sqlite). These are the files that carry it, and the checks that they may be used.
//
// Nothing carried is trusted as found: every build records the size, line count and checksum of each
// carried file in build.json (`carried`), and the next build compares each file with that record before
// it reads it. A file cut short, overwritten or appended to is named, and the build goes on without it:
// a damaged store is not opened (every article is built from its input), a damaged line file,
// near-duplicate file or evidence candidate file means no going on from the saved state (every article
// is folded again). Either way the output is what a fresh build of the same inputs writes.
import { createHash } from "node:crypto";
import { closeSync, constants, copyFileSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { nearDuplicateFiles } from "../dedup/near-duplicates.ts";
import { evidenceSpillFiles } from "../evidence/spill.ts";
import { STORE_FILE } from "../store/store.ts";

/** The near-duplicate index's unit files in an output folder (kept for the next build to go on from). */
export const NEAR_DUPLICATE_FILES = ".near-duplicates";
/** The accumulator's evidence candidates, one file per shard (see src/evidence/spill.ts). */
export const EVIDENCE_SPILL_DIR = ".evidence-candidates";
/** Output files with a line per article: a resumed build starts from the previous build's and appends. */
export const CARRIED_OUTPUTS = ["documents.jsonl", "mentions.jsonl", "roles.jsonl"] as const;
/** The build's summary, which holds the record of the carried files. */
export const BUILD_SUMMARY = "build.json";

/** What build.json records of one carried file. */
export interface FileRecord {
  bytes: number;
  /** Lines (newline characters), for files of lines. */
  lines?: number;
  /** The first 128 bits of its SHA-256, in hex. */
  sha256: string;
}

/** Carried files by name relative to the output folder. */
export type CarriedRecord = Record<string, FileRecord>;

/** Every file a build going on from the output `out` needs besides its store. */
function carriedFiles(out: string): { dedup: string[]; spill: string[]; lines: string[] } {
  return {
    dedup: nearDuplicateFiles(path.join(out, NEAR_DUPLICATE_FILES)),
    spill: evidenceSpillFiles(path.join(out, EVIDENCE_SPILL_DIR)),
    lines: CARRIED_OUTPUTS.map((n) => path.join(out, n)),
  };
}

/** The names (relative, with "/") of the files the saved state continues, and whether each is a file of lines. */
function stateFileNames(): { name: string; lines: boolean }[] {
  const f = carriedFiles("");
  return [...f.lines.map((name) => ({ name, lines: true })), ...f.dedup.map((name) => ({ name, lines: false })), ...f.spill.map((name) => ({ name, lines: true }))].map((e) => ({
    ...e,
    name: e.name.split(path.sep).join("/"),
  }));
}

/** Copies (a reflink where the file system can) the carried files of the output `from` into the build folder `to`. */
export function copyCarriedFiles(from: string, to: string): void {
  const source = carriedFiles(from);
  const target = carriedFiles(to);
  for (const kind of ["dedup", "spill", "lines"] as const) source[kind].forEach((file, i) => copyFileSync(file, target[kind][i], constants.COPYFILE_FICLONE));
}

const CHUNK = 1 << 20;

/** A file's size, lines (when asked) and checksum, read a megabyte at a time (a store may pass readFileSync's 2 GB). */
export function fileDigest(file: string, countLines: boolean): FileRecord {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(CHUNK);
  const fd = openSync(file, "r");
  let bytes = 0;
  let lines = 0;
  try {
    for (let n; (n = readSync(fd, buffer, 0, CHUNK, null)) > 0; ) {
      const chunk = buffer.subarray(0, n);
      hash.update(chunk);
      bytes += n;
      if (countLines) for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, ...(countLines ? { lines } : {}), sha256: hash.digest("hex").slice(0, 32) };
}

/** What build.json records of an output's files: carried ones by checksum, exported ones by size. */
export interface OutputRecord {
  carried: CarriedRecord;
  /** Bytes of each exported file, or of all the files of an exported folder. */
  exported: Record<string, number>;
}

/** Bytes of a file, or of every file under a folder; -1 when it is missing. */
function bytesOf(target: string): number {
  if (!existsSync(target)) return -1;
  const info = statSync(target);
  if (!info.isDirectory()) return info.size;
  return readdirSync(target).reduce((n, name) => n + Math.max(0, bytesOf(path.join(target, name))), 0);
}

/**
 * The record of a finished build folder for its build.json: checksums of the carried files, sizes of the
 * exported ones (build.json itself, written last, aside). Sizes only, because a rebuild with nothing new
 * keeps the exported files after checking them and should take a fraction of a build; a size catches a
 * file cut short or missing, not one overwritten in place with text of the same length.
 */
export function recordOutput(dir: string, exported: readonly string[]): OutputRecord {
  return { carried: recordCarried(dir), exported: Object.fromEntries(exported.filter((n) => n !== BUILD_SUMMARY).map((n) => [n, bytesOf(path.join(dir, n))])) };
}

/** The record of every carried file a finished build folder holds, for its build.json. */
export function recordCarried(dir: string): CarriedRecord {
  const record: CarriedRecord = {};
  for (const { name, lines } of [{ name: STORE_FILE, lines: false }, ...stateFileNames()]) {
    const file = path.join(dir, name);
    if (existsSync(file)) record[name] = fileDigest(file, lines);
  }
  return record;
}

/** Why a file differs from its record, or undefined when it matches. */
function difference(file: string, expected: FileRecord | undefined, countLines: boolean): string | undefined {
  if (!expected) return "build.json has no record of it";
  if (!existsSync(file)) return "it is missing";
  const actual = fileDigest(file, countLines);
  if (expected.lines !== undefined && actual.lines !== expected.lines) return `${actual.lines} lines where build.json records ${expected.lines}`;
  if (actual.bytes !== expected.bytes) return `${actual.bytes} bytes where build.json records ${expected.bytes}`;
  if (actual.sha256 !== expected.sha256) return "its checksum is not the one build.json records";
  return undefined;
}

/**
 * The previous output of a build, checked against its record before anything of it is read. `store()`
 * and `stateFiles()` check once and remember; every damaged file is told to `note` and listed in `damaged`.
 */
export class PreviousOutput {
  /** Names (relative to the output folder) of the files found damaged. */
  readonly damaged: string[] = [];
  private record: CarriedRecord | undefined;
  private exported: Record<string, number> | undefined;
  private storeChecked: boolean | undefined;
  private stateChecked: boolean | undefined;

  constructor(
    readonly out: string,
    private readonly note: (line: string) => void,
  ) {
    const summary = path.join(out, BUILD_SUMMARY);
    // Nothing to go on from: no word needed.
    if (!existsSync(path.join(out, STORE_FILE))) return;
    if (!existsSync(summary)) {
      this.report(BUILD_SUMMARY, "it is missing", "nothing of the previous output is used; every article is built from its input");
      return;
    }
    try {
      const { carried, exported } = JSON.parse(readFileSync(summary, "utf8")) as { carried?: unknown; exported?: unknown };
      if (carried && typeof carried === "object") this.record = carried as CarriedRecord;
      if (exported && typeof exported === "object") this.exported = exported as Record<string, number>;
      else note(`${summary} records no checksums (an output of an older version): nothing of it is used; every article is built from its input`);
    } catch (err) {
      this.report(BUILD_SUMMARY, `it cannot be read: ${(err as Error).message}`, "nothing of the previous output is used; every article is built from its input");
    }
  }

  /** Tells of a damaged file of the previous output, and what the build does instead. */
  report(name: string, why: string, instead: string): void {
    if (!this.damaged.includes(name)) this.damaged.push(name);
    this.note(`${path.join(this.out, name)} is damaged (${why}): ${instead}`);
  }

  /** Is the previous store whole (and may be opened)? */
  store(): boolean {
    if (this.storeChecked === undefined) {
      const why = this.record && difference(path.join(this.out, STORE_FILE), this.record[STORE_FILE], false);
      if (why) this.report(STORE_FILE, why, "it is not opened; every article is built from its input");
      this.storeChecked = !!this.record && !why;
    }
    return this.storeChecked;
  }

  /** The previous build's record, to keep when its output is kept as it is. */
  outputRecord(): OutputRecord | undefined {
    return this.record && this.exported ? { carried: this.record, exported: this.exported } : undefined;
  }

  /** Do the exported files (build.json aside) have the sizes the previous build recorded? A differing one is named. */
  exportedFiles(names: readonly string[]): boolean {
    let whole = !!this.exported;
    for (const name of this.exported ? names.filter((n) => n !== BUILD_SUMMARY) : []) {
      const bytes = bytesOf(path.join(this.out, name));
      if (bytes === this.exported![name]) continue;
      this.report(name, bytes < 0 ? "it is missing" : `${bytes} bytes where build.json records ${this.exported![name] ?? "nothing"}`, "it is written again");
      whole = false;
    }
    return whole;
  }

  /** Are the files the saved state continues (line files, near-duplicate files, evidence candidates) whole? */
  stateFiles(): boolean {
    if (this.stateChecked === undefined) {
      this.stateChecked = !!this.record;
      for (const { name, lines } of this.record ? stateFileNames() : []) {
        // Not recorded: that build kept no saved state (an article failed), which is no damage.
        if (!this.record![name]) {
          this.stateChecked = false;
          continue;
        }
        const why = difference(path.join(this.out, name), this.record![name], lines);
        if (!why) continue;
        this.report(name, why, "the build does not go on from the saved state; every article is folded in again");
        this.stateChecked = false;
      }
    }
    return this.stateChecked;
  }
}

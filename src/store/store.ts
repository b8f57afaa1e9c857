// The build's embedded store: one SQLite file (store.sqlite) in the output folder, through better-sqlite3.
//   articles: per article, keyed by the content hash of its raw input, the cleaned document and the
//             analysis (mentions, roles) with the dictionary/code version it was linked with; the next
//             build into the same folder reuses it instead of cleaning and linking again.
//   candidates: every evidence passage the graph accumulator kept (capped per pair, level and pass),
//             as JSON with the columns that select and order them; a pair's evidence is one indexed
//             query (the same selection the shards were written with), for `guanxi with` and the
//             server; it persists so that a build appending articles goes on from it.
//   totals:   per co-mention pair (pairKey), the exact window counts per level.
//   state:    what a later build needs to go on from this one (see cli/commands/build.ts).
// A build writes a new store in its temporary folder and reads the previous one read-only, so until the
// new output is swapped in, the old one stays whole and loadable.

import { createHash } from "node:crypto";
import { constants, copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import Database from "better-sqlite3";
import type { CleanDocument, Evidence, RawDocument, WindowLevel } from "../types.ts";
import type { LevelCounts } from "../graph/model.ts";
import type { EvidenceSink } from "../graph/accumulate.ts";
import type { EvidenceEntry } from "../export/evidence-store.ts";
import { evidenceShardOf, pairKey } from "../export/evidence-key.ts";

export const STORE_FILE = "store.sqlite";
/** Evidence candidates per INSERT statement (8 parameters each, under SQLite's limit of 32,766). */
const CANDIDATE_BATCH = 200;
const CANDIDATE_COLUMNS = 8;
const LEVEL_NUMBER: Record<WindowLevel, number> = { sentence: 0, paragraph: 1, article: 2 };
/** A pair's candidates in the order its evidence is chosen in: by level, then (pass, seq). */
const SELECT_CANDIDATES = "SELECT level, doc, start, item FROM main.candidates WHERE shard = ? AND pair = ? ORDER BY level, pass, seq";
/**
 * The candidates of every pair of one evidence shard, in one pass along the index (no sort): writing
 * the shards was one query per pair, most of the export time.
 */
const SELECT_SHARD_CANDIDATES = "SELECT pair, level, doc, start, item FROM main.candidates WHERE shard = ? ORDER BY pair, level, pass, seq";
const CANDIDATE_INDEX = "CREATE INDEX IF NOT EXISTS main.candidates_pair ON candidates (shard, pair, level, pass, seq)";
/** A candidate as read back: level number, document, offset, the item's JSON. */
type CandidateRow = [level: number, doc: string, start: number, item: string];

/**
 * A pair's kept evidence from its candidates in (level, pass, seq) order: per level the first `max`,
 * then closest level first, by document and offset, ties in (pass, seq) order: selectEvidence's rule
 * in graph/accumulate.ts, with the same string comparison, for the shards and for lookups alike.
 */
function keptItems(rows: CandidateRow[], max: number): string[] {
  const kept: CandidateRow[] = [];
  let level = -1;
  let n = 0;
  for (const r of rows) {
    if (r[0] !== level) {
      level = r[0];
      n = 0;
    }
    if (n++ < max) kept.push(r);
  }
  // Array.prototype.sort is stable: equal (level, doc, start) stay in (pass, seq) order.
  kept.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[2] - y[2]));
  return kept.map((r) => r[3]);
}

/** Bumped when the layout of the tables changes: an older store is then ignored (a full build). */
export const STORE_SCHEMA = 3;

/** A cleaned document as stored: without what is recomputed from `text` (normText, normToClean) or unused after cleaning (sourceMap). */
export type StoredClean = Omit<CleanDocument, "sourceMap" | "normText" | "normToClean">;


/** The content hash of a raw article: everything cleaning and the output depend on. */
export function contentHash(raw: RawDocument): string {
  const h = createHash("sha256");
  h.update(JSON.stringify([raw.id, raw.source, raw.format, raw.encoding, raw.title ?? null, raw.date ?? null, raw.url ?? null]));
  h.update("\0");
  h.update(raw.content);
  return h.digest("hex").slice(0, 32);
}

const here = dirname(fileURLToPath(import.meta.url));

/** A hash of the source files of some folders: stored results made by other code are not reused. */
export function codeVersion(paths: string[]): string {
  const h = createHash("sha256");
  for (const p of paths) {
    const full = join(here, "..", p);
    const files = p.endsWith(".ts") ? [full] : existsSync(full) ? readdirSync(full).filter((f) => f.endsWith(".ts")).sort().map((f) => join(full, f)) : [];
    for (const f of files) if (existsSync(f)) h.update(`${f.slice(full.length)}\0`).update(readFileSync(f)).update("\0");
  }
  return h.digest("hex").slice(0, 16);
}

/** Cleaning (and sentence splitting, which cleaning calls). */
export const CLEAN_CODE = ["clean", "segment", "ingest"];
/** Linking, roles and discovery (and the segmentation they run). */
export const LINK_CODE = ["link", "roles", "segment", "cli/pipeline.ts"];

/** A stored article row, still serialised (a reused row is passed on without parsing what is not needed). */
export interface StoredRow {
  id: string;
  cleanVersion: string;
  linkVersion: string;
  clean: string;
  mentions: string;
  roles: string;
}

const SCHEMA_SQL = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE articles (
    hash TEXT PRIMARY KEY, id TEXT NOT NULL, clean_version TEXT NOT NULL,
    link_version TEXT NOT NULL, clean TEXT NOT NULL, mentions TEXT NOT NULL, roles TEXT NOT NULL);
  CREATE TABLE totals (pair TEXT PRIMARY KEY, total TEXT NOT NULL);
  CREATE TABLE candidates (shard INTEGER NOT NULL, pair TEXT NOT NULL, level INTEGER NOT NULL, pass INTEGER NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL, start INTEGER NOT NULL, item TEXT NOT NULL);
  CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB NOT NULL);
`;

function schemaOf(file: string): string | undefined {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined)?.value;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * The store of a build being written, in the build's temporary folder. With a previous store (the
 * output folder's), it starts as a copy of it (a reflink where the file system can): the old output is
 * never written to, and the articles this build keeps need no rewrite.
 */
export class BuildStore {
  readonly db: Database.Database;
  /** True when the store started from a previous build's. */
  readonly reused: boolean;
  private insertArticle: Database.Statement;
  private selectArticle: Database.Statement;
  private markSeen: Database.Statement;
  private insertCandidate: Database.Statement;
  private insertCandidates: Database.Statement;
  private insertTotal: Database.Statement;
  private pending = 0;

  constructor(file: string, previous?: string) {
    this.reused = !!previous && existsSync(previous) && schemaOf(previous) === String(STORE_SCHEMA);
    if (this.reused) copyFileSync(previous!, file, constants.COPYFILE_FICLONE);
    this.db = new Database(file);
    // The file is in the build's temporary folder and only becomes the output by a rename after it is
    // closed: a crash leaves a folder nobody reads, so no journal and no fsync are needed.
    this.db.pragma("journal_mode = OFF");
    this.db.pragma("synchronous = OFF");
    this.db.pragma("cache_size = -32000");
    if (!this.reused) {
      this.db.exec(SCHEMA_SQL);
      this.db.prepare("INSERT INTO meta VALUES ('schema', ?)").run(String(STORE_SCHEMA));
    }
    // Scratch tables live in a private temporary database, gone when the store closes.
    this.db.exec(`
      ATTACH DATABASE '' AS scratch;
      CREATE TABLE scratch.seen (hash TEXT PRIMARY KEY);
      DELETE FROM main.totals;
    `);
    this.insertArticle = this.db.prepare("INSERT OR REPLACE INTO main.articles VALUES (?, ?, ?, ?, ?, ?, ?)");
    this.selectArticle = this.db.prepare("SELECT id, clean_version, link_version, clean, mentions, roles FROM main.articles WHERE hash = ?");
    this.markSeen = this.db.prepare("INSERT OR IGNORE INTO scratch.seen VALUES (?)");
    const row = `(${Array(CANDIDATE_COLUMNS).fill("?").join(", ")})`;
    this.insertCandidate = this.db.prepare(`INSERT INTO main.candidates VALUES ${row}`);
    this.insertCandidates = this.db.prepare(`INSERT INTO main.candidates VALUES ${Array(CANDIDATE_BATCH).fill(row).join(", ")}`);
    this.insertTotal = this.db.prepare("INSERT INTO main.totals VALUES (?, ?)");
    this.db.exec("BEGIN");
  }

  /** Commits every few thousand rows: one transaction per row would cost a page write each. */
  private tick(): void {
    if (++this.pending >= 5000) {
      this.db.exec("COMMIT");
      this.db.exec("BEGIN");
      this.pending = 0;
    }
  }

  setMeta(key: string, value: string): void {
    this.db.prepare("INSERT OR REPLACE INTO main.meta VALUES (?, ?)").run(key, value);
  }

  /** The stored row of an article from the previous build, if any; marks it as part of this build. */
  get(hash: string): StoredRow | undefined {
    if (!this.reused) return undefined;
    const r = this.selectArticle.get(hash) as
      | { id: string; clean_version: string; link_version: string; clean: string; mentions: string; roles: string }
      | undefined;
    if (!r) return undefined;
    return { id: r.id, cleanVersion: r.clean_version, linkVersion: r.link_version, clean: r.clean, mentions: r.mentions, roles: r.roles };
  }

  /** Keeps a previous row as it is. */
  keep(hash: string): void {
    this.markSeen.run(hash);
    this.tick();
  }

  /** Stores an article (new, changed or re-linked). */
  put(hash: string, row: StoredRow): void {
    this.insertArticle.run(hash, row.id, row.cleanVersion, row.linkVersion, row.clean, row.mentions, row.roles);
    this.markSeen.run(hash);
    this.tick();
  }

  /**
   * The accumulator's evidence sink: candidates go to a scratch table (their JSON, with the columns
   * that select and order them), and a pair's selection is one indexed query whose items come back as
   * the JSON they went in as: nothing is parsed and written again on the way to the shards.
   */
  evidenceSink(): EvidenceSink & { takeJson(pair: string, max: number): string[]; takeShardJson(shard: number, max: number): Map<string, string[]> } {
    let select: Database.Statement | undefined;
    let selectShard: Database.Statement | undefined;
    // Rows go in by CANDIDATE_BATCH per statement: one call into SQLite per row was most of its cost.
    const batch: (string | number)[] = [];
    const flush = () => {
      if (batch.length === CANDIDATE_BATCH * CANDIDATE_COLUMNS) this.insertCandidates.run(batch);
      else for (let i = 0; i < batch.length; i += CANDIDATE_COLUMNS) this.insertCandidate.run(batch.slice(i, i + CANDIDATE_COLUMNS));
      batch.length = 0;
    };
    // The index is made when the first selection is asked for: rows go in faster without it.
    const takeJson = (pair: string, max: number): string[] => {
      if (batch.length) flush();
      if (!select) {
        this.db.exec(CANDIDATE_INDEX);
        select = this.db.prepare(SELECT_CANDIDATES).raw(true);
      }
      return keptItems(select.all(evidenceShardOf(pair), pair) as CandidateRow[], max);
    };
    const takeShardJson = (shard: number, max: number): Map<string, string[]> => {
      if (batch.length) flush();
      if (!selectShard) {
        this.db.exec(CANDIDATE_INDEX);
        selectShard = this.db.prepare(SELECT_SHARD_CANDIDATES).raw(true);
      }
      const out = new Map<string, string[]>();
      let pair: string | undefined;
      let rows: CandidateRow[] = [];
      for (const [p, level, doc, start, item] of selectShard.iterate(shard) as IterableIterator<[string, ...CandidateRow]>) {
        if (p !== pair) {
          if (pair !== undefined) out.set(pair, keptItems(rows, max));
          pair = p;
          rows = [];
        }
        rows.push([level, doc, start, item]);
      }
      if (pair !== undefined) out.set(pair, keptItems(rows, max));
      return out;
    };
    return {
      add: (pair, level, pass, seq, ev) => {
        batch.push(evidenceShardOf(pair), pair, LEVEL_NUMBER[level], pass, seq, ev.doc, ev.start, JSON.stringify(ev));
        if (batch.length === CANDIDATE_BATCH * CANDIDATE_COLUMNS) {
          flush();
          this.tick();
        }
      },
      take: (pair, max) => takeJson(pair, max).map((item) => JSON.parse(item) as Evidence),
      takeJson,
      takeShardJson,
    };
  }

  /** Stores a pair's exact window counts (its evidence items are the candidates the shards were made from). */
  putTotal(pair: string, total: LevelCounts): void {
    this.insertTotal.run(pair, JSON.stringify(total));
    this.tick();
  }

  /**
   * Forgets the previous build's evidence candidates (a build that folds every article again). The
   * index goes too: rows go in faster without it, and the first lookup makes it again.
   */
  clearCandidates(): void {
    this.db.exec("DROP INDEX IF EXISTS main.candidates_pair; DELETE FROM main.candidates; DELETE FROM main.state;");
  }

  /** Saved build state (v8.serialize'd values) under a version: absent when made by other code or options. */
  getState(key: string, version: string): unknown {
    if (!this.reused) return undefined;
    const row = this.db.prepare("SELECT value FROM main.state WHERE key = ?").get(`${key}@${version}`) as { value: Buffer } | undefined;
    return row ? deserialize(row.value) : undefined;
  }

  hasState(key: string, version: string): boolean {
    return this.reused && !!this.db.prepare("SELECT 1 FROM main.state WHERE key = ?").get(`${key}@${version}`);
  }

  putState(key: string, version: string, value: unknown): void {
    this.db.prepare("DELETE FROM main.state WHERE key LIKE ? || '@%'").run(key);
    this.db.prepare("INSERT INTO main.state VALUES (?, ?)").run(`${key}@${version}`, serialize(value));
  }

  /** Drops the articles this build no longer has, and closes; the file is then complete. */
  close(): void {
    this.db.exec("COMMIT");
    this.db.exec("DELETE FROM main.articles WHERE hash NOT IN (SELECT hash FROM scratch.seen)");
    this.db.exec("DETACH DATABASE scratch");
    this.db.close();
  }

  /** Closes without finishing (a failed build: the temporary folder is removed anyway). */
  abort(): void {
    try {
      this.db.close();
    } catch {
      /* already closed */
    }
  }
}

/**
 * Reads evidence of a build by pair, through the store's index: for `guanxi with` and any reader that
 * wants one pair without parsing a shard. Returns null when the build has no store (an older build:
 * fall back to readEvidence over the shards) or the pair has no evidence.
 */
export function openEvidenceLookup(outDir: string): { get(a: string, b: string): EvidenceEntry | null; close(): void } | null {
  const file = join(outDir, STORE_FILE);
  if (!existsSync(file)) return null;
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return null;
  }
  let total: Database.Statement;
  let items: Database.Statement;
  let max: number;
  try {
    total = db.prepare("SELECT total FROM totals WHERE pair = ?").pluck(true);
    items = db.prepare(SELECT_CANDIDATES).raw(true);
    max = Number((db.prepare("SELECT value FROM meta WHERE key = 'maxEvidencePerLevel'").pluck(true).get() as string | undefined) ?? NaN);
  } catch {
    db.close();
    return null;
  }
  if (!Number.isInteger(max)) {
    db.close();
    return null;
  }
  return {
    get(a, b) {
      const key = pairKey(a, b);
      const t = total.get(key) as string | undefined;
      if (!t) return null;
      return { total: JSON.parse(t) as LevelCounts, items: keptItems(items.all(evidenceShardOf(key), key) as CandidateRow[], max).map((i) => JSON.parse(i) as Evidence) };
    },
    close() {
      db.close();
    },
  };
}

/** One pair's evidence from a build's store (opens and closes the file); null when absent. */
export function lookupEvidence(outDir: string, a: string, b: string): EvidenceEntry | null {
  const lookup = openEvidenceLookup(outDir);
  if (!lookup) return null;
  try {
    return lookup.get(a, b);
  } finally {
    lookup.close();
  }
}

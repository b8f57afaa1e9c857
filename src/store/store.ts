// The build's embedded store: one SQLite file (store.sqlite) in the output folder, through better-sqlite3.
//   articles: per article, keyed by the content hash of its raw input, the cleaned document and the
//             analysis (mentions, roles) with the dictionary/code version it was linked with; the next
//             build into the same folder reuses it instead of cleaning and linking again. The three
//             JSON texts are stored deflated: documents.jsonl and mentions.jsonl already hold them in
//             the clear, and the store's copy is only read back by a later build.
//   evidence: per co-mention pair (pairKey), where its entry (exact window counts per level and the
//             kept items) stands in its evidence shard: file, byte offset and length. A pair's evidence
//             is one indexed lookup and one read of those bytes, for `guanxi with` and the server; the
//             evidence text is written once, in the shards (the static viewer reads them). (The candidates the entries are chosen from are spilled
//             per shard beside the store while folding, see src/evidence/spill.ts: as rows of a table
//             they cost a random read each when the shards were written.)
//   state:    what a later build needs to go on from this one (see src/pipeline/build.ts).
// A build writes a new store in its temporary folder and reads the previous one read-only, so until the
// new output is swapped in, the old one stays whole and loadable.

import { closeSync, constants, copyFileSync, existsSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import Database from "better-sqlite3";
import type { CleanDocument } from "../types.ts";
import { readEvidence, type EvidenceEntry, type EvidenceEntryPlace } from "../evidence/shards.ts";
import { pairKey } from "../evidence/key.ts";

export const STORE_FILE = "store.sqlite";

/** Bumped when the layout of the tables changes: an older store is then ignored (a full build). */
export const STORE_SCHEMA = 6;

/** A cleaned document as stored: without what is recomputed from `text` (normText, normToClean) or unused after cleaning (sourceMap). */
export type StoredClean = Omit<CleanDocument, "sourceMap" | "normText" | "normToClean">;


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
    link_version TEXT NOT NULL, clean BLOB NOT NULL, mentions BLOB NOT NULL, roles BLOB NOT NULL);
  CREATE TABLE evidence (pair TEXT PRIMARY KEY, file TEXT NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL);
  CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB NOT NULL);
`;

/** A row as it goes into the table: its JSON texts deflated. */
export interface PackedRow {
  id: string;
  cleanVersion: string;
  linkVersion: string;
  clean: Uint8Array;
  mentions: Uint8Array;
  roles: Uint8Array;
}

/** Level 1: about a fifth of the JSON's size (mentions: 4.6×), at a fraction of the default level's time. */
const deflated = (text: string): Uint8Array => deflateRawSync(text, { level: 1 });
const inflated = (data: Buffer): string => inflateRawSync(data).toString("utf8");

/** Packs a row for the store: done in the extraction worker, so the main thread only inserts it. */
export function packRow(row: StoredRow): PackedRow {
  return { ...row, clean: deflated(row.clean), mentions: deflated(row.mentions), roles: deflated(row.roles) };
}

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
  private insertEvidence: Database.Statement;
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
      DELETE FROM main.evidence;
    `);
    this.insertArticle = this.db.prepare("INSERT OR REPLACE INTO main.articles VALUES (?, ?, ?, ?, ?, ?, ?)");
    this.selectArticle = this.db.prepare("SELECT id, clean_version, link_version, clean, mentions, roles FROM main.articles WHERE hash = ?");
    this.markSeen = this.db.prepare("INSERT OR IGNORE INTO scratch.seen VALUES (?)");
    this.insertEvidence = this.db.prepare("INSERT INTO main.evidence VALUES (?, ?, ?, ?)");
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

  /** A meta value (of the previous build's store, until this build sets it). */
  getMeta(key: string): string | undefined {
    return (this.db.prepare("SELECT value FROM main.meta WHERE key = ?").get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare("INSERT OR REPLACE INTO main.meta VALUES (?, ?)").run(key, value);
  }

  /** The stored row of an article from the previous build, if any; marks it as part of this build. */
  get(hash: string): StoredRow | undefined {
    if (!this.reused) return undefined;
    const r = this.selectArticle.get(hash) as
      | { id: string; clean_version: string; link_version: string; clean: Buffer; mentions: Buffer; roles: Buffer }
      | undefined;
    if (!r) return undefined;
    return { id: r.id, cleanVersion: r.clean_version, linkVersion: r.link_version, clean: inflated(r.clean), mentions: inflated(r.mentions), roles: inflated(r.roles) };
  }

  /** Keeps a previous row as it is. */
  keep(hash: string): void {
    this.markSeen.run(hash);
    this.tick();
  }

  /** Stores an article (new, changed or re-linked), packed where it was made (packRow). */
  put(hash: string, row: PackedRow): void {
    this.insertArticle.run(hash, row.id, row.cleanVersion, row.linkVersion, row.clean, row.mentions, row.roles);
    this.markSeen.run(hash);
    this.tick();
  }

  /** Indexes a pair's evidence entry: where it stands in its shard file. */
  putEvidence(pair: string, place: EvidenceEntryPlace): void {
    this.insertEvidence.run(pair, place.file, place.offset, place.length);
    this.tick();
  }

  /** Forgets the previous build's saved state (a build that folds every article again). */
  clearState(): void {
    this.db.exec("DELETE FROM main.state;");
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
 * fall back to readEvidence over the shards) or the store cannot be opened (damaged); `get` throws
 * when a damaged store fails a read.
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
  let entry: Database.Statement;
  try {
    entry = db.prepare("SELECT file, offset, length FROM evidence WHERE pair = ?");
  } catch {
    // An older store (its evidence table has no places): the reader falls back to the shards.
    db.close();
    return null;
  }
  return {
    get(a, b) {
      const row = entry.get(pairKey(a, b)) as { file: string; offset: number; length: number } | undefined;
      if (!row) return null;
      const buf = Buffer.alloc(row.length);
      const file = join(outDir, row.file);
      // The store only says where the entry is: the shard holds the one copy of the evidence.
      if (!existsSync(file)) throw new Error(`${file} is missing (store.sqlite indexes the evidence there); build again`);
      const fd = openSync(file, "r");
      try {
        if (readSync(fd, buf, 0, row.length, row.offset) !== row.length) throw new Error(`${file}: shorter than store.sqlite says; build again`);
      } finally {
        closeSync(fd);
      }
      return JSON.parse(buf.toString("utf8")) as EvidenceEntry;
    },
    close() {
      db.close();
    },
  };
}

/**
 * One pair's evidence, read from the store through `lookup` when it answers, else from the pair's shard:
 * a build without a store, a store that cannot be read (damaged: SQLite fails, or a row is not JSON),
 * and a pair the store lacks all give way to the shard, the file the static viewer reads. A damaged
 * shard then is an error naming it.
 */
export function evidenceFromStoreOrShard(lookup: ReturnType<typeof openEvidenceLookup>, outDir: string, a: string, b: string): EvidenceEntry | null {
  let failed: Error | undefined;
  try {
    const stored = lookup?.get(a, b);
    if (stored) return stored;
  } catch (err) {
    // A damaged store: the shard has the same entry.
    failed = err as Error;
  }
  const fromShard = readEvidence(outDir, a, b);
  // The store failed and the shard has nothing (it is missing, say): say why rather than "no evidence".
  if (!fromShard && failed) throw failed;
  return fromShard;
}

/** One pair's evidence from a build (opens and closes the store): the store, else the shard; null when absent. */
export function lookupEvidence(outDir: string, a: string, b: string): EvidenceEntry | null {
  const lookup = openEvidenceLookup(outDir);
  try {
    return evidenceFromStoreOrShard(lookup, outDir, a, b);
  } finally {
    lookup?.close();
  }
}

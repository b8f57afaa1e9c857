// The per-article work of a build, the same in a worker thread and in the main thread: a task says what
// is known of the article (new, re-link only, or unchanged and stored) and its result is what the main
// thread folds in, in input order.
import type { CleanDocument, Mention, RawDocument, Role } from "../types.ts";
import { cleanDocument, normalizeForMatching } from "../clean/index.ts";
import { documentShingles, type UnitShingles } from "../dedup/near-duplicates.ts";
import { packRow, type PackedRow, type StoredClean, type StoredRow } from "../store/store.ts";
import { analyseCleanDocument, type PipelineContext } from "./analyse.ts";

/**
 * One article of a build:
 *   raw    — new or changed: clean and link;
 *   relink — cleaned by the same code, linked with another dictionary: link again, do not re-clean;
 *   stored — unchanged: only what the main thread needs back (the near-duplicate shingles).
 */
export type Task =
  | { seq: number; hash: string; kind: "raw"; raw: RawDocument }
  | { seq: number; hash: string; kind: "relink"; clean: string }
  | { seq: number; hash: string; kind: "stored"; row: StoredRow };

export interface TaskResult {
  seq: number;
  hash: string;
  kind: Task["kind"];
  clean?: StoredClean;
  mentions?: Mention[];
  roles?: Role[];
  shingles?: UnitShingles;
  /** The JSON lines of mentions.jsonl and roles.jsonl (they do not depend on duplicate marking). */
  mentionLines?: string;
  roleLines?: string;
  /** The row to store (new or re-linked articles), packed; absent for reused ones. */
  row?: PackedRow;
  error?: string;
}

export interface TaskVersions {
  clean: string;
  link: string;
}

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r) + "\n").join("");

function stripClean(doc: CleanDocument): StoredClean {
  const { sourceMap: _s, normText: _n, normToClean: _m, ...rest } = doc;
  return rest;
}

/** The per-article work of a build (runs in a worker, or in the main thread for small inputs). */
export function processTask(task: Task, ctx: PipelineContext, versions: TaskVersions): TaskResult {
  const base = { seq: task.seq, hash: task.hash, kind: task.kind };
  try {
    if (task.kind === "stored") {
      const clean = JSON.parse(task.row.clean) as StoredClean;
      // normText is not stored (it is the size of the text again): recomputed, it gives the shingles.
      const shingles = documentShingles({ ...normalizeForMatching(clean.text), sentences: clean.sentences, paragraphs: clean.paragraphs });
      const mentions = JSON.parse(task.row.mentions) as Mention[];
      const roles = JSON.parse(task.row.roles) as Role[];
      return { ...base, clean, mentions, roles, shingles, mentionLines: jsonl(mentions), roleLines: jsonl(roles) };
    }
    let doc: CleanDocument;
    let cleanJson: string;
    if (task.kind === "raw") {
      doc = cleanDocument(task.raw);
      cleanJson = JSON.stringify(stripClean(doc));
    } else {
      cleanJson = task.clean;
      const stored = JSON.parse(task.clean) as StoredClean;
      doc = { ...stored, ...normalizeForMatching(stored.text), sourceMap: [] };
    }
    const { mentions, roles } = analyseCleanDocument(doc, ctx);
    const shingles = documentShingles(doc);
    const mentionLines = jsonl(mentions);
    const roleLines = jsonl(roles);
    return {
      ...base,
      clean: stripClean(doc),
      mentions,
      roles,
      shingles,
      mentionLines,
      roleLines,
      row: packRow({ id: doc.id, cleanVersion: versions.clean, linkVersion: versions.link, clean: cleanJson, mentions: JSON.stringify(mentions), roles: JSON.stringify(roles) }),
    };
  } catch (err) {
    return { ...base, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The buffers of a result's shingles, moved (not copied) to the main thread. */
export function transferList(results: TaskResult[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const r of results) {
    if (!r.shingles) continue;
    for (const a of [...r.shingles.sentences, ...r.shingles.paragraphs]) out.push(a.buffer as ArrayBuffer);
  }
  return out;
}

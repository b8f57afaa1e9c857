// Hashes of a build's output files, for comparing two builds: every file by its bytes, store.sqlite by
// what it holds (see storeHash), build.json less the store's checksum (summaryHash), a folder of many files (the evidence shards) as one hash of its listing.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { deserialize } from "node:v8";
import Database from "better-sqlite3";

/** Maps, Sets and typed arrays as plain arrays, for JSON. */
function plainValue(_key: string, v: unknown): unknown {
  if (v instanceof Map) return { map: [...v.entries()] };
  if (v instanceof Set) return { set: [...v] };
  if (ArrayBuffer.isView(v)) return { typed: Array.from(v as unknown as ArrayLike<number>) };
  return v;
}

/**
 * store.sqlite, as what it holds: every table's rows in key order, with the code versions left out. Those
 * are hashes of the source the stages declare: they change whenever a file moves, which is their job;
 * everything else in the store must not.
 */
export function storeHash(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const h = createHash("sha256");
    for (const table of ["meta", "articles", "evidence", "state"]) {
      const rows = db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all() as Record<string, unknown>[];
      for (const row of rows) {
        const { clean_version: _c, link_version: _l, ...kept } = row;
        // The saved state by what it holds: v8's serialisation of equal values differs with how V8 happens to
        // store them (a string that came from a worker thread, a number held as an integer or a double).
        if (table === "state") {
          kept.key = String(kept.key).replace(/@.*/, "");
          kept.value = deserialize(kept.value as Buffer);
        }
        h.update(table).update(JSON.stringify(kept, plainValue)).update("\n");
      }
    }
    return h.digest("hex");
  } finally {
    db.close();
  }
}

/**
 * build.json less the record of store.sqlite's bytes: the store holds the code versions (see storeHash),
 * so its checksum changes with them; the store itself is compared by its rows.
 */
function summaryHash(file: string): string {
  const summary = JSON.parse(readFileSync(file, "utf8"));
  if (summary.carried) delete summary.carried["store.sqlite"];
  return createHash("sha256").update(JSON.stringify(summary)).digest("hex");
}

/** Every file's hash by relative path (store.sqlite by its content, see storeHash); a folder of many files (the evidence shards) as one hash of its listing. */
export function fileHashes(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const key = path.relative(base, p).split(path.sep).join("/");
    if (name === "store.sqlite") out[key] = storeHash(p);
    else if (name === "build.json" && base === dir) out[key] = summaryHash(p);
    else if (!statSync(p).isDirectory()) out[key] = createHash("sha256").update(readFileSync(p)).digest("hex");
    else if (readdirSync(p).length > 32) out[`${key}/*`] = createHash("sha256").update(JSON.stringify(fileHashes(p))).digest("hex");
    else fileHashes(p, base, out);
  }
  return out;
}

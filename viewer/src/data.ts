// Everything the viewer reads, all from the build folder the server mounts at ./data/. Fetched lazily
// where it can be: evidence one shard at a time when a pair is opened, roles when a panel first needs them.
import { evidenceShardPath, pairKey } from "../../src/evidence/key.ts";
import type { WindowLevel } from "../../src/types.ts";

export const DATA_ROOT = "./data/";

export interface EvidenceItem {
  doc: string;
  level: WindowLevel | string;
  text: string;
  title: string;
  source: string;
  date: string;
  duplicateOf: string;
}

export interface PairEvidence {
  total: Record<WindowLevel, number>;
  items: EvidenceItem[];
}

export interface RoleRow {
  person: string | null;
  person_label: string;
  title: string;
  org: string | null;
  org_label: string;
}

const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

async function fetchOk(path: string): Promise<Response> {
  const res = await fetch(DATA_ROOT + path, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res;
}

/** A build file's JSON; a damaged file is an error that names it (the parser's message alone does not). */
async function fetchJson(path: string): Promise<unknown> {
  const text = await (await fetchOk(path)).text();
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is damaged (${err instanceof Error ? err.message : String(err)})`);
  }
}

export async function loadGraph(): Promise<unknown> {
  return fetchJson("graph.json");
}

const shards = new Map<string, Promise<Record<string, unknown>>>();

/**
 * The evidence of a pair, or undefined when it has none (a role-only pair): from the build's store
 * through the server, by key, else (a build without a store) from the pair's shard.
 */
export async function loadEvidence(a: string, b: string): Promise<PairEvidence | undefined> {
  // A site published by `guanxi site` has no server behind it: asking its host for the API would only
  // log a 404 in the console, so the page says so and the shards are read at once.
  if (document.querySelector('meta[name="guanxi-evidence"][content="shards"]')) return loadEvidenceFromShard(a, b);
  const res = await fetch(`${DATA_ROOT}api/evidence?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`, { credentials: "same-origin" }).catch(() => undefined);
  if (res?.status === 200) return pairEvidence(await res.json());
  return loadEvidenceFromShard(a, b);
}

async function loadEvidenceFromShard(a: string, b: string): Promise<PairEvidence | undefined> {
  const path = evidenceShardPath(a, b);
  let shard = shards.get(path);
  if (!shard) {
    shard = fetchJson(path).then((json) => (json && typeof json === "object" ? json : {}) as Record<string, unknown>);
    shards.set(path, shard);
    // A failed fetch must not stay cached: the next click tries again.
    shard.catch(() => shards.delete(path));
  }
  return pairEvidence((await shard)[pairKey(a, b)]);
}

/** An evidence entry read from untrusted JSON, every field checked. */
function pairEvidence(entry: unknown): PairEvidence | undefined {
  if (!entry || typeof entry !== "object") return undefined;
  const e = entry as { total?: Record<string, unknown>; items?: unknown };
  const items = Array.isArray(e.items) ? e.items : [];
  return {
    total: { sentence: num(e.total?.sentence), paragraph: num(e.total?.paragraph), article: num(e.total?.article) },
    items: items.map((raw) => {
      const it = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
      return {
        doc: str(it.doc),
        level: str(it.level),
        text: str(it.text),
        title: str(it.title),
        source: str(it.source),
        date: str(it.date),
        duplicateOf: str(it.duplicateOf),
      };
    }),
  };
}

let roles: Promise<RoleRow[]> | undefined;

/** roles.jsonl, read once; a build without it (or a broken line) costs nothing but those roles. */
export function loadRoles(): Promise<RoleRow[]> {
  roles ??= fetchOk("roles.jsonl")
    .then((r) => r.text())
    .then((text) => {
      const rows: RoleRow[] = [];
      for (const line of text.split("\n")) {
        if (!line.trim()) continue;
        try {
          const o = JSON.parse(line) as Record<string, unknown>;
          rows.push({
            person: typeof o.person === "string" ? o.person : null,
            person_label: str(o.person_label),
            title: str(o.title),
            org: typeof o.org === "string" ? o.org : null,
            org_label: str(o.org_label),
          });
        } catch {
          // skip the broken line
        }
      }
      return rows;
    })
    .catch(() => []);
  return roles;
}

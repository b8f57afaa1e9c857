// Loading a build's output for queries: graph.json at once (queries need it), roles.jsonl and the document
// metadata only when a query asks, and evidence one shard at a time.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MultiGraph } from "graphology";
import type { SerializedGraph } from "graphology-types";
import type { EvidenceEntry } from "../evidence/shards.ts";
import { pairKey } from "../evidence/key.ts";
import type { GraphAttributes, GuanxiGraph } from "../graph/build.ts";
import type { EdgeAttributes, NodeAttributes, Role, WindowLevel } from "../types.ts";
import { evidenceFromStoreOrShard, openEvidenceLookup } from "../store/store.ts";

export interface DocumentMeta {
  id: string;
  source: string;
  title?: string;
  date?: string;
  url?: string;
}

export interface Build {
  dir: string;
  graph: GuanxiGraph;
  /** The level the build's `weight` counts. */
  window: WindowLevel;
  roles(): Role[];
  documents(): Map<string, DocumentMeta>;
  evidence(a: string, b: string): EvidenceEntry | null;
  /** Releases the store, if evidence was read from it. */
  close(): void;
}

/** A user-facing query error: the CLI prints the message and exits with `exitCode`. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "QueryError";
  }
}

function readJsonl<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  const out: T[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A broken line is skipped: a query should still answer from the rest.
    }
  }
  return out;
}

export function loadBuild(dir = "out"): Build {
  const graphPath = join(dir, "graph.json");
  if (!existsSync(graphPath)) {
    throw new QueryError(`no build in ${dir}/ (graph.json is missing): run \`guanxi build <files> --out ${dir}\` first`, 1);
  }
  const graph: GuanxiGraph = new MultiGraph<NodeAttributes, EdgeAttributes, GraphAttributes>({ type: "mixed", allowSelfLoops: false });
  try {
    const data = JSON.parse(readFileSync(graphPath, "utf8")) as SerializedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;
    if (!data || typeof data !== "object" || !Array.isArray(data.nodes) || !Array.isArray(data.edges)) throw new Error("not a graph: no nodes and edges");
    graph.import(data);
  } catch (err) {
    throw new QueryError(`${graphPath} is damaged (${(err as Error).message}): build again to rewrite it`, 1);
  }
  const window = (graph.getAttribute("window") as WindowLevel | undefined) ?? "article";

  let roles: Role[] | undefined;
  let documents: Map<string, DocumentMeta> | undefined;
  const evidence = new Map<string, EvidenceEntry | null>();
  let lookup: ReturnType<typeof openEvidenceLookup> | undefined;
  return {
    dir,
    graph,
    window,
    roles: () => (roles ??= readJsonl<Role>(join(dir, "roles.jsonl"))),
    documents: () =>
      (documents ??= new Map(
        readJsonl<DocumentMeta & { text?: string }>(join(dir, "documents.jsonl")).map((d) => [d.id, { id: d.id, source: d.source, title: d.title, date: d.date, url: d.url }]),
      )),
    evidence(a, b) {
      // The store answers by pair key through its index; a build without one, a damaged one, or a
      // pair it lacks falls back to the pair's shard, the file the viewer reads.
      if (lookup === undefined) lookup = openEvidenceLookup(dir);
      const key = pairKey(a, b);
      if (!evidence.has(key)) evidence.set(key, evidenceFromStoreOrShard(lookup, dir, a, b));
      return evidence.get(key)!;
    },
    close() {
      lookup?.close();
      lookup = null;
    },
  };
}

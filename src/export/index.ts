// Every export of a build, into one folder. Plain synchronous writes: the build command calls this inside
// a synchronous callback that then renames the folder into place, so nothing may still be pending.

import { mkdirSync } from "node:fs";
import type { GuanxiGraph, LevelCounts } from "../graph/build.ts";
import type { Evidence } from "../types.ts";
import { writeEvidenceStore } from "./evidence-store.ts";
import { writeGexf, type GexfVersion } from "./gexf.ts";
import { writeGraphJson } from "./graph-json.ts";
import { writeGraphml } from "./graphml.ts";
import { writeNeo4jCsv } from "./neo4j.ts";

export { readEvidence, writeEvidenceStore, type EvidenceEntry, type EvidenceShard } from "./evidence-store.ts";
export { gexfFileName, gexfString, writeGexf, type GexfVersion } from "./gexf.ts";
export { graphJsonString, writeGraphJson } from "./graph-json.ts";
export { graphmlString, writeGraphml } from "./graphml.ts";
export { neo4jImportCommand, writeNeo4jCsv } from "./neo4j.ts";

export interface ExportOptions {
  /** GEXF version of graph.gexf (default 1.3). */
  gexfVersion?: GexfVersion;
  /** Also write the other GEXF version beside it (graph.1.2draft.gexf or graph.1.3.gexf). Default true. */
  bothGexfVersions?: boolean;
  /** Exact evidence totals per pair, as returned by buildGraph. */
  evidenceTotals?: Map<string, LevelCounts>;
}

export function exportAll(dir: string, graph: GuanxiGraph, evidence: Map<string, Evidence[]>, options: ExportOptions = {}): void {
  mkdirSync(dir, { recursive: true });
  const main = options.gexfVersion ?? "1.3";
  writeGraphJson(dir, graph);
  writeGexf(dir, graph, { version: main, fileName: "graph.gexf" });
  if (options.bothGexfVersions ?? true) {
    const other: GexfVersion = main === "1.3" ? "1.2draft" : "1.3";
    writeGexf(dir, graph, { version: other, fileName: other === "1.3" ? "graph.1.3.gexf" : "graph.1.2draft.gexf" });
  }
  writeGraphml(dir, graph);
  writeNeo4jCsv(dir, graph);
  writeEvidenceStore(dir, evidence, { totals: options.evidenceTotals, graph });
}

// Every graph format of a build, into one folder (the evidence shards are src/evidence's). Plain
// synchronous writes: the build writes into a temporary folder that is then renamed into place, so
// nothing may still be pending.

import { mkdirSync } from "node:fs";
import type { GuanxiGraph } from "../graph/model.ts";
import { writeGexf, type GexfVersion } from "./gexf.ts";
import { writeGraphJson } from "./graph-json.ts";
import { writeGraphml } from "./graphml.ts";
import { writeNeo4jCsv } from "./neo4j.ts";

export { gexfFileName, gexfString, writeGexf, type GexfVersion } from "./gexf.ts";
export { graphJsonString, writeGraphJson } from "./graph-json.ts";
export { graphmlString, writeGraphml } from "./graphml.ts";
export { neo4jImportCommand, writeNeo4jCsv } from "./neo4j.ts";

export interface ExportOptions {
  /** GEXF version of graph.gexf (default 1.3). */
  gexfVersion?: GexfVersion;
  /** Also write the other GEXF version beside it (graph.1.2draft.gexf or graph.1.3.gexf). Default true. */
  bothGexfVersions?: boolean;
}

export function exportAll(dir: string, graph: GuanxiGraph, options: ExportOptions = {}): void {
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
}

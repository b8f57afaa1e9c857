// The graph formats of a build, into one folder (the evidence shards are src/evidence's). Plain
// synchronous writes: the build writes into a temporary folder that is then renamed into place, so
// nothing may still be pending.
//
// graph.json (what the viewer and the queries read) and graph.gexf (Gephi) are always written; the
// other formats only when asked for. Each is a whole copy of the graph, which on dense news is large:
// on 1,020 dense articles GraphML, the second GEXF and the Neo4j CSVs were 83 MB of a 495 MB output,
// and seconds of every build and every resumed build, for files most users never open.

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

/** The formats written besides graph.json and graph.gexf when asked for (`guanxi build --formats`). */
export const EXTRA_FORMATS = ["graphml", "neo4j", "gexf1.2draft", "gexf1.3"] as const;
export type ExtraFormat = (typeof EXTRA_FORMATS)[number];

export interface ExportOptions {
  /** GEXF version of graph.gexf (default 1.3). */
  gexfVersion?: GexfVersion;
  /** Formats to write besides graph.json and graph.gexf (none by default). A GEXF version that graph.gexf already has adds nothing. */
  formats?: readonly ExtraFormat[];
}

/** Parses a list of extra formats (`graphml,neo4j`, or `all`); an unknown name is an error naming the known ones. */
export function parseFormats(list: string): ExtraFormat[] {
  const names = list.split(",").map((s) => s.trim()).filter(Boolean);
  if (names.includes("all")) return [...EXTRA_FORMATS];
  for (const name of names) if (!(EXTRA_FORMATS as readonly string[]).includes(name)) throw new Error(`--formats: ${name} is not a format (${EXTRA_FORMATS.join(", ")} or all)`);
  return EXTRA_FORMATS.filter((f) => names.includes(f));
}

/** The files (or folders) exportAll writes with these options, relative to the output folder. */
export function exportedFiles(options: ExportOptions = {}): string[] {
  const main = options.gexfVersion ?? "1.3";
  const formats = options.formats ?? [];
  const files = ["graph.json", "graph.gexf"];
  for (const version of ["1.2draft", "1.3"] as const) if (version !== main && formats.includes(`gexf${version}`)) files.push(`graph.${version}.gexf`);
  if (formats.includes("graphml")) files.push("graph.graphml");
  if (formats.includes("neo4j")) files.push("neo4j");
  return files;
}

export function exportAll(dir: string, graph: GuanxiGraph, options: ExportOptions = {}): void {
  mkdirSync(dir, { recursive: true });
  const main = options.gexfVersion ?? "1.3";
  writeGraphJson(dir, graph);
  writeGexf(dir, graph, { version: main, fileName: "graph.gexf" });
  const files = exportedFiles(options);
  for (const version of ["1.2draft", "1.3"] as const) if (files.includes(`graph.${version}.gexf`)) writeGexf(dir, graph, { version, fileName: `graph.${version}.gexf` });
  if (files.includes("graph.graphml")) writeGraphml(dir, graph);
  if (files.includes("neo4j")) writeNeo4jCsv(dir, graph);
}

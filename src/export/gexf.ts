// GEXF files of a build: the document is written by gexf-text.ts (which the viewer bundles too, for the
// GEXF of a filtered view) and streamed to the file here.

import { join } from "node:path";
import type { GuanxiGraph } from "../graph/model.ts";
import { type GexfVersion, writeGexfTo } from "./gexf-text.ts";
import { writeTextFile } from "./text-file.ts";

export { GEXF_VERSIONS, gexfString, spellsText, type GexfVersion } from "./gexf-text.ts";

export interface GexfOptions {
  version?: GexfVersion;
  /** File name inside the folder; default graph.gexf (1.3) or graph.1.2draft.gexf. */
  fileName?: string;
}

export function gexfFileName(version: GexfVersion): string {
  return version === "1.3" ? "graph.gexf" : "graph.1.2draft.gexf";
}

export function writeGexf(dir: string, graph: GuanxiGraph, options: GexfOptions = {}): string {
  const version = options.version ?? "1.3";
  const path = join(dir, options.fileName ?? gexfFileName(version));
  writeTextFile(path, (out) => writeGexfTo(out, graph, version));
  return path;
}

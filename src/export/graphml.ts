// The GraphML file of a build: the document is written by graphml-text.ts (which the viewer bundles too,
// for the GraphML of a filtered view) and streamed to the file here.

import { join } from "node:path";
import type { GuanxiGraph } from "../graph/model.ts";
import { writeGraphmlTo } from "./graphml-text.ts";
import { writeTextFile } from "./text-file.ts";

export { graphmlString } from "./graphml-text.ts";
export { escapeXml } from "./xml-text.ts";

export function writeGraphml(dir: string, graph: GuanxiGraph): string {
  const path = join(dir, "graph.graphml");
  writeTextFile(path, (out) => writeGraphmlTo(out, graph));
  return path;
}

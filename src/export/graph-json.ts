// graph.json: graphology's own serialisation (`graph.export()`), the format the eval kit and the viewer
// read back with `graph.import()`. Written compact: it is a machine format, and large graphs are large.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GuanxiGraph } from "../graph/model.ts";

export function graphJsonString(graph: GuanxiGraph): string {
  return JSON.stringify(graph.export());
}

export function writeGraphJson(dir: string, graph: GuanxiGraph): string {
  const path = join(dir, "graph.json");
  writeFileSync(path, graphJsonString(graph) + "\n", "utf8");
  return path;
}

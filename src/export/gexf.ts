// GEXF export through graphology-gexf, made valid against the official RelaxNG schemas
// (../shared/gexf/<version>/gexf.rng) by choosing its options and post-processing its output.
//
// What graphology-gexf 0.13 gets wrong, and the fix (each checked by xmllint in tests/export):
// - 1.3: it writes `xsi:schemaLocation` on <gexf>, which the RelaxNG grammar does not allow. We drop the
//   attribute and its `xmlns:xsi` declaration; the file's namespace already says which grammar applies.
// - 1.2draft viz: it declares the viz namespace as "http:///www.gexf.net/1.1draft/viz" (three slashes,
//   the 1.1 namespace). The right URI would be "http://www.gexf.net/1.2draft/viz", but the official
//   1.2draft gexf.rng includes viz.rng *without* an `ns` attribute, so by RELAX NG's namespace inheritance
//   its viz elements (color, size, position, shape, thickness) belong to the GEXF namespace itself;
//   xmllint rejects <viz:color> in any other namespace. We follow the normative schema: viz elements are
//   written unprefixed in the GEXF namespace and the bogus declaration is dropped. Gephi and graphology
//   match these elements by local name and read them; NetworkX (which looks for the viz namespace) reads
//   the graph, types, names and weights but not the positions; the 1.3 file keeps them for everyone.
// - 1.2draft position: viz.rng requires `z`; the writer omits it for 2-D layouts, so we add z="0".
// - 1.2draft lists: an empty list is written as an <attvalue> without `value`, which the schema forbids;
//   our formatter leaves empty lists out in 1.2draft (1.3 writes them as "[]").
// - both: its default formatter writes an edge attribute `kind` as the XML attribute `kind`, which 1.2draft
//   does not have. We pass our own formatters, which put `kind` (and every other attribute) in <attvalues>.
// - meta: graph attributes become <meta> children unless `pedantic`; the grammars allow only creator,
//   description and keywords, so we write pedantically.
// - 1.2draft mixed graphs: the schema allows them, but NetworkX (the reader the 1.2draft file exists for)
//   refuses a file mixing directed and undirected edges. In 1.2draft co-mention edges are therefore
//   written `type="mutual"` (GEXF's "both directions") in a directed graph: NetworkX reads a MultiDiGraph
//   with each co-mention in both directions, graphology-gexf reads mutual edges back as undirected
//   (parse with `respectInputGraphType: true` into a MultiGraph, since a first edge typed "mutual" is not a
//   graphology graph type). 1.3, read by Gephi, keeps the mixed graph as it is.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import gexf from "graphology-gexf";
import type { GuanxiGraph } from "../graph/build.ts";
import type { EdgeAttributes, NodeAttributes } from "../types.ts";

export type GexfVersion = "1.3" | "1.2draft";

export interface GexfOptions {
  version?: GexfVersion;
  /** File name inside the folder; default graph.gexf (1.3) or graph.1.2draft.gexf. */
  fileName?: string;
}

const VIZ_12_DECLARATION = /\s+xmlns:viz="[^"]*"/;

function formatNode(version: GexfVersion, a: NodeAttributes) {
  const attributes: Record<string, unknown> = {
    type: a.type,
    name_en: a.name_en,
    aliases: a.aliases,
    candidate: a.candidate,
    mentions: a.mentions,
    documents: a.documents,
    titles: a.titles,
  };
  if (version === "1.2draft") {
    for (const k of ["aliases", "titles"]) if (Array.isArray(attributes[k]) && (attributes[k] as unknown[]).length === 0) delete attributes[k];
  }
  for (const k of ["community", "pagerank", "betweenness", "weightedDegree"] as const) {
    if (typeof a[k] === "number") attributes[k] = a[k];
  }
  const viz: Record<string, unknown> = {};
  if (a.color) viz.color = a.color;
  if (typeof a.size === "number") viz.size = a.size;
  if (typeof a.x === "number") viz.x = a.x;
  if (typeof a.y === "number") viz.y = a.y;
  return { label: a.label, attributes, viz };
}

function formatEdge(_key: string, a: EdgeAttributes) {
  // `kind` goes to attvalues, never to the XML attribute (see the header).
  const attributes: Record<string, unknown> = { ...a };
  delete attributes.weight;
  return { label: a.kind === "role" ? a.title : undefined, weight: a.weight, attributes };
}

/** The GEXF text of a graph, valid against the chosen version's RelaxNG schema. */
export function gexfString(graph: GuanxiGraph, version: GexfVersion = "1.3"): string {
  let xml = gexf.write(graph, {
    version: version === "1.3" ? "1.3" : "1.2",
    pedantic: true,
    formatNode: ((_key: string, a: NodeAttributes) => formatNode(version, a)) as never,
    formatEdge: formatEdge as never,
  });
  if (version === "1.3") {
    xml = xml.replace(/\s+xsi:schemaLocation="[^"]*"/, "").replace(/\s+xmlns:xsi="[^"]*"/, "");
  } else {
    xml = xml
      .replace(VIZ_12_DECLARATION, "")
      .replace(/<viz:(color|size|position|shape|thickness)\b/g, "<$1")
      // Element and attribute names are the writer's own; values are escaped, so these cannot misfire.
      .replace(/<position x="([^"]*)" y="([^"]*)"\/>/g, '<position x="$1" y="$2" z="0"/>');
    // The writer emits `type` right after `id`; ids are XML-escaped, so this cannot match inside one.
    xml = xml.replace(/(<edge id="[^"]*") type="undirected"/g, '$1 type="mutual"');
  }
  return xml;
}

export function gexfFileName(version: GexfVersion): string {
  return version === "1.3" ? "graph.gexf" : "graph.1.2draft.gexf";
}

export function writeGexf(dir: string, graph: GuanxiGraph, options: GexfOptions = {}): string {
  const version = options.version ?? "1.3";
  const path = join(dir, options.fileName ?? gexfFileName(version));
  writeFileSync(path, gexfString(graph, version), "utf8");
  return path;
}

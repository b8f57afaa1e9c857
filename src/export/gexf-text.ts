// GEXF export, by a writer of our own, valid against the official RelaxNG schemas
// (../shared/gexf/<version>/gexf.rng; tests/export checks both versions with xmllint).
//
// Why not graphology-gexf's writer: it builds the whole document as one string through xml-writer, after
// collecting a formatted copy of every node and edge, and its output needed regex fixes (more whole-document
// copies) to be valid. On a 347-node, 40,721-edge graph that took 4.5 s (1.3) and 2.7 s (1.2draft) and
// ~420 MB of transient heap each, the build's peak. This writer infers the attribute types in one pass over
// the graph, then streams the document to the file in ~1 MB chunks (xml-text.ts) in a second pass, and
// writes the valid form directly. graphology-gexf still reads the files back (tests/export).
//
// What the file is, and why:
// - Text: ids, labels, values and meta are escaped for XML 1.0; characters it cannot carry (C0 controls
//   other than tab and line breaks, U+FFFE/U+FFFF, unpaired surrogates) are dropped. Tab and line breaks
//   in attribute values are character references, so a parser does not turn them into spaces.
// - <gexf> declares only the GEXF namespace (and the viz namespace in 1.3): no `xsi:schemaLocation`,
//   which the 1.3 RelaxNG grammar does not allow; the namespace already says which grammar applies.
// - <meta> holds only creator, description and keywords (from the graph's attributes; lastModifiedDate
//   becomes its `lastmodifieddate`): the grammars allow no other children.
// - Attributes: one declaration per node or edge attribute that has a value somewhere, in order of first
//   appearance, id and title its name. The type is inferred from the values (boolean, integer for 32-bit
//   integers, long, double, string, or a list of one of these) and the most general one wins when values
//   disagree, so every value can be read as the declared type. Absent values (undefined, null, "", NaN,
//   infinities) are left out. An edge's `kind` and every other edge attribute but weight go in
//   <attvalues>: 1.2draft has no XML attribute `kind`, and 1.3's means something else (edge kind).
// - Lists: 1.3 writes `[a, b]`, an item quoted only when it holds a quote or a line break (graphology-gexf
//   and Gephi read this form); 1.2draft, which has no list syntax of its own, writes `a|b`, and leaves
//   out empty lists, since an <attvalue> needs a value.
// - Edges: `weight` is an XML attribute, a role edge's title is its label. The graph's default edge type
//   is directed when it mixes directed and undirected edges, and each edge of the other type says so.
//   1.3, read by Gephi, keeps the mixed graph as it is. In 1.2draft co-mention (undirected) edges are
//   written `type="mutual"` (GEXF's "both directions"): NetworkX, the reader the 1.2draft file exists
//   for, refuses a file mixing directed and undirected edges, and reads this one as a MultiDiGraph with
//   each co-mention in both directions. graphology-gexf reads mutual edges back as undirected (parse with
//   `respectInputGraphType: true` into a MultiGraph, since "mutual" is not a graphology graph type).
// - Viz: colour, size and position. 1.3 writes <viz:color hex=…> etc. in the 1.3 viz namespace. The
//   official 1.2draft gexf.rng includes viz.rng *without* an `ns` attribute, so by RELAX NG's namespace
//   inheritance its viz elements belong to the GEXF namespace itself and xmllint rejects them in any other
//   namespace: 1.2draft writes them unprefixed (<color r g b>, <size>, <position>), with z="0" on
//   position since that viz.rng requires z. Gephi and graphology match these elements by local name and
//   read them; NetworkX (which looks for a viz namespace) reads the graph, types, names and weights but
//   not the positions; the 1.3 file keeps them for everyone.
// - Time (1.3): when the build has dated articles, the graph is `mode="dynamic" timeformat="date"` and
//   every dated node and edge holds <spells>, one per run of consecutive months it was seen in (first
//   to last day of the month), so Gephi's timeline shows a tie in the months its articles appeared;
//   an element without dates has no spell and Gephi keeps it at every time. The dates are also plain
//   attributes (`firstDate`, `lastDate`, `months` as JSON), which is all 1.2draft carries: NetworkX's
//   reader of dynamic 1.2draft files expects per-attribute times, not spells.

import type { NodeAttributes } from "../types.ts";
import { type BufferedText, escapeXml, textOf, type XmlGraph } from "./xml-text.ts";

/** The GEXF versions written (the first is the default). */
export const GEXF_VERSIONS = ["1.3", "1.2draft"] as const;
export type GexfVersion = (typeof GEXF_VERSIONS)[number];

type ScalarType = "boolean" | "integer" | "long" | "double" | "string";
type GexfType = ScalarType | `list${ScalarType}`;

/** Lower is more general: when one attribute's values disagree, the lowest type can be read for all. */
const GENERALITY: Record<GexfType, number> = {
  liststring: 0,
  listdouble: 1,
  listlong: 2,
  listinteger: 3,
  listboolean: 4,
  string: 5,
  double: 6,
  long: 7,
  integer: 8,
  boolean: 9,
};

/** Node attributes written as <attvalues>, in this order; label and viz have places of their own. */
const NODE_ATTRIBUTES = [
  "type",
  "name_en",
  "aliases",
  "candidate",
  "mentions",
  "documents",
  "titles",
  "community",
  "pagerank",
  "betweenness",
  "weightedDegree",
  "firstDate",
  "lastDate",
  "months",
] as const satisfies readonly (keyof NodeAttributes)[];

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (typeof value === "number" && !Number.isFinite(value));
}

function scalarType(value: unknown): ScalarType | null {
  if (isAbsent(value)) return null;
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") {
    if (Number.isInteger(value) && Math.abs(value) <= 0x7fffffff) return "integer";
    return Number.isSafeInteger(value) ? "long" : "double";
  }
  return "string";
}

function typeOf(value: unknown): GexfType | null {
  if (!Array.isArray(value)) return scalarType(value);
  let type: ScalarType | null = null;
  for (const item of value) {
    const t = scalarType(item);
    if (t && (type === null || GENERALITY[t] < GENERALITY[type])) type = t;
  }
  return type && `list${type}`;
}

/** Widens the declared type of `name` to cover `value`; the first value with a type adds the declaration. */
function declare(model: Map<string, GexfType>, name: string, value: unknown): void {
  const type = typeOf(value);
  if (!type) return;
  const current = model.get(name);
  if (current === undefined || GENERALITY[type] < GENERALITY[current]) model.set(name, type);
}

/** One item of a 1.3 list: bare unless a quote or line break would make it ambiguous. */
function listItemText(itemType: string, item: unknown): string {
  if (itemType !== "string") return JSON.stringify(item);
  const text = String(item);
  if (/[\r\t\n]/.test(text) || text.includes("'")) return JSON.stringify(text);
  return text.includes('"') ? `'${text}'` : text;
}

/** A value as the declared type reads it; "" means nothing to write. */
function valueText(version: GexfVersion, type: GexfType, value: unknown): string {
  if (isAbsent(value)) return "";
  if (type.startsWith("list")) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    if (version === "1.2draft") return items.join("|");
    const itemType = type.slice(4);
    return `[${items.map((item) => listItemText(itemType, item)).join(", ")}]`;
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function attvaluesText(version: GexfVersion, model: Map<string, GexfType>, valueOf: (name: string) => unknown): string {
  let lines = "";
  for (const [name, type] of model) {
    const text = valueText(version, type, valueOf(name));
    if (text !== "") lines += `          <attvalue for="${escapeXml(name)}" value="${escapeXml(text)}"/>\n`;
  }
  return lines && `        <attvalues>\n${lines}        </attvalues>\n`;
}

function attributesText(cls: "node" | "edge", model: Map<string, GexfType>): string {
  if (model.size === 0) return "";
  let lines = `    <attributes class="${cls}">\n`;
  for (const [name, type] of model) {
    const id = escapeXml(name);
    lines += `      <attribute id="${id}" title="${id}" type="${type}"/>\n`;
  }
  return `${lines}    </attributes>\n`;
}

const HEX_COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
const RGB_COLOR = /^\s*rgba?\s*\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([.\d]+)\s*)?\)\s*$/i;

/** The r, g, b (and a) XML attributes of a CSS hex or rgb()/rgba() colour; null for anything else. */
function rgbAttributes(color: string): string | null {
  const hex = HEX_COLOR.exec(color);
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d) : [hex[1].slice(0, 2), hex[1].slice(2, 4), hex[1].slice(4, 6)];
    const [r, g, b] = digits.map((d) => parseInt(d, 16));
    return ` r="${r}" g="${g}" b="${b}"`;
  }
  const rgb = RGB_COLOR.exec(color);
  if (!rgb) return null;
  return ` r="${+rgb[1]}" g="${+rgb[2]}" b="${+rgb[3]}"${rgb[4] ? ` a="${+rgb[4]}"` : ""}`;
}

const isNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

function vizText(version: GexfVersion, a: NodeAttributes): string {
  const p = version === "1.3" ? "viz:" : "";
  let lines = "";
  if (typeof a.color === "string" && a.color) {
    if (version === "1.3" && a.color.startsWith("#")) lines += `        <viz:color hex="${escapeXml(a.color)}"/>\n`;
    else {
      const rgb = rgbAttributes(a.color);
      if (rgb) lines += `        <${p}color${rgb}/>\n`;
    }
  }
  if (isNumber(a.size)) lines += `        <${p}size value="${a.size}"/>\n`;
  if (isNumber(a.x) || isNumber(a.y)) {
    const x = isNumber(a.x) ? ` x="${a.x}"` : "";
    const y = isNumber(a.y) ? ` y="${a.y}"` : "";
    lines += `        <${p}position${x}${y}${version === "1.2draft" ? ' z="0"' : ""}/>\n`;
  }
  return lines;
}

function metaText(graph: XmlGraph): string {
  const attributes = graph.getAttributes() as Record<string, unknown>;
  const modified = attributes.lastModifiedDate;
  const open = modified ? `  <meta lastmodifieddate="${escapeXml(String(modified))}"` : "  <meta";
  let children = "";
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== "creator" && name !== "description" && name !== "keywords") continue;
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
    children += `    <${name}>${escapeXml(String(value))}</${name}>\n`;
  }
  return children ? `${open}>\n${children}  </meta>\n` : `${open}/>\n`;
}

/** The default edge type: the only one present, or directed when the graph mixes both. */
function defaultEdgeType(graph: XmlGraph): "directed" | "undirected" {
  if (graph.type !== "mixed") return graph.type;
  return graph.undirectedSize > 0 && graph.directedSize === 0 ? "undirected" : "directed";
}

/** The last day of a month ("2024-02" → "2024-02-29"). */
function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

/** The month after "2024-12": "2025-01". */
function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** <spells> for the months an element was seen in, consecutive months as one spell; "" when none. */
export function spellsText(months: unknown, indent = "        "): string {
  if (!months || typeof months !== "object") return "";
  const list = Object.keys(months as Record<string, number>).filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  if (list.length === 0) return "";
  let lines = "";
  let start = list[0];
  let last = list[0];
  const flush = () => (lines += `${indent}  <spell start="${start}-01" end="${monthEnd(last)}"/>\n`);
  for (const m of list.slice(1)) {
    if (m === nextMonth(last)) last = m;
    else {
      flush();
      start = last = m;
    }
  }
  flush();
  return `${indent}<spells>\n${lines}${indent}</spells>\n`;
}

/** The whole GEXF document into `out`, element by element. */
export function writeGexfTo(out: BufferedText, graph: XmlGraph, version: GexfVersion): void {
  const nodeModel = new Map<string, GexfType>();
  graph.forEachNode((_n, a) => {
    for (const name of NODE_ATTRIBUTES) declare(nodeModel, name, a[name]);
  });
  const edgeModel = new Map<string, GexfType>();
  graph.forEachEdge((_e, a) => {
    for (const [name, value] of Object.entries(a)) if (name !== "weight") declare(edgeModel, name, value);
  });

  out.write('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.write(
    version === "1.3"
      ? '<gexf version="1.3" xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz">\n'
      : '<gexf version="1.2" xmlns="http://www.gexf.net/1.2draft">\n',
  );
  out.write(metaText(graph));
  const defaultType = defaultEdgeType(graph);
  let dated = false;
  if (version === "1.3") {
    graph.forEachNode((_n, a) => void (dated ||= !!a.months));
    graph.forEachEdge((_e, a) => void (dated ||= !!a.months));
  }
  const spells = (months: unknown) => (dated ? spellsText(months) : "");
  out.write(`  <graph defaultedgetype="${defaultType}"${dated ? ' mode="dynamic" timeformat="date"' : ""}>\n`);
  out.write(attributesText("node", nodeModel));
  out.write(attributesText("edge", edgeModel));

  if (graph.order === 0) out.write("    <nodes/>\n");
  else {
    out.write("    <nodes>\n");
    graph.forEachNode((n, a) => {
      const label = a.label ? ` label="${escapeXml(String(a.label))}"` : "";
      const inner = attvaluesText(version, nodeModel, (name) => a[name as keyof NodeAttributes]) + spells(a.months) + vizText(version, a);
      out.write(`      <node id="${escapeXml(n)}"${label}${inner ? `>\n${inner}      </node>\n` : "/>\n"}`);
    });
    out.write("    </nodes>\n");
  }

  if (graph.size === 0) out.write("    <edges/>\n");
  else {
    out.write("    <edges>\n");
    const undirectedType = version === "1.3" ? "undirected" : "mutual";
    graph.forEachEdge((e, a, source, target, _sa, _ta, undirected) => {
      const type = (undirected ? "undirected" : "directed") === defaultType ? "" : ` type="${undirected ? undirectedType : "directed"}"`;
      const weight = isNumber(a.weight) ? ` weight="${a.weight}"` : "";
      const label = a.kind === "role" && a.title ? ` label="${escapeXml(a.title)}"` : "";
      const values = attvaluesText(version, edgeModel, (name) => (a as unknown as Record<string, unknown>)[name]) + spells(a.months);
      out.write(
        `      <edge id="${escapeXml(e)}"${type} source="${escapeXml(source)}" target="${escapeXml(target)}"${weight}${label}` +
          (values ? `>\n${values}      </edge>\n` : "/>\n"),
      );
    });
    out.write("    </edges>\n");
  }
  out.write("  </graph>\n</gexf>");
}

/** The GEXF text of a graph, for small graphs and tests; writeGexf streams the same text to a file. */
export function gexfString(graph: XmlGraph, version: GexfVersion = "1.3"): string {
  return textOf((out) => writeGexfTo(out, graph, version));
}

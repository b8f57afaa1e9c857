// GraphML export, by a writer of our own: graphology-graphml 0.5 only parses (it has no writer).
// One <key> per attribute with its GraphML type; lists (aliases, titles) have no GraphML type and are
// written as JSON strings. The graph is undirected by default and role edges say `directed="true"`, which
// GraphML allows per edge, so the mixed multigraph survives as it is (graphology-graphml reads it back).
// The file is streamed in chunks (see xml-text.ts): one string of the whole document, or an array of its
// lines joined at the end, cost ~200 MB of transient heap on a 40,000-edge graph.

import { type BufferedText, escapeXml, textOf, type XmlGraph } from "./xml-text.ts";

type GraphmlType = "boolean" | "int" | "long" | "double" | "string";

interface Key {
  id: string;
  for: "node" | "edge";
  name: string;
  type: GraphmlType;
}

function typeOf(value: unknown): GraphmlType | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    if (Number.isInteger(value)) return Math.abs(value) <= 0x7fffffff ? "int" : "long";
    return "double";
  }
  return "string";
}

const RANK: Record<GraphmlType, number> = { boolean: 0, int: 1, long: 2, double: 3, string: 4 };

function widen(a: GraphmlType | undefined, b: GraphmlType): GraphmlType {
  if (!a) return b;
  if (a === b) return a;
  // Mixed numbers widen to double; anything mixed with a non-number becomes a string.
  const numeric = (t: GraphmlType) => t === "int" || t === "long" || t === "double";
  if (numeric(a) && numeric(b)) return RANK[a] > RANK[b] ? a : b;
  return "string";
}

function serialise(value: unknown): string {
  // Lists and the per-month counts ({"2024-05": 3}) as JSON: GraphML has neither type.
  if (Array.isArray(value) || (typeof value === "object" && value !== null)) return JSON.stringify(value);
  return String(value);
}

/** The GraphML document, line by line, into `out`. */
export function writeGraphmlTo(out: BufferedText, graph: XmlGraph): void {
  const nodeTypes = new Map<string, GraphmlType>();
  const edgeTypes = new Map<string, GraphmlType>();
  graph.forEachNode((_n, attr) => {
    for (const [k, v] of Object.entries(attr)) {
      const t = typeOf(Array.isArray(v) ? "list" : v);
      if (t) nodeTypes.set(k, widen(nodeTypes.get(k), t));
    }
  });
  graph.forEachEdge((_e, attr) => {
    for (const [k, v] of Object.entries(attr)) {
      const t = typeOf(v);
      if (t) edgeTypes.set(k, widen(edgeTypes.get(k), t));
    }
  });
  const keys: Key[] = [];
  for (const [name, type] of nodeTypes) keys.push({ id: `n_${name}`, for: "node", name, type });
  for (const [name, type] of edgeTypes) keys.push({ id: `e_${name}`, for: "edge", name, type });

  out.write('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.write(
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
  );
  for (const k of keys) {
    out.write(`  <key id="${escapeXml(k.id)}" for="${k.for}" attr.name="${escapeXml(k.name)}" attr.type="${k.type}"/>\n`);
  }
  out.write('  <graph id="guanxi" edgedefault="undirected">\n');
  const data = (prefix: "n" | "e", attr: Record<string, unknown>): string => {
    let lines = "";
    for (const [k, v] of Object.entries(attr)) {
      if (typeOf(Array.isArray(v) ? "list" : v) === null) continue;
      lines += `      <data key="${escapeXml(`${prefix}_${k}`)}">${escapeXml(serialise(v))}</data>\n`;
    }
    return lines;
  };
  graph.forEachNode((n, attr) => {
    out.write(`    <node id="${escapeXml(n)}">\n${data("n", attr as unknown as Record<string, unknown>)}    </node>\n`);
  });
  graph.forEachEdge((e, attr, source, target, _sa, _ta, undirected) => {
    const dir = undirected ? "" : ' directed="true"';
    out.write(
      `    <edge id="${escapeXml(e)}" source="${escapeXml(source)}" target="${escapeXml(target)}"${dir}>\n` +
        `${data("e", attr as unknown as Record<string, unknown>)}    </edge>\n`,
    );
  });
  out.write("  </graph>\n");
  out.write("</graphml>\n");
}

/** The GraphML text of a graph, for small graphs and tests; writeGraphml streams the same text. */
export function graphmlString(graph: XmlGraph): string {
  return textOf((out) => writeGraphmlTo(out, graph));
}

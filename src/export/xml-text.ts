// What the XML exports (GEXF, GraphML) share: escaping for XML 1.0, and a buffered text writer that
// streams a document to its file in chunks. A 40,000-edge graph makes a 20-25 MB document; built as one
// string (and then copied by regexes or an array join) it cost several hundred MB of transient heap,
// the build's peak. Written in ~1 MB chunks, the heap holds one chunk at a time.

import type Graph from "graphology-types";
import type { Attributes } from "graphology-types";
import type { EdgeAttributes, NodeAttributes } from "../types.ts";

/**
 * What the XML writers take: a build's graph, or any graph with its node and edge attributes (the
 * viewer's export of a filtered view). Edges may carry more attributes than a build's; each is written.
 * No file system here, so that the viewer can bundle the writers; files are gexf.ts's and graphml.ts's.
 */
export type XmlGraph = Graph<NodeAttributes, EdgeAttributes, Attributes>;

/** Any character escapeXml changes; most labels and values have none and are returned as they are. */
const NEEDS_ESCAPE = /[&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
const TO_ESCAPE =
  /[&<>"\t\n\r]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  // As character references, because a parser normalises a literal tab or line break inside an
  // attribute value to a space; the reference survives as the character itself.
  "\t": "&#x9;",
  "\n": "&#xA;",
  "\r": "&#xD;",
};

/**
 * Text made safe for XML 1.0 element content and double-quoted attribute values. Characters XML 1.0
 * cannot carry at all (other C0 controls, U+FFFE/U+FFFF, unpaired surrogates) are dropped: no escape
 * can represent them.
 */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(TO_ESCAPE, (c) => ENTITY[c] ?? "");
}

/** Characters of pending text after which a BufferedText hands a chunk on. */
const CHUNK_CHARS = 1 << 20;

/** Collects written text and hands it on in chunks of about CHUNK_CHARS characters. */
export class BufferedText {
  private pending = "";

  constructor(private readonly emit: (chunk: string) => void) {}

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = "";
    this.emit(chunk);
  }
}

/** The same document as one string, for small graphs and tests. */
export function textOf(produce: (out: BufferedText) => void): string {
  const chunks: string[] = [];
  const out = new BufferedText((chunk) => chunks.push(chunk));
  produce(out);
  out.flush();
  return chunks.join("");
}

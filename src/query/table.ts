// Plain-text tables whose columns line up when cells hold Chinese: a CJK character takes two terminal
// columns, so widths are measured with string-width (East Asian Width aware), never with .length.

import stringWidth from "string-width";
import { terminalText } from "./terminal.ts";

export interface Column<Row> {
  header: string;
  /** The cell's text for a row. */
  value: (row: Row) => string | number | undefined | null;
  align?: "left" | "right";
  /** Longest cell, in terminal columns; longer text is cut with "…". */
  maxWidth?: number;
}

/** Cuts text to at most `width` terminal columns, ending with "…" when something was cut. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + "…";
}

export function pad(text: string, width: number, align: "left" | "right" = "left"): string {
  const fill = " ".repeat(Math.max(0, width - stringWidth(text)));
  return align === "right" ? fill + text : text + fill;
}

export function renderTable<Row>(rows: Row[], columns: Column<Row>[]): string {
  const cells = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      // Escaped before measuring: string-width counts an escape sequence as no width at all.
      const text = v === undefined || v === null ? "" : terminalText(String(v).replace(/\s+/g, " "));
      return c.maxWidth ? truncate(text, c.maxWidth) : text;
    }),
  );
  const widths = columns.map((c, i) => Math.max(stringWidth(c.header), ...cells.map((r) => stringWidth(r[i]))));
  const line = (parts: string[]) =>
    parts
      .map((p, i) => pad(p, widths[i], columns[i].align))
      .join("  ")
      .replace(/\s+$/, "");
  const out = [line(columns.map((c) => c.header)), line(widths.map((w) => "─".repeat(w))), ...cells.map(line)];
  return out.join("\n");
}

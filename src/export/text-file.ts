// Writes an XML export to its file in chunks (see xml-text.ts): the one part of the writers that needs the
// file system, kept apart so that the viewer can bundle the rest.

import { closeSync, openSync, writeSync } from "node:fs";
import { BufferedText } from "./xml-text.ts";

/** Writes a document to `path` (UTF-8) as `produce` writes it, one chunk at a time. Synchronous. */
export function writeTextFile(path: string, produce: (out: BufferedText) => void): void {
  const fd = openSync(path, "w");
  try {
    const out = new BufferedText((chunk) => {
      const bytes = Buffer.from(chunk, "utf8");
      // writeSync may write less than asked; loop until the chunk is down.
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    });
    produce(out);
    out.flush();
  } finally {
    closeSync(fd);
  }
}


// Writing a build's output folder atomically: everything goes into a temporary sibling folder that
// replaces the output only once complete, so a build that fails or is killed never damages the
// previous output.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { processAlive } from "./lock.ts";

/** Rows as JSON lines. */
export function jsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
}

/** The temporary sibling folder a build writes into before it is swapped in. */
export function tempSibling(out: string): string {
  const parent = path.dirname(path.resolve(out));
  mkdirSync(parent, { recursive: true });
  const tmp = path.join(parent, `.guanxi-tmp-${path.basename(out)}-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  return tmp;
}

/**
 * Removes the temporary folders (and the `-old` folders of an interrupted swap) that killed builds into
 * `out` left beside it; returns their names. Called while holding the output's lock, so no other build
 * into `out` is running: a folder is still left alone while its process lives (an older version's build,
 * which took no lock), and the folders of other outputs always are.
 */
export function removeStaleTemporaries(out: string): string[] {
  const full = path.resolve(out);
  const parent = path.dirname(full);
  const prefix = `.guanxi-tmp-${path.basename(full)}-`;
  if (!existsSync(parent)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    // The rest is "<pid>-<time>" or "<pid>-<time>-old": another output's name (out-2 beside out) does not match.
    const m = /^(\d+)-\d+(-old)?$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && processAlive(pid)) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Replaces `out` by the complete folder `tmp`; the old output stays whole until the new one is beside it. */
export function swapIn(tmp: string, out: string): void {
  const old = `${tmp}-old`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
}

/** Appends lines to a file through a buffer: one system call per megabyte, not per line. */
export class LineWriter {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(file: string, append = false) {
    this.fd = openSync(file, append ? "a" : "w");
  }
  write(text: string): void {
    if (!text) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length) writeSync(this.fd, this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

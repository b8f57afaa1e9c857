// Maps a request path onto a file inside one folder, refusing everything that could leave it. The request
// path is taken raw from the request line (Node does not normalise it), so every trick an attacker has —
// `../`, `%2e%2e`, encoded or back slashes, NUL bytes, absolute or drive paths, symlinks pointing out —
// is checked here before the file system is touched, and the real path is checked again after.
import { realpath, stat } from "node:fs/promises";
import { extname, join, sep } from "node:path";

export type Resolution = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/** Content types by extension. What is not listed is not served from a build folder. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".jsonl": "application/x-ndjson; charset=utf-8",
  ".gexf": "application/xml; charset=utf-8",
  ".graphml": "application/xml; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".wasm": "application/wasm",
};

export function contentTypeOf(file: string): string | undefined {
  return CONTENT_TYPES[extname(file).toLowerCase()];
}

/**
 * Splits a raw URL path (already stripped of the mount prefix, e.g. "evidence/0a.json") into decoded
 * segments, or says why it is refused. Pure: no file system access.
 */
export function safeSegments(rawPath: string): { ok: true; segments: string[] } | { ok: false; status: 400 | 403 | 404 } {
  // Encoded separators and NUL would let one decoded segment span folders; a back slash is a separator
  // on Windows. None of them has a use in a URL of ours.
  if (/%2f|%5c|%00/i.test(rawPath) || rawPath.includes("\\") || rawPath.includes("\0")) return { ok: false, status: 403 };
  const parts = rawPath.split("/");
  const segments: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const raw = parts[i];
    if (raw === "") {
      // Only a trailing slash may leave an empty segment; `//etc` is an absolute path in disguise.
      if (i === parts.length - 1) continue;
      return { ok: false, status: 403 };
    }
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400 };
    }
    if (seg === "." || seg === "..") return { ok: false, status: 403 };
    if (seg.includes("/") || seg.includes("\\") || seg.includes("\0")) return { ok: false, status: 403 };
    // A drive letter or stream name (C:, file:stream) means nothing here but is dangerous on Windows.
    if (seg.includes(":")) return { ok: false, status: 403 };
    // Dotfiles (.git, .env, a build's temporary folders) are never part of what is served.
    if (seg.startsWith(".")) return { ok: false, status: 404 };
    segments.push(seg);
  }
  return { ok: true, segments };
}

/**
 * Resolves segments inside `rootReal` (a real path, as returned by fs.realpath) to an existing regular
 * file whose real path is still inside the root. A folder resolves to its `index` file when one is named.
 */
export async function resolveInside(rootReal: string, segments: string[], index?: string): Promise<Resolution> {
  let candidate = join(rootReal, ...segments);
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { ok: false, status: 404 };
  }
  if (!isInside(rootReal, real)) return { ok: false, status: 403 };
  let info = await stat(real).catch(() => undefined);
  if (info?.isDirectory() && index) {
    candidate = join(real, index);
    try {
      real = await realpath(candidate);
    } catch {
      return { ok: false, status: 404 };
    }
    if (!isInside(rootReal, real)) return { ok: false, status: 403 };
    info = await stat(real).catch(() => undefined);
  }
  if (!info || !info.isFile()) return { ok: false, status: 404 };
  return { ok: true, file: real };
}

export function isInside(rootReal: string, real: string): boolean {
  return real === rootReal || real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep);
}

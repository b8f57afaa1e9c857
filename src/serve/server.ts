// The local HTTP server behind `guanxi serve`: the built viewer at `/`, one build folder's files at
// `/data/`, and nothing else. It is a static server with a deliberately small surface: GET and HEAD only,
// an allowlist of file types, raw-path checks against traversal, a strict Content-Security-Policy on every
// response, and a Host check so a web page cannot reach it by DNS rebinding (bound to loopback or not).
import { createReadStream, existsSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isIP, type AddressInfo } from "node:net";
import { extname, join, sep } from "node:path";
import { lookupEvidence, STORE_FILE } from "../store/store.ts";
import { contentTypeOf, resolveInside, safeSegments } from "./paths.ts";

/**
 * No inline script anywhere (the viewer is one bundled module); the ForceAtlas2 worker is spawned from a
 * blob: URL, hence worker-src. Styles are files too; sigma sets element styles through the CSSOM, which
 * style-src does not govern. Images: the PNG export draws through canvases and blob: URLs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

/** What a build folder may hand out: its graph and evidence, never caches, databases or dotfiles. */
const DATA_EXTENSIONS = new Set([".json", ".jsonl", ".gexf", ".graphml", ".csv"]);

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export interface ServeOptions {
  /** The build's output folder (holds graph.json). */
  buildDir: string;
  /** The built viewer (viewer/dist). */
  viewerDir: string;
  /** 0 picks a free port. Default 5178. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When the port is taken, try the next ones (not with port 0). Default true. */
  tryNextPorts?: boolean;
  /** Host names, beyond loopback, IP addresses and `host`, that requests may name (`--allow-host`). */
  allowHosts?: string[];
}

export interface RunningServer {
  server: Server;
  host: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const firstPort = options.port ?? 5178;
  const buildReal = await realpath(options.buildDir);
  const viewerReal = await realpath(options.viewerDir);
  const allowedHosts = new Set([host, ...(options.allowHosts ?? [])].map((h) => h.toLowerCase()));
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, { buildReal, viewerReal, allowedHosts }).catch(() => {
      if (!res.headersSent) send(res, 500, "Internal error");
      else res.destroy();
    });
  };
  const tries = options.tryNextPorts === false || firstPort === 0 ? 1 : 20;
  let lastError: unknown;
  for (let i = 0; i < tries; i++) {
    const server = createServer(handler);
    try {
      await listen(server, firstPort + i, host);
    } catch (err) {
      lastError = err;
      if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") continue;
      throw err;
    }
    const port = (server.address() as AddressInfo).port;
    const shown = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
    return {
      server,
      host,
      port,
      url: `http://${shown === "0.0.0.0" ? "127.0.0.1" : shown}:${port}/`,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }
  // One port asked for: its own error (code EADDRINUSE) tells the caller what happened.
  if (tries === 1) throw lastError;
  throw new Error(`ports ${firstPort}–${firstPort + tries - 1} are all in use (${(lastError as Error).message})`);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

interface Roots {
  buildReal: string;
  viewerReal: string;
  /** Names a Host header may give besides loopback names and IP addresses (lower case). */
  allowedHosts: Set<string>;
}

async function handle(req: IncomingMessage, res: ServerResponse, roots: Roots): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    return send(res, 405, "Method not allowed");
  }
  // Node keeps the first of two Host headers; a proxy or cache in front may keep the last.
  if (req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === "host").length > 1) return send(res, 400, "Bad request: more than one Host header");
  if (!hostAllowed(req.headers.host, roots.allowedHosts)) return send(res, 403, "Forbidden host");
  const raw = req.url ?? "";
  // Origin-form only: "http://…" (proxy form) and "*" have no business here.
  if (!raw.startsWith("/")) return send(res, 400, "Bad request");
  const path = raw.split(/[?#]/, 1)[0];

  if (path === "/data/api/evidence") return sendEvidence(req, res, raw, roots.buildReal);

  let root: string;
  let rest: string;
  let index: string | undefined;
  if (path === "/data" || path.startsWith("/data/")) {
    root = roots.buildReal;
    rest = path.slice("/data/".length);
    if (rest === "" || !DATA_EXTENSIONS.has(extname(rest.split("/").pop() ?? "").toLowerCase())) return send(res, 404, "Not found");
  } else {
    root = roots.viewerReal;
    rest = path.slice(1);
    index = "index.html";
  }
  const split = safeSegments(rest);
  if (!split.ok) return send(res, split.status, split.status === 404 ? "Not found" : split.status === 400 ? "Bad request" : "Forbidden");
  const found = await resolveInside(root, split.segments, index);
  if (!found.ok) return send(res, found.status, found.status === 404 ? "Not found" : "Forbidden");
  const type = contentTypeOf(found.file);
  if (!type) return send(res, 404, "Not found");
  if (root === roots.buildReal && !DATA_EXTENSIONS.has(extname(found.file).toLowerCase())) return send(res, 404, "Not found");
  const info = await stat(found.file);
  securityHeaders(res);
  res.statusCode = 200;
  res.setHeader("Content-Type", type);
  res.setHeader("Content-Length", String(info.size));
  // Builds are rebuilt in place and the viewer is rebuilt by `npm start`: never serve a stale copy.
  res.setHeader("Cache-Control", "no-cache");
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(found.file);
    stream.on("error", reject);
    res.on("close", () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

/**
 * One pair's evidence from the build's store (store.sqlite), by key: `/data/api/evidence?a=ID&b=ID`.
 * The entry as JSON, or `null` when the pair has none; 204 (no content) when the build has no store,
 * and the viewer then reads the pair's shard. A store that fails (damaged) gives way to the pair's
 * shard here too; a damaged shard is a 500 whose text names it. Expected answers are never HTTP errors,
 * which a browser would log as failures. The store is opened per request: a build swapped in meanwhile
 * is read at once.
 */
function sendEvidence(req: IncomingMessage, res: ServerResponse, raw: string, buildReal: string): void {
  const query = new URLSearchParams(raw.includes("?") ? raw.slice(raw.indexOf("?") + 1) : "");
  const a = query.get("a");
  const b = query.get("b");
  if (!a || !b) return send(res, 400, "Bad request: a and b are required");
  securityHeaders(res);
  if (!existsSync(join(buildReal, STORE_FILE))) {
    res.statusCode = 204;
    res.setHeader("Cache-Control", "no-store");
    res.end();
    return;
  }
  let body: string;
  try {
    body = JSON.stringify(lookupEvidence(buildReal, a, b));
  } catch (err) {
    // Only the shard's name within the build folder: the server does not tell where the build lives.
    return send(res, 500, (err as Error).message.split(buildReal + sep).join(""));
  }
  res.statusCode = 200;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", String(Buffer.byteLength(body)));
  res.setHeader("Cache-Control", "no-cache");
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * DNS rebinding reaches the server under the attacker's own name, so a request is served only when its
 * Host is a loopback name, an IP address (typed as such, it involved no name lookup that could be
 * rebound), the address the server is bound to, or a name given with --allow-host.
 */
function hostAllowed(header: string | undefined, allowed: Set<string>): boolean {
  if (!header) return true; // HTTP/1.0 clients send none; they cannot be a rebinding browser
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(header.trim().toLowerCase());
  if (!m) return false;
  const name = m[1];
  const bare = name.startsWith("[") ? name.slice(1, -1) : name;
  return isLoopback(name) || isIP(bare) !== 0 || allowed.has(name) || allowed.has(bare);
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
}

function send(res: ServerResponse, status: number, message: string): void {
  securityHeaders(res);
  res.statusCode = status;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(message + "\n");
}

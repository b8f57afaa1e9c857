// `guanxi serve` over real HTTP: a server started on port 0 over a temporary build and viewer folder,
// requested with raw paths (node:http sends the path exactly as written, unlike fetch, which would
// normalise `../` away before the server ever saw it).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, startServer, type RunningServer } from "../../src/serve/server.ts";
import { safeSegments } from "../../src/serve/paths.ts";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.host ? { Host: options.host } : {} },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** A request written byte for byte (node:http will not send a header twice); resolves to the status code. */
function rawStatus(port: number, head: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(head));
    let reply = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (reply += chunk));
    socket.on("end", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0)));
    socket.on("error", reject);
  });
}

let base: string;
let server: RunningServer;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "guanxi-serve-"));
  const build = join(base, "build");
  const viewer = join(base, "viewer");
  mkdirSync(join(build, "evidence"), { recursive: true });
  mkdirSync(join(viewer, "assets"), { recursive: true });
  writeFileSync(join(build, "graph.json"), '{"nodes":[],"edges":[]}');
  writeFileSync(join(build, "evidence", "0a.json"), "{}");
  writeFileSync(join(build, "graph.gexf"), "<gexf/>");
  writeFileSync(join(build, "roles.jsonl"), "{}\n");
  writeFileSync(join(build, "cache.sqlite"), "not for the web");
  writeFileSync(join(build, ".env"), "SECRET=1");
  writeFileSync(join(base, "secret.json"), '{"secret":true}');
  symlinkSync(join(base, "secret.json"), join(build, "escape.json"));
  symlinkSync(base, join(build, "up"));
  symlinkSync(join(build, "graph.json"), join(build, "alias.json")); // stays inside: allowed
  writeFileSync(join(viewer, "index.html"), "<!doctype html><title>viewer</title>");
  writeFileSync(join(viewer, "assets", "app.js"), "export {};");
  writeFileSync(join(viewer, "assets", "app.css"), "body{}");
  writeFileSync(join(viewer, "assets", "logo.png"), "png");
  writeFileSync(join(viewer, "assets", "icon.svg"), "<svg/>");
  writeFileSync(join(viewer, "assets", "notes.xyz"), "unknown type");
  server = await startServer({ buildDir: build, viewerDir: viewer, port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(base, { recursive: true, force: true });
});

describe("guanxi serve: what it serves", () => {
  it("binds 127.0.0.1 by default and reports its URL", () => {
    expect(server.host).toBe("127.0.0.1");
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it.each([
    ["/", "text/html; charset=utf-8"],
    ["/index.html", "text/html; charset=utf-8"],
    ["/assets/app.js", "text/javascript; charset=utf-8"],
    ["/assets/app.css", "text/css; charset=utf-8"],
    ["/assets/logo.png", "image/png"],
    ["/assets/icon.svg", "image/svg+xml"],
    ["/data/graph.json", "application/json; charset=utf-8"],
    ["/data/evidence/0a.json", "application/json; charset=utf-8"],
    ["/data/graph.gexf", "application/xml; charset=utf-8"],
    ["/data/roles.jsonl", "application/x-ndjson; charset=utf-8"],
    ["/data/graph.json?v=2", "application/json; charset=utf-8"],
    ["/data/alias.json", "application/json; charset=utf-8"],
  ])("GET %s → 200 %s, with CSP and nosniff", async (path, type) => {
    const r = await get(server.port, path);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe(type);
    expect(r.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("the CSP forbids inline script and allows the layout worker", () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-inline");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-eval");
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self' blob:");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it("HEAD answers headers only", async () => {
    const r = await get(server.port, "/data/graph.json", { method: "HEAD" });
    expect(r.status).toBe(200);
    expect(r.body).toBe("");
    expect(r.headers["content-length"]).toBe(String('{"nodes":[],"edges":[]}'.length));
  });

  it("refuses other methods", async () => {
    expect((await get(server.port, "/data/graph.json", { method: "POST" })).status).toBe(405);
    expect((await get(server.port, "/", { method: "PUT" })).status).toBe(405);
  });

  it("errors carry the CSP too", async () => {
    const r = await get(server.port, "/nope.html");
    expect(r.status).toBe(404);
    expect(r.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe("guanxi serve: what it refuses", () => {
  it.each([
    "/data/../secret.json",
    "/data/evidence/../../secret.json",
    "/../secret.json",
    "/data/%2e%2e/secret.json",
    "/data/%2E%2E/secret.json",
    "/data/.%2e/secret.json",
    "/data/..%2fsecret.json",
    "/data/..%2Fsecret.json",
    "/data/..%5csecret.json",
    "/data/..\\secret.json",
    "/data/evidence%2f..%2f..%2fsecret.json",
    "/data//etc/passwd.json",
    "//etc/passwd",
    "/data/%2fetc%2fpasswd.json",
    "/data/C:/secret.json",
    "/data/graph.json%00.png",
    "/data/escape.json",
    "/data/up/secret.json",
  ])("GET %s → 403 or 404, never the file", async (path) => {
    const r = await get(server.port, path);
    expect([400, 403, 404]).toContain(r.status);
    expect(r.status).not.toBe(400); // each of these is a recognised attack, not a malformed request
    expect(r.body).not.toContain("secret");
    expect(r.body).not.toContain("root:");
  });

  it("the symlink that leaves the build folder is 403", async () => {
    expect((await get(server.port, "/data/escape.json")).status).toBe(403);
  });

  it.each(["/data/cache.sqlite", "/data/.env", "/data/", "/data", "/data/evidence/", "/assets/notes.xyz", "/.env"])(
    "GET %s → 404 (not a file it hands out)",
    async (path) => {
      const r = await get(server.port, path);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain("SECRET");
    },
  );

  it("absolute-form and asterisk request targets are refused", async () => {
    expect((await get(server.port, "http://127.0.0.1/etc/passwd")).status).toBe(400);
  });

  it("a foreign Host header (DNS rebinding) is refused while bound to loopback", async () => {
    expect((await get(server.port, "/data/graph.json", { host: "evil.example:80" })).status).toBe(403);
    expect((await get(server.port, "/data/graph.json", { host: `localhost:${server.port}` })).status).toBe(200);
    expect((await get(server.port, "/data/graph.json", { host: `[::1]:${server.port}` })).status).toBe(200);
  });

  it("a request with two Host headers is refused, whichever comes first", async () => {
    const twice = (first: string, second: string) =>
      rawStatus(server.port, `GET /data/graph.json HTTP/1.1\r\nHost: ${first}\r\nHost: ${second}\r\nConnection: close\r\n\r\n`);
    expect(await twice(`127.0.0.1:${server.port}`, "evil.example")).toBe(400);
    expect(await twice(`127.0.0.1:${server.port}`, `localhost:${server.port}`)).toBe(400);
    expect(await rawStatus(server.port, `GET /data/graph.json HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`)).toBe(200);
  });

  it("bound beyond loopback, the Host check stays: loopback names, IP addresses, the bound host and --allow-host names", async () => {
    const wide = await startServer({ buildDir: join(base, "build"), viewerDir: join(base, "viewer"), port: 0, host: "0.0.0.0", allowHosts: ["Guanxi.LAN"] });
    try {
      const status = async (host: string) => (await get(wide.port, "/data/graph.json", { host })).status;
      expect(await status("evil.example")).toBe(403);
      expect(await status(`evil.example:${wide.port}`)).toBe(403);
      expect(await status(`localhost:${wide.port}`)).toBe(200);
      expect(await status(`guanxi.lan:${wide.port}`)).toBe(200);
      // An address typed in the bar involves no name lookup, so no rebinding: any IP literal passes.
      expect(await status(`192.168.1.20:${wide.port}`)).toBe(200);
      expect(await status(`[fe80::1]:${wide.port}`)).toBe(200);
      expect(await status(`0.0.0.0:${wide.port}`)).toBe(200);
      // A name that only looks like an address.
      expect(await status(`192.168.1.20.evil.example:${wide.port}`)).toBe(403);
    } finally {
      await wide.close();
    }
  });

  it("path checks refuse before touching the disk", () => {
    expect(safeSegments("a/%2e%2e/b")).toEqual({ ok: false, status: 403 });
    expect(safeSegments("a/b/")).toEqual({ ok: true, segments: ["a", "b"] });
    expect(safeSegments("%E5%88%98%E9%A2%96.json")).toEqual({ ok: true, segments: ["刘颖.json"] });
    expect(safeSegments("%zz")).toEqual({ ok: false, status: 400 });
  });
});

describe("guanxi serve: ports and the command", () => {
  it("takes the next port when the asked one is busy", async () => {
    const second = await startServer({ buildDir: join(base, "build"), viewerDir: join(base, "viewer"), port: server.port });
    try {
      expect(second.port).toBe(server.port + 1);
    } finally {
      await second.close();
    }
  });

  it("the command serves a build, prints its URL, and warns when --host leaves loopback", async () => {
    const child = spawn(process.execPath, ["bin/guanxi.mjs", "serve", "tests/fixtures/build-small", "--port", "0", "--host", "0.0.0.0", "--allow-host", "guanxi.lan"], {
      cwd: join(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${err}`)), 90_000);
        child.stdout.on("data", () => {
          const m = /Guanxi viewer: (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      });
      expect(err).toMatch(/warning: listening on 0\.0\.0\.0/);
      const res = await fetch(new URL("data/graph.json", url));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const port = Number(new URL(url).port);
      expect((await get(port, "/data/graph.json", { host: `guanxi.lan:${port}` })).status).toBe(200);
      expect((await get(port, "/data/graph.json", { host: `evil.example:${port}` })).status).toBe(403);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<script type=\"module\"");
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on("exit", resolve)));
    expect(code).toBe(0);
  }, 120_000);

  it("the command refuses a folder without graph.json", async () => {
    const { run } = await import("../../src/cli/commands/serve.ts");
    expect(await run([join(base, "viewer")])).toBe(1);
  });
});

describe("guanxi serve: evidence by key from the build's store", () => {
  it("answers a pair from store.sqlite, null for a pair without evidence, 400 without both ids, 204 without a store", async () => {
    const { runBuild } = await import("../../src/pipeline/build.ts");
    const { readEvidence } = await import("../../src/evidence/shards.ts");
    const { buildOptions } = await import("../helpers.ts");
    const out = join(base, "seed-build");
    await runBuild(buildOptions([join(import.meta.dirname, "../../seeds/001_a0d1a62f7fd3dcd1.txt")], out));
    const withStore = await startServer({ buildDir: out, viewerDir: join(base, "viewer"), port: 0 });
    try {
      const ok = await get(withStore.port, "/data/api/evidence?a=zhejiang-lab&b=alibaba");
      expect(ok.status).toBe(200);
      expect(ok.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(ok.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
      const entry = JSON.parse(ok.body);
      expect(entry.items.length).toBeGreaterThan(0);
      expect(entry).toEqual(readEvidence(out, "alibaba", "zhejiang-lab"));
      const none = await get(withStore.port, "/data/api/evidence?a=alibaba&b=no-such-entity");
      expect([none.status, none.body]).toEqual([200, "null"]);
      expect((await get(withStore.port, "/data/api/evidence?a=alibaba")).status).toBe(400);
    } finally {
      await withStore.close();
    }
    // The shared fixture build has no store: the viewer is told to read the shard instead.
    expect(await get(server.port, "/data/api/evidence?a=x&b=y")).toMatchObject({ status: 204, body: "" });
  }, 120_000);
});

// `guanxi site`: the static copy of the viewer and a build. A fresh build of seeds/ (it has a store.sqlite
// and the caches that must stay out) is published with the CLI, the files are checked, and the folder is
// then served by a plain static file handler written here — no API, no SQLite — and opened in Chromium,
// where search, evidence and every export of the view (tests/viewer/view-exports.ts) are tried.
import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../src/serve/server.ts";
import { escapeHtml, metaContentSecurityPolicy, SITE_MARKER, writeSite } from "../../src/serve/site.ts";
import { viewExportTests } from "../viewer/view-exports.ts";

const repo = join(import.meta.dirname, "../..");
const viewerDir = join(repo, "viewer/dist");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const TITLE = `Seeds <script>alert("t")</script> & co`;
const DESCRIPTION = `Who appears with whom — <img src=x onerror="alert(1)">`;

let work: string;
let buildDir: string;
let siteDir: string;
let cli: { status: number | null; stdout: string; stderr: string };

function guanxi(args: string[]) {
  return spawnSync(process.execPath, ["bin/guanxi.mjs", ...args], { cwd: repo, encoding: "utf8", timeout: 110_000 });
}

beforeAll(async () => {
  const builder = (await import(pathToFileURL(join(repo, "scripts/build-viewer.mjs")).href)) as { buildViewer(o?: { quiet?: boolean }): Promise<boolean> };
  await builder.buildViewer({ quiet: true });
  work = mkdtempSync(join(tmpdir(), "guanxi-site-"));
  buildDir = join(work, "build");
  siteDir = join(work, "site");
  const build = guanxi(["build", "seeds", "--out", buildDir]);
  if (build.status !== 0) throw new Error(`guanxi build seeds failed (${build.status}):\n${build.stderr}`);
  cli = guanxi(["site", buildDir, "--to", siteDir, "--title", TITLE, "--description", DESCRIPTION]);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every file under dir, as paths relative to it with forward slashes. */
function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe("guanxi site: the files", () => {
  it("the command succeeds and prints the size report", () => {
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    const total = listFiles(siteDir);
    const bytes = total.reduce((n, f) => n + statSync(join(siteDir, f)).size, 0);
    expect(cli.stdout).toContain(`${total.length} files`);
    expect(cli.stdout).toMatch(/Largest parts:\n\s+data\/evidence\/\s/);
    expect(cli.stdout).toContain("data/graph.json");
    // The report's total agrees with the folder to the shown precision (MB, one decimal).
    const shown = /files, ([\d.]+) MB/.exec(cli.stdout);
    expect(shown).not.toBeNull();
    expect(Math.abs(Number(shown![1]) - bytes / 1024 / 1024)).toBeLessThan(0.06);
  });

  it("--help exits 0", () => {
    const help = guanxi(["site", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--to DIR");
  });

  it("holds the viewer, the graph and every evidence shard, and nothing private", () => {
    const files = listFiles(siteDir);
    expect(files).toContain("index.html");
    expect(files).toContain("data/graph.json");
    expect(files).toContain("data/roles.jsonl");
    expect(files).toContain("data/graph.gexf");
    expect(files).toContain(SITE_MARKER);
    for (const f of listFiles(join(viewerDir, "assets"))) expect(files).toContain(`assets/${f}`);
    const shards = readdirSync(join(buildDir, "evidence")).filter((f) => f.endsWith(".json"));
    expect(shards.length).toBeGreaterThan(10);
    expect(files.filter((f) => f.startsWith("data/evidence/")).sort()).toEqual(shards.map((s) => `data/evidence/${s}`).sort());
    expect(readFileSync(join(siteDir, "data/graph.json"))).toEqual(readFileSync(join(buildDir, "graph.json")));
    // The build does have these; the site must not.
    expect(existsSync(join(buildDir, "store.sqlite"))).toBe(true);
    expect(readdirSync(buildDir).some((f) => f.startsWith(".near-duplicates"))).toBe(true);
    for (const f of files) {
      expect(f).not.toMatch(/store\.sqlite|near-duplicates|evidence-candidates|documents\.jsonl|mentions\.jsonl/);
    }
    // No temporary sibling left behind.
    expect(readdirSync(work).sort()).toEqual(["build", "site"]);
  });

  it("index.html carries the CSP as a meta tag (minus frame-ancestors) and the title and description escaped", () => {
    const html = readFileSync(join(siteDir, "index.html"), "utf8");
    const policy = metaContentSecurityPolicy();
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors");
    expect(policy).not.toContain("frame-ancestors");
    expect(policy).toContain("script-src 'self'");
    expect(policy.split("; ").length).toBe(CONTENT_SECURITY_POLICY.split("; ").length - 1);
    const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
    expect(html).toContain(meta);
    // A meta policy only governs what follows it: it must come before every script and stylesheet.
    expect(html.indexOf(meta)).toBeLessThan(html.indexOf("<script"));
    expect(html.indexOf(meta)).toBeLessThan(html.indexOf("<link"));
    expect(html).toContain(`<title>${escapeHtml(TITLE)}</title>`);
    expect(html).toContain("Seeds &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; co");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain(`<meta name="description" content="${escapeHtml(DESCRIPTION)}" />`);
  });
});

describe("writeSite: where it writes", () => {
  it("refuses a non-empty folder that is not a site, naming it, and replaces it with force", () => {
    const target = join(work, "busy");
    mkdirSync(target);
    writeFileSync(join(target, "notes.txt"), "mine");
    expect(() => writeSite(buildDir, target, { viewerDir })).toThrow(new RegExp(`${target.replaceAll(sep, "\\" + sep)} is not empty.*--force`));
    expect(readFileSync(join(target, "notes.txt"), "utf8")).toBe("mine");
    writeSite(buildDir, target, { viewerDir, force: true });
    expect(existsSync(join(target, "notes.txt"))).toBe(false);
    expect(existsSync(join(target, "data/graph.json"))).toBe(true);
    rmSync(target, { recursive: true, force: true });
  });

  it("replaces a previous site without force, and refuses to write over the build folder even with force", () => {
    writeSite(buildDir, siteDir, { viewerDir, title: TITLE, description: DESCRIPTION });
    expect(existsSync(join(siteDir, "index.html"))).toBe(true);
    expect(() => writeSite(buildDir, buildDir, { viewerDir, force: true })).toThrow(/holds the build folder/);
    expect(() => writeSite(buildDir, work, { viewerDir, force: true })).toThrow(/holds the build folder/);
    expect(existsSync(join(buildDir, "store.sqlite"))).toBe(true);
  });

  it("names graph.json when the build folder has none", () => {
    const empty = join(work, "empty");
    mkdirSync(empty, { recursive: true });
    expect(() => writeSite(empty, join(work, "nowhere"), { viewerDir })).toThrow(/no graph\.json in .*empty/);
    expect(existsSync(join(work, "nowhere"))).toBe(false);
    rmSync(empty, { recursive: true, force: true });
  });
});

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".jsonl": "application/x-ndjson; charset=utf-8",
  ".gexf": "application/xml; charset=utf-8",
};

/**
 * What a bare static host does: files by path, the query ignored, no headers of ours, no API. The site is
 * mounted under a sub-path, as on a project's GitHub Pages, to hold the README to "works from a sub-path".
 */
const MOUNT = "/graphs/seeds";
function staticServer(root: string, seen: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    seen.push(url.startsWith(MOUNT + "/") ? url.slice(MOUNT.length) : url);
    const path = url.startsWith(MOUNT + "/") ? decodeURIComponent(url.slice(MOUNT.length).split("?")[0]) : "/.outside";
    const file = normalize(join(root, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    res.setHeader("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("guanxi site: in Chromium from a plain static server", () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  const seen: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    server = await staticServer(siteDir, seen);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
    });
    // Violations are also collected in the page, so a blocked resource cannot go unnoticed.
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const port = (server.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}${MOUNT}/`);
    await page.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("loads with no console errors or CSP violations, the title and description shown as text", async () => {
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(await page.title()).toBe(TITLE);
    expect(await page.locator("#site-banner .site-title").textContent()).toBe(TITLE);
    expect(await page.locator("#site-banner .site-description").textContent()).toBe(DESCRIPTION);
    expect(await page.locator("#site-banner script, #site-banner img").count()).toBe(0);
  });

  it("the meta policy is in force: an inline script is refused", async () => {
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { cspViolations: string[]; inlineRan?: boolean };
      const s = document.createElement("script");
      s.textContent = "window.inlineRan = true";
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 100));
      const seen = w.cspViolations.splice(0);
      return { ran: w.inlineRan === true, seen };
    });
    expect(ran.ran).toBe(false);
    expect(ran.seen.join("\n")).toMatch(/script-src/);
    // The refusal is logged as a console error; it was ours, so it is not counted against the page.
    const i = problems.findIndex((p) => /Content Security Policy/.test(p));
    expect(i).toBeGreaterThanOrEqual(0);
    problems.splice(i, 1);
  });

  it("typing BrainCo and Enter selects 强脑科技", async () => {
    await page.fill("#search", "BrainCo");
    await expect.poll(() => page.locator("#suggestions li").count()).toBeGreaterThan(0);
    await page.press("#search", "Enter");
    await expect.poll(() => page.locator("#panel h2").textContent()).toBe("强脑科技");
    expect(await page.evaluate(() => window.guanxi!.state())).toMatch(/(^|&)n=/);
  });

  it("choosing a neighbour shows evidence read from its shard, with no request for the API", async () => {
    const before = seen.length;
    await page.locator("#panel button.neighbour").first().click();
    const passage = page.locator("#panel .evidence-list li.ev").first();
    await passage.waitFor({ timeout: 10_000 });
    expect((await passage.locator(".ev-text").textContent()) ?? "").toContain("强脑");
    const requests = seen.slice(before);
    expect(requests.some((u) => /^\/data\/evidence\/[0-9a-f]+\.json$/.test(u))).toBe(true);
    expect(seen.filter((u) => u.includes("/api/"))).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  });

  // The same exports as under `guanxi serve`, made in the page from the site's files alone.
  viewExportTests({ browser: () => browser, page: () => page, graphJson: () => join(buildDir, "graph.json") });

  it("exported without a page error, a CSP violation or a request for the API", async () => {
    expect(problems.filter((p) => !/GL Driver|WebGL|GPU stall/i.test(p))).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(seen.filter((u) => u.includes("/api/"))).toEqual([]);
  });
});

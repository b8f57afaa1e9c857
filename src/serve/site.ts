// `guanxi site`: a static copy of the viewer and one build's data that any static file host can serve —
// no server, no SQLite, no native addon at view time. The layout mirrors what `guanxi serve` hands out, so
// the viewer needs no second mode beyond one meta tag telling it to read evidence from the shards:
//   DIR/index.html          the viewer's page, with the title, description and a CSP meta tag written in
//   DIR/assets/…            the bundled viewer (viewer/dist/assets), plus site.css for the banner
//   DIR/data/graph.json     the graph; roles.jsonl, graph.gexf (the download link) and build.json beside it
//   DIR/data/evidence/*.json  the evidence shards, read one at a time as pairs are opened
//   DIR/guanxi-site.json    a marker: this folder is a site, so a later run may replace it
// Everything else in a build (store.sqlite, the near-duplicate and candidate caches, documents and mentions
// with the articles' full text, the other exports) stays out: only what the viewer reads is published.
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { CONTENT_SECURITY_POLICY } from "./server.ts";

export const SITE_MARKER = "guanxi-site.json";

/** Build files the viewer reads, besides the evidence shards. graph.json is required, the rest optional. */
const DATA_FILES = ["graph.json", "roles.jsonl", "graph.gexf", "build.json"];

export interface SiteOptions {
  /** The built viewer (viewer/dist). */
  viewerDir: string;
  /** Shown in the page's <title> and banner. */
  title?: string;
  /** Shown under the title in the banner and as the page's meta description. */
  description?: string;
  /** Replace DIR even when it is a non-empty folder that is not a previous site. */
  force?: boolean;
}

export interface SitePart {
  /** A path relative to the site, e.g. "data/graph.json" or "data/evidence/" for a folder. */
  name: string;
  files: number;
  bytes: number;
}

export interface SiteReport {
  dir: string;
  files: number;
  bytes: number;
  /** Largest first. */
  parts: SitePart[];
}

/**
 * The policy `guanxi serve` sends as a header, minus what a <meta> tag cannot carry: browsers ignore
 * frame-ancestors (and report-uri, sandbox) there, and would log a warning for each.
 */
export function metaContentSecurityPolicy(policy = CONTENT_SECURITY_POLICY): string {
  const metaIgnored = new Set(["frame-ancestors", "report-uri", "report-to", "sandbox"]);
  return policy
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d && !metaIgnored.has(d.split(/\s+/)[0].toLowerCase()))
    .join("; ");
}

/** Text for HTML element content and double-quoted attributes alike (every attribute here is double-quoted). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/**
 * The viewer's index.html rewritten for a static host: CSP meta first in <head> (it only governs what
 * comes after it), the evidence mode, title and description, and a banner showing them.
 */
export function siteIndexHtml(html: string, options: Pick<SiteOptions, "title" | "description">): string {
  const must = (re: RegExp, what: string): void => {
    if (!re.test(html)) throw new Error(`the viewer's index.html has no ${what}; is viewer/dist current?`);
  };
  must(/<meta charset="utf-8" \/>/i, '<meta charset="utf-8" />');
  must(/<title>[^<]*<\/title>/i, "<title>");
  must(/<body>/i, "<body>");
  must(/<\/head>/i, "</head>");
  const head = [
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(metaContentSecurityPolicy())}" />`,
    `<meta name="guanxi-evidence" content="shards" />`,
  ];
  if (options.description) head.push(`<meta name="description" content="${escapeHtml(options.description)}" />`);
  let out = html.replace(/<meta charset="utf-8" \/>/i, (m) => [m, ...head].join("\n    "));
  if (options.title) out = out.replace(/<title>[^<]*<\/title>/i, () => `<title>${escapeHtml(options.title!)}</title>`);
  // Inline styles are forbidden by the policy itself, so the banner's look is a file of its own.
  out = out.replace(/<\/head>/i, () => `  <link rel="stylesheet" href="./assets/site.css" />\n  </head>`);
  if (options.title || options.description) {
    const banner = [
      `<div id="site-banner">`,
      options.title ? `<strong class="site-title">${escapeHtml(options.title)}</strong>` : "",
      options.description ? `<span class="site-description">${escapeHtml(options.description)}</span>` : "",
      `</div>`,
    ].join("");
    out = out.replace(/<body>/i, () => `<body>\n    ${banner}`);
  }
  return out;
}

const SITE_CSS = `/* Written by guanxi site: the banner with the site's title and description. */
#site-banner { padding: 6px 12px; border-bottom: 1px solid #e5e5ea; background: #fff; display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; }
#site-banner .site-title { font-size: 16px; }
#site-banner .site-description { color: #6e6e73; }
`;

/**
 * Writes the site for `buildDir` to `toDir`, atomically: everything goes to a temporary sibling folder
 * that is renamed into place at the end, so a host syncing DIR never sees half a site, and a failure
 * leaves the previous one untouched.
 */
export function writeSite(buildDir: string, toDir: string, options: SiteOptions): SiteReport {
  const build = resolve(buildDir);
  const to = resolve(toDir);
  const graph = join(build, "graph.json");
  if (!isRegularFile(graph)) throw new Error(`no graph.json in ${build}: not a build folder`);
  const viewerIndex = join(options.viewerDir, "index.html");
  if (!isRegularFile(viewerIndex)) throw new Error(`no ${viewerIndex}: the viewer is not built`);
  checkTarget(build, to, options.force === true);

  const parent = dirname(to);
  mkdirSync(parent, { recursive: true });
  const unique = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = join(parent, `.${basename(to)}.site-tmp-${unique}`);
  const old = join(parent, `.${basename(to)}.site-old-${unique}`);
  try {
    mkdirSync(tmp);
    // The viewer: every file of viewer/dist, its index.html rewritten.
    copyTree(options.viewerDir, tmp, (rel) => rel !== "index.html");
    const html = readText(viewerIndex);
    writeFileSync(join(tmp, "index.html"), siteIndexHtml(html, options));
    mkdirSync(join(tmp, "assets"), { recursive: true });
    writeFileSync(join(tmp, "assets", "site.css"), SITE_CSS);
    // GitHub Pages runs Jekyll unless told not to, and Jekyll drops files whose names start with "_".
    writeFileSync(join(tmp, ".nojekyll"), "");

    const data = join(tmp, "data");
    mkdirSync(join(data, "evidence"), { recursive: true });
    for (const name of DATA_FILES) {
      const src = join(build, name);
      if (name === "graph.json" || isRegularFile(src)) copy(src, join(data, name));
    }
    const evidence = join(build, "evidence");
    if (existsSync(evidence)) {
      for (const entry of readdirSync(evidence, { withFileTypes: true })) {
        // Shards only: regular .json files. A symlink could point anywhere on this machine.
        if (entry.isFile() && entry.name.endsWith(".json")) copy(join(evidence, entry.name), join(data, "evidence", entry.name));
      }
    }
    writeFileSync(join(tmp, SITE_MARKER), JSON.stringify({ generator: "guanxi site", format: 1 }, null, 2) + "\n");

    const report = measure(tmp, to);
    if (existsSync(to)) renameSync(to, old);
    renameSync(tmp, to);
    rmSync(old, { recursive: true, force: true });
    return report;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // Put the previous site back if it had been moved aside and the new one did not land.
    if (existsSync(old) && !existsSync(to)) renameSync(old, to);
    throw err;
  }
}

/** Refuses a target that would destroy the build or someone's files. */
function checkTarget(build: string, to: string, force: boolean): void {
  const buildReal = realpathSync(build);
  const toReal = existsSync(to) ? realpathSync(to) : to;
  // Replacing DIR deletes it: never when it is the build folder or holds it, --force or not.
  if (toReal === buildReal || buildReal.startsWith(toReal.endsWith(sep) ? toReal : toReal + sep))
    throw new Error(`${to} holds the build folder ${build}; choose another --to`);
  if (!existsSync(to)) return;
  if (!statSync(to).isDirectory()) throw new Error(`${to} exists and is not a folder`);
  const entries = readdirSync(to);
  if (entries.length === 0 || entries.includes(SITE_MARKER) || force) return;
  throw new Error(`${to} is not empty and is not a site written by guanxi site (no ${SITE_MARKER}); add --force to replace it`);
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
}

function copy(src: string, dest: string): void {
  try {
    copyFileSync(src, dest);
  } catch (err) {
    throw new Error(`cannot copy ${src}: ${(err as Error).message}`);
  }
}

function copyTree(srcRoot: string, destRoot: string, keep: (rel: string) => boolean): void {
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const src = join(dir, entry.name);
      const rel = relative(srcRoot, src).split(sep).join("/");
      if (entry.isDirectory()) {
        mkdirSync(join(destRoot, rel), { recursive: true });
        walk(src);
      } else if (entry.isFile() && keep(rel)) {
        copy(src, join(destRoot, rel));
      }
    }
  };
  walk(srcRoot);
}

/** Files and bytes by part: each top-level file, data/'s files one by one, and each folder as a whole. */
function measure(root: string, shownAs: string): SiteReport {
  const parts = new Map<string, SitePart>();
  let files = 0;
  let bytes = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      const size = statSync(path).size;
      const rel = relative(root, path).split(sep);
      // data/evidence/0a.json → "data/evidence/"; assets/index.js → "assets/"; data/graph.json stays.
      const name = rel.length === 1 ? rel[0] : rel[0] === "data" && rel.length === 2 ? rel.join("/") : rel.slice(0, rel[0] === "data" ? 2 : 1).join("/") + "/";
      const part = parts.get(name) ?? { name, files: 0, bytes: 0 };
      part.files++;
      part.bytes += size;
      parts.set(name, part);
      files++;
      bytes += size;
    }
  };
  walk(root);
  return { dir: shownAs, files, bytes, parts: [...parts.values()].sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name)) };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The size report printed at the end of `guanxi site`. */
export function formatReport(report: SiteReport, largest = 6): string {
  const lines = [`Site written to ${report.dir}: ${report.files} files, ${formatBytes(report.bytes)}`, "Largest parts:"];
  const width = Math.max(...report.parts.slice(0, largest).map((p) => p.name.length));
  for (const p of report.parts.slice(0, largest)) {
    const share = report.bytes ? Math.round((100 * p.bytes) / report.bytes) : 0;
    lines.push(`  ${p.name.padEnd(width)}  ${formatBytes(p.bytes).padStart(9)}  ${String(share).padStart(3)}%${p.files > 1 ? `  (${p.files} files)` : ""}`);
  }
  return lines.join("\n");
}

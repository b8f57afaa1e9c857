#!/usr/bin/env node
// Builds the browser viewer (viewer/ → viewer/dist) with Vite's build API.
//   node scripts/build-viewer.mjs             build unless viewer/dist is newer than every viewer source
//   node scripts/build-viewer.mjs --force     build regardless
//   node scripts/build-viewer.mjs --install   as run from npm's postinstall: a failure only warns (exit 0),
//                                             because `guanxi serve` builds the viewer again when it is missing
// Plain JavaScript so that it runs under bare Node during `npm install`, before anything else is set up.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const viewer = join(repo, "viewer");
const dist = join(viewer, "dist");
const stamp = join(dist, "index.html");

/** Files whose change makes the built viewer stale (the viewer imports these modules of src/ too). */
function sources() {
  const shared = ["src/evidence/key.ts", "src/export/gexf-text.ts", "src/export/graphml-text.ts", "src/export/xml-text.ts", "src/hash.ts", "src/query/names.ts", "src/query/rank.ts", "src/types.ts"];
  const files = [join(viewer, "index.html"), join(viewer, "vite.config.ts"), ...shared.map((f) => join(repo, f))];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(viewer, "src"));
  walk(join(viewer, "public"));
  return files.filter((f) => existsSync(f));
}

/** True when viewer/dist exists and is newer than every source file. */
export function viewerIsFresh() {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return sources().every((f) => statSync(f).mtimeMs <= built);
}

export function viewerDistDir() {
  return dist;
}

/**
 * Builds viewer/dist when it is missing or stale (or always, with force). Resolves to true when it built.
 * Vite is imported lazily: the freshness check must not pay for loading the bundler.
 */
export async function buildViewer({ force = false, quiet = false } = {}) {
  if (!force && viewerIsFresh()) return false;
  const { build } = await import("vite");
  if (!quiet) console.error("guanxi: building the viewer (viewer/dist)…");
  // Build beside dist and swap it in: a server reading dist, or a second build running at the same time
  // (a test and `guanxi serve`), never sees a half-written folder.
  const unique = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = join(viewer, `.dist-tmp-${unique}`);
  const old = join(viewer, `.dist-old-${unique}`);
  try {
    await build({ configFile: join(viewer, "vite.config.ts"), logLevel: quiet ? "error" : "warn", build: { outDir: tmp, emptyOutDir: true } });
    for (let attempt = 0; ; attempt++) {
      try {
        if (existsSync(dist)) renameSync(dist, `${old}-${attempt}`);
        renameSync(tmp, dist);
        break;
      } catch (err) {
        // Another build swapped its folder in between: move that one aside too, a few times at most.
        if (attempt >= 3 || !["ENOENT", "ENOTEMPTY", "EEXIST"].includes(err?.code)) throw err;
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    for (let attempt = 0; attempt <= 3; attempt++) rmSync(`${old}-${attempt}`, { recursive: true, force: true });
  }
  return true;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const install = args.includes("--install");
  try {
    const built = await buildViewer({ force: args.includes("--force") });
    if (!built) console.error("guanxi: viewer/dist is up to date");
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (install) {
      console.warn(`guanxi: warning: the viewer could not be built now (${message}); \`guanxi serve\` will build it.`);
      process.exitCode = 0;
    } else {
      console.error(`guanxi: building the viewer failed: ${message}`);
      process.exitCode = 1;
    }
  }
}

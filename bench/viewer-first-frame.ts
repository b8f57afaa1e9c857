// `node bin/guanxi-bench.mjs --viewer`: time to the viewer's first frame on a generated build of 5,000
// entities and 50,000 co-mentions, in headless Chromium (/usr/bin/chromium, driven by playwright-core).
// The clock runs from navigation until the graph's canvas area shows non-blank pixels (screenshots of
// the page, polled). Target: within 3 s.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../src/serve/server.ts";
import { writeLargeBuild } from "../tests/viewer/large-graph.ts";

const repo = join(import.meta.dirname, "..");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export async function viewerFirstFrame(runs = 3): Promise<{ firstFrameMs: number[]; medianMs: number }> {
  const viewerDir = join(repo, "viewer/dist");
  if (!existsSync(join(viewerDir, "index.html"))) throw new Error("viewer/dist is missing: npm run viewer:build");
  const dir = mkdtempSync(join(tmpdir(), "guanxi-viewer-bench-"));
  writeLargeBuild(dir, 5000, 50000);
  const server = await startServer({ buildDir: dir, viewerDir, port: 0 });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  const times: number[] = [];
  // PNGs are decoded in a blank page: the viewer's Content-Security-Policy forbids fetching data: URLs.
  const scratch = await browser.newPage();
  try {
    for (let r = 0; r < runs; r++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(server.url, { waitUntil: "commit" });
      for (;;) {
        // A screenshot, not a canvas readback: the graph's WebGL canvases are composited into it.
        const png = await page.screenshot({ type: "png" });
        const inked = await scratch.evaluate(async (b64) => {
          const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
          const bitmap = await createImageBitmap(blob);
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext("2d")!;
          ctx.drawImage(bitmap, 0, 0);
          const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 16) if (d[i] < 200 && Math.abs(d[i] - d[i + 1]) + Math.abs(d[i + 1] - d[i + 2]) > 30) n++;
          return n;
        }, png.toString("base64"));
        // Coloured pixels (nodes are coloured by type; the page chrome is grey): the graph is drawn.
        if (inked > 2000) break;
        if (performance.now() - t0 > 60_000) throw new Error("no frame within 60 s");
      }
      times.push(Math.round(performance.now() - t0));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { firstFrameMs: times, medianMs: sorted[Math.floor(sorted.length / 2)] };
}

// The built viewer (viewer/dist) for the commands that hand it out (serve, site): rebuilt when its sources
// changed, the previous build used (with a warning) when a rebuild fails, an error when there is none.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

interface BuildViewerModule {
  buildViewer(options?: { force?: boolean; quiet?: boolean }): Promise<boolean>;
  viewerDistDir(): string;
}

/** The folder of the built viewer, built first if it is missing or stale. */
export async function ensureViewerDist(command: string): Promise<string> {
  // Loaded by URL so that TypeScript does not need declarations for a plain .mjs script.
  const builder = (await import(new URL("../../scripts/build-viewer.mjs", import.meta.url).href)) as BuildViewerModule;
  const viewerDir = builder.viewerDistDir();
  try {
    await builder.buildViewer();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!existsSync(resolve(viewerDir, "index.html"))) throw new Error(`the viewer could not be built: ${message}`);
    console.error(`guanxi ${command}: warning: rebuilding the viewer failed (${message}); using the previous build`);
  }
  return viewerDir;
}

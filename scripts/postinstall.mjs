// Runs after `npm install`: builds the viewer so that `npm start` has it. A failure here must not fail
// the install (the viewer is rebuilt on demand by `guanxi serve`), so it only warns.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./build-viewer.mjs", import.meta.url));
if (existsSync(script) && !process.env.GUANXI_SKIP_VIEWER_BUILD) {
  const result = spawnSync(process.execPath, [script], { stdio: "inherit" });
  if (result.status !== 0) console.warn("guanxi: the viewer was not built now; `guanxi serve` will build it.");
}

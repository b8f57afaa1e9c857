// `guanxi serve [DIR] [--port P] [--host H]`: opens the browser viewer on one build's output folder.
// Builds the viewer first when viewer/dist is missing or older than its sources, then serves until
// interrupted. Binds loopback unless told otherwise, because a build holds the full text of its articles.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { isLoopback, startServer } from "../../serve/server.ts";
import { ensureViewerDist } from "../viewer-dist.ts";

const USAGE = `usage: guanxi serve [DIR] [--port P] [--host H] [--allow-host NAME]…   (DIR defaults to out/)

  Serves the viewer on a build at http://127.0.0.1:5178/ (--port P for another port; a port in use is an
  error, and --port 0 picks any free one). --host binds another address, with a warning: a build holds
  the full text of its articles. Requests must name the server by a loopback name, an IP address, the
  --host address, or a name given with --allow-host (repeat it, or separate names with commas), e.g.
  --host 0.0.0.0 --allow-host mybox.local: any other name is refused (a web page's DNS rebinding).`;

export async function run(argv: string[]): Promise<number> {
  let dir: string | undefined;
  let port = 5178;
  let host = "127.0.0.1";
  const allowHosts: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (v === undefined || v === "") throw new Error(`${arg.split("=")[0]} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    } else if (arg === "--port" || arg.startsWith("--port=")) {
      const v = value();
      port = Number(v);
      if (!/^\d+$/.test(v) || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${v}"`);
    } else if (arg === "--host" || arg.startsWith("--host=")) {
      host = value();
    } else if (arg === "--allow-host" || arg.startsWith("--allow-host=")) {
      for (const name of value().split(",")) {
        const n = name.trim();
        if (!/^[a-z0-9.-]+$/i.test(n)) throw new Error(`--allow-host takes host names (letters, digits, '.' and '-'), not "${name}"`);
        allowHosts.push(n);
      }
    } else if (arg === "--out" || arg.startsWith("--out=")) {
      dir = value(); // every other command takes --out DIR; accept it here too
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option ${arg}\n${USAGE}`);
    } else if (dir === undefined) {
      dir = arg;
    } else {
      throw new Error(`one folder only\n${USAGE}`);
    }
  }
  const buildDir = resolve(dir ?? "out");
  if (!existsSync(resolve(buildDir, "graph.json"))) {
    console.error(`guanxi serve: no graph.json in ${buildDir}; run \`guanxi build <articles> --out ${dir ?? "out"}\` first`);
    return 1;
  }

  const viewerDir = await ensureViewerDist("serve");

  if (!isLoopback(host))
    console.error(
      `guanxi serve: warning: listening on ${host}, not on 127.0.0.1: anyone who can reach this machine can read the build, articles included`,
    );
  let running;
  try {
    // The port asked for, or an error: a server that quietly moved elsewhere is one a bookmark misses.
    running = await startServer({ buildDir, viewerDir, port, host, allowHosts, tryNextPorts: false });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
      console.error(`guanxi serve: port ${port} on ${host} is in use (another guanxi serve?); choose another with --port P, or --port 0 for any free port`);
      return 1;
    }
    throw err;
  }
  console.log(`Guanxi viewer: ${running.url}`);
  console.log(`Serving ${buildDir} — press Ctrl+C to stop.`);

  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      running.close().then(resolveStop, resolveStop);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  return 0;
}

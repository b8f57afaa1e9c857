// The command line as a user meets it (issue #15): every sub-command's --help, a closed pipe, a taken
// port, `dict accept`'s refusals, names in any script, and snippets that show both names. Runs the real
// bin/guanxi.mjs on a build of seeds/.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");
let out: string;
let dictDir: string;

function guanxi(...args: string[]) {
  return spawnSync(process.execPath, ["bin/guanxi.mjs", ...args], { cwd: repo, encoding: "utf8", timeout: 60_000 });
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "guanxi-cli-"));
  const build = guanxi("build", "seeds", "--out", out);
  if (build.status !== 0) throw new Error(build.stderr);
  dictDir = mkdtempSync(join(tmpdir(), "guanxi-dict-"));
  cpSync(join(repo, "dictionaries"), dictDir, { recursive: true });
}, 120_000);
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(dictDir, { recursive: true, force: true });
});

describe("every sub-command answers --help", () => {
  for (const command of ["build", "who", "with", "path", "roles", "stats", "candidates", "dict", "serve"])
    it(`guanxi ${command} --help exits 0 with a usage line`, () => {
      const r = guanxi(command, "--help");
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`usage: guanxi ${command}`));
      expect(r.stderr).toBe("");
    });

  it("the main help documents --dict", () => {
    expect(guanxi("--help").stdout).toContain("--dict DIR");
  });
});

describe("build --formats", () => {
  it("writes graph.json and graph.gexf alone by default, and refuses an unknown format by naming the known ones", () => {
    expect(readdirSync(out).filter((f) => f.startsWith("graph.") || f === "neo4j").sort()).toEqual(["graph.gexf", "graph.json"]);
    const r = guanxi("build", "seeds", "--out", join(out, "never"), "--formats", "graphml,gml");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("gml is not a format (graphml, neo4j, gexf1.2draft, gexf1.3 or all)");
    expect(existsSync(join(out, "never"))).toBe(false);
  });
});

describe("a closed pipe ends quietly", () => {
  for (const args of [["dict", "--json"], ["candidates", "--out"], ["who", "阿里巴巴", "--window", "article", "--limit", "0", "--out"]])
    it(`guanxi ${args[0]} | head -c 20`, () => {
      const argv = args.at(-1) === "--out" ? [...args, out] : args;
      const quoted = argv.map((a) => `'${a}'`).join(" ");
      // The reader stops after 20 bytes; PIPESTATUS[0] is guanxi's own exit code.
      const r = spawnSync("bash", ["-c", `node bin/guanxi.mjs ${quoted} 2>/tmp/guanxi-epipe-err | head -c 20 >/dev/null; echo "\${PIPESTATUS[0]}"; cat /tmp/guanxi-epipe-err`], { cwd: repo, encoding: "utf8" });
      const [code, ...err] = r.stdout.trim().split("\n");
      expect(code).toBe("0");
      expect(err.join("\n")).not.toMatch(/EPIPE|Error/);
    });
});

describe("serve", () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("refuses a port in use instead of moving to another", () => {
    const r = guanxi("serve", out, "--port", String(port));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`port ${port}`);
    expect(r.stderr).toContain("--port 0");
    expect(r.stdout).not.toContain("Guanxi viewer:");
  });
});

describe("dict accept", () => {
  it("refuses a one-character name, with the reason", () => {
    const r = guanxi("dict", "accept", "杭", "--type", "place", "--dir", dictDir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("one character");
  });

  it("refuses a name the dictionary has, in either script or case", () => {
    for (const name of ["强脑科技", "強腦科技", "brainco"]) {
      const r = guanxi("dict", "accept", name, "--type", "company", "--dir", dictDir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("already in the dictionary as brainco");
    }
    const alias = guanxi("dict", "accept", "星河智造", "--type", "company", "--alias", "阿里巴巴", "--dir", dictDir);
    expect(alias.status).toBe(1);
    expect(alias.stderr).toContain("alibaba");
  });

  it("adds a new name that the next build can link", () => {
    const r = guanxi("dict", "accept", "星河智造", "--type", "company", "--en", "Xinghe Intelligent Manufacturing", "--dir", dictDir);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dictDir, "company.yaml"), "utf8")).toContain("label: 星河智造");
    expect(guanxi("dict", "check", "--dir", dictDir).status).toBe(0);
  });
});

describe("queries take every way of writing a name", () => {
  it("who answers Traditional, pinyin and English the same, and suggests for a typo", () => {
    const ids = ["劉穎", "liuying", "Liú Yǐng", "Liu Ying"].map((name) => JSON.parse(guanxi("who", name, "--out", out, "--json", "--evidence", "0").stdout).entity.id);
    expect(new Set(ids)).toEqual(new Set(["liu-ying"]));
    const typo = guanxi("who", "刘英", "--out", out);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('no entity called "刘英"');
    expect(typo.stderr).toMatch(/did you mean:\n\s+liu-ying\s+刘颖/);
  });

  it("who shows count, sentences, documents and association, and snippets with both names", () => {
    const r = guanxi("who", "王坚", "--out", out, "--window", "article", "--limit", "5");
    expect(r.status).toBe(0);
    const header = r.stdout.split("\n")[1];
    for (const column of ["articles", "sentences", "docs", "assoc", "score"]) expect(header).toContain(column);
    const rows = JSON.parse(guanxi("who", "王坚", "--out", out, "--window", "article", "--limit", "5", "--json").stdout).rows as { label: string; evidence: { level: string; text: string }[] }[];
    // Every sentence snippet printed holds both names (or their aliases): it is cut around them.
    const printed = r.stdout.split("\n").filter((l) => /^\s+\[sentence\]/.test(l));
    expect(printed.length).toBeGreaterThan(0);
    for (const line of printed) expect(line).toContain("王坚");
    expect(rows.length).toBe(5);
  });

  it("stats names what it counts", () => {
    const r = guanxi("stats", "--out", out);
    const header = r.stdout.split("\n").find((l) => l.includes("pagerank"))!;
    expect(header.trim().split(/\s{2,}/)).toEqual(["#", "名称", "type", "pagerank", "weighted degree", "mentions"]);
  });
});

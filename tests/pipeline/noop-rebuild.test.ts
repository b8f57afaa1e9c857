// A rebuild with nothing new keeps the previous output's files (they are what it would write) and only
// rewrites build.json; anything the saved state does not cover (the GEXF version, a deleted export)
// makes it write the output again.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/pipeline/build.ts";
import { buildOptions } from "../helpers.ts";

const repo = join(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "guanxi-noop-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const inode = (file: string) => statSync(file).ino;

describe("rebuild with nothing new", () => {
  const inputs = join(work, "inputs");
  const out = join(work, "out");
  cpSync(join(repo, "seeds"), inputs, { recursive: true });

  it("keeps the previous files and reports every article reused", async () => {
    const first = await runBuild(buildOptions([inputs], out));
    const gexf = join(out, "graph.gexf");
    const before = { ino: inode(gexf), text: readFileSync(gexf, "utf8") };
    const second = await runBuild(buildOptions([inputs], out));
    expect(second).toMatchObject({ documents: first.documents, processed: 0, reused: first.documents, resumed: first.documents, entities: first.entities, edges: first.edges });
    // The same file, not a rewritten copy (a build writes into a new folder that replaces the output).
    expect(inode(gexf)).toBe(before.ino);
    expect(JSON.parse(readFileSync(join(out, "build.json"), "utf8")).articles).toEqual({ processed: 0, relinked: 0, reused: first.documents });
  });

  it("writes the output again when the GEXF version or the formats differ, or an export is missing", async () => {
    const gexf = join(out, "graph.gexf");
    const ino = inode(gexf);
    await runBuild(buildOptions([inputs], out, { gexfVersion: "1.2draft" }));
    expect(inode(gexf)).not.toBe(ino);
    expect(readFileSync(gexf, "utf8")).toContain("http://www.gexf.net/1.2draft");
    expect(existsSync(join(out, "graph.graphml"))).toBe(false);
    const again = inode(gexf);
    await runBuild(buildOptions([inputs], out, { gexfVersion: "1.2draft", formats: ["graphml"] }));
    expect(inode(gexf)).not.toBe(again);
    expect(existsSync(join(out, "graph.graphml"))).toBe(true);
    rmSync(join(out, "graph.graphml"));
    await runBuild(buildOptions([inputs], out, { gexfVersion: "1.2draft", formats: ["graphml"] }));
    expect(existsSync(join(out, "graph.graphml"))).toBe(true);
  });
});

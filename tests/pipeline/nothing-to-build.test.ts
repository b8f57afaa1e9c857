// A build with nothing to build (a mistyped input path, an empty folder, every article failing) leaves
// the previous output as it was and fails with a message that says why.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { runBuild } from "../../src/pipeline/build.ts";
import { fileHashes } from "./output-hashes.ts";
import { smallBuild } from "./small-build.ts";

const small = smallBuild("guanxi-nothing-");
const out = join(small.work, "out");
let before: Record<string, string>;
afterAll(() => rmSync(small.work, { recursive: true, force: true }));
beforeAll(async () => {
  await runBuild(small.options(out));
  before = fileHashes(out);
}, 300_000);

/** `guanxi build INPUT --out out`, in process: its exit code and what it printed as errors. */
async function buildCommand(input: string): Promise<{ code: number; stderr: string }> {
  const lines: string[] = [];
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  try {
    const code = await main(["build", input, "--out", out, "--dict", small.dict, "--workers", "1", "--quiet"]);
    return { code, stderr: lines.join("\n") };
  } finally {
    error.mockRestore();
    write.mockRestore();
  }
}

describe("a build with nothing to build", () => {
  it("a mistyped input path: exit 1, the path named, the previous output untouched", async () => {
    const typo = join(small.work, "inptus");
    const { code, stderr } = await buildCommand(typo);
    expect(code).toBe(1);
    expect(stderr).toContain(typo);
    expect(stderr).toMatch(/nothing to build/);
    expect(stderr).toMatch(/left as it was/);
    expect(fileHashes(out)).toEqual(before);
  });

  it("an empty folder", async () => {
    const empty = join(small.work, "empty");
    mkdirSync(empty);
    const { code, stderr } = await buildCommand(empty);
    expect(code).toBe(1);
    expect(stderr).toMatch(/nothing to build/);
    expect(fileHashes(out)).toEqual(before);
  });

  it("every article failing: each file's reason shown, the previous output untouched", async () => {
    const bad = join(small.work, "bad");
    mkdirSync(bad);
    for (const f of ["binary.txt", "empty.txt"]) copyFileSync(join(import.meta.dirname, "../fixtures/bad-inputs", f), join(bad, f));
    const { code, stderr } = await buildCommand(bad);
    expect(code).toBe(1);
    expect(stderr).toMatch(/binary\.txt/);
    expect(stderr).toMatch(/empty\.txt/);
    expect(stderr).toMatch(/no document could be built/);
    expect(fileHashes(out)).toEqual(before);
  });

  it("through runBuild too: it throws, naming the output left as it was", async () => {
    await expect(runBuild(small.options(out, { inputs: [join(small.work, "nowhere")] }))).rejects.toThrow(/nothing to build.*left as it was/s);
    expect(fileHashes(out)).toEqual(before);
  });
});

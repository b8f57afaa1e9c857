// Stage identity: each stage's version is a hash of the source it declares (src/pipeline/stages.ts).
// Moving a declared file must never let a build reuse results made by other code: in a copy of src/,
// a file moved within a declared folder changes the version, and a declared file that is gone stops
// the build with the path named.
import { cpSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SOURCE_ROOT, stageVersions } from "../../src/pipeline/versions.ts";
import { ANALYSIS_STAGES, BUILD_STATE, CLEAN_STAGE } from "../../src/pipeline/stages.ts";

const work = mkdtempSync(path.join(tmpdir(), "guanxi-versions-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyOfSource(name: string): string {
  const root = path.join(work, name);
  cpSync(SOURCE_ROOT, root, { recursive: true });
  return root + path.sep;
}

describe("stage versions", () => {
  it("a copy of the source has the same versions as the source", () => {
    expect(stageVersions(copyOfSource("same"))).toEqual(stageVersions());
  });

  it("moving a file inside a declared folder changes that stage's version only", () => {
    const root = copyOfSource("moved");
    renameSync(path.join(root, "link/link.ts"), path.join(root, "link/linker.ts"));
    const before = stageVersions();
    const after = stageVersions(root);
    expect(after.analysis).not.toBe(before.analysis);
    expect(after.clean).toBe(before.clean);
  });

  it("a declared file that no longer exists stops the build, naming the stage and the path", () => {
    const root = copyOfSource("missing");
    renameSync(path.join(root, "roles/discover.ts"), path.join(root, "roles/candidates.ts"));
    expect(() => stageVersions(root)).toThrow(/discover stage declares roles\/discover\.ts, which does not exist/);
  });

  it("every stage declares code, and every declared path exists in the shipped source", () => {
    for (const stage of [CLEAN_STAGE, ...ANALYSIS_STAGES, BUILD_STATE]) expect(stage.code.length, stage.name).toBeGreaterThan(0);
    expect(() => stageVersions()).not.toThrow();
  });
});

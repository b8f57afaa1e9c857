// A small build to damage and rebuild many times: two short seed articles, then a third appended (part
// of the first republished, so that the near-duplicate files and marks matter), over the curated
// dictionary files alone (the generated ones only add seconds of loading to every build).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_DICTIONARY_DIR } from "../../src/link/dictionary.ts";
import type { BuildOptions } from "../../src/pipeline/build.ts";
import { buildOptions } from "../helpers.ts";

const seeds = join(import.meta.dirname, "../../seeds");

export interface SmallBuild {
  work: string;
  inputs: string;
  dict: string;
  /** Build options into `out` over the inputs, with the small dictionary. */
  options(out: string, extra?: Partial<BuildOptions>): BuildOptions;
  /** Appends the third article (sorts after the first two: a build of it goes on from the saved state). */
  appendArticle(): void;
}

export function smallBuild(prefix: string): SmallBuild {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const inputs = join(work, "inputs");
  const dict = join(work, "dict");
  mkdirSync(inputs);
  mkdirSync(dict);
  for (const f of readdirSync(DEFAULT_DICTIONARY_DIR)) if (f.endsWith(".yaml")) cpSync(join(DEFAULT_DICTIONARY_DIR, f), join(dict, f));
  cpSync(join(seeds, "002_61747138703a29e3.txt"), join(inputs, "a.txt"));
  cpSync(join(seeds, "004_5168063a1af2bf1e.txt"), join(inputs, "b.txt"));
  return {
    work,
    inputs,
    dict,
    options: (out, extra = {}) => buildOptions([inputs], out, { dictionaryDir: dict, ...extra }),
    appendArticle: () => {
      const first = readFileSync(join(inputs, "a.txt"), "utf8");
      writeFileSync(join(inputs, "c.txt"), `${first.slice(0, 1200)}\n阿里巴巴与之江实验室在杭州签署合作协议。\n`);
    },
  };
}

// Test helpers: a document made from plain text through the real cleaning stage, and the shipped
// dictionary's pipeline context (loaded once per test file).
import { vi } from "vitest";
import type { DocumentAnalysis, RawDocument } from "../src/types.ts";
import { cleanDocument } from "../src/clean/index.ts";
import { loadDictionary } from "../src/link/dictionary.ts";
import { analyseCleanDocument, createPipelineContext, type PipelineContext } from "../src/pipeline/analyse.ts";
import { defaultBuildOptions, type BuildOptions } from "../src/pipeline/build.ts";

/** runBuild's options as the CLI's defaults give them, quiet and in the main thread, with `extra` on top. */
export function buildOptions(inputs: string[], out: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return defaultBuildOptions(inputs, out, { workers: 1, ...extra });
}

export function rawText(id: string, content: string): RawDocument {
  return { id, source: `${id}.txt`, format: "text", encoding: "utf-8", content };
}

let shared: PipelineContext | undefined;
export function shippedContext(): PipelineContext {
  if (!shared) {
    const { dictionary, problems } = loadDictionary();
    const errors = problems.filter((p) => p.severity === "error");
    if (errors.length) throw new Error(`dictionary errors: ${errors.map((e) => e.message).join("; ")}`);
    shared = createPipelineContext(dictionary);
  }
  return shared;
}

export function analyseText(text: string, id = "t"): DocumentAnalysis {
  return analyseCleanDocument(cleanDocument(rawText(id, text)), shippedContext());
}

/** Linked (non-candidate) entity labels of an analysis, in order of first mention. */
export function linkedLabels(a: DocumentAnalysis): string[] {
  return [...new Set(a.mentions.filter((m) => !m.candidate).map((m) => m.label))];
}

/** Runs a command module against a build folder, capturing what it prints and its exit code. */
export async function captureCommand(run: (argv: string[]) => Promise<number>, argv: string[], dir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  // JSON is written to stdout directly (exactly, past the terminal guard).
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => (out.push(String(chunk).replace(/\n$/, "")), true));
  try {
    const code = await run([...argv, "--out", dir]);
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

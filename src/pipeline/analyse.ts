// One article through the stages: clean, then every registered analysis stage in order (stages.ts).
// This file only passes the document along.
import type { CleanDocument, Dictionary, DocumentAnalysis, RawDocument } from "../types.ts";
import { cleanDocument } from "../clean/index.ts";
import { ANALYSIS_STAGES, type AnalysisState, type AnalysisStep } from "./stages.ts";

/** What every article needs, prepared once per thread: the dictionary and each stage's step. */
export interface PipelineContext {
  dictionary: Dictionary;
  steps: { name: string; run: AnalysisStep }[];
}

export function createPipelineContext(dictionary: Dictionary): PipelineContext {
  return { dictionary, steps: ANALYSIS_STAGES.map((stage) => ({ name: stage.name, run: stage.create(dictionary) })) };
}

/** A cleaned document's analysis state before any stage has run. */
export function initialState(doc: CleanDocument): AnalysisState {
  return { doc, tokens: [], mentions: [], roles: [] };
}

/** Everything after cleaning: the analysis of one cleaned document. */
export function analyseCleanDocument(doc: CleanDocument, ctx: PipelineContext): DocumentAnalysis {
  const state = initialState(doc);
  for (const step of ctx.steps) step.run(state);
  const mentions = state.mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  return { doc, mentions, roles: state.roles };
}

/** Cleans and analyses one raw article. */
export function analyseDocument(raw: RawDocument, ctx: PipelineContext): DocumentAnalysis {
  return analyseCleanDocument(cleanDocument(raw), ctx);
}

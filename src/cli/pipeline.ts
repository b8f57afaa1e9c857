// The per-article pipeline, stage by stage: clean → segment → link → roles → discovery. Each stage is a
// plain function of its own folder; this file only passes the document along, as spaCy's pipeline does.
import type { CleanDocument, Dictionary, DocumentAnalysis, Mention, RawDocument, Role } from "../types.ts";
import { cleanDocument, normalizeString } from "../clean/index.ts";
import { segmentTokens } from "../segment/tokens.ts";
import { buildMatcher, linkMentions, type Matcher } from "../link/link.ts";
import { discoverCandidates } from "../link/discover.ts";
import { buildNameIndex, extractRoles } from "../roles/roles.ts";
import type { DictionaryEntry } from "../types.ts";

export interface PipelineContext {
  dictionary: Dictionary;
  matcher: Matcher;
  nameIndex: Map<string, DictionaryEntry>;
}

/** Prepares what every article needs: the alias matcher (and nodejieba user words), the name index. */
export function createPipelineContext(dictionary: Dictionary): PipelineContext {
  return {
    dictionary,
    matcher: buildMatcher(dictionary, normalizeString),
    nameIndex: buildNameIndex(dictionary),
  };
}

/** Everything after cleaning: the analysis of one cleaned document. */
export function analyseCleanDocument(doc: CleanDocument, ctx: PipelineContext): DocumentAnalysis {
  const tokens = segmentTokens(doc.normText);
  const linked: Mention[] = linkMentions(doc, ctx.matcher, tokens);
  const roles: Role[] = extractRoles(doc, linked, tokens, ctx.dictionary, ctx.nameIndex);
  const candidates = discoverCandidates(doc, linked, roles, tokens);
  const mentions = [...linked, ...candidates].sort((a, b) => a.start - b.start || a.end - b.end);
  return { doc, mentions, roles };
}

/** Cleans and analyses one raw article. */
export function analyseDocument(raw: RawDocument, ctx: PipelineContext): DocumentAnalysis {
  return analyseCleanDocument(cleanDocument(raw), ctx);
}

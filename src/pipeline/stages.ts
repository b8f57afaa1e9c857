// The stages an article goes through, registered in one place, spaCy's way: each stage is a named
// component that adds its annotations to the article's analysis and never reaches back into another's.
// Each also declares the source its output depends on (files or folders under src/): stored results are
// reused only while that source is unchanged (versions.ts), so a stage's code and its identity cannot
// drift apart. Adding a stage: its folder, and one entry here.
import type { CleanDocument, Dictionary, Mention, Role, Token } from "../types.ts";
import { normalizeString } from "../clean/index.ts";
import { segmentTokens } from "../segment/tokens.ts";
import { buildMatcher, linkMentions } from "../link/link.ts";
import { defaultTagger, recogniseNames } from "../recognise/index.ts";
import { reconcileRecognised, relinkableNames } from "../recognise/reconcile.ts";
import { buildNameIndex, extractRoles } from "../roles/roles.ts";
import { discoverCandidates } from "../roles/discover.ts";

/** One article's analysis as the stages fill it in. */
export interface AnalysisState {
  doc: CleanDocument;
  /** nodejieba tokens of doc.normText (segment). */
  tokens: Token[];
  /** Dictionary links (link), reconciled with recognised names (recognise), then proposed names (discover). */
  mentions: Mention[];
  roles: Role[];
}

/** A stage's step over one article. */
export type AnalysisStep = (state: AnalysisState) => void;

export interface Stage {
  name: string;
  /** The source (paths under src/, a folder ending in "/") whose code decides this stage's output. */
  code: readonly string[];
}

export interface AnalysisStage extends Stage {
  /** Prepares what the stage needs for every article (once per thread), and returns its step. */
  create(dictionary: Dictionary): AnalysisStep;
}

/** Cleaning: the stage whose output (the cleaned document) is stored apart from the analysis. */
export const CLEAN_STAGE: Stage = { name: "clean", code: ["ingest/", "clean/", "segment/sentences.ts"] };

/** The analysis of a cleaned article, in order. */
export const ANALYSIS_STAGES: readonly AnalysisStage[] = [
  {
    name: "segment",
    code: ["segment/tokens.ts"],
    create: () => (s) => {
      s.tokens = segmentTokens(s.doc.normText);
    },
  },
  {
    name: "link",
    code: ["link/"],
    create: (dictionary) => {
      // Building the matcher also adds the aliases to nodejieba's user words, before any article is cut.
      const matcher = buildMatcher(dictionary, normalizeString);
      return (s) => {
        s.mentions.push(...linkMentions(s.doc, matcher, s.tokens));
      };
    },
  },
  {
    // Names the dictionary does not know, from the statistical recogniser, reconciled with the links:
    // the dictionary wins; a recognised name the dictionary knows under an alias links to it.
    name: "recognise",
    code: ["recognise/"],
    create: (dictionary) => {
      const tagger = defaultTagger();
      const nameIndex = buildNameIndex(dictionary);
      const relinkable = relinkableNames(dictionary.entries);
      return (s) => {
        const found = reconcileRecognised(s.doc, s.mentions, recogniseNames(s.doc.normText, tagger, { tokens: s.tokens }), nameIndex, s.tokens, relinkable);
        s.mentions = [...found.linked, ...found.relinked, ...found.candidates];
      };
    },
  },
  {
    name: "roles",
    code: ["roles/roles.ts", "roles/titles.ts"],
    create: (dictionary) => {
      const nameIndex = buildNameIndex(dictionary);
      return (s) => {
        s.roles = extractRoles(s.doc, s.mentions, s.tokens, dictionary, nameIndex);
      };
    },
  },
  {
    name: "discover",
    code: ["roles/discover.ts"],
    create: () => (s) => {
      s.mentions.push(...discoverCandidates(s.doc, s.mentions, s.roles, s.tokens));
    },
  },
];

/** The code that runs the stages over an article (analyse.ts, task.ts): part of every analysis. */
export const ANALYSIS_RUNNER: Stage = { name: "analysis runner", code: ["pipeline/analyse.ts", "pipeline/task.ts", "pipeline/stages.ts"] };

/**
 * What a build's saved state (near-duplicate index, graph accumulator, candidate tally, evidence
 * candidates) depends on besides cleaning and analysis: a later build goes on from it only while this
 * code is unchanged.
 */
export const BUILD_STATE: Stage = { name: "build state", code: ["dedup/", "graph/", "evidence/", "store/", "pipeline/build.ts", "roles/discover.ts"] };

// Shared types of the Guanxi pipeline. Every stage reads and adds to these; no stage reaches into
// another stage's internals. Offsets are UTF-16 code-unit indices (JavaScript string indices), end exclusive.

/** The seven kinds of entity, exactly as the output contract names them. */
export const ENTITY_TYPES = ["person", "company", "lab", "government", "programme", "place", "event"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A half-open character range [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** A problem with one input, reported by name and reason; the build goes on. */
export interface InputWarning {
  file: string;
  /** 1-based line, when the problem belongs to one line (a broken `.jsonl` line). */
  line?: number;
  reason: string;
}

// ---------------------------------------------------------------- ingest

export type SourceFormat = "text" | "html" | "json-escaped-html" | "json" | "jsonl" | "csv" | "tsv";

/** One article as read from disk, decoded but not cleaned. */
export interface RawDocument {
  /** Stable id: file stem, plus `#line` for `.jsonl` articles and table rows (the line the row starts on). */
  id: string;
  /** The input path as given (the scorer matches on its base name). */
  source: string;
  format: SourceFormat;
  /** The encoding detected for the file (utf-8, gb18030, big5, utf-16le, utf-16be). */
  encoding: string;
  /** The decoded content. For `json-escaped-html` it is already unescaped to HTML. */
  content: string;
  title?: string;
  /** As the source's field gives it; cleaning reads it with parseDate (src/clean/dates.ts). */
  date?: string;
  url?: string;
  /** Who published it, from a table's source column (来源): 新华社, 浙江日报. */
  publisher?: string;
  /**
   * Lines of this article that the other articles of the same input file repeat (the site's header,
   * share prompt, footer): cleaning removes them. Set by ingest for files of several articles.
   */
  repeatedLines?: string[];
}

// ---------------------------------------------------------------- clean

/** What a cleaning step removed, by kind, counted in characters of the input of `cleanDocument`. */
export type RemovalKind =
  | "markup"
  | "navigation"
  | "disclaimer"
  | "related"
  | "furniture"
  | "spam"
  | "toc"
  | "whitespace";

/**
 * A piece of the cleaned text and where it came from: cleaned[cleanStart, cleanStart+length) was
 * source[sourceStart, sourceStart+length) when `exact`, or stands for source[sourceStart, sourceEnd)
 * (e.g. a decoded HTML entity) when not.
 */
export interface SourceSegment {
  cleanStart: number;
  length: number;
  sourceStart: number;
  sourceEnd: number;
  exact: boolean;
}

export interface Paragraph extends Span {
  /** Index of the article that holds it. */
  article: number;
  /** Set when the paragraph nearly repeats an earlier one: "docId:paragraphIndex". */
  duplicateOf?: string;
}

export interface Sentence extends Span {
  paragraph: number;
  article: number;
  /** Set when the sentence nearly repeats an earlier one (this or an earlier document): "docId:sentenceIndex". */
  duplicateOf?: string;
}

export interface Article extends Span {
  title?: string;
  /** Byline as written, e.g. "记者 阮伟康 陈书恒" or "◎俞杰". */
  byline?: string;
}

/** A document after cleaning: the text every later offset refers to. */
export interface CleanDocument {
  id: string;
  source: string;
  format: SourceFormat;
  encoding: string;
  title?: string;
  /** ISO date (YYYY-MM-DD) the source states: its date field, else the text's dateline or date line. */
  date?: string;
  url?: string;
  publisher?: string;
  /** The cleaned article text, paragraphs separated by "\n". */
  text: string;
  /** Map of the cleaned text back to the decoded source. */
  sourceMap: SourceSegment[];
  /** Normalised text for matching: NFKC where safe + Traditional→Simplified. */
  normText: string;
  /** normToClean[i] = index in `text` of normText[i]; length normText.length + 1 (last = text.length). */
  normToClean: number[];
  articles: Article[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  stats: CleanStats;
  /** What cleaning had to do that the reader of the build should know (a page flattened, no text left); absent when nothing. */
  warnings?: string[];
}

export interface CleanStats {
  charsIn: number;
  charsKept: number;
  removed: Partial<Record<RemovalKind, number>>;
}

// ---------------------------------------------------------------- dictionary

/** A rule that keeps an ambiguous alias from linking where the context says it means something else. */
export interface ContextRule {
  alias: string;
  /** Reject the match when the text right after it starts with one of these. */
  notBefore?: string[];
  /** Reject the match when the text right before it ends with one of these. */
  notAfter?: string[];
  /** Link only when one of these strings occurs in the same document. */
  requireInDocument?: string[];
  /** Link even where the segmentation splits the alias differently. */
  ignoreSegmentation?: boolean;
  /**
   * The alias is shared (鼓楼区 is four districts): link it to the claimant whose division the
   * document is about (see src/link/context.ts), or to none. "fallback": this claimant also when the
   * document says nothing either way (吉林 is the province unless the article is about the city).
   */
  byContext?: true | "fallback";
}

/** The four bodies every division has, generated for each (src/link/context.ts resolves 市委 with them). */
export const BODY_KINDS = ["party-committee", "government", "congress-standing-committee", "cppcc"] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export interface KnownTitle {
  title: string;
  /** Entity id of the organisation. */
  org?: string;
  /** Free text: when, and where it was checked. */
  note?: string;
}

export interface DictionaryEntry {
  id: string;
  label: string;
  type: EntityType;
  aliases: string[];
  name_en: string;
  description?: string;
  titles?: KnownTitle[];
  rules?: ContextRule[];
  /** Entity id of a parent organisation (a branch's head company, a department's government). */
  parent?: string;
  /** Where the entry's facts were checked (URL or reference). */
  sources?: string[];
  /** A place that is a division of China: its GB/T 2260 code (330100 for 杭州市). */
  code?: string;
  /** A local body: the code of its division, and which of the four bodies it is. */
  division?: string;
  body?: BodyKind;
  /** File and 1-based line the entry starts at, for error messages. */
  file?: string;
  line?: number;
}

export interface Dictionary {
  entries: DictionaryEntry[];
  byId: Map<string, DictionaryEntry>;
  /** A content hash: changes whenever an entry changes (incremental builds re-link on change). */
  version: string;
}

export interface DictionaryProblem {
  file: string;
  line?: number;
  message: string;
  fix?: string;
  severity: "error" | "warning";
}

// ---------------------------------------------------------------- segment / link / roles

export interface Token extends Span {
  word: string;
  /** nodejieba part-of-speech tag (nr person, ns place, nt organisation, …). */
  tag: string;
}

export interface Mention {
  doc: string;
  /** Entity id; for candidates a stable id derived from the label ("cand:" + label). */
  entity: string;
  label: string;
  type: EntityType;
  /** The characters of the cleaned text at [start, end). */
  surface: string;
  start: number;
  end: number;
  sentence: number;
  candidate?: boolean;
}

export interface Role {
  doc: string;
  person: string | null;
  person_label: string;
  /** The title as the text states it (区委书记, 院士, 名誉镇长). */
  title: string;
  org: string | null;
  org_label: string;
  /** The first sentence that states the role. */
  sentence: number;
  /** Every sentence of the document that states it, in text order (the first is `sentence`). */
  sentences?: number[];
  /** Offsets of the first phrase that states the role. */
  start: number;
  end: number;
  /** Set when the text says the role was held before (曾任, 历任, 辞去…), in every statement of it. */
  past?: boolean;
}

export interface Candidate {
  label: string;
  type: EntityType;
  docs: string[];
  count: number;
  /** Why it was proposed: "title+name", "org-suffix", "pos:nr", "model:PER" … */
  evidence: string[];
  score: number;
  /** 0–1: the best confidence of its mentions (the recogniser's, or a fixed one per kind of evidence). */
  confidence?: number;
  /** Up to three sentences it stands in, from different places when it has them. */
  sentences?: string[];
}

/** Everything extracted from one document; the unit that is stored per content hash. */
export interface DocumentAnalysis {
  doc: CleanDocument;
  mentions: Mention[];
  roles: Role[];
}

// ---------------------------------------------------------------- graph

export type WindowLevel = "sentence" | "paragraph" | "article";
export const WINDOW_LEVELS: readonly WindowLevel[] = ["sentence", "paragraph", "article"];
/** A number per window level (window counts, evidence totals). */
export type LevelCounts = Record<WindowLevel, number>;

export interface NodeAttributes {
  label: string;
  type: EntityType;
  aliases: string[];
  name_en: string;
  candidate: boolean;
  mentions: number;
  documents: number;
  titles: string[];
  /** First and last date of the dated documents that mention it, and their number per month ("2024-05": 3). */
  firstDate?: string;
  lastDate?: string;
  months?: Record<string, number>;
  community?: number;
  pagerank?: number;
  betweenness?: number;
  weightedDegree?: number;
  x?: number;
  y?: number;
  size?: number;
  color?: string;
}

export interface CoMentionEdgeAttributes {
  kind: "co-mention";
  /** The weight at the level chosen at build time. */
  weight: number;
  sentence: number;
  paragraph: number;
  article: number;
  documents: number;
  npmi: number;
  /** First and last date of the dated documents naming both (ISO), and their number per month ("2024-05": 3). */
  firstDate?: string;
  lastDate?: string;
  months?: Record<string, number>;
}

export interface RoleEdgeAttributes {
  kind: "role";
  title: string;
  weight: number;
  documents: number;
  /** As on co-mention edges: the dated documents stating the role. */
  firstDate?: string;
  lastDate?: string;
  months?: Record<string, number>;
}

export type EdgeAttributes = CoMentionEdgeAttributes | RoleEdgeAttributes;

/** One window in which two entities stand together: the proof of a co-mention. */
export interface Evidence {
  doc: string;
  level: WindowLevel;
  /** Sentence index (level sentence), paragraph index, or article index. */
  index: number;
  /** The sentence that holds both, or the first sentences of the window, cleaned text offsets. */
  start: number;
  end: number;
  text: string;
  /** Title and source of the document, so a reader needs nothing else to cite it. */
  title?: string;
  source: string;
  date?: string;
  duplicateOf?: string;
}

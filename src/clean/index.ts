// cleanDocument: decoded source → cleaned text with its map, articles, paragraphs, sentences.
// Every step is a pure function exported from its module; this file only chains them.

import type { Article, CleanDocument, Paragraph, RawDocument } from "../types.ts";
import { splitSentences } from "../segment/sentences.ts";
import { htmlToText, looksLikeHtml } from "./html.ts";
import { removeMarkupLeaks } from "./leaks.ts";
import { joinBrokenLines, normalizeWhitespace } from "./lines.ts";
import { removeBoilerplate } from "./boilerplate.ts";
import { removeSpam } from "./spam.ts";
import { removeTextBoilerplate } from "./textlines.ts";
import { splitArticles } from "./articles.ts";
import { normalizeForMatching } from "./normalize.ts";
import { findDocumentDate, parseDate } from "./dates.ts";
import { extractArticle } from "./extract.ts";
import { flattenDeepNesting, mapToSource, MAX_DEPTH } from "./depth.ts";
import { removeAccountHeader, removeCredits } from "./credits.ts";
import { addRemoved, concat, fromSource, sourceAfter, synthetic, toSegments, type MappedText, type Removed, type StepResult } from "./mapped.ts";

export { htmlToText, looksLikeHtml, PLACEHOLDER } from "./html.ts";
export { removeMarkupLeaks, findCss } from "./leaks.ts";
export { normalizeWhitespace, joinBrokenLines, continuesInto, isHeadlineLike } from "./lines.ts";
export { removeBoilerplate, LINE_RULES, INLINE_RULES } from "./boilerplate.ts";
export { removeSpam, findSpam, STRONG_SPAM, WEAK_SPAM } from "./spam.ts";
export { removeTextBoilerplate, repeatedLines, findPinyin, isTokenRun, barListParts } from "./textlines.ts";
export { splitArticles, startsMidSentence, endsMidSentence } from "./articles.ts";
export { normalizeForMatching, normalizeString, foldChar, normOffsetOf } from "./normalize.ts";
export { extractDate, normalizeDate } from "./meta.ts";
export { extractArticle, chooseTitle, scriptDate } from "./extract.ts";
export { parseDate, findDocumentDate, findPageDate, findDateline, isoDate, type DateContext } from "./dates.ts";
export { fromSource, toSegments, type MappedText } from "./mapped.ts";
export { flattenDeepNesting, mapToSource, MAX_DEPTH } from "./depth.ts";
export { creditKind, removeCredits, removeAccountHeader } from "./credits.ts";

/** Is this document's content HTML (by format, or a JSON/JSONL field holding a page)? */
function isHtml(raw: RawDocument): boolean {
  if (raw.format === "html" || raw.format === "json-escaped-html") return true;
  if (raw.format === "json" || raw.format === "jsonl" || raw.format === "csv" || raw.format === "tsv") return looksLikeHtml(raw.content);
  return false;
}

export interface CleanOptions {
  /** HTML: keep the whole page's text instead of the article Readability finds (the extractor before it; for measuring). */
  wholePage?: boolean;
}

export function cleanDocument(raw: RawDocument, options: CleanOptions = {}): CleanDocument {
  const removed: Removed = {};
  const run = (step: (mt: MappedText) => StepResult, mt: MappedText): MappedText => {
    const r = step(mt);
    addRemoved(removed, r.removed);
    return r.mt;
  };
  const warnings: string[] = [];
  const html = isHtml(raw);
  let mt: MappedText;
  let pageTitle: string | undefined;
  let pageDate: string | undefined;
  let chosen = false; // the article was chosen by the page's structure (Readability)
  if (html) {
    // Pathologically deep nesting is flattened first (every parser after it is superlinear in depth);
    // what is read from the flattened page is mapped back to the page.
    const flat = flattenDeepNesting(raw.content);
    if (flat.flattened) {
      warnings.push(`HTML nested ${flat.depth} levels deep: the tags of ${flat.flattened} element(s) below level ${MAX_DEPTH} were left out, their text kept`);
      addRemoved(removed, { markup: raw.content.length - flat.html.length });
    }
    // The article as Readability finds it; the whole page's text when it finds none.
    const x = options.wholePage ? { unaligned: 0 } as ReturnType<typeof extractArticle> : extractArticle(flat.html);
    pageTitle = x.title;
    pageDate = x.date;
    if (x.mt) {
      mt = mapToSource(x.mt, flat);
      chosen = true;
      addRemoved(removed, x.removed ?? {});
    } else {
      const h = htmlToText(flat.html);
      mt = mapToSource(h.mt, flat);
      pageTitle ??= h.title;
      addRemoved(removed, h.removed);
    }
  } else mt = fromSource(raw.content);

  // The text of a page parsed by structure is what a reader sees: an identifier (add_ts) or a code
  // sample with braces there is text, not a class name or CSS that leaked.
  mt = run((m) => removeMarkupLeaks(m, { shownText: chosen }), mt);
  mt = run(normalizeWhitespace, mt);
  // Before boilerplate removal: the date line and the masthead are lines that cleaning removes.
  const statedDate = findDocumentDate(mt.text);
  mt = run(removeBoilerplate, mt);
  mt = run(removeCredits, mt);
  mt = run((m) => removeAccountHeader(m, raw.title?.trim() || pageTitle), mt);
  const repeated = raw.repeatedLines?.length ? new Set(raw.repeatedLines) : undefined;
  mt = run((m) => removeTextBoilerplate(m, repeated, { headlineBlocks: !chosen }), mt);
  mt = run(removeSpam, mt);
  mt = run(normalizeWhitespace, mt);
  // HTML paragraphs are explicit (block elements): only plain text has lines cut by page breaks.
  if (!html) mt = run(joinBrokenLines, mt);
  const split = splitArticles(mt);
  addRemoved(removed, split.removed);

  // Assemble: one paragraph per block, "\n" between them (the newline is synthetic: it stands
  // for whatever break separated the two blocks in the source).
  const parts: MappedText[] = [];
  const paragraphs: Paragraph[] = [];
  let pos = 0;
  split.blocks.forEach((b, i) => {
    if (i > 0) {
      parts.push(synthetic("\n", sourceAfter(split.blocks[i - 1].mt, split.blocks[i - 1].mt.text.length - 1)));
      pos += 1;
    }
    parts.push(b.mt);
    paragraphs.push({ start: pos, end: pos + b.mt.text.length, article: b.article });
    pos += b.mt.text.length;
  });
  const final = concat(parts);
  const text = final.text;

  const articles: Article[] = split.articles.map((a, ai) => {
    const ps = paragraphs.filter((p) => p.article === ai);
    const art: Article = { start: ps[0]?.start ?? 0, end: ps[ps.length - 1]?.end ?? 0 };
    if (a.title) art.title = a.title;
    if (a.byline) art.byline = a.byline;
    return art;
  });

  const { normText, normToClean } = normalizeForMatching(text);
  const sentences = splitSentences(text, paragraphs);
  const title = raw.title?.trim() || pageTitle || articles.find((a) => a.title)?.title;
  // A date field (JSON, JSONL, CSV) first, one that is not a date ignored; then the page's metadata
  // (the HTML extractor's meta tags and date line); then the text's dateline or date line.
  const date = (raw.date ? parseDate(raw.date) : null) ?? pageDate ?? statedDate ?? undefined;

  const doc: CleanDocument = {
    id: raw.id,
    source: raw.source,
    format: raw.format,
    encoding: raw.encoding,
    text,
    sourceMap: toSegments(final),
    normText,
    normToClean,
    articles,
    paragraphs,
    sentences,
    stats: { charsIn: raw.content.length, charsKept: text.length, removed },
  };
  if (title) doc.title = title;
  if (date) doc.date = date;
  if (raw.url) doc.url = raw.url;
  if (raw.publisher) doc.publisher = raw.publisher;
  if (warnings.length) doc.warnings = warnings;
  return doc;
}

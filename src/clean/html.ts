// HTML → text with a real parser (htmlparser2). Text nodes keep their source offsets (the parser's
// startIndex/endIndex), so the cleaned text maps back to the HTML; an entity arrives as its own text
// event whose decoded form differs from its source, and that piece is marked inexact.

import { Parser } from "htmlparser2";
import { concat, fromSource, piece, synthetic, type MappedText, type StepResult } from "./mapped.ts";

/** Elements whose content is never article text. */
const SKIP_CONTENT = new Set([
  "style", "script", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
  "head", "button", "select", "option", "textarea", "form", "nav", "footer", "aside", "video", "audio",
]);

/**
 * The elements whose content is never text a reader sees, whatever the page: what remains when
 * the article has already been chosen by structure (see extract.ts), and page-chrome guesses by
 * element name or class must not drop any of it.
 */
const NEVER_TEXT = new Set(["style", "script", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "head", "select", "option", "textarea", "video", "audio"]);

/** Elements that end a paragraph: the text on either side belongs to different paragraphs. */
const BLOCK = new Set([
  "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
  "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
  "figure", "figcaption", "hr", "address", "center", "title", "body", "html", "fieldset", "legend", "details", "summary",
]);

/**
 * Class or id values that mark page chrome rather than content (navigation bars, share buttons,
 * copyright footers, "related articles" boxes). Matched against whole words of the attribute.
 */
const CHROME_ATTR = /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|share|sharebar|footer|copyright|comments?|recommend|related|sidebar|toolbar|login|advert|ad-?banner)(?:$|[\s_-])/i;

/** Class or id values that mark an image caption (WeChat/QQ "image_desc", generic "caption"). */
const CAPTION_ATTR = /(?:image[_-]?desc|img[_-]?desc|caption|pic[_-]?(?:desc|note|text)|photo[_-]?desc)/i;

/**
 * Editor placeholders that stand as text (IMG_0, VERTICAL_CARD_BEGIN_0, AI_AD_1000, MID_AD_0, EOP_0,
 * SECURE_LINK_END_2 …): an UPPER_CASE token ending in _digits, not glued to other identifier characters.
 */
export const PLACEHOLDER = /(?<![A-Za-z0-9_])(?:<!--\s*)?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_\d+(?:\s*-->)?(?![A-Za-z0-9_])/g;

export interface HtmlText {
  mt: MappedText;
  /** Text of <title>, when the page has one. */
  title?: string;
  removed: StepResult["removed"];
}

/**
 * Parse HTML and keep its text: paragraph breaks ("\n\n") at block elements, a line break at <br>,
 * nothing from <style>/<script>/comments/chrome, captions (class image_desc, <figcaption>, an
 * informative alt) as their own paragraph. Offsets in the result point into `html`.
 */
export interface HtmlToTextOptions {
  /**
   * "page" (the default): the whole page, minus what looks like chrome by element name or class,
   * with informative alt texts and without editor placeholders. "all": every visible text node as
   * it stands (no chrome guesses, no alt texts, placeholders kept), for aligning a chosen article
   * with its source.
   */
  mode?: "page" | "all";
}

export function htmlToText(html: string, options: HtmlToTextOptions = {}): HtmlText {
  const all = options.mode === "all";
  const parts: MappedText[] = [];
  let skipDepth = 0; // > 0 while inside an element whose content is dropped
  const stack: { name: string; skip: boolean; caption: boolean }[] = [];
  let title: string | undefined;
  let inTitle = false;
  let lastBreak = 0; // source index where the last break goes

  const br = (text: string, at: number) => {
    parts.push(synthetic(text, at));
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const at = parser.startIndex;
        lastBreak = at;
        const attr = `${attribs.class ?? ""} ${attribs.id ?? ""}`;
        const skip = all ? NEVER_TEXT.has(name) : SKIP_CONTENT.has(name) || (attr.trim() !== "" && CHROME_ATTR.test(attr) && !CAPTION_ATTR.test(attr));
        const caption = name === "figcaption" || CAPTION_ATTR.test(attr) || attribs.type === "om-image-desc";
        stack.push({ name, skip, caption });
        if (name === "title") inTitle = true;
        if (skip) skipDepth++;
        if (skipDepth > 0) return;
        if (BLOCK.has(name) || caption) br("\n\n", at);
        else if (name === "br") br("\n", at);
        else if (name === "img" && !all) {
          // An alt text is kept only when it says something (Chinese, a few characters): "图片" or
          // a file name is noise.
          const alt = (attribs.alt ?? attribs.title ?? "").trim();
          if (/[\u4e00-\u9fff]/.test(alt) && alt.length >= 4 && !/^(?:图片|图像|image|photo)\d*$/i.test(alt)) {
            const tagSrc = html.slice(parser.startIndex, parser.endIndex + 1);
            const k = tagSrc.indexOf(alt);
            br("\n\n", at);
            parts.push(k >= 0 ? fromSource(alt, parser.startIndex + k) : piece(alt, parser.startIndex, parser.endIndex + 1, false));
            br("\n\n", at);
          }
        }
      },
      onclosetag(name) {
        const at = parser.endIndex + 1;
        lastBreak = at;
        // Pop to the matching element (htmlparser2 closes implied elements in order).
        let top: { name: string; skip: boolean; caption: boolean } | undefined;
        while (stack.length) {
          top = stack.pop();
          if (top!.skip) skipDepth--;
          if (top!.name === name) break;
        }
        if (name === "title") inTitle = false;
        if (skipDepth > 0) return;
        if (BLOCK.has(name) || top?.caption) br("\n\n", at);
      },
      ontext(data) {
        const s = parser.startIndex;
        const e = parser.endIndex + 1;
        if (inTitle) {
          title = ((title ?? "") + data).replace(/\s+/g, " ").trim();
          return;
        }
        if (skipDepth > 0) return;
        const exact = html.slice(s, e) === data;
        if (!exact) {
          // A decoded entity: one inexact piece (nbsp becomes a plain space).
          parts.push(piece(data.replace(/\u00a0/g, " "), s, e, false));
          return;
        }
        if (all) {
          parts.push(fromSource(data, s));
          return;
        }
        // Drop editor placeholders standing as text, keep the rest verbatim.
        let last = 0;
        PLACEHOLDER.lastIndex = 0;
        for (const m of data.matchAll(PLACEHOLDER)) {
          if (m.index! > last) parts.push(fromSource(data.slice(last, m.index), s + last));
          last = m.index! + m[0].length;
        }
        if (last < data.length) parts.push(fromSource(data.slice(last), s + last));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  void lastBreak;
  const mt = concat(parts);
  // Everything not carried over as text was markup (tags, comments, style, script, chrome).
  const kept = parts.reduce((n, p) => n + (p.exact[0] === 1 || p.text.length === 0 ? p.text.length : 0), 0);
  return { mt, title, removed: { markup: Math.max(0, html.length - kept) } };
}

/** Does this text look like HTML (rather than prose that happens to contain a "<")? */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  if (/^\s*(?:<!doctype html|<html[\s>]|<\?xml)/i.test(head)) return true;
  const tags = head.match(/<\/?(?:p|div|span|br|html|body|head|section|article|h[1-6]|a|img|table|li|ul|strong|em|b|meta|style|script)(?:\s[^<>]*)?\/?>/gi);
  return (tags?.length ?? 0) >= 3;
}

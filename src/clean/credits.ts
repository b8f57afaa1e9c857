// Lines that credit the people and sources behind an article rather than say anything of its own:
// reporter credits (扬子晚报记者 张楠, 记者 张楠 摄), source notes (（综合整理自澎湃新闻、智东西等）), and the account header a self-media platform
// prints above the body (原创 + the headline, then the account's name). Each is a shape of line, not a
// site's string. Their names are reporters, not people of the story: kept, they reach the graph as
// co-mentioned with everyone in the article.

import { lineRanges, removeRanges, type KindRange, type MappedText, type StepResult } from "./mapped.ts";
import { BYLINE_START } from "./lines.ts";

/** A credited role. */
const ROLE = "(?:(?:首席|特约|见习|实习|摄影|融媒体?|全媒体|驻[\\u4e00-\\u9fff]{1,3})?记者|通讯员|实习生|特约撰稿人?|撰稿人?|摄影|摄像|编译|采写)";
/** A person's name as credits print it: 2–4 Han characters (a · inside for transliterated ones). */
const NAME = "[\\u4e00-\\u9fff][\\u4e00-\\u9fff·]{1,5}";
/** Names after a role: separated by spaces, 、 or commas. */
const NAMES = `${NAME}(?:[\\s、，,]+${NAME}){0,5}`;

/**
 * A credit standing alone on a line: an outlet (up to 12 characters, no space) or "文/" in front, one
 * or more role-and-names groups, and a closing 摄/报道/文/图. A space, colon or slash stands between
 * the role and the first name (记者节快乐 is no credit), unless the whole line is bracketed.
 */
const CREDIT_LINE = new RegExp(
  `^(?:(?:文|图|文图|文\\/图)\\s*[/／|｜:：]\\s*)?(?:[^\\s，。,；;：:（()）“”]{1,12}?)?${ROLE}\\s*[\\s:：/／|｜]\\s*${NAMES}` +
    `(?:\\s+${ROLE}\\s*[\\s:：/／|｜]?\\s*${NAMES})*(?:\\s*(?:摄影?|报道|采写|整理|文|图|供图))?$`,
);
const BRACKETED_CREDIT = new RegExp(`^[（(]\\s*(?:[^\\s，。,；;：:（()）]{1,12}?)?${ROLE}\\s*[:：]?\\s*${NAMES}(?:\\s+${ROLE}\\s*[:：]?\\s*${NAMES})*(?:\\s*(?:摄影?|报道|采写|整理))?\\s*[)）]$`);

// A note that others helped write the article ((…、…参与采写), （实习生…对此文亦有贡献）) is not one of
// these: the seeds' gold annotation counts the people it names as mentions of the article.

/**
 * Where the article was compiled or reprinted from, standing alone: （综合整理自澎湃新闻、智东西等）,
 * 综合自新华社, （本文转载自…）, (编译自…), （来源：…）. No sentence inside.
 */
const SOURCE_NOTE = /^[（(]?\s*(?:本文)?(?:综合整理自|综合编译自|综合自|整理自|编译自|转载自|转引自|摘编自|摘自|选自|来源于|来源\s*[:：]|稿件来源\s*[:：]|文章来源\s*[:：]|据)[^。！？；（()）]{1,60}?(?:等|报道|消息|综合)?\s*[)）]?$/;

/** Is this line a credit or a source note? */
export function creditKind(line: string): "credit" | "source" | undefined {
  if (line.length > 80 || /[。！？；]/.test(line.replace(/[)）]$/, ""))) return undefined;
  if (CREDIT_LINE.test(line) || BRACKETED_CREDIT.test(line)) return "credit";
  // A source note: "据" only with an outlet's report (据新华社报道), never a sentence that starts with 据.
  if (SOURCE_NOTE.test(line) && (!/^[（(]?\s*据/.test(line) || /(?:报道|消息)\s*[)）]?$/.test(line))) return "source";
  return undefined;
}

/**
 * Remove credit lines and source notes. A byline of the form the article splitter
 * reads ((记者 …), 记者 张楠) stays where it can open an article (anywhere but the last line): it tells
 * where one article of a page ends and the next begins (articles.ts).
 */
export function removeCredits(mt: MappedText): StepResult {
  const t = mt.text;
  const lines = lineRanges(t);
  let last = lines.length - 1;
  while (last >= 0 && lines[last].end === lines[last].start) last--;
  const ranges: KindRange[] = [];
  lines.forEach((l, i) => {
    const s = t.slice(l.start, l.end);
    const kind = creditKind(s);
    if (!kind) return;
    if (i < last && BYLINE_START.test(s)) return;
    ranges.push({ start: l.start, end: Math.min(t.length, l.end + 1), kind: "furniture" });
  });
  return removeRanges(mt, ranges);
}

/** Badges a platform prints before the headline inside the article (原创, 转载 …). */
const BADGE = /^[\[【（(]?\s*(?:原创|转载|独家|首发|原创首发|置顶|热门|推荐|精选)\s*[\]】）)]?\s*/;

const bare = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, "");

/**
 * The account header of a self-media article: the headline printed again with a badge in front
 * (原创最不愁吃肉的国家…), then the account's name, date or follow button on short lines, all above the
 * first paragraph of prose. Only when the badged headline is there: a headline alone above the body
 * may be followed by a real subheading.
 */
export function removeAccountHeader(mt: MappedText, title: string | undefined): StepResult {
  if (!title || bare(title).length < 6) return { mt, removed: {} };
  const t = mt.text;
  const lines = lineRanges(t).filter((l) => l.end > l.start);
  const head = bare(title);
  const at = lines.slice(0, 4).findIndex((l) => {
    const s = bare(t.slice(l.start, l.end));
    const badge = s.match(BADGE);
    return badge !== null && badge[0].length > 0 && s.slice(badge[0].length) === head;
  });
  if (at < 0) return { mt, removed: {} };
  const ranges: KindRange[] = [{ start: lines[at].start, end: Math.min(t.length, lines[at].end + 1), kind: "furniture" }];
  // Short lines without punctuation under it, before the first paragraph: the account's name and date.
  for (let i = at + 1; i < Math.min(lines.length, at + 4); i++) {
    const s = t.slice(lines[i].start, lines[i].end);
    if (s.length > 20 || /[，,。！？!?；;：:、]/.test(s)) break;
    ranges.push({ start: lines[i].start, end: Math.min(t.length, lines[i].end + 1), kind: "furniture" });
  }
  return removeRanges(mt, ranges);
}

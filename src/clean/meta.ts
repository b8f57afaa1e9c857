// Date and title of a document, taken from what the page states.

/** ISO date from numbers, or undefined when they do not make a calendar date. */
function iso(y: string, m: string, d: string): string | undefined {
  const Y = Number(y), M = Number(m), D = Number(d);
  if (Y < 1900 || Y > 2100 || M < 1 || M > 12 || D < 1 || D > 31) return undefined;
  return `${Y}-${String(M).padStart(2, "0")}-${String(D).padStart(2, "0")}`;
}

const DATE_ANY = /(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})(?!\d)/;

/**
 * The publication date a page states, as YYYY-MM-DD. In order of trust: a labelled date
 * (发布时间/发布日期/日期/时间:), a masthead date (2025年12月12日 星期五), a date in a newspaper
 * metadata line, then the first full date in the text. `text` is the page before boilerplate removal
 * (the labels live in lines that cleaning removes).
 */
export function extractDate(text: string): string | undefined {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const labelled = head.match(/(?:发布时间|发布日期|发表时间|发表日期|日期|时间)\s*[:：]\s*(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})/);
  if (labelled) {
    const d = iso(labelled[1], labelled[2], labelled[3]);
    if (d) return d;
  }
  const masthead = head.match(/(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:星期|周)[一二三四五六日天]/);
  if (masthead) {
    const d = iso(masthead[1], masthead[2], masthead[3]);
    if (d) return d;
  }
  const any = head.match(DATE_ANY);
  if (any) return iso(any[1], any[2], any[3]);
  return undefined;
}

/** Normalise a date given by a JSON field ("2025-12-12T08:00:00+08:00", "2025年12月12日") to YYYY-MM-DD; keep it as given when unparseable. */
export function normalizeDate(d: string | undefined): string | undefined {
  if (!d) return undefined;
  const m = d.match(DATE_ANY);
  return (m && iso(m[1], m[2], m[3])) || d.trim() || undefined;
}

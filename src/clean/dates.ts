// Dates as pages and feeds write them, to ISO 8601 (YYYY-MM-DD). A minimal version: the forms the
// HTML extractor meets in meta tags and date lines. A fuller parser (relative dates, two-digit years,
// CSV columns) replaces this module; callers use only parseDate.

/** YYYY-MM-DD when the numbers make a calendar date (leap years included), else null. */
function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The date in `raw` as YYYY-MM-DD, or null. Understands `YYYY-MM-DD[ HH:MM[:SS]]`, `YYYY/MM/DD`,
 * `YYYY.MM.DD`, `YYYY年M月D日` and ISO 8601 timestamps (`2019-09-07T09:59:22+08:00`: the date as
 * written, not shifted to UTC, since the page states its local day). `context.year` completes a
 * `M月D日` without a year.
 */
export function parseDate(raw: string, context?: { year?: number }): string | null {
  const s = raw.trim();
  if (!s) return null;
  // Full dates: the first one in the string (a date line may carry a time and a source after it).
  const full = s.match(/(?<!\d)(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})(?!\d)/);
  if (full) return isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
  // Compact ISO basic form: 20190907 or 20190907T095922.
  const compact = s.match(/^(\d{4})(\d{2})(\d{2})(?:T\d{4,6}.*)?$/);
  if (compact) return isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  if (context?.year) {
    const md = s.match(/(?<!\d)(\d{1,2})月(\d{1,2})日/);
    if (md) return isoDate(context.year, Number(md[1]), Number(md[2]));
  }
  return null;
}

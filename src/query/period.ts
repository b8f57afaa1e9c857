// A period for the queries (`--since`, `--until`): whole months, because that is how ties count time.
//
// Each edge and node carries the dated documents that name it per month (`months`, built in
// src/graph/accumulate.ts); a day-level bound could not be honoured by those counts, so the bounds are
// months (2024-05) or years (2024 = January to December), both inclusive. Within a period a tie counts
// the dated documents of those months that name both; undated documents are outside every period.
// Evidence passages are filtered by their document's date the same way.

import { QueryError } from "./load.ts";

export interface Period {
  /** First month, "YYYY-MM", inclusive. */
  since?: string;
  /** Last month, "YYYY-MM", inclusive. */
  until?: string;
}

function monthBound(value: string, flag: string, end: boolean): string {
  const v = value.trim();
  const year = /^(\d{4})$/.exec(v);
  if (year) return `${year[1]}-${end ? "12" : "01"}`;
  const month = /^(\d{4})-(\d{1,2})$/.exec(v);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return `${month[1]}-${month[2].padStart(2, "0")}`;
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(v)) {
    throw new QueryError(`${flag} ${value}: ties are counted by month, so give a month (${v.slice(0, 7)}) or a year (${v.slice(0, 4)})`);
  }
  throw new QueryError(`${flag} must be a month (2024-05) or a year (2024), not "${value}"`);
}

/** The period the flags give, or undefined when neither is given; an empty period is an error. */
export function parsePeriod(since: unknown, until: unknown): Period | undefined {
  const p: Period = {};
  if (typeof since === "string") p.since = monthBound(since, "--since", false);
  if (typeof until === "string") p.until = monthBound(until, "--until", true);
  if (!p.since && !p.until) return undefined;
  if (p.since && p.until && p.since > p.until) throw new QueryError(`--since ${since} comes after --until ${until}: the period is empty`);
  return p;
}

/** Is a month ("YYYY-MM") in the period? */
export function monthIn(month: string, period: Period): boolean {
  return (!period.since || month >= period.since) && (!period.until || month <= period.until);
}

/** Is an ISO date in the period? An undated item is in no period. */
export function dateIn(date: string | null | undefined, period: Period): boolean {
  return typeof date === "string" && /^\d{4}-\d{2}/.test(date) && monthIn(date.slice(0, 7), period);
}

/** The dated documents of a `months` map that fall in the period. */
export function countIn(months: Record<string, number> | undefined, period: Period): number {
  let n = 0;
  if (months) for (const [m, c] of Object.entries(months)) if (monthIn(m, period)) n += c;
  return n;
}

/** "2024-05 to 2024-12", "2024-05 and after", "2024-12 and before" (months, both ends included). */
export function describePeriod(period: Period): string {
  if (period.since && period.until) return period.since === period.until ? period.since : `${period.since} to ${period.until}`;
  return period.since ? `${period.since} and after` : `${period.until} and before`;
}

/** The two flags every query takes, for parseArgs. */
export const PERIOD_OPTIONS = {
  since: { type: "string" },
  until: { type: "string" },
} as const;

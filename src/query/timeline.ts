// `guanxi timeline NAME`: an entity's co-mention ties month by month, from its first dated article to its
// last: how many articles named it, which ties were active, which appeared for the first time ("came")
// and which were seen for the last time ("went").
//
// A tie "went" in its last month only when the build has later dated articles: a tie last seen in the
// build's last month may simply go on, so it is not reported as gone. Counts are dated documents (see
// `months` on nodes and edges, src/graph/accumulate.ts); undated documents have no place on a timeline.

import type { WindowLevel } from "../types.ts";
import type { Build } from "./load.ts";
import { monthIn, type Period } from "./period.ts";
import { entityInfo, resolveEntity, type EntityInfo } from "./resolve.ts";

export interface TimelineTie extends EntityInfo {
  /** Dated documents naming both in the month (or, in `ties`, in the whole timeline). */
  count: number;
}

export interface TimelineMonth {
  month: string;
  /** Dated documents naming the entity in the month. */
  documents: number;
  /** Ties with a document in the month, most documents first. */
  active: TimelineTie[];
  /** Ties seen for the first time in this month. */
  came: TimelineTie[];
  /** Ties seen for the last time in this month, while the build has later articles. */
  went: TimelineTie[];
}

export interface TimelineResult {
  entity: EntityInfo;
  window: WindowLevel;
  period?: Period;
  firstDate?: string;
  lastDate?: string;
  /** The build's last dated month: a tie seen then has not "gone". */
  buildLastMonth?: string;
  months: TimelineMonth[];
}

/** "2024-12" → "2025-01". */
function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

const byCount = (x: TimelineTie, y: TimelineTie) => y.count - x.count || x.label.localeCompare(y.label, "zh") || (x.id < y.id ? -1 : 1);

export function timeline(build: Build, name: string, options: { window?: WindowLevel; period?: Period } = {}): TimelineResult {
  const id = resolveEntity(build, name);
  const g = build.graph;
  const window = options.window ?? "article";
  const attrs = g.getNodeAttributes(id);
  let buildLastMonth: string | undefined;
  g.forEachNode((_n, a) => {
    const m = a.lastDate?.slice(0, 7);
    if (m && (!buildLastMonth || m > buildLastMonth)) buildLastMonth = m;
  });
  const ties: { info: EntityInfo; months: Record<string, number>; first: string; last: string }[] = [];
  g.forEachEdge(id, (_e, attr, source, target) => {
    if (attr.kind !== "co-mention" || attr[window] <= 0 || !attr.months) return;
    const keys = Object.keys(attr.months).sort();
    if (!keys.length) return;
    const other = source === id ? target : source;
    ties.push({ info: entityInfo(other, g.getNodeAttributes(other)), months: attr.months, first: keys[0], last: keys[keys.length - 1] });
  });
  const own = attrs.months ?? {};
  const months: TimelineMonth[] = [];
  const keys = Object.keys(own).sort();
  if (keys.length) {
    // Every month from the first to the last, empty ones included: a gap is part of the story.
    for (let m = keys[0]; m <= keys[keys.length - 1]; m = nextMonth(m)) {
      if (options.period && !monthIn(m, options.period)) continue;
      const row: TimelineMonth = { month: m, documents: own[m] ?? 0, active: [], came: [], went: [] };
      for (const t of ties) {
        const count = t.months[m] ?? 0;
        if (count) row.active.push({ ...t.info, count });
        if (t.first === m) row.came.push({ ...t.info, count });
        if (t.last === m && buildLastMonth !== undefined && m < buildLastMonth) row.went.push({ ...t.info, count });
      }
      row.active.sort(byCount);
      row.came.sort(byCount);
      row.went.sort(byCount);
      months.push(row);
    }
  }
  return {
    entity: entityInfo(id, attrs),
    window,
    ...(options.period ? { period: options.period } : {}),
    ...(attrs.firstDate ? { firstDate: attrs.firstDate, lastDate: attrs.lastDate } : {}),
    ...(buildLastMonth ? { buildLastMonth } : {}),
    months,
  };
}

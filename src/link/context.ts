// The document's own place, for what a name alone cannot say: a bare body (市委, 区政府, 省政协) is the
// body of the city, district or province the article is about, and a shared name (鼓楼区 is four
// districts; 朝阳 three divisions) is the one in the article's part of the country. The evidence is the
// divisions the article names without ambiguity: places with a GB/T 2260 code and the bodies of a
// division (杭州市委 counts for 杭州市), each counting for its division and half for the divisions
// above it, and three times in the dateline (新华社成都3月5日电). The best-supported division wins only
// when nothing else is as well supported; otherwise the mention stays unlinked: never a guess.
import type { BodyKind, Dictionary, DictionaryEntry } from "../types.ts";

/** The level character a bare body starts with, and which of a division's four bodies it is. */
export interface BareBody {
  level: string;
  kind: BodyKind;
}

/** Bare bodies, as news writes them once the place is clear from the article. */
export const BARE_BODIES: ReadonlyMap<string, BareBody> = new Map(
  ["省", "市", "区", "县", "州", "旗", "盟"].flatMap((level) => [
    [`${level}委`, { level, kind: "party-committee" as BodyKind }],
    [`${level}政府`, { level, kind: "government" as BodyKind }],
    [`${level}人民政府`, { level, kind: "government" as BodyKind }],
    [`${level}人大常委会`, { level, kind: "congress-standing-committee" as BodyKind }],
    [`${level}政协`, { level, kind: "cppcc" as BodyKind }],
  ]),
);

/** Level characters a curated bare alias may start with (区纪委, 市发改委, 省商务厅). */
const LEVEL_CHARS = new Set(["省", "市", "区", "县", "州", "旗", "盟"]);

interface DivisionInfo {
  /** 省 / 市 / 区 / 县 / 州 / 旗 / 盟, or "" when no bare body names it (自治区, 特别行政区, 地区). */
  level: string;
  /** Codes of the divisions above, nearest first, that the dictionary knows. */
  ancestors: string[];
}

export interface PlaceIndex {
  /** Entry id → the code of the division it is, or belongs to (a department: through its parents). */
  divisionOf: Map<string, string>;
  divisions: Map<string, DivisionInfo>;
  /** `${code}|${kind}` → the body. */
  bodies: Map<string, DictionaryEntry>;
}

/** The level character of a division from its names: the full name's last character (杭州市 → 市). */
function levelOf(entry: DictionaryEntry): string {
  const forms = [entry.label, ...entry.aliases].filter((f) => /^[\u4e00-\u9fff]+$/.test(f));
  for (const f of forms) {
    if (/(自治区|特别行政区|地区)$/.test(f)) return "";
    const last = f[f.length - 1];
    if (LEVEL_CHARS.has(last)) return last === "州" && !f.endsWith("自治州") ? "市" : last;
  }
  return "";
}

export function buildPlaceIndex(dictionary: Dictionary): PlaceIndex {
  const divisionOf = new Map<string, string>();
  const divisions = new Map<string, DivisionInfo>();
  const bodies = new Map<string, DictionaryEntry>();
  for (const e of dictionary.entries) {
    if (e.type === "place" && e.code) {
      divisionOf.set(e.id, e.code);
      divisions.set(e.code, { level: levelOf(e), ancestors: [] });
    }
    if (e.division) {
      divisionOf.set(e.id, e.division);
      if (e.body) bodies.set(`${e.division}|${e.body}`, e);
    }
  }
  for (const [code, info] of divisions) {
    // GB/T 2260: the first two digits are the province, the first four the prefecture.
    const up = [code.slice(0, 4) + "00", code.slice(0, 2) + "0000"].filter((c, i, a) => c !== code && divisions.has(c) && a.indexOf(c) === i);
    info.ancestors = up;
  }
  // A department belongs to the division of the body above it (余杭区经信局 → 余杭区政府 → 330110).
  for (const e of dictionary.entries) {
    if (divisionOf.has(e.id) || e.type !== "government") continue;
    let p = e.parent ? dictionary.byId.get(e.parent) : undefined;
    for (let depth = 0; p && depth < 4; depth++, p = p.parent ? dictionary.byId.get(p.parent) : undefined) {
      const code = divisionOf.get(p.id);
      if (code) {
        divisionOf.set(e.id, code);
        break;
      }
    }
  }
  return { divisionOf, divisions, bodies };
}

/** Where the dateline ends (新华社成都3月5日电, 本报广州讯), or 0. */
export function datelineEnd(text: string): number {
  const m = /^[^。\n]{0,40}?\d{1,2}月\d{1,2}日(?:电|讯)/.exec(text) ?? /^[^。\n]{0,30}?(?:电|讯)(?=[（(\s：:])/.exec(text);
  return m ? m[0].length : 0;
}

/** The weight of each division in a document, from its unambiguous mentions. */
export class PlaceContext {
  private readonly score = new Map<string, number>();
  private readonly bestByLevel = new Map<string, string | null>();

  constructor(
    private readonly index: PlaceIndex,
    mentions: readonly { entry: DictionaryEntry; start: number }[],
    dateline: number,
  ) {
    for (const m of mentions) {
      const code = index.divisionOf.get(m.entry.id);
      if (!code) continue;
      const w = m.start < dateline ? 3 : 1;
      this.add(code, w);
      for (const a of index.divisions.get(code)?.ancestors ?? []) this.add(a, w / 2);
    }
  }

  private add(code: string, w: number): void {
    this.score.set(code, (this.score.get(code) ?? 0) + w);
  }

  /** The division of a level (市, 区…) the document is about, or null when none or two are as likely. */
  divisionAt(level: string): string | null {
    let best = this.bestByLevel.get(level);
    if (best !== undefined) return best;
    let top = 0;
    let tie = false;
    best = null;
    for (const [code, s] of this.score) {
      if (this.index.divisions.get(code)?.level !== level) continue;
      if (s > top) {
        top = s;
        best = code;
        tie = false;
      } else if (s === top) tie = true;
    }
    if (tie) best = null;
    this.bestByLevel.set(level, best);
    return best;
  }

  /** Does the document name any division of this level (two equally, perhaps)? */
  namesLevel(level: string): boolean {
    for (const code of this.score.keys()) if (this.index.divisions.get(code)?.level === level) return true;
    return false;
  }

  /** The body a bare form names in this document, if the document says which. */
  bareBody(bare: BareBody): DictionaryEntry | undefined {
    const code = this.divisionAt(bare.level);
    return code ? this.index.bodies.get(`${code}|${bare.kind}`) : undefined;
  }

  /** May an alias that starts with a level character (区纪委) link to this entry here? */
  allowsLevelAlias(alias: string, entry: DictionaryEntry): boolean {
    const code = this.index.divisionOf.get(entry.id);
    if (!code || !LEVEL_CHARS.has(alias[0])) return true;
    return this.divisionAt(alias[0]) === code;
  }

  /** Of several entries sharing a name, the one in the document's part of the country, if one is. */
  choose(claimants: readonly { entry: DictionaryEntry; fallback: boolean }[]): DictionaryEntry | undefined {
    let top = 0;
    let best: DictionaryEntry | undefined;
    let tie = false;
    for (const c of claimants) {
      const code = this.index.divisionOf.get(c.entry.id);
      if (!code) continue;
      let s = this.score.get(code) ?? 0;
      for (const a of this.index.divisions.get(code)?.ancestors ?? []) s += this.score.get(a) ?? 0;
      if (s > top) {
        top = s;
        best = c.entry;
        tie = false;
      } else if (s === top && s > 0) tie = true;
    }
    if (best && !tie) return best;
    // Nothing, or a tie: the claimant that keeps the name when the document does not decide.
    const fallback = claimants.filter((c) => c.fallback);
    return fallback.length === 1 ? fallback[0].entry : undefined;
  }
}

/**
 * Is this alias a county-level division's short form (双城 of 双城区, 余杭 of 余杭区)? Such a form is
 * also a word for other things (雙城論壇, the Taipei–Shanghai twin-city forum), so it links only where
 * the document names the division itself, one of its bodies, or its city or province.
 */
export function isCountyShortForm(alias: string, entry: DictionaryEntry): boolean {
  // GB/T 2260: a county-level code does not end in 00.
  if (entry.type !== "place" || !entry.code || entry.code.endsWith("00")) return false;
  return alias.length < entry.label.length && entry.label.startsWith(alias) && !LEVEL_CHARS.has(alias[alias.length - 1]);
}

/** Is this alias of the entry a bare form only the document's place can resolve (区纪委 of 余杭区)? */
export function isLevelAlias(alias: string, entry: DictionaryEntry, index: PlaceIndex): boolean {
  return LEVEL_CHARS.has(alias[0]) && index.divisionOf.has(entry.id) && entry.type === "government" && !entry.label.startsWith(alias);
}

// The viewer's time range: a period of whole months (the build counts ties by month: `months` on each
// edge), chosen with two range inputs over the months the build has, played forward a month at a time,
// and kept in the URL (`from`, `to`) like every other filter.
//
// Within a period an edge is shown when dated documents of those months name both ends, and a pair's
// evidence is shown only from documents dated in it. Undated ties and passages are in no period; with
// no period set (the default) everything shows, as before.

export interface TimeRange {
  /** First month shown, "YYYY-MM", or null for the build's first. */
  from: string | null;
  /** Last month shown, "YYYY-MM", or null for the build's last. */
  to: string | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function emptyRange(): TimeRange {
  return { from: null, to: null };
}

export function isActive(range: TimeRange): boolean {
  return range.from !== null || range.to !== null;
}

/** Writes the range into URL parameters (nothing when unset). */
export function encodeRange(range: TimeRange, p: URLSearchParams): void {
  if (range.from) p.set("from", range.from);
  if (range.to) p.set("to", range.to);
}

/** Reads the range from URL parameters; a malformed month is ignored, a reversed range put in order. */
export function decodeRange(p: URLSearchParams): TimeRange {
  const from = p.get("from");
  const to = p.get("to");
  const r: TimeRange = { from: from && MONTH.test(from) ? from : null, to: to && MONTH.test(to) ? to : null };
  if (r.from && r.to && r.from > r.to) [r.from, r.to] = [r.to, r.from];
  return r;
}

/** Every month from the first to the last that any edge was seen in (gaps included), in order. */
export function monthSpan(allMonths: Iterable<string>): string[] {
  let first: string | undefined;
  let last: string | undefined;
  for (const m of allMonths) {
    if (!MONTH.test(m)) continue;
    if (!first || m < first) first = m;
    if (!last || m > last) last = m;
  }
  const out: string[] = [];
  if (!first || !last) return out;
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Is an edge with these per-month counts in the range? (Always, when no range is set.) */
export function edgeInRange(months: Record<string, number> | undefined, range: TimeRange): boolean {
  if (!isActive(range)) return true;
  if (!months) return false;
  for (const m in months) if ((!range.from || m >= range.from) && (!range.to || m <= range.to) && months[m] > 0) return true;
  return false;
}

/** Is a passage of a document dated `date` in the range? (Always, when no range is set.) */
export function dateInRange(date: string | undefined | null, range: TimeRange): boolean {
  if (!isActive(range)) return true;
  if (typeof date !== "string" || !/^\d{4}-\d{2}/.test(date)) return false;
  const m = date.slice(0, 7);
  return (!range.from || m >= range.from) && (!range.to || m <= range.to);
}

/**
 * The range one play step later: the window keeps its width and moves a month on; past the end it
 * stops (null). Playing from no range starts with the first month alone.
 */
export function stepRange(range: TimeRange, months: string[]): TimeRange | null {
  if (!months.length) return null;
  const first = months[0];
  const last = months[months.length - 1];
  if (!isActive(range)) return { from: first, to: first };
  const from = range.from ?? first;
  const to = range.to ?? last;
  if (to >= last) return null;
  return { from: nextMonth(from), to: nextMonth(to) };
}

/** Where the controls read and write the range: the view state's store (state.ts), not a field of theirs. */
export interface RangeHolder {
  get(): TimeRange;
  set(range: TimeRange): void;
}

/**
 * The controls: two sliders over the build's months, Play and "All dates". They never redraw anything
 * themselves: they write the range through `holder`, and `sync` puts them back in line whenever the
 * state changes (their own change, a step of Play, a pasted link).
 */
export class TimeControls {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly months: string[],
    private readonly holder: RangeHolder,
  ) {
    if (months.length === 0) {
      // A build without dates: nothing to choose.
      root.hidden = true;
      return;
    }
    const from = this.input("time-from");
    const to = this.input("time-to");
    for (const el of [from, to]) {
      el.min = "0";
      el.max = String(months.length - 1);
      el.step = "1";
    }
    from.addEventListener("input", () => this.fromSliders("from"));
    to.addEventListener("input", () => this.fromSliders("to"));
    this.playButton().addEventListener("click", () => this.togglePlay());
    this.root.querySelector<HTMLButtonElement>("#time-all")!.addEventListener("click", () => {
      this.stop();
      this.holder.set(emptyRange());
    });
    this.sync();
  }

  private input(id: string): HTMLInputElement {
    return this.root.querySelector<HTMLInputElement>(`#${id}`)!;
  }

  private playButton(): HTMLButtonElement {
    return this.root.querySelector<HTMLButtonElement>("#time-play")!;
  }

  private fromSliders(moved: "from" | "to"): void {
    let i = Number(this.input("time-from").value);
    let j = Number(this.input("time-to").value);
    if (i > j) {
      if (moved === "from") j = i;
      else i = j;
    }
    // The whole span is "no range": a link stays short and undated ties stay visible.
    const all = i === 0 && j === this.months.length - 1;
    this.holder.set(all ? emptyRange() : { from: this.months[i], to: this.months[j] });
    // The state may not have changed (a slider pushed against the other): no event, so sync here.
    this.sync();
  }

  /** Puts the sliders and the label in line with the range (after a link or a step). */
  sync(): void {
    if (!this.months.length) return;
    const range = this.holder.get();
    const i = range.from ? Math.max(0, this.months.indexOf(range.from)) : 0;
    const j = range.to ? this.months.indexOf(range.to) : this.months.length - 1;
    this.input("time-from").value = String(i);
    this.input("time-to").value = String(j < 0 ? this.months.length - 1 : j);
    const label = this.root.querySelector<HTMLOutputElement>("#time-value")!;
    label.textContent = isActive(range) ? `${range.from ?? this.months[0]} – ${range.to ?? this.months[this.months.length - 1]}` : "all dates";
  }

  private togglePlay(): void {
    if (this.timer !== undefined) return this.stop();
    this.playButton().textContent = "Pause";
    this.playButton().setAttribute("aria-pressed", "true");
    const tick = () => {
      const next = stepRange(this.holder.get(), this.months);
      if (!next) return this.stop();
      this.holder.set(next);
    };
    tick();
    // tick() may have stopped at once (already at the last month): then no timer is left running.
    if (this.playButton().getAttribute("aria-pressed") === "true") this.timer = setInterval(tick, 900);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.playButton().textContent = "Play";
    this.playButton().setAttribute("aria-pressed", "false");
  }
}

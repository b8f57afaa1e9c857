// The view state and its change events: the one place where what the user chose (selection, filters,
// colours) and what the pointer is on (hover) are kept. Controls, search, the panel and the graph view
// never call each other: they change the state through this store and listen to its events, and the
// graph view turns the state into what sigma draws through its reducers alone.
import type { Model } from "./model.ts";
import { emptyRange, isActive } from "./time-filter.ts";
import { defaultState, type ViewState } from "./url-state.ts";

export type StateKey = keyof ViewState;

/** One change: which parts of the state moved, and whether the URL should follow (not for a pasted link). */
export interface StateChange {
  keys: ReadonlySet<StateKey>;
  fromUrl: boolean;
  /** The selection was made away from the graph (search, panel, link): bring it into view. */
  reveal: boolean;
}

export interface SetOptions {
  fromUrl?: boolean;
  reveal?: boolean;
}

type Listener = (change: StateChange) => void;
type HoverListener = (hovered: string | null) => void;

/** Keys whose change alters what is visible (as opposed to only what is lit, or the panel). */
export const FILTER_KEYS: readonly StateKey[] = ["window", "minWeight", "hiddenTypes", "showCoMention", "showRole", "community", "size", "ego", "minCore", "showIsolated", "hideCandidates", "rank", "time"];

export class ViewStore {
  private current: ViewState;
  private hoveredId: string | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly hoverListeners = new Set<HoverListener>();

  constructor(
    private readonly model: Model,
    initial: ViewState = defaultState(),
  ) {
    this.current = initial;
    this.sanitise();
  }

  /** The state, read-only for everyone but this store. */
  get state(): Readonly<ViewState> {
    return this.current;
  }

  get hovered(): string | null {
    return this.hoveredId;
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onHover(listener: HoverListener): () => void {
    this.hoverListeners.add(listener);
    return () => this.hoverListeners.delete(listener);
  }

  /** Changes part of the state; listeners hear which keys really changed (none: no event). */
  set(patch: Partial<ViewState>, options: SetOptions = {}): void {
    // Object-valued parts are copied: compared with the live objects, a change made in place would go unseen.
    const before = { ...this.current, hiddenTypes: new Set(this.current.hiddenTypes), camera: this.current.camera && { ...this.current.camera }, time: { ...this.current.time } };
    Object.assign(this.current, patch);
    // A new selection closes the evidence of the previous one, unless the same patch opens another.
    if ("selected" in patch && patch.selected !== before.selected && !("neighbour" in patch)) this.current.neighbour = null;
    this.sanitise();
    const keys = new Set<StateKey>();
    for (const key of Object.keys(this.current) as StateKey[]) if (!same(before[key], this.current[key])) keys.add(key);
    if (!keys.size) return;
    const change: StateChange = { keys, fromUrl: options.fromUrl ?? false, reveal: options.reveal ?? false };
    for (const listener of this.listeners) listener(change);
  }

  /** Replaces the whole state (a link pasted into the tab). */
  replace(next: ViewState): void {
    this.set(next, { fromUrl: true, reveal: true });
  }

  toggleType(type: ViewState["hiddenTypes"] extends Set<infer T> ? T : never): void {
    const hidden = new Set(this.current.hiddenTypes);
    if (hidden.has(type)) hidden.delete(type);
    else hidden.add(type);
    this.set({ hiddenTypes: hidden });
  }

  /** The pointer is over an entity (or none): lights it without touching what the user chose. */
  hover(id: string | null): void {
    if (id === this.hoveredId) return;
    this.hoveredId = id;
    for (const listener of this.hoverListeners) listener(id);
  }

  /** A link may name an entity this build does not have, or a weight above its maximum. */
  private sanitise(): void {
    const s = this.current;
    if (s.selected && !this.model.entities.has(s.selected)) s.selected = null;
    if (!s.selected || (s.neighbour && !this.model.entities.has(s.neighbour)) || s.neighbour === s.selected) s.neighbour = null;
    // An ego network needs its centre.
    if (!s.selected) s.ego = 0;
    s.minWeight = Math.max(1, Math.min(s.minWeight, Math.max(1, this.model.maxWeight[s.window])));
    // A range from a dated build's link, opened on a build without dates, would hide every link while
    // the time controls (hidden: no months to choose) could not undo it.
    if (!this.model.months.length && isActive(s.time)) s.time = emptyRange();
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  if (a && b && typeof a === "object" && typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return Object.is(a, b);
}

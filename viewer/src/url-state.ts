// The view as a URL fragment, so that a copied link reopens the same view: selected entity, the
// neighbour whose evidence is open, and every filter. The fragment never reaches the server.
import { ENTITY_TYPES, WINDOW_LEVELS, type EntityType, type WindowLevel } from "../../src/types.ts";
import { decodeRange, emptyRange, encodeRange, type TimeRange } from "./time-filter.ts";

export type SizeMetric = "mentions" | "weightedDegree" | "pagerank";
export const SIZE_METRICS: readonly SizeMetric[] = ["mentions", "weightedDegree", "pagerank"];

export interface ViewState {
  selected: string | null;
  neighbour: string | null;
  window: WindowLevel;
  minWeight: number;
  hiddenTypes: Set<EntityType>;
  showCoMention: boolean;
  showRole: boolean;
  community: boolean;
  size: SizeMetric;
  /** The months shown (time-filter.ts): `from` and `to` in the URL. */
  time: TimeRange;
}

export function defaultState(): ViewState {
  return {
    selected: null,
    neighbour: null,
    window: "sentence",
    minWeight: 1,
    hiddenTypes: new Set(),
    showCoMention: true,
    showRole: true,
    community: false,
    size: "mentions",
    time: emptyRange(),
  };
}

/** Only what differs from the default is written, so plain links stay short. */
export function encodeState(state: ViewState): string {
  const d = defaultState();
  const p = new URLSearchParams();
  if (state.selected) p.set("n", state.selected);
  if (state.selected && state.neighbour) p.set("with", state.neighbour);
  if (state.window !== d.window) p.set("w", state.window);
  if (state.minWeight !== d.minWeight) p.set("min", String(state.minWeight));
  if (state.hiddenTypes.size) p.set("hide", ENTITY_TYPES.filter((t) => state.hiddenTypes.has(t)).join(","));
  const kinds = [state.showCoMention && "co", state.showRole && "role"].filter(Boolean).join(",");
  if (kinds !== "co,role") p.set("kinds", kinds || "none");
  if (state.community) p.set("color", "community");
  if (state.size !== d.size) p.set("size", state.size);
  encodeRange(state.time, p);
  return p.toString();
}

/** Reads a fragment (with or without '#'); anything malformed falls back to the default. */
export function decodeState(hash: string): ViewState {
  const s = defaultState();
  const p = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const n = p.get("n");
  if (n) s.selected = n;
  const nb = p.get("with");
  if (nb && s.selected) s.neighbour = nb;
  const w = p.get("w");
  if (w && (WINDOW_LEVELS as readonly string[]).includes(w)) s.window = w as WindowLevel;
  const min = Number(p.get("min"));
  if (p.has("min") && Number.isFinite(min) && min >= 1) s.minWeight = Math.floor(min);
  for (const t of (p.get("hide") ?? "").split(",")) if ((ENTITY_TYPES as readonly string[]).includes(t)) s.hiddenTypes.add(t as EntityType);
  const kinds = p.get("kinds");
  if (kinds !== null) {
    const list = kinds.split(",");
    s.showCoMention = list.includes("co");
    s.showRole = list.includes("role");
  }
  s.community = p.get("color") === "community";
  const size = p.get("size");
  if (size && (SIZE_METRICS as readonly string[]).includes(size)) s.size = size as SizeMetric;
  s.time = decodeRange(p);
  return s;
}

// The view as a URL fragment, so that a copied link reopens the same view: selected entity, the
// neighbour whose evidence is open, every filter, and the camera. The fragment never reaches the server.
import { DEFAULT_RANK, DEFAULT_WINDOW, RANKINGS, type RankBy } from "../../src/query/rank.ts";
import { ENTITY_TYPES, WINDOW_LEVELS, type EntityType, type WindowLevel } from "../../src/types.ts";
import { decodeRange, emptyRange, encodeRange, type TimeRange } from "./time-filter.ts";

export type SizeMetric = "mentions" | "weightedDegree" | "pagerank";
export const SIZE_METRICS: readonly SizeMetric[] = ["mentions", "weightedDegree", "pagerank"];

export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

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
  /** How the panel orders co-mentions (src/query/rank.ts, as `guanxi who`). */
  rank: RankBy;
  /** Only the selection and what lies within this many hops of it (0: the whole graph). */
  ego: 0 | 1 | 2;
  /** Only entities in the k-core of what the other filters leave (0 or 1: no such filter). */
  minCore: number;
  /** Keep entities the filters left without any link (hidden by default). */
  showIsolated: boolean;
  /** Hide the names the build proposed that no one has reviewed into the dictionary. */
  hideCandidates: boolean;
  /** The months shown (time-filter.ts): `from` and `to` in the URL; both null: every date. */
  time: TimeRange;
  /** Where the camera looks, in sigma's framed coordinates; null: the whole graph. */
  camera: CameraView | null;
}

export function defaultState(): ViewState {
  return {
    selected: null,
    neighbour: null,
    window: DEFAULT_WINDOW,
    minWeight: 1,
    hiddenTypes: new Set(),
    showCoMention: true,
    showRole: true,
    community: false,
    size: "mentions",
    rank: DEFAULT_RANK,
    ego: 0,
    minCore: 0,
    showIsolated: false,
    hideCandidates: false,
    time: emptyRange(),
    camera: null,
  };
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

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
  if (state.rank !== d.rank) p.set("rank", state.rank);
  if (state.selected && state.ego) p.set("ego", String(state.ego));
  if (state.minCore > 1) p.set("core", String(state.minCore));
  if (state.showIsolated) p.set("isolated", "show");
  if (state.hideCandidates) p.set("candidates", "hide");
  encodeRange(state.time, p);
  if (state.camera) p.set("cam", [round(state.camera.x, 4), round(state.camera.y, 4), round(state.camera.ratio, 4)].join(","));
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
  const rank = p.get("rank");
  if (rank && (RANKINGS as readonly string[]).includes(rank)) s.rank = rank as RankBy;
  const ego = p.get("ego");
  if (s.selected && (ego === "1" || ego === "2")) s.ego = Number(ego) as 1 | 2;
  const core = Number(p.get("core"));
  if (Number.isInteger(core) && core > 1) s.minCore = core;
  s.showIsolated = p.get("isolated") === "show";
  s.hideCandidates = p.get("candidates") === "hide";
  s.time = decodeRange(p);
  const cam = (p.get("cam") ?? "").split(",").map(Number);
  if (cam.length === 3 && cam.every(Number.isFinite) && cam[2] > 0) s.camera = { x: cam[0], y: cam[1], ratio: cam[2] };
  return s;
}

// Which entities and links the filters leave: type and candidates, links at the window and weight, in
// the time range and of the kinds shown, the k-core, the ego network, isolation. A plain function of the
// model and the view state, so that what sigma draws (graph-view.ts) and what the exports write
// (view-export.ts, view-image.ts) are the same set by construction.
import type { EntityType } from "../../src/types.ts";
import { nodeKey, type Model, type ViewEdge } from "./model.ts";
import { edgeInRange } from "./time-filter.ts";
import type { ViewState } from "./url-state.ts";

/** Node and edge keys of the model's graph that the filters leave. */
export interface VisibleSet {
  nodes: Set<string>;
  edges: Set<string>;
  /** The largest k for which the k-core of what the other filters leave is not empty. */
  maxCore: number;
}

/** An edge passes the window, weight, kind and time filters (its ends are checked apart). */
export function edgePasses(state: Readonly<ViewState>, data: ViewEdge): boolean {
  if (state.hiddenTypes.has(data.sourceType as EntityType) || state.hiddenTypes.has(data.targetType as EntityType)) return false;
  if (!edgeInRange(data.months, state.time)) return false;
  if (data.kind === "role") return state.showRole;
  if (!state.showCoMention) return false;
  const w = data[state.window];
  return w > 0 && w >= state.minWeight;
}

/** What the filters leave, in order: type and candidates, links, k-core, ego, isolation. */
export function visibleSet(model: Model, s: Readonly<ViewState>): VisibleSet {
  const g = model.graph;
  const nodes = new Set<string>();
  g.forEachNode((n, a) => {
    if (s.hiddenTypes.has(a.etype as EntityType)) return;
    if (s.hideCandidates && a.candidate) return;
    nodes.add(n);
  });
  const linkOk = (a: ViewEdge, u: string, v: string) => nodes.has(u) && nodes.has(v) && edgePasses(s, a);
  // Neighbours over the links shown, as sets (several edges between two entities are one tie).
  const adjacency = new Map<string, Set<string>>();
  const link = (u: string, v: string) => {
    let set = adjacency.get(u);
    if (!set) adjacency.set(u, (set = new Set()));
    set.add(v);
  };
  g.forEachEdge((_e, a, u, v) => {
    if (!linkOk(a, u, v)) return;
    link(u, v);
    link(v, u);
  });
  const cores = coreNumbers(adjacency);
  let maxCore = 0;
  for (const c of cores.values()) if (c > maxCore) maxCore = c;
  const selected = s.selected === null ? undefined : nodeKey(model, s.selected);
  const keep = (n: string) => n === selected || (cores.get(n) ?? 0) >= s.minCore;
  if (s.minCore > 1) for (const n of [...nodes]) if (!keep(n)) nodes.delete(n);
  if (s.ego && selected !== undefined && nodes.has(selected)) {
    const within = egoNetwork(adjacency, nodes, selected, s.ego);
    for (const n of [...nodes]) if (!within.has(n)) nodes.delete(n);
  }
  const edges = new Set<string>();
  const linked = new Set<string>();
  g.forEachEdge((e, a, u, v) => {
    if (!linkOk(a, u, v)) return;
    edges.add(e);
    linked.add(u);
    linked.add(v);
  });
  if (!s.showIsolated) for (const n of [...nodes]) if (!linked.has(n) && n !== selected) nodes.delete(n);
  return { nodes, edges, maxCore };
}

/** The centre and what lies within `hops` links of it, over nodes still shown. */
function egoNetwork(adjacency: Map<string, Set<string>>, nodes: Set<string>, centre: string, hops: number): Set<string> {
  const within = new Set([centre]);
  let frontier = [centre];
  for (let hop = 0; hop < hops; hop++) {
    const next: string[] = [];
    for (const n of frontier)
      for (const m of adjacency.get(n) ?? [])
        if (nodes.has(m) && !within.has(m)) {
          within.add(m);
          next.push(m);
        }
    frontier = next;
  }
  return within;
}

/** Core number of every node of a simple undirected graph given as neighbour sets (Batagelj–Zaveršnik). */
export function coreNumbers(adjacency: Map<string, Set<string>>): Map<string, number> {
  const degree = new Map<string, number>();
  let maxDegree = 0;
  for (const [n, set] of adjacency) {
    degree.set(n, set.size);
    maxDegree = Math.max(maxDegree, set.size);
  }
  const buckets: Set<string>[] = Array.from({ length: maxDegree + 1 }, () => new Set());
  for (const [n, d] of degree) buckets[d].add(n);
  const core = new Map<string, number>();
  for (let d = 0; d <= maxDegree; ) {
    const bucket = buckets[d];
    if (!bucket.size) {
      d++;
      continue;
    }
    const n = bucket.values().next().value as string;
    bucket.delete(n);
    core.set(n, d);
    for (const m of adjacency.get(n)!) {
      if (core.has(m)) continue;
      const dm = degree.get(m)!;
      // A neighbour never drops below the level being peeled: its core number is at least d.
      if (dm > d) {
        buckets[dm].delete(m);
        buckets[dm - 1].add(m);
        degree.set(m, dm - 1);
      }
    }
  }
  return core;
}

// The Guanxi viewer: wires the parts together. The view state lives in one store (state.ts); the
// toolbar, the legend, the search box and the panel change it and listen to it; the graph view turns it
// into what sigma draws through its reducers alone; the URL follows it. Interaction never rebuilds the
// renderer or the graph. The graph sigma draws is the viewer's own copy (model.ts); the only thing that
// ever writes into it is the ForceAtlas2 worker, moving positions.
import "./style.css";
import { bindControls, setCoreRange } from "./controls.ts";
import { loadGraph } from "./data.ts";
import { byId } from "./dom.ts";
import { bindExports } from "./exports.ts";
import { GraphView } from "./graph-view.ts";
import { buildModel, nodeKey, type Model } from "./model.ts";
import { Panel } from "./panel.ts";
import { bindSearch } from "./search-box.ts";
import { ViewStore } from "./state.ts";
import { decodeState, encodeState } from "./url-state.ts";

declare global {
  interface Window {
    /** Read-only hooks for the browser tests and for debugging from the console. */
    guanxi?: {
      ready: boolean;
      visibleCount(type: string): { total: number; visible: number };
      isHidden(node: string): boolean | undefined;
      displayColor(node: string): string | undefined;
      /** Where a node is drawn, in pixels from the graph container's top left. */
      viewportPosition(node: string): { x: number; y: number } | undefined;
      /** Where a node is in the graph's own coordinates: what the layout moves. */
      graphPosition(node: string): { x: number; y: number } | undefined;
      /** Re-runs the reducers over the whole graph, as a filter change does; returns milliseconds. */
      timeRefresh(): number;
      /** Hovers a node (or none) as the mouse would and applies it now; returns milliseconds. */
      timeHover(node: string | null): number;
      /** The sigma instance, for measuring from the console; not an API. */
      renderer: unknown;
      state(): string;
      /** Links sigma draws under the current filters (time range included), read from its display data. */
      visibleEdgeCount(): number;
      /** Entity ids the filters leave on screen. */
      visibleIds(): string[];
      /** Entity ids whose labels the last frame allowed around the focus (null: no focus). */
      plannedLabels(): { id: string; x0: number; y0: number; x1: number; y1: number }[] | null;
      /** Visible role edges: their title and the label drawn on them. */
      roleEdgeLabels(): { title: string; label: string | null | undefined }[];
      camera(): { x: number; y: number; ratio: number };
      /** The two entities of the edge under the pointer, or null. */
      hoveredPair(): [string, string] | null;
    };
  }
}

const status = byId<HTMLParagraphElement>("status");

async function start(): Promise<void> {
  let model: Model;
  try {
    const data = await loadGraph();
    // User-timing marks: where the time to the first frame goes, visible in any performance trace.
    performance.mark("guanxi:graph-parsed");
    model = buildModel(data);
    performance.mark("guanxi:model-built");
  } catch (err) {
    status.textContent = `Could not load this build's graph.json: ${err instanceof Error ? err.message : String(err)}`;
    status.classList.add("error");
    return;
  }
  const store = new ViewStore(model, decodeState(location.hash));
  const container = byId("graph");
  const view = new GraphView(model, store, container);
  performance.mark("guanxi:first-render");
  if (store.state.selected) view.centreOn(store.state.selected, false);
  // Controls, legend, panel and search are not needed to draw the graph: set up after the first frame.
  afterNextFrame(() => setUp(model, store, view));
}

/**
 * Runs `task` once the frame being prepared now has been handed to the compositor: a task queued from
 * inside an animation-frame callback runs after that frame's paint, not before it.
 */
function afterNextFrame(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}

function setUp(model: Model, store: ViewStore, view: GraphView): void {
  performance.mark("guanxi:first-frame");
  view.onShownChange = ({ nodes, edges, maxCore }) => {
    status.textContent = `${nodes} of ${model.graph.order} entities · ${edges} links`;
    setCoreRange(maxCore, store);
  };
  const panel = new Panel(byId("panel"), model, store);
  // Controls first: the first refresh's counts set the k-core slider's range.
  view.bind();
  bindControls(model, store, {
    toggleLayout: () => view.toggleLayout(),
    zoom: (factor) => view.zoom(factor),
    fit: () => view.fit(),
    resetCamera: () => view.resetCamera(),
  });
  bindExports(model, store);
  bindSearch(model, store);
  // The URL follows the state; a link pasted into this tab sets it.
  store.on((change) => {
    if (!change.fromUrl) writeUrl(store);
  });
  window.addEventListener("hashchange", () => store.replace(decodeState(location.hash)));
  panel.render();
  exposeHooks(model, store, view);
  document.body.dataset.ready = "true";
}

function writeUrl(store: ViewStore): void {
  const hash = encodeState(store.state);
  const url = `${location.pathname}${location.search}${hash ? "#" + hash : ""}`;
  // replaceState: filters are not navigation; a hashchange event is not fired either.
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
}

function exposeHooks(model: Model, store: ViewStore, view: GraphView): void {
  const renderer = view.renderer;
  window.guanxi = {
    ready: true,
    visibleCount: (type) => {
      view.flush();
      let total = 0;
      let visible = 0;
      model.graph.forEachNode((n, a) => {
        if (a.etype !== type) return;
        total++;
        if (!renderer.getNodeDisplayData(n)?.hidden) visible++;
      });
      return { total, visible };
    },
    isHidden: (node) => (view.flush(), view.displayData(node)?.hidden),
    displayColor: (node) => (view.flush(), view.displayData(node)?.color),
    viewportPosition: (node) => {
      view.flush();
      const d = view.displayData(node);
      return d ? renderer.framedGraphToViewport(d) : undefined;
    },
    graphPosition: (node) => {
      const key = nodeKey(model, node);
      if (key === undefined) return undefined;
      const { x, y } = model.graph.getNodeAttributes(key);
      return { x, y };
    },
    renderer,
    timeHover: (node) => {
      const t0 = performance.now();
      store.hover(node);
      view.flush();
      return performance.now() - t0;
    },
    timeRefresh: () => {
      const t0 = performance.now();
      view.schedule("full");
      view.flush();
      return performance.now() - t0;
    },
    state: () => encodeState(store.state),
    visibleEdgeCount: () => {
      view.flush();
      let n = 0;
      model.graph.forEachEdge((e) => {
        if (!renderer.getEdgeDisplayData(e)?.hidden) n++;
      });
      return n;
    },
    visibleIds: () => (view.flush(), [...view.visibleKeys().nodes].map((k) => model.ids[Number(k)])),
    plannedLabels: () => view.plannedLabels(),
    roleEdgeLabels: () => {
      view.flush();
      const out: { title: string; label: string | null | undefined }[] = [];
      for (const e of view.visibleKeys().edges) {
        const a = model.graph.getEdgeAttributes(e);
        if (a.kind === "role") out.push({ title: a.title, label: renderer.getEdgeDisplayData(e)?.label });
      }
      return out;
    },
    camera: () => renderer.getCamera().getState(),
    hoveredPair: () => {
      const e = view.hoveredEdge;
      return e === null ? null : [model.ids[Number(model.graph.source(e))], model.ids[Number(model.graph.target(e))]];
    },
  };
}

void start();

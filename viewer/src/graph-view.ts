// What sigma draws, and nothing else: the renderer, its reducers and the refresh scheduling. It reads the
// view state from the store and hears its changes; the pointer's clicks and hovers and the camera's moves
// go back into the store. The reducers are the only bridge from state to pixels: no other code sets
// display data. Which entities the filters leave (view-filter.ts) is computed once per filter change, so
// the reducers only look it up.
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeLineProgram, drawDiscNodeLabel } from "sigma/rendering";
import type { EdgeDisplayData, NodeDisplayData, PartialButFor } from "sigma/types";
import type { Settings } from "sigma/settings";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { rankPairs } from "../../src/query/rank.ts";
import { CO_EDGE_FOCUS, DIM_EDGE, DIM_NODE, HAIRLINE_EDGES, LABEL_FONT, LABEL_SIZE, ROLE_LABEL, edgeStyle, nodeColor } from "./colors.ts";
import { entityId, nodeKey, pairCountsOf, strengthsOf, type Model, type ViewEdge, type ViewNode } from "./model.ts";
import { FILTER_KEYS, type StateChange, type ViewStore } from "./state.ts";
import type { CameraView } from "./url-state.ts";
import { visibleSet } from "./view-filter.ts";


/** What a full refresh leaves on screen. */
export interface Shown {
  nodes: number;
  edges: number;
  /** The largest k for which the k-core of what the other filters leave is not empty. */
  maxCore: number;
}

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & { key: string };

export class GraphView {
  readonly renderer!: Sigma<ViewNode, ViewEdge>;
  /** Co-mentions are drawn one pixel wide (a large graph): their weight shows as shade, not width. */
  private readonly hairlines: boolean;
  /** Node keys the filters leave, and edge keys drawn between them (set at each full refresh). */
  private visibleNodes = new Set<string>();
  private visibleEdges = new Set<string>();
  private maxCore = 0;
  /** Node and edges lit around the hovered (else selected) node, computed once per change of focus. */
  private focusNodes = new Set<string>();
  private focusEdges = new Set<string>();
  /** Node keys of the focused and of the selected entity, for the node reducer. */
  private focusKey: string | undefined;
  private selectedKey: string | undefined;
  /** Focus labels allowed this frame (null: no focus, sigma's own label grid decides). */
  private labelPlan: Set<string> | null = null;
  private labelBoxes: { key: string; x0: number; y0: number; x1: number; y1: number }[] = [];
  private labelsPlanned = false;
  /** The edge under the pointer (for the browser tests: which pair a click opens). */
  hoveredEdge: string | null = null;
  private readonly labelWidths = new Map<string, number>();
  private measure: CanvasRenderingContext2D | null = null;
  private layout: FA2Layout | undefined;
  /** What sigma currently draws (set at each full refresh): a partial refresh may only touch these. */
  private shownNodes: string[] = [];
  private shownEdges: string[] = [];
  /** One refresh per animation frame, however many events asked for one; "full" wins over "focus". */
  private pending: "full" | "focus" | null = null;
  private frame = 0;
  private leaveTimer: ReturnType<typeof setTimeout> | undefined;
  private cameraTimer: ReturnType<typeof setTimeout> | undefined;
  /** Told after every full refresh (the status line and the k-core slider follow it). */
  onShownChange: (shown: Shown) => void = () => {};

  /**
   * sigma's constructor processes and renders the graph synchronously, so the reducers' inputs (state,
   * visibility, focus) are ready before it, and nothing asks for a second full refresh before the
   * first frame.
   */
  constructor(
    private readonly model: Model,
    private readonly store: ViewStore,
    private readonly container: HTMLElement,
  ) {
    const large = model.graph.size > HAIRLINE_EDGES;
    this.hairlines = large;
    this.computeVisibility();
    this.computeFocus();
    this.renderer = new Sigma<ViewNode, ViewEdge>(model.graph, container, {
      labelFont: LABEL_FONT,
      labelSize: LABEL_SIZE,
      labelWeight: "500",
      labelColor: { color: "#222" },
      // Fewer, readable labels: at most about one per 100-pixel cell, biggest node first.
      labelDensity: 0.5,
      labelGridCellSize: 100,
      labelRenderedSizeThreshold: model.graph.order > 1000 ? 7 : 4,
      defaultDrawNodeLabel: (context, data, settings) => this.drawLabel(context, data as LabelData, settings),
      // Role titles on role arrows; a large graph skips edge labels (sigma scans every edge for them).
      renderEdgeLabels: !large,
      edgeLabelFont: LABEL_FONT,
      edgeLabelSize: 11,
      edgeLabelColor: { color: ROLE_LABEL },
      enableEdgeEvents: !large,
      defaultEdgeType: "line",
      // Tens of thousands of co-mentions: one-pixel lines instead of sigma's antialiased rectangles,
      // which cost six vertices and a blended fragment shader per edge (seconds per frame on a software
      // rasteriser, and a thicket at this density anyway). Weight then shows as shade (reduceEdge).
      ...(large ? { edgeProgramClasses: { line: EdgeLineProgram, arrow: EdgeArrowProgram } } : {}),
      zIndex: true,
      // Edges are hidden while panning a big graph: keeps 50,000 edges fluid.
      hideEdgesOnMove: large,
      minCameraRatio: 0.02,
      maxCameraRatio: 20,
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    const camera = store.state.camera;
    if (camera) this.renderer.getCamera().setState(camera);
  }

  /** Listens to the pointer, the camera and the store; called once the first frame is on screen. */
  bind(): void {
    this.updateShown();
    const container = this.container;
    this.renderer.on("enterNode", ({ node }) => {
      clearTimeout(this.leaveTimer);
      container.classList.add("pointer");
      this.store.hover(entityId(this.model, node));
    });
    // Leaving is delayed a little: moving from one node to the next then changes two neighbourhoods
    // instead of brightening and re-dimming the whole graph.
    this.renderer.on("leaveNode", () => {
      container.classList.remove("pointer");
      clearTimeout(this.leaveTimer);
      this.leaveTimer = setTimeout(() => this.store.hover(null), 90);
    });
    this.renderer.on("clickNode", ({ node }) => this.store.set({ selected: entityId(this.model, node) }));
    this.renderer.on("clickStage", () => {
      if (this.store.state.selected) this.store.set({ selected: null });
    });
    // An edge is a pair: clicking it opens the pair's evidence, keeping the selection when it is an end.
    this.renderer.on("enterEdge", ({ edge }) => {
      this.hoveredEdge = edge;
      container.classList.add("pointer");
    });
    this.renderer.on("leaveEdge", () => {
      this.hoveredEdge = null;
      container.classList.remove("pointer");
    });
    this.renderer.on("clickEdge", ({ edge }) => this.choosePair(edge));
    // Labels are planned at the first label drawn in a frame: by then sigma has read the container's
    // size and the graph's extent for that frame (both may change inside render, after "beforeRender").
    this.renderer.on("beforeRender", () => {
      this.labelsPlanned = false;
    });
    this.renderer.getCamera().on("updated", (state) => {
      clearTimeout(this.cameraTimer);
      this.cameraTimer = setTimeout(() => this.store.set({ camera: cameraView(state) }), 250);
    });
    // The panel opening or a narrow screen changes the container's size without a window resize.
    new ResizeObserver(() => this.afterResize()).observe(container);
    this.store.onHover(() => this.schedule("focus"));
    this.store.on((change) => this.stateChanged(change));
  }

  /** The pair an edge joins, as the selection and the neighbour whose evidence the panel shows. */
  choosePair(edge: string): void {
    const [s, t] = this.model.graph.extremities(edge).map((k) => entityId(this.model, k));
    const selected = this.store.state.selected;
    if (selected === t) this.store.set({ neighbour: s });
    else if (selected === s) this.store.set({ neighbour: t });
    else this.store.set({ selected: s, neighbour: t });
  }

  private stateChanged(change: StateChange): void {
    if (FILTER_KEYS.some((k) => change.keys.has(k)) || (change.keys.has("selected") && this.store.state.ego)) this.schedule("full");
    else if (change.keys.has("selected")) this.schedule("focus");
    if (change.fromUrl && change.keys.has("camera") && this.store.state.camera) this.renderer.getCamera().setState(this.store.state.camera);
    else if (change.keys.has("selected") && this.store.state.selected) {
      if (change.reveal) this.centreOn(this.store.state.selected, true);
      else requestAnimationFrame(() => this.keepSelectionInView());
    }
  }

  // ------------------------------------------------------------ visibility

  private computeVisibility(): void {
    const { nodes, edges, maxCore } = visibleSet(this.model, this.store.state);
    this.visibleNodes = nodes;
    this.visibleEdges = edges;
    this.maxCore = maxCore;
  }

  // ------------------------------------------------------------ reducers

  private reduceNode(node: string, data: ViewNode): Partial<NodeDisplayData> {
    const s = this.store.state;
    const out: Partial<NodeDisplayData> = data as unknown as Partial<NodeDisplayData>; // sigma hands us a copy
    if (!this.visibleNodes.has(node)) {
      out.hidden = true;
      return out;
    }
    out.size = data.sizes[s.size];
    out.color = nodeColor(data, s.community);
    if (this.focusKey !== undefined) {
      if (this.focusNodes.has(node)) {
        out.zIndex = 2;
        // Every lit node competes for a label; planLabels keeps those that do not overlap.
        out.forceLabel = true;
        if (node === this.focusKey || node === this.selectedKey) out.highlighted = true;
      } else {
        out.color = DIM_NODE;
        out.label = null;
        out.zIndex = 0;
      }
    }
    return out;
  }

  private reduceEdge(edge: string, data: ViewEdge): Partial<EdgeDisplayData> {
    const out: Partial<EdgeDisplayData> = data as unknown as Partial<EdgeDisplayData>;
    if (!this.visibleEdges.has(edge)) {
      out.hidden = true;
      return out;
    }
    const role = data.kind === "role";
    const style = edgeStyle(role, role ? data.weight : data[this.store.state.window], this.hairlines);
    out.size = style.size;
    out.color = style.color;
    if (role) out.label = data.title;
    if (this.focusKey !== undefined) {
      if (this.focusEdges.has(edge)) {
        out.zIndex = 1;
        if (role) out.forceLabel = true;
        else out.color = CO_EDGE_FOCUS;
      } else {
        out.color = DIM_EDGE;
        out.label = null;
        out.zIndex = 0;
      }
    }
    return out;
  }

  /** The focused node and its neighbours over the edges currently shown. */
  private computeFocus(): void {
    this.focusNodes = new Set();
    this.focusEdges = new Set();
    const { selected } = this.store.state;
    const focusId = this.store.hovered ?? selected;
    const focus = focusId === null ? undefined : nodeKey(this.model, focusId);
    this.focusKey = focus !== undefined && this.visibleNodes.has(focus) ? focus : undefined;
    this.selectedKey = selected === null ? undefined : nodeKey(this.model, selected);
    if (this.focusKey === undefined) return;
    const key = this.focusKey;
    this.focusNodes.add(key);
    this.model.graph.forEachEdge(key, (edge, _attrs, source, target) => {
      if (!this.visibleEdges.has(edge)) return;
      this.focusEdges.add(edge);
      this.focusNodes.add(source === key ? target : source);
    });
  }

  // ------------------------------------------------------------ labels

  /**
   * In each frame, while a node is focused: its label and its neighbours' are placed first, the
   * focus, then the selection, then neighbours in the panel's order (rank.ts), each kept only where it
   * overlaps none placed before it. Without a focus, sigma's label grid decides as usual.
   */
  private planLabels(): void {
    if (this.focusKey === undefined) {
      this.labelPlan = null;
      this.labelBoxes = [];
      return;
    }
    const s = this.store.state;
    const focusId = entityId(this.model, this.focusKey);
    const pairs = pairCountsOf(this.model, focusId).filter((p) => this.focusNodes.has(nodeKey(this.model, p.id)!));
    const strengths = strengthsOf(this.model, s.window);
    const ranked = rankPairs(focusId, pairs, s.window, s.rank, (id) => strengths.get(id) ?? 0).map((r) => nodeKey(this.model, r.pair.id)!);
    const order = [this.focusKey, ...(this.selectedKey !== undefined ? [this.selectedKey] : []), ...ranked, ...this.focusNodes];
    const boxes: { key: string; x0: number; y0: number; x1: number; y1: number }[] = [];
    const plan = new Set<string>();
    for (const key of order) {
      if (plan.has(key) || !this.focusNodes.has(key)) continue;
      const d = this.renderer.getNodeDisplayData(key);
      if (!d || d.hidden || !d.label) continue;
      const p = this.renderer.framedGraphToViewport(d);
      const size = this.renderer.scaleSize(d.size);
      const box = { key, x0: p.x + size + 1, y0: p.y - LABEL_SIZE * 0.7, x1: p.x + size + 5 + this.labelWidth(d.label), y1: p.y + LABEL_SIZE * 0.6 };
      if (boxes.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
      boxes.push(box);
      plan.add(key);
    }
    this.labelPlan = plan;
    this.labelBoxes = boxes;
  }

  private labelWidth(label: string): number {
    let w = this.labelWidths.get(label);
    if (w === undefined) {
      this.measure ??= document.createElement("canvas").getContext("2d");
      if (this.measure) {
        this.measure.font = `500 ${LABEL_SIZE}px ${LABEL_FONT}`;
        w = this.measure.measureText(label).width;
      } else w = label.length * LABEL_SIZE;
      this.labelWidths.set(label, w);
    }
    return w;
  }

  private drawLabel(context: CanvasRenderingContext2D, data: LabelData, settings: Settings<ViewNode, ViewEdge>): void {
    // sigma draws its first frame inside its constructor, before `renderer` is set: that frame has
    // no plan (the next one, a frame later, has).
    if (!this.labelsPlanned && this.renderer) {
      this.labelsPlanned = true;
      this.planLabels();
    }
    if (this.labelPlan && !this.labelPlan.has(data.key)) return;
    drawDiscNodeLabel(context, data, settings as unknown as Settings);
  }

  /** The labels allowed in the last frame and the boxes they take, in placing order (for the tests). */
  plannedLabels(): { id: string; x0: number; y0: number; x1: number; y1: number }[] | null {
    return this.labelPlan && this.labelBoxes.map(({ key, ...box }) => ({ id: entityId(this.model, key), ...box }));
  }

  // ------------------------------------------------------------ refreshing

  schedule(kind: "full" | "focus"): void {
    if (this.pending !== "full") this.pending = kind;
    this.frame ||= requestAnimationFrame(() => this.flush());
  }

  /** Applies pending changes now (also used where a caller needs the result synchronously). */
  flush(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    const kind = this.pending;
    this.pending = null;
    if (!kind) return;
    const oldNodes = this.focusNodes;
    const oldEdges = this.focusEdges;
    if (kind === "full") this.computeVisibility();
    this.computeFocus();
    if (kind === "full" || this.layout?.isRunning()) return this.fullRefresh();
    // Only the focus moved: visibility is unchanged, so re-run the reducers on just the items whose
    // colour changes. Between two focused nodes that is two neighbourhoods; from or to no focus, it
    // is everything shown (all of it dims or brightens) — still without re-indexing the graph.
    const had = oldNodes.size > 0;
    const has = this.focusNodes.size > 0;
    if (!had && !has) return;
    let nodes: string[];
    let edges: string[];
    if (had && has) {
      nodes = [...new Set([...oldNodes, ...this.focusNodes])].filter((n) => this.visibleNodes.has(n));
      edges = [...new Set([...oldEdges, ...this.focusEdges])];
    } else {
      nodes = this.shownNodes;
      edges = this.shownEdges;
    }
    try {
      this.renderer.refresh({ partialGraph: { nodes, edges }, skipIndexation: true });
    } catch {
      // sigma had a full refresh of its own under way (a layout step): its indices are being rebuilt.
      this.fullRefresh();
    }
  }

  private fullRefresh(): void {
    this.renderer.refresh();
    this.updateShown();
  }

  private updateShown(): void {
    this.shownNodes = [...this.visibleNodes];
    this.shownEdges = [...this.visibleEdges];
    this.onShownChange({ nodes: this.shownNodes.length, edges: this.shownEdges.length, maxCore: this.maxCore });
  }

  /** Node keys drawn now (for the exports and the tests). */
  visibleKeys(): { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } {
    return { nodes: this.visibleNodes, edges: this.visibleEdges };
  }

  // ------------------------------------------------------------ camera and layout

  /** What sigma draws for an entity. */
  displayData(id: string): NodeDisplayData | undefined {
    const key = nodeKey(this.model, id);
    return key === undefined ? undefined : this.renderer.getNodeDisplayData(key);
  }

  centreOn(id: string, animate: boolean): void {
    this.flush();
    const d = this.displayData(id);
    if (!d) return;
    const camera = this.renderer.getCamera();
    const target = { x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.6) };
    if (animate) void camera.animate(target, { duration: 500 });
    else camera.setState(target);
  }

  /** After the graph's box changed (panel opened, narrow screen), the selection must still be on it. */
  private afterResize(): void {
    this.renderer.scheduleRender();
    requestAnimationFrame(() => this.keepSelectionInView());
  }

  private keepSelectionInView(): void {
    const id = this.store.state.selected;
    if (!id) return;
    const d = this.displayData(id);
    if (!d || d.hidden) return;
    const p = this.renderer.framedGraphToViewport(d);
    const { width, height } = this.renderer.getDimensions();
    const margin = 30;
    if (p.x < margin || p.y < margin || p.x > width - margin || p.y > height - margin) this.centreOn(id, true);
  }

  zoom(factor: number): void {
    const camera = this.renderer.getCamera();
    if (factor > 1) void camera.animatedZoom({ duration: 250, factor });
    else void camera.animatedUnzoom({ duration: 250, factor: 1 / factor });
  }

  /** Frames what the filters leave. */
  fit(): void {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const key of this.visibleNodes) {
      const d = this.renderer.getNodeDisplayData(key);
      if (!d) continue;
      x0 = Math.min(x0, d.x);
      y0 = Math.min(y0, d.y);
      x1 = Math.max(x1, d.x);
      y1 = Math.max(y1, d.y);
    }
    if (!Number.isFinite(x0)) return;
    const ratio = Math.max(0.05, Math.min(1.2, Math.max(x1 - x0, y1 - y0) * 1.25));
    void this.renderer.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 300 });
  }

  /** The whole graph, as when the page opened without a camera in its link. */
  resetCamera(): void {
    void this.renderer.getCamera().animatedReset({ duration: 300 });
  }

  /** Starts or stops ForceAtlas2 in a worker; true while it runs. */
  toggleLayout(): boolean {
    if (!this.layout) {
      const settings = forceAtlas2.inferSettings(this.model.graph);
      this.layout = new FA2Layout(this.model.graph, {
        settings: { ...settings, barnesHutOptimize: this.model.graph.order > 1000 },
        getEdgeWeight: "weight",
      });
    }
    if (this.layout.isRunning()) this.layout.stop();
    else this.layout.start();
    return this.layout.isRunning();
  }
}

/** The camera as the URL keeps it; the whole-graph view (sigma's initial state) is no camera at all. */
function cameraView(state: { x: number; y: number; ratio: number }): CameraView | null {
  if (Math.abs(state.x - 0.5) < 1e-4 && Math.abs(state.y - 0.5) < 1e-4 && Math.abs(state.ratio - 1) < 1e-4) return null;
  return { x: state.x, y: state.y, ratio: state.ratio };
}

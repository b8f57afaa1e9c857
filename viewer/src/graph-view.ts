// What sigma draws, and nothing else: the renderer, its reducers and the refresh scheduling. It reads the
// view state from the store and hears its changes; the pointer's clicks and hovers go back into the
// store. The reducers are the only bridge from state to pixels: no other code sets display data.
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeLineProgram } from "sigma/rendering";
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { EntityType } from "../../src/types.ts";
import { CO_EDGE, CO_EDGE_FOCUS, DIM_EDGE, DIM_NODE, ROLE_EDGE, coEdgeShade, communityColor } from "./colors.ts";
import { entityId, nodeKey, type Model, type ViewEdge, type ViewNode } from "./model.ts";
import { FILTER_KEYS, type StateChange, type ViewStore } from "./state.ts";

const LABEL_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

/** Edges above which co-mentions are drawn as hairlines (see the constructor). */
const HAIRLINE_EDGES = 20000;

export class GraphView {
  readonly renderer: Sigma<ViewNode, ViewEdge>;
  /** Co-mentions are drawn one pixel wide (a large graph): their weight shows as shade, not width. */
  private readonly hairlines: boolean;
  /** Node and edges lit around the hovered (else selected) node, computed once per change of focus. */
  private focusNodes = new Set<string>();
  private focusEdges = new Set<string>();
  /** Node keys of the focused and of the selected entity, for the node reducer. */
  private focusKey: string | undefined;
  private selectedKey: string | undefined;
  private layout: FA2Layout | undefined;
  /** What sigma currently draws (set at each full refresh): a partial refresh may only touch these. */
  private shownNodes: string[] = [];
  private shownNodeSet = new Set<string>();
  private shownEdges: string[] = [];
  /** One refresh per animation frame, however many events asked for one; "full" wins over "focus". */
  private pending: "full" | "focus" | null = null;
  private frame = 0;
  private leaveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Told after every full refresh (the status line counts what is shown). */
  onShownChange: (nodes: number, edges: number) => void = () => {};

  /**
   * sigma's constructor processes and renders the graph synchronously, so the reducers' inputs (state,
   * focus) are ready before it, and nothing asks for a second full refresh before the first frame.
   */
  constructor(
    private readonly model: Model,
    private readonly store: ViewStore,
    private readonly container: HTMLElement,
  ) {
    const large = model.graph.size > HAIRLINE_EDGES;
    this.hairlines = large;
    this.computeFocus();
    this.renderer = new Sigma<ViewNode, ViewEdge>(model.graph, container, {
      labelFont: LABEL_FONT,
      labelSize: 13,
      labelWeight: "500",
      labelColor: { color: "#222" },
      // Fewer, readable labels: at most about one per 100-pixel cell, biggest node first.
      labelDensity: 0.5,
      labelGridCellSize: 100,
      labelRenderedSizeThreshold: model.graph.order > 1000 ? 7 : 4,
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
  }

  /** Listens to the pointer and to the store; called once the first frame is on screen. */
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
    this.store.onHover(() => this.schedule("focus"));
    this.store.on((change) => this.stateChanged(change));
  }

  private stateChanged(change: StateChange): void {
    if (FILTER_KEYS.some((k) => change.keys.has(k))) this.schedule("full");
    else if (change.keys.has("selected")) this.schedule("focus");
    if (change.reveal && change.keys.has("selected") && this.store.state.selected) this.centreOn(this.store.state.selected, true);
  }

  // ------------------------------------------------------------ reducers

  private reduceNode(node: string, data: ViewNode): Partial<NodeDisplayData> {
    const s = this.store.state;
    const out: Partial<NodeDisplayData> = data as unknown as Partial<NodeDisplayData>; // sigma hands us a copy
    if (s.hiddenTypes.has(data.etype as EntityType)) {
      out.hidden = true;
      return out;
    }
    out.size = data.sizes[s.size];
    out.color = s.community ? communityColor(data.community) : data.color;
    if (this.focusKey !== undefined) {
      if (this.focusNodes.has(node)) {
        out.zIndex = 2;
        if (node === this.focusKey || node === this.selectedKey) {
          out.highlighted = true;
          out.forceLabel = true;
        }
      } else {
        out.color = DIM_NODE;
        out.label = null;
        out.zIndex = 0;
      }
    }
    return out;
  }

  edgeVisible(data: ViewEdge): boolean {
    const s = this.store.state;
    if (s.hiddenTypes.has(data.sourceType as EntityType) || s.hiddenTypes.has(data.targetType as EntityType)) return false;
    if (data.kind === "role") return s.showRole;
    if (!s.showCoMention) return false;
    const w = data[s.window];
    return w > 0 && w >= s.minWeight;
  }

  private reduceEdge(edge: string, data: ViewEdge): Partial<EdgeDisplayData> {
    const out: Partial<EdgeDisplayData> = data as unknown as Partial<EdgeDisplayData>;
    if (!this.edgeVisible(data)) {
      out.hidden = true;
      return out;
    }
    const role = data.kind === "role";
    const w = role ? data.weight : data[this.store.state.window];
    out.size = Math.min(6, 0.5 + Math.log2(1 + w) * 0.8);
    out.color = role ? ROLE_EDGE : this.hairlines ? coEdgeShade(w) : CO_EDGE;
    if (this.focusKey !== undefined) {
      if (this.focusEdges.has(edge)) {
        out.zIndex = 1;
        if (!role) out.color = CO_EDGE_FOCUS;
      } else {
        out.color = DIM_EDGE;
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
    this.focusKey = focus;
    this.selectedKey = selected === null ? undefined : nodeKey(this.model, selected);
    if (focus === undefined) return;
    this.focusNodes.add(focus);
    this.model.graph.forEachEdge(focus, (edge, attrs, source, target) => {
      if (!this.edgeVisible(attrs)) return;
      this.focusEdges.add(edge);
      this.focusNodes.add(source === focus ? target : source);
    });
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
      nodes = [...new Set([...oldNodes, ...this.focusNodes])].filter((n) => this.shownNodeSet.has(n));
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
    const s = this.store.state;
    this.shownNodes = [];
    this.shownEdges = [];
    this.model.graph.forEachNode((n, a) => {
      if (!s.hiddenTypes.has(a.etype as EntityType)) this.shownNodes.push(n);
    });
    this.shownNodeSet = new Set(this.shownNodes);
    this.model.graph.forEachEdge((e, a) => {
      if (this.edgeVisible(a)) this.shownEdges.push(e);
    });
    this.onShownChange(this.shownNodes.length, this.shownEdges.length);
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

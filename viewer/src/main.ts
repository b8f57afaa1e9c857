// The Guanxi viewer: one build's graph drawn by sigma, filtered and highlighted through reducers only.
// Interaction never rebuilds the renderer or the graph: a change of state sets a few variables and asks
// sigma to refresh, and sigma re-runs the reducers. The graph sigma draws is the viewer's own copy
// (model.ts); the only thing that ever writes into it is the ForceAtlas2 worker, moving positions.
import "./style.css";
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeLineProgram } from "sigma/rendering";
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { downloadAsPNG } from "@sigma/export-image";
import type { EntityType, WindowLevel } from "../../src/types.ts";
import { CO_EDGE, CO_EDGE_FOCUS, DIM_EDGE, DIM_NODE, ROLE_EDGE, TYPE_NAMES, coEdgeShade, communityColor } from "./colors.ts";
import { loadGraph } from "./data.ts";
import { byId, clear, h } from "./dom.ts";
import { buildModel, entityId, nodeKey, typeColor, type Model, type ViewEdge, type ViewNode } from "./model.ts";
import { Panel } from "./panel.ts";
// Types only: the search module (and pinyin-pro's dictionary with it) is loaded after the first frame.
import type { SearchHit, SearchIndexer } from "./search.ts";
import { decodeState, encodeState, type SizeMetric, type ViewState } from "./url-state.ts";
import { edgeInRange, TimeControls } from "./time-filter.ts";

const LABEL_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

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
      /** Links drawn under the current filters (time range included). */
      visibleEdgeCount(): number;
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
  const app = new Viewer(model);
  app.init();
}

/**
 * Runs `task` once the frame being prepared now has been handed to the compositor: a task queued from
 * inside an animation-frame callback runs after that frame's paint, not before it.
 */
function afterNextFrame(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}

/** Runs `task` in idle time; it is told when that idle period is used up. */
function whenIdle(task: (hasTime: () => boolean) => void): void {
  if ("requestIdleCallback" in window) window.requestIdleCallback((deadline) => task(() => deadline.timeRemaining() > 1));
  else
    setTimeout(() => {
      const end = performance.now() + 8;
      task(() => performance.now() < end);
    }, 50);
}

/** Edges above which co-mentions are drawn as hairlines (see `init`). */
const HAIRLINE_EDGES = 20000;

class Viewer {
  private state: ViewState;
  private renderer!: Sigma<ViewNode, ViewEdge>;
  private panel!: Panel;
  /** Co-mentions are drawn one pixel wide (a large graph): their weight shows as shade, not width. */
  private hairlines = false;
  /** Entity ids, as in the state; the graph's node keys are not ids (see model.ts). */
  private hovered: string | null = null;
  /** Node and edges lit around the hovered (else selected) node, computed once per change of focus. */
  private focusNodes = new Set<string>();
  private focusEdges = new Set<string>();
  /** Node keys of the focused and of the selected entity, for the node reducer. */
  private focusKey: string | undefined;
  private selectedKey: string | undefined;
  private searchIndexer: Promise<SearchIndexer> | undefined;
  /** Bumped by every query, so that an answer which waited for the search module is dropped when stale. */
  private querySeq = 0;
  private hits: SearchHit[] = [];
  private activeHit = -1;
  private layout: FA2Layout | undefined;
  /** What sigma currently draws (set at each full refresh): a partial refresh may only touch these. */
  private shownNodes: string[] = [];
  private shownNodeSet = new Set<string>();
  private shownEdges: string[] = [];
  /** One refresh per animation frame, however many events asked for one; "full" wins over "focus". */
  private pending: "full" | "focus" | null = null;
  private frame = 0;
  private leaveTimer: ReturnType<typeof setTimeout> | undefined;
  private timeControls: TimeControls | undefined;

  constructor(private readonly model: Model) {
    this.state = decodeState(location.hash);
    this.sanitiseState();
  }

  /** A link may name an entity this build does not have, or a weight above its maximum. */
  private sanitiseState(): void {
    const s = this.state;
    if (s.selected && !this.model.entities.has(s.selected)) s.selected = null;
    if (!s.selected || (s.neighbour && !this.model.entities.has(s.neighbour))) s.neighbour = null;
    s.minWeight = Math.max(1, Math.min(s.minWeight, Math.max(1, this.model.maxWeight[s.window])));
  }

  /**
   * Draws the saved layout first and sets up everything else after that frame is on screen. sigma's
   * constructor processes and renders the graph synchronously, so the reducers' inputs (state, focus)
   * must be ready before it, and nothing may ask for a second full refresh before the first frame.
   */
  init(): void {
    const container = byId("graph");
    const large = this.model.graph.size > HAIRLINE_EDGES;
    this.hairlines = large;
    this.computeFocus();
    this.renderer = new Sigma<ViewNode, ViewEdge>(this.model.graph, container, {
      labelFont: LABEL_FONT,
      labelSize: 13,
      labelWeight: "500",
      labelColor: { color: "#222" },
      // Fewer, readable labels: at most about one per 100-pixel cell, biggest node first.
      labelDensity: 0.5,
      labelGridCellSize: 100,
      labelRenderedSizeThreshold: this.model.graph.order > 1000 ? 7 : 4,
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
    performance.mark("guanxi:first-render");
    if (this.state.selected) this.centreOn(this.state.selected, false);
    afterNextFrame(() => this.setUp(container));
  }

  /** Controls, legend, panel and search: none of them is needed to draw the graph. */
  private setUp(container: HTMLElement): void {
    // The first frame, with the graph in it, has been handed to the compositor (see afterNextFrame).
    performance.mark("guanxi:first-frame");
    this.panel = new Panel(byId("panel"), {
      model: this.model,
      state: this.state,
      select: (id) => this.select(id, true),
      chooseNeighbour: (id) => this.chooseNeighbour(id),
    });

    this.bindGraphEvents(container);
    this.buildLegend();
    this.bindControls();
    this.timeControls = new TimeControls(byId("time"), this.model.months, this.state, () => {
      this.refresh();
      this.panel.render();
    });
    this.bindSearch();
    window.addEventListener("hashchange", () => this.applyHash());
    this.syncControls();
    this.updateStatus();
    this.panel.render();

    window.guanxi = {
      ready: true,
      visibleCount: (type) => {
        this.flush();
        let total = 0;
        let visible = 0;
        this.model.graph.forEachNode((n, a) => {
          if (a.etype !== type) return;
          total++;
          if (!this.renderer.getNodeDisplayData(n)?.hidden) visible++;
        });
        return { total, visible };
      },
      isHidden: (node) => (this.flush(), this.displayData(node)?.hidden),
      displayColor: (node) => (this.flush(), this.displayData(node)?.color),
      viewportPosition: (node) => {
        this.flush();
        const d = this.displayData(node);
        return d ? this.renderer.framedGraphToViewport(d) : undefined;
      },
      graphPosition: (node) => {
        const key = nodeKey(this.model, node);
        if (key === undefined) return undefined;
        const { x, y } = this.model.graph.getNodeAttributes(key);
        return { x, y };
      },
      renderer: this.renderer,
      timeHover: (node) => {
        const t0 = performance.now();
        this.hovered = node;
        this.schedule("focus");
        this.flush();
        return performance.now() - t0;
      },
      timeRefresh: () => {
        const t0 = performance.now();
        this.schedule("full");
        this.flush();
        return performance.now() - t0;
      },
      state: () => encodeState(this.state),
      visibleEdgeCount: () => (this.flush(), this.shownEdges.length),
    };
    document.body.dataset.ready = "true";
  }

  // ------------------------------------------------------------ reducers

  private reduceNode(node: string, data: ViewNode): Partial<NodeDisplayData> {
    const s = this.state;
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

  private edgeVisible(data: ViewEdge): boolean {
    const s = this.state;
    if (s.hiddenTypes.has(data.sourceType as EntityType) || s.hiddenTypes.has(data.targetType as EntityType)) return false;
    if (!edgeInRange(data.months, s.time)) return false;
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
    const w = role ? data.weight : data[this.state.window];
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
    const focusId = this.hovered ?? this.state.selected;
    const focus = focusId === null ? undefined : nodeKey(this.model, focusId);
    this.focusKey = focus;
    this.selectedKey = this.state.selected === null ? undefined : nodeKey(this.model, this.state.selected);
    if (focus === undefined) return;
    this.focusNodes.add(focus);
    this.model.graph.forEachEdge(focus, (edge, attrs, source, target) => {
      if (!this.edgeVisible(attrs)) return;
      this.focusEdges.add(edge);
      this.focusNodes.add(source === focus ? target : source);
    });
  }

  /** Filters changed: every item may change visibility, so sigma re-processes the whole graph. */
  private refresh(writeUrl = true): void {
    this.schedule("full");
    if (writeUrl) this.writeUrl();
  }

  private schedule(kind: "full" | "focus"): void {
    if (this.pending !== "full") this.pending = kind;
    this.frame ||= requestAnimationFrame(() => this.flush());
  }

  /** Applies pending changes now (also used where a caller needs the result synchronously). */
  private flush(): void {
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
    this.updateStatus();
  }

  // ------------------------------------------------------------ graph events

  private bindGraphEvents(container: HTMLElement): void {
    this.renderer.on("enterNode", ({ node }) => {
      clearTimeout(this.leaveTimer);
      this.hovered = entityId(this.model, node);
      container.classList.add("pointer");
      this.schedule("focus");
    });
    // Leaving is delayed a little: moving from one node to the next then changes two neighbourhoods
    // instead of brightening and re-dimming the whole graph.
    this.renderer.on("leaveNode", () => {
      container.classList.remove("pointer");
      clearTimeout(this.leaveTimer);
      this.leaveTimer = setTimeout(() => {
        this.hovered = null;
        this.schedule("focus");
      }, 90);
    });
    this.renderer.on("clickNode", ({ node }) => this.select(entityId(this.model, node), false));
    this.renderer.on("clickStage", () => {
      if (this.state.selected) this.select(null, false);
    });
  }

  select(id: string | null, centre: boolean): void {
    if (id !== null && !this.model.entities.has(id)) return;
    if (id !== this.state.selected) this.state.neighbour = null;
    this.state.selected = id;
    this.schedule("focus");
    this.writeUrl();
    this.panel.render();
    if (id && centre) this.centreOn(id, true);
  }

  private chooseNeighbour(id: string | null): void {
    this.state.neighbour = id;
    this.writeUrl();
    this.panel.render();
  }

  /** What sigma draws for an entity. */
  private displayData(id: string): NodeDisplayData | undefined {
    const key = nodeKey(this.model, id);
    return key === undefined ? undefined : this.renderer.getNodeDisplayData(key);
  }

  private centreOn(id: string, animate: boolean): void {
    this.flush();
    const d = this.displayData(id);
    if (!d) return;
    const camera = this.renderer.getCamera();
    const target = { x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.6) };
    if (animate) void camera.animate(target, { duration: 500 });
    else camera.setState(target);
  }

  // ------------------------------------------------------------ controls

  private buildLegend(): void {
    const legend = byId<HTMLUListElement>("legend");
    clear(legend);
    const counts = new Map<string, number>();
    for (const e of this.model.entities.values()) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    for (const type of this.model.types) {
      const swatch = h("span", { class: "swatch" });
      swatch.style.background = typeColor(type);
      const button = h(
        "button",
        { class: "legend-item", title: "Show or hide this type", attrs: { type: "button", "data-type": type } },
        swatch,
        (TYPE_NAMES as Record<string, string>)[type] ?? type,
        h("span", { class: "count" }, String(counts.get(type) ?? 0)),
      );
      button.addEventListener("click", () => {
        const t = type as EntityType;
        if (this.state.hiddenTypes.has(t)) this.state.hiddenTypes.delete(t);
        else this.state.hiddenTypes.add(t);
        this.syncControls();
        this.refresh();
      });
      legend.appendChild(h("li", null, button));
    }
  }

  private bindControls(): void {
    const windowSelect = byId<HTMLSelectElement>("window");
    windowSelect.addEventListener("change", () => {
      this.state.window = windowSelect.value as WindowLevel;
      this.sanitiseState();
      this.syncControls();
      this.refresh();
      this.panel.render();
    });
    const slider = byId<HTMLInputElement>("min-weight");
    slider.addEventListener("input", () => {
      this.state.minWeight = Number(slider.value) || 1;
      byId("min-weight-value").textContent = String(this.state.minWeight);
      this.refresh();
    });
    const co = byId<HTMLInputElement>("kind-co");
    co.addEventListener("change", () => {
      this.state.showCoMention = co.checked;
      this.refresh();
    });
    const role = byId<HTMLInputElement>("kind-role");
    role.addEventListener("change", () => {
      this.state.showRole = role.checked;
      this.refresh();
    });
    const size = byId<HTMLSelectElement>("size");
    size.addEventListener("change", () => {
      this.state.size = size.value as SizeMetric;
      this.refresh();
    });
    const community = byId<HTMLInputElement>("community");
    community.addEventListener("change", () => {
      this.state.community = community.checked;
      this.refresh();
    });
    byId("layout").addEventListener("click", () => this.toggleLayout());
    byId("export-png").addEventListener("click", () => {
      void downloadAsPNG(this.renderer as unknown as Sigma, { fileName: "guanxi", backgroundColor: "#ffffff" });
    });
  }

  /** Puts every control in line with the state (after a link or a hashchange). */
  private syncControls(): void {
    const s = this.state;
    byId<HTMLSelectElement>("window").value = s.window;
    const slider = byId<HTMLInputElement>("min-weight");
    slider.max = String(Math.max(1, this.model.maxWeight[s.window]));
    slider.value = String(s.minWeight);
    byId("min-weight-value").textContent = String(s.minWeight);
    byId<HTMLInputElement>("kind-co").checked = s.showCoMention;
    byId<HTMLInputElement>("kind-role").checked = s.showRole;
    byId<HTMLSelectElement>("size").value = s.size;
    byId<HTMLInputElement>("community").checked = s.community;
    this.timeControls?.sync();
    for (const button of byId("legend").querySelectorAll<HTMLButtonElement>("button.legend-item")) {
      const off = s.hiddenTypes.has(button.dataset.type as EntityType);
      button.setAttribute("aria-pressed", String(!off));
      button.classList.toggle("off", off);
    }
  }

  private toggleLayout(): void {
    const button = byId<HTMLButtonElement>("layout");
    if (!this.layout) {
      const settings = forceAtlas2.inferSettings(this.model.graph);
      this.layout = new FA2Layout(this.model.graph, {
        settings: { ...settings, barnesHutOptimize: this.model.graph.order > 1000 },
        getEdgeWeight: "weight",
      });
    }
    if (this.layout.isRunning()) {
      this.layout.stop();
      button.textContent = "Run layout";
      button.classList.remove("running");
    } else {
      this.layout.start();
      button.textContent = "Stop layout";
      button.classList.add("running");
    }
  }

  private writeUrl(): void {
    const hash = encodeState(this.state);
    const url = `${location.pathname}${location.search}${hash ? "#" + hash : ""}`;
    // replaceState: filters are not navigation; a hashchange event is not fired either.
    if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
  }

  /** A link pasted into this tab. */
  private applyHash(): void {
    const next = decodeState(location.hash);
    const previous = this.state.selected;
    Object.assign(this.state, next);
    this.sanitiseState();
    this.syncControls();
    this.refresh(false);
    this.panel.render();
    if (this.state.selected && this.state.selected !== previous) this.centreOn(this.state.selected, true);
  }

  private updateStatus(): void {
    this.shownNodes = [];
    this.shownEdges = [];
    this.model.graph.forEachNode((n, a) => {
      if (!this.state.hiddenTypes.has(a.etype as EntityType)) this.shownNodes.push(n);
    });
    this.shownNodeSet = new Set(this.shownNodes);
    this.model.graph.forEachEdge((e, a) => {
      if (this.edgeVisible(a)) this.shownEdges.push(e);
    });
    status.textContent = `${this.shownNodes.length} of ${this.model.graph.order} entities · ${this.shownEdges.length} links`;
  }

  // ------------------------------------------------------------ search

  private bindSearch(): void {
    const input = byId<HTMLInputElement>("search");
    const list = byId<HTMLUListElement>("suggestions");
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      this.activeHit = -1;
    };
    const pick = (hit: SearchHit | undefined) => {
      if (!hit) return;
      input.value = hit.label;
      close();
      input.blur();
      this.select(hit.id, true);
    };
    const render = () => {
      clear(list);
      this.hits.forEach((hit, i) => {
        const dot = h("span", { class: "dot" });
        dot.style.background = typeColor(hit.type);
        const item = h(
          "li",
          { class: i === this.activeHit ? "active" : undefined, attrs: { role: "option", "aria-selected": String(i === this.activeHit) } },
          dot,
          h("span", { class: "s-label" }, hit.label),
          hit.name_en ? h("span", { class: "s-en" }, hit.name_en) : null,
          hit.via && hit.via !== hit.name_en ? h("span", { class: "s-via" }, hit.via) : null,
        );
        // mousedown, not click: it fires before the input's blur closes the list.
        item.addEventListener("mousedown", (ev) => {
          ev.preventDefault();
          pick(hit);
        });
        list.appendChild(item);
      });
      list.hidden = this.hits.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
    };
    // Queries are answered asynchronously (the search module may still be loading): `answered` is the
    // query whose hits are listed, `inFlight` the latest one's answer.
    let answered = 0;
    let inFlight: Promise<void> = Promise.resolve();
    const runQuery = (): void => {
      const seq = ++this.querySeq;
      inFlight = Promise.all([this.loadSearch(), import("./search.ts")]).then(([indexer, { search }]) => {
        if (seq !== this.querySeq) return;
        this.hits = search(indexer.complete(), input.value, 10);
        this.activeHit = this.hits.length ? 0 : -1;
        answered = seq;
        render();
      });
    };
    input.addEventListener("input", runQuery);
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (!this.hits.length) return;
        ev.preventDefault();
        const step = ev.key === "ArrowDown" ? 1 : -1;
        this.activeHit = (this.activeHit + step + this.hits.length) % this.hits.length;
        render();
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        // Enter right after typing waits for that text's answer; a text never searched is searched now.
        if (answered === this.querySeq && !this.hits.length && input.value.trim()) runQuery();
        const seq = this.querySeq;
        void inFlight.then(() => {
          if (seq === this.querySeq) pick(this.hits[Math.max(0, this.activeHit)]);
        });
      } else if (ev.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
    // Build the index while the user looks at the graph, a slice per idle period, so that the first
    // keystroke finds it ready and no frame waits for pinyin.
    void this.loadSearch().then((indexer) => {
      const slice = (hasTime: () => boolean) => {
        if (!indexer.indexSome(hasTime)) whenIdle(slice);
      };
      whenIdle(slice);
    });
  }

  /** The search module, loaded on first use, with an indexer over every entity. */
  private loadSearch(): Promise<SearchIndexer> {
    this.searchIndexer ??= import("./search.ts").then(({ SearchIndexer }) => new SearchIndexer(this.model.entities.values()));
    return this.searchIndexer;
  }
}

void start();

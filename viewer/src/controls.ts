// The toolbar, the camera buttons and the legend: each control writes the view state through the
// store, and every control is put back in line with the state whenever it changes (a link, a
// hashchange, another control). The legend follows the colour mode: type colours, or community colours.
import type { EntityType, WindowLevel } from "../../src/types.ts";
import type { RankBy } from "../../src/query/rank.ts";
import { TYPE_NAMES, candidateColor, communityColor } from "./colors.ts";
import { byId, clear, h } from "./dom.ts";
import { typeColor, type Model } from "./model.ts";
import type { ViewStore } from "./state.ts";
import { TimeControls } from "./time-filter.ts";
import type { SizeMetric } from "./url-state.ts";

/** Communities listed in the legend, largest first; the rest share the palette and are summed. */
const LEGEND_COMMUNITIES = 10;

export function renderLegend(model: Model, store: ViewStore): void {
  const legend = byId<HTMLElement>("legend");
  clear(legend);
  const community = store.state.community;
  const counts = new Map<string, number>();
  for (const e of model.entities.values()) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const types = h("ul", { class: "legend-types" });
  for (const type of model.types) {
    const swatch = h("span", { class: community ? "swatch outline" : "swatch" });
    if (!community) swatch.style.background = typeColor(type);
    const off = store.state.hiddenTypes.has(type as EntityType);
    const button = h(
      "button",
      { class: off ? "legend-item off" : "legend-item", title: "Show or hide this type", attrs: { type: "button", "data-type": type, "aria-pressed": String(!off) } },
      swatch,
      (TYPE_NAMES as Record<string, string>)[type] ?? type,
      h("span", { class: "count" }, String(counts.get(type) ?? 0)),
    );
    button.addEventListener("click", () => store.toggleType(type as EntityType));
    types.appendChild(h("li", null, button));
  }
  legend.appendChild(types);

  if (community) {
    // Each community named after its most mentioned member.
    const groups = new Map<number, { size: number; lead: string; leadMentions: number }>();
    for (const e of model.entities.values()) {
      if (e.community === undefined) continue;
      const g = groups.get(e.community) ?? { size: 0, lead: e.label, leadMentions: -1 };
      g.size++;
      if (e.mentions > g.leadMentions) {
        g.lead = e.label;
        g.leadMentions = e.mentions;
      }
      groups.set(e.community, g);
    }
    const sorted = [...groups].sort((a, b) => b[1].size - a[1].size || a[0] - b[0]);
    const list = h("ul", { class: "legend-communities", attrs: { "aria-label": "Communities" } });
    for (const [id, g] of sorted.slice(0, LEGEND_COMMUNITIES)) {
      const swatch = h("span", { class: "swatch" });
      swatch.style.background = communityColor(id);
      list.appendChild(h("li", { class: "legend-row", attrs: { "data-community": String(id) } }, swatch, `${g.lead} …`, h("span", { class: "count" }, String(g.size))));
    }
    if (sorted.length > LEGEND_COMMUNITIES) list.appendChild(h("li", { class: "legend-row muted" }, `${sorted.length - LEGEND_COMMUNITIES} more communities`));
    legend.appendChild(h("p", { class: "legend-title" }, "Communities 社群"));
    legend.appendChild(list);
  }

  const extras = h("ul", { class: "legend-extras" });
  if ([...model.entities.values()].some((e) => e.candidate)) {
    const swatch = h("span", { class: "swatch candidate-swatch" });
    swatch.style.background = candidateColor(community ? "#7f7f7f" : typeColor("company"));
    extras.appendChild(h("li", { class: "legend-row", title: "Proposed by the build, not in the dictionary: pale" }, swatch, "pale: unreviewed name 候选"));
  }
  extras.appendChild(h("li", { class: "legend-row" }, h("span", { class: "role-swatch" }), "role 职务 (title on the arrow)"));
  legend.appendChild(extras);
}

export interface ControlActions {
  toggleLayout(): boolean;
  zoom(factor: number): void;
  fit(): void;
  resetCamera(): void;
}

export function bindControls(model: Model, store: ViewStore, actions: ControlActions): void {
  const windowSelect = byId<HTMLSelectElement>("window");
  windowSelect.addEventListener("change", () => store.set({ window: windowSelect.value as WindowLevel }));
  const slider = byId<HTMLInputElement>("min-weight");
  slider.addEventListener("input", () => store.set({ minWeight: Number(slider.value) || 1 }));
  const core = byId<HTMLInputElement>("min-core");
  core.addEventListener("input", () => store.set({ minCore: Number(core.value) || 0 }));
  const ego = byId<HTMLSelectElement>("ego");
  ego.addEventListener("change", () => store.set({ ego: Number(ego.value) as 0 | 1 | 2 }));
  const isolated = byId<HTMLInputElement>("show-isolated");
  isolated.addEventListener("change", () => store.set({ showIsolated: isolated.checked }));
  const candidates = byId<HTMLInputElement>("hide-candidates");
  candidates.addEventListener("change", () => store.set({ hideCandidates: candidates.checked }));
  const rank = byId<HTMLSelectElement>("rank");
  rank.addEventListener("change", () => store.set({ rank: rank.value as RankBy }));
  const co = byId<HTMLInputElement>("kind-co");
  co.addEventListener("change", () => store.set({ showCoMention: co.checked }));
  const role = byId<HTMLInputElement>("kind-role");
  role.addEventListener("change", () => store.set({ showRole: role.checked }));
  const size = byId<HTMLSelectElement>("size");
  size.addEventListener("change", () => store.set({ size: size.value as SizeMetric }));
  const community = byId<HTMLInputElement>("community");
  community.addEventListener("change", () => store.set({ community: community.checked }));
  const layout = byId<HTMLButtonElement>("layout");
  layout.addEventListener("click", () => {
    const running = actions.toggleLayout();
    layout.textContent = running ? "Stop layout" : "Run layout";
    layout.classList.toggle("running", running);
  });
  byId("zoom-in").addEventListener("click", () => actions.zoom(1.5));
  byId("zoom-out").addEventListener("click", () => actions.zoom(1 / 1.5));
  byId("fit").addEventListener("click", () => actions.fit());
  byId("reset-camera").addEventListener("click", () => actions.resetCamera());
  // The time range: written into the state like every other filter; the graph view and the panel hear it.
  const time = new TimeControls(byId("time"), model.months, { get: () => store.state.time, set: (time) => store.set({ time }) });
  store.on((change) => {
    if (change.keys.has("community") || change.keys.has("hiddenTypes")) renderLegend(model, store);
    syncControls(model, store);
    if (change.keys.has("time")) time.sync();
  });
  renderLegend(model, store);
  syncControls(model, store);
}

/** The k-core slider's range follows what the other filters leave (told after each refresh). */
export function setCoreRange(maxCore: number, store: ViewStore): void {
  const core = byId<HTMLInputElement>("min-core");
  core.max = String(Math.max(1, maxCore, store.state.minCore));
}

/** Puts every control in line with the state. */
function syncControls(model: Model, store: ViewStore): void {
  const s = store.state;
  byId<HTMLSelectElement>("window").value = s.window;
  const slider = byId<HTMLInputElement>("min-weight");
  slider.max = String(Math.max(1, model.maxWeight[s.window]));
  slider.value = String(s.minWeight);
  byId("min-weight-value").textContent = String(s.minWeight);
  const core = byId<HTMLInputElement>("min-core");
  core.value = String(Math.max(1, s.minCore));
  byId("min-core-value").textContent = String(Math.max(1, s.minCore));
  const ego = byId<HTMLSelectElement>("ego");
  ego.value = String(s.ego);
  ego.disabled = !s.selected;
  byId<HTMLInputElement>("show-isolated").checked = s.showIsolated;
  byId<HTMLInputElement>("hide-candidates").checked = s.hideCandidates;
  byId<HTMLSelectElement>("rank").value = s.rank;
  byId<HTMLInputElement>("kind-co").checked = s.showCoMention;
  byId<HTMLInputElement>("kind-role").checked = s.showRole;
  byId<HTMLSelectElement>("size").value = s.size;
  byId<HTMLInputElement>("community").checked = s.community;
}

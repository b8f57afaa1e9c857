// The toolbar and the legend: each control writes the view state through the store, and every control
// is put back in line with the state whenever it changes (a link, a hashchange, another control).
import type { EntityType, WindowLevel } from "../../src/types.ts";
import { TYPE_NAMES } from "./colors.ts";
import { byId, clear, h } from "./dom.ts";
import { typeColor, type Model } from "./model.ts";
import type { ViewStore } from "./state.ts";
import type { SizeMetric } from "./url-state.ts";

export function buildLegend(model: Model, store: ViewStore): void {
  const legend = byId<HTMLUListElement>("legend");
  clear(legend);
  const counts = new Map<string, number>();
  for (const e of model.entities.values()) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  for (const type of model.types) {
    const swatch = h("span", { class: "swatch" });
    swatch.style.background = typeColor(type);
    const button = h(
      "button",
      { class: "legend-item", title: "Show or hide this type", attrs: { type: "button", "data-type": type } },
      swatch,
      (TYPE_NAMES as Record<string, string>)[type] ?? type,
      h("span", { class: "count" }, String(counts.get(type) ?? 0)),
    );
    button.addEventListener("click", () => store.toggleType(type as EntityType));
    legend.appendChild(h("li", null, button));
  }
}

export interface ControlActions {
  toggleLayout(): boolean;
  exportPng(): void;
}

export function bindControls(model: Model, store: ViewStore, actions: ControlActions): void {
  const windowSelect = byId<HTMLSelectElement>("window");
  windowSelect.addEventListener("change", () => store.set({ window: windowSelect.value as WindowLevel }));
  const slider = byId<HTMLInputElement>("min-weight");
  slider.addEventListener("input", () => store.set({ minWeight: Number(slider.value) || 1 }));
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
  byId("export-png").addEventListener("click", () => actions.exportPng());
  store.on(() => syncControls(model, store));
  syncControls(model, store);
}

/** Puts every control in line with the state. */
function syncControls(model: Model, store: ViewStore): void {
  const s = store.state;
  byId<HTMLSelectElement>("window").value = s.window;
  const slider = byId<HTMLInputElement>("min-weight");
  slider.max = String(Math.max(1, model.maxWeight[s.window]));
  slider.value = String(s.minWeight);
  byId("min-weight-value").textContent = String(s.minWeight);
  byId<HTMLInputElement>("kind-co").checked = s.showCoMention;
  byId<HTMLInputElement>("kind-role").checked = s.showRole;
  byId<HTMLSelectElement>("size").value = s.size;
  byId<HTMLInputElement>("community").checked = s.community;
  for (const button of byId("legend").querySelectorAll<HTMLButtonElement>("button.legend-item")) {
    const off = s.hiddenTypes.has(button.dataset.type as EntityType);
    button.setAttribute("aria-pressed", String(!off));
    button.classList.toggle("off", off);
  }
}

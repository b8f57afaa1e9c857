// The side panel of the selected entity: who it is, the titles it holds, whom it appears with, and the
// evidence for one chosen neighbour. Built from text nodes only (see dom.ts); evidence is fetched when a
// neighbour is chosen, never before.
import type { WindowLevel } from "../../src/types.ts";
import { TYPE_NAMES } from "./colors.ts";
import { loadEvidence, loadRoles, type EvidenceItem } from "./data.ts";
import { append, clear, h } from "./dom.ts";
import { rankPairs, type Ranked, type PairCounts } from "../../src/query/rank.ts";
import { entityId, nodeKey, pairCountsOf, strengthsOf, typeColor, type Entity, type Model } from "./model.ts";
import type { ViewStore } from "./state.ts";
import { edgeInRange, isActive } from "./time-filter.ts";
import { shownEvidence } from "./evidence.ts";
import { downloadText } from "./exports.ts";
import { evidenceCsv } from "./view-export.ts";

/** What the panel shows follows these parts of the state. */
const PANEL_KEYS = ["selected", "neighbour", "window", "rank", "time"] as const;

const MAX_NEIGHBOURS = 40;
const MAX_EVIDENCE = 60;

export class Panel {
  /** Bumped on every render, so an answer that arrives late for an older selection is dropped. */
  private generation = 0;
  private showAll = false;
  private lastSelected: string | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly model: Model,
    private readonly store: ViewStore,
  ) {
    store.on((change) => {
      if (PANEL_KEYS.some((k) => change.keys.has(k))) this.render();
    });
  }

  private select(id: string | null): void {
    this.store.set({ selected: id }, { reveal: true });
  }

  private chooseNeighbour(id: string | null): void {
    this.store.set({ neighbour: id });
  }

  render(): void {
    const { state } = this.store;
    const model = this.model;
    const generation = ++this.generation;
    clear(this.root);
    const entity = state.selected ? model.entities.get(state.selected) : undefined;
    if (!entity) {
      this.root.hidden = true;
      return;
    }
    if (this.lastSelected !== entity.id) this.showAll = false;
    this.lastSelected = entity.id;
    this.root.hidden = false;

    const swatch = h("span", { class: "swatch" });
    swatch.style.background = typeColor(entity.type);
    const typeName = (TYPE_NAMES as Record<string, string>)[entity.type] ?? entity.type;
    append(
      this.root,
      h("button", { class: "close", title: "Close", attrs: { type: "button", "aria-label": "Close" }, onClick: () => this.select(null) }, "×"),
      h("h2", { class: "entity-label" }, entity.label),
      entity.name_en ? h("p", { class: "name-en" }, entity.name_en) : null,
      h(
        "p",
        { class: "entity-type" },
        swatch,
        typeName,
        entity.candidate ? h("span", { class: "candidate", title: "Proposed by the build, not in the dictionary" }, " candidate 候选") : null,
      ),
      h("p", { class: "counts" }, `${entity.mentions} mentions · ${entity.documents} documents`),
      entity.aliases.length ? h("p", { class: "aliases" }, h("span", { class: "muted" }, "Aliases: "), entity.aliases.join(" · ")) : null,
    );

    // Evidence first, in a pane that stays at the top of the panel while the list scrolls under it.
    if (state.neighbour && model.entities.has(state.neighbour)) {
      const evidence = h("section", { class: "evidence", attrs: { "aria-live": "polite" } });
      this.root.appendChild(evidence);
      void this.renderEvidence(evidence, entity, model.entities.get(state.neighbour)!, generation);
    }

    this.root.appendChild(this.renderNeighbours(entity));

    const titles = h("section", { class: "titles" });
    this.root.appendChild(titles);
    void this.renderTitles(titles, entity, generation);
  }

  private async renderTitles(section: HTMLElement, entity: Entity, generation: number): Promise<void> {
    const { graph, entities } = this.model;
    const held: { title: string; orgId?: string; orgLabel?: string }[] = [];
    const holders: { title: string; personId: string }[] = [];
    const seen = new Set<string>();
    const hold = (title: string, orgId?: string, orgLabel?: string) => {
      const key = `${title}\u0000${orgId ?? orgLabel ?? ""}`;
      if (!title || seen.has(key)) return;
      seen.add(key);
      held.push({ title, orgId, orgLabel });
    };
    const key = nodeKey(this.model, entity.id)!;
    graph.forEachOutEdge(key, (_e, attrs, _s, target) => {
      const orgId = entityId(this.model, target);
      if (attrs.kind === "role") hold(attrs.title, orgId, entities.get(orgId)?.label);
    });
    graph.forEachInEdge(key, (_e, attrs, source) => {
      if (attrs.kind === "role") holders.push({ title: attrs.title, personId: entityId(this.model, source) });
    });
    const rows = await loadRoles();
    if (generation !== this.generation) return;
    for (const r of rows)
      if (r.person === entity.id) {
        const orgId = r.org && entities.has(r.org) ? r.org : undefined;
        // The same title at a known organisation is already listed from the graph's role edge.
        if (orgId && seen.has(`${r.title}\u0000${orgId}`)) continue;
        hold(r.title, orgId, orgId ? entities.get(orgId)!.label : r.org_label);
      }
    for (const t of entity.titles) if (![...seen].some((k) => k.startsWith(`${t}\u0000`))) hold(t);

    if (held.length) {
      append(
        section,
        h("h3", null, "Titles 职务"),
        h(
          "ul",
          { class: "title-list" },
          ...held.map((t) =>
            h(
              "li",
              null,
              h("span", { class: "title" }, t.title),
              t.orgId ? " · " : t.orgLabel ? " · " : null,
              t.orgId ? this.entityLink(t.orgId) : t.orgLabel ? h("span", { class: "org" }, t.orgLabel) : null,
            ),
          ),
        ),
      );
    }
    if (holders.length) {
      holders.sort((a, b) => a.title.localeCompare(b.title));
      append(
        section,
        h("h3", null, "People with titles here"),
        h("ul", { class: "title-list" }, ...holders.map((x) => h("li", null, this.entityLink(x.personId), " · ", h("span", { class: "title" }, x.title)))),
      );
    }
  }

  private entityLink(id: string): HTMLButtonElement {
    const label = this.model.entities.get(id)?.label ?? id;
    return h("button", { class: "link", attrs: { type: "button" }, title: "Select", onClick: () => this.select(id) }, label);
  }

  /** Co-mentions at the window with ties in the time range, in the order `guanxi who` gives (src/query/rank.ts). */
  private neighbours(entity: Entity, window: WindowLevel): Ranked<PairCounts>[] {
    const strengths = strengthsOf(this.model, window);
    const time = this.store.state.time;
    const pairs = pairCountsOf(this.model, entity.id, (edge) => edgeInRange(edge.months, time));
    return rankPairs(entity.id, pairs, window, this.store.state.rank, (id) => strengths.get(id) ?? 0);
  }

  private renderNeighbours(entity: Entity): HTMLElement {
    const { state } = this.store;
    const model = this.model;
    const all = this.neighbours(entity, state.window);
    const by = state.rank === "count" ? "count" : "count × association";
    const section = h(
      "section",
      { class: "neighbours" },
      h("h3", null, `Co-mentioned 共现 (${state.window}) · ${all.length}`),
      h("p", { class: "muted rank-note" }, `ranked by ${by}; each row: ${state.window}s · sentences · documents · association`),
    );
    if (!all.length) {
      section.appendChild(h("p", { class: "muted" }, isActive(state.time) ? "No co-mentions at this window in this time range." : "No co-mentions at this window."));
      return section;
    }
    const shown = this.showAll ? all : all.slice(0, MAX_NEIGHBOURS);
    const list = h("ol", { class: "neighbour-list" });
    for (const n of shown) {
      const other = model.entities.get(n.pair.id);
      if (!other) continue;
      const dot = h("span", { class: "dot" });
      dot.style.background = typeColor(other.type);
      const chosen = state.neighbour === n.pair.id;
      const reason = `${n.count} ${state.window}${n.count === 1 ? "" : "s"} · ${n.pair.sentence} sentence${n.pair.sentence === 1 ? "" : "s"} · ${n.pair.documents} doc${n.pair.documents === 1 ? "" : "s"} · association ${n.association.toFixed(2)}`;
      list.appendChild(
        h(
          "li",
          { class: chosen ? "chosen" : undefined, attrs: { "data-id": n.pair.id } },
          h(
            "button",
            {
              class: "neighbour",
              title: `Show the evidence (${reason})`,
              attrs: { type: "button", "aria-pressed": String(chosen) },
              onClick: () => this.chooseNeighbour(chosen ? null : n.pair.id),
            },
            dot,
            h("span", { class: "nb-label" }, other.label),
            h("span", { class: "weight", title: reason }, `${n.count} · ${n.pair.sentence} · ${n.pair.documents} · ${n.association.toFixed(2)}`),
          ),
          h("button", { class: "goto", title: "Select this entity", attrs: { type: "button", "aria-label": "Select" }, onClick: () => this.select(n.pair.id) }, "→"),
        ),
      );
    }
    section.appendChild(list);
    if (all.length > shown.length)
      section.appendChild(
        h(
          "button",
          {
            class: "more",
            attrs: { type: "button" },
            onClick: () => {
              this.showAll = true;
              this.render();
            },
          },
          `Show all ${all.length}`,
        ),
      );
    return section;
  }

  private async renderEvidence(section: HTMLElement, a: Entity, b: Entity, generation: number): Promise<void> {
    const window = this.store.state.window;
    append(
      section,
      h("button", { class: "close-evidence", title: "Close the evidence", attrs: { type: "button", "aria-label": "Close the evidence" }, onClick: () => this.chooseNeighbour(null) }, "×"),
      h("h3", null, "Evidence 证据: ", h("mark", { class: "hl-a" }, a.label), " — ", h("mark", { class: "hl-b" }, b.label)),
    );
    const status = h("p", { class: "muted" }, "Loading…");
    section.appendChild(status);
    let evidence;
    let highlightedText: typeof import("./highlight.ts").highlightedText;
    try {
      // The highlighter folds scripts with names.ts (OpenCC's table): loaded with the first evidence.
      [evidence, { highlightedText }] = await Promise.all([loadEvidence(a.id, b.id), import("./highlight.ts")]);
    } catch (err) {
      if (generation !== this.generation) return;
      status.textContent = `Could not load the evidence (${err instanceof Error ? err.message : String(err)}).`;
      return;
    }
    if (generation !== this.generation) return;
    if (!evidence || !evidence.items.length) {
      status.textContent = "No evidence stored for this pair.";
      return;
    }
    status.textContent = `sentence ${evidence.total.sentence} · paragraph ${evidence.total.paragraph} · article ${evidence.total.article}`;
    status.className = "counts";
    const items = shownEvidence(evidence, window, this.store.state.time);
    if (items.length)
      section.appendChild(
        h(
          "button",
          {
            class: "export-evidence",
            title: "Download these passages as CSV",
            attrs: { type: "button" },
            onClick: () => downloadText(`guanxi-evidence-${fileSafe(a.id)}-${fileSafe(b.id)}.csv`, evidenceCsv(a, b, items), "text/csv"),
          },
          `CSV of these ${items.length} passage${items.length === 1 ? "" : "s"}`,
        ),
      );
    if (!items.length) {
      // The counts above are the pair's whole record: say why none of it is listed.
      section.appendChild(h("p", { class: "muted" }, "No passages dated in this time range."));
      return;
    }
    const namesA = [a.label, ...a.aliases, a.name_en];
    const namesB = [b.label, ...b.aliases, b.name_en];
    const list = h("ol", { class: "evidence-list" });
    for (const it of items.slice(0, MAX_EVIDENCE)) {
      const text = h("p", { class: "ev-text" });
      text.appendChild(highlightedText(it.text, namesA, namesB));
      list.appendChild(
        h(
          "li",
          { class: "ev" },
          text,
          h(
            "p",
            { class: "ev-meta" },
            it.title ? h("cite", { class: "ev-title" }, it.title) : null,
            h("span", { class: "ev-source" }, it.source || it.doc),
            it.date ? h("span", { class: "ev-date" }, it.date) : null,
            h("span", { class: "ev-level" }, it.level),
            it.duplicateOf ? h("span", { class: "ev-dup", title: `Repeats ${it.duplicateOf}` }, "duplicate") : null,
          ),
        ),
      );
    }
    section.appendChild(list);
    if (items.length > MAX_EVIDENCE) section.appendChild(h("p", { class: "muted" }, `${items.length - MAX_EVIDENCE} more passages not shown.`));
  }
}

/** An entity id as part of a file name. */
function fileSafe(id: string): string {
  return id.replace(/[^\w.-]+/g, "_").slice(0, 60);
}

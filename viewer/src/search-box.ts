// The search box: types a name, lists the entities it may mean, and selects one through the store. The
// search module (and pinyin-pro's dictionary with it) is loaded after the first frame.
import { byId, clear, h } from "./dom.ts";
import { typeColor, type Model } from "./model.ts";
import type { SearchHit, SearchIndexer } from "./search.ts";
import type { ViewStore } from "./state.ts";

/** Runs `task` in idle time; it is told when that idle period is used up. */
function whenIdle(task: (hasTime: () => boolean) => void): void {
  if ("requestIdleCallback" in window) window.requestIdleCallback((deadline) => task(() => deadline.timeRemaining() > 1));
  else
    setTimeout(() => {
      const end = performance.now() + 8;
      task(() => performance.now() < end);
    }, 50);
}

export function bindSearch(model: Model, store: ViewStore): void {
  const input = byId<HTMLInputElement>("search");
  const list = byId<HTMLUListElement>("suggestions");
  let indexer: Promise<SearchIndexer> | undefined;
  const loadSearch = () => (indexer ??= import("./search.ts").then(({ SearchIndexer }) => new SearchIndexer(model.entities.values())));
  let hits: SearchHit[] = [];
  /** Near misses shown under "no match" when a query found nothing. */
  let nearMisses: SearchHit[] = [];
  let activeHit = -1;
  /** Bumped by every query, so that an answer which waited for the search module is dropped when stale. */
  let querySeq = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    activeHit = -1;
  };
  const pick = (hit: SearchHit | undefined) => {
    if (!hit) return;
    input.value = hit.label;
    close();
    input.blur();
    store.set({ selected: hit.id }, { reveal: true });
  };
  const render = () => {
    clear(list);
    if (!hits.length && input.value.trim()) {
      list.appendChild(h("li", { class: "no-match", attrs: { role: "presentation" } }, `No match for “${input.value.trim()}”.`, nearMisses.length ? " Did you mean:" : ""));
      for (const hit of nearMisses) {
        const item = h("li", { class: "near-miss", attrs: { role: "option", "aria-selected": "false" } }, h("span", { class: "s-label" }, hit.label), hit.name_en ? h("span", { class: "s-en" }, hit.name_en) : null);
        item.addEventListener("mousedown", (ev) => {
          ev.preventDefault();
          pick(hit);
        });
        list.appendChild(item);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      return;
    }
    hits.forEach((hit, i) => {
      const dot = h("span", { class: "dot" });
      dot.style.background = typeColor(hit.type);
      const item = h(
        "li",
        { class: i === activeHit ? "active" : undefined, attrs: { role: "option", "aria-selected": String(i === activeHit) } },
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
    list.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  };
  // Queries are answered asynchronously (the search module may still be loading): `answered` is the
  // query whose hits are listed, `inFlight` the latest one's answer.
  let answered = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const runQuery = (): void => {
    const seq = ++querySeq;
    inFlight = Promise.all([loadSearch(), import("./search.ts")]).then(([ready, { search, suggest }]) => {
      if (seq !== querySeq) return;
      hits = search(ready.complete(), input.value, 10);
      nearMisses = hits.length ? [] : suggest(ready, input.value, 5);
      activeHit = hits.length ? 0 : -1;
      answered = seq;
      render();
    });
  };
  input.addEventListener("input", runQuery);
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!hits.length) return;
      ev.preventDefault();
      const step = ev.key === "ArrowDown" ? 1 : -1;
      activeHit = (activeHit + step + hits.length) % hits.length;
      render();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      // Enter right after typing waits for that text's answer; a text never searched is searched now.
      if (answered === querySeq && !hits.length && input.value.trim()) runQuery();
      const seq = querySeq;
      void inFlight.then(() => {
        if (seq === querySeq) pick(hits[Math.max(0, activeHit)]);
      });
    } else if (ev.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", close);
  // Build the index while the user looks at the graph, a slice per idle period, so that the first
  // keystroke finds it ready and no frame waits for pinyin.
  void loadSearch().then((ready) => {
    const slice = (hasTime: () => boolean) => {
      if (!ready.indexSome(hasTime)) whenIdle(slice);
    };
    whenIdle(slice);
  });
}

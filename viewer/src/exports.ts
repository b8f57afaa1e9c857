// The Export menu: pictures (PNG, SVG) and data (GEXF, GraphML, CSV) of what the filters show, made in
// the browser from the view state and handed over as downloads. Nothing is asked of a server, so a
// static site (`guanxi site`) exports the same. Each export reads the state through the store and what
// the filters leave through view-filter.ts, as the graph view does; the strings are view-export.ts's and
// view-image.ts's plain functions.
import { LABEL_FONT } from "./colors.ts";
import { byId } from "./dom.ts";
import type { Model } from "./model.ts";
import type { ViewStore } from "./state.ts";
import { nodesCsv, edgesCsv, viewGexf, viewGraphml, type ViewSnapshot } from "./view-export.ts";
import { visibleSet } from "./view-filter.ts";
import { IMAGE_SIDE, clampSide, viewSvg, type TextMeasure } from "./view-image.ts";

/** Hands a file to the browser's downloads (a link to an object URL, clicked). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has its own reference by now; the URL may go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** Text widths as the picture will draw them (the same font list as the labels). */
function canvasMeasure(): TextMeasure {
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return (text, px) => text.length * px;
  return (text, px, bold) => {
    context.font = `${bold ? 700 : 500} ${px}px ${LABEL_FONT}`;
    return context.measureText(text).width;
  };
}

/** The SVG drawn onto a canvas of its own size by the browser, as a PNG. */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas");
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(`the browser could not make a ${width}×${height} PNG`))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function bindExports(model: Model, store: ViewStore): void {
  const snapshot = (): ViewSnapshot => ({ model, state: store.state, shown: visibleSet(model, store.state) });
  const title = byId<HTMLInputElement>("export-title");
  const width = byId<HTMLInputElement>("export-width");
  const height = byId<HTMLInputElement>("export-height");
  // A site's own title (guanxi site --title) is the picture's default title.
  title.value = document.querySelector("#site-banner .site-title")?.textContent ?? "Guanxi 关系";
  const size = () => {
    const w = clampSide(Number(width.value), IMAGE_SIDE.width);
    const h = clampSide(Number(height.value), IMAGE_SIDE.height);
    // Out-of-range sizes are shown corrected, so the file's size is the one on screen.
    width.value = String(w);
    height.value = String(h);
    return { width: w, height: h };
  };
  const svg = () => viewSvg(snapshot(), { ...size(), title: title.value, measure: canvasMeasure() });
  const status = byId("export-status");
  const run = (task: () => Promise<void> | void) => async () => {
    status.textContent = "";
    try {
      await task();
    } catch (err) {
      status.textContent = `Export failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  };
  byId("export-svg").addEventListener("click", run(() => downloadText("guanxi-view.svg", svg(), "image/svg+xml")));
  byId("export-png").addEventListener(
    "click",
    run(async () => {
      const text = svg();
      const { width: w, height: h } = size();
      downloadBlob("guanxi-view.png", await svgToPng(text, w, h));
    }),
  );
  closeOnOutsideClick(byId<HTMLDetailsElement>("export"));
  byId("export-gexf").addEventListener("click", run(() => downloadText("guanxi-view.gexf", viewGexf(snapshot()), "application/xml")));
  byId("export-graphml").addEventListener("click", run(() => downloadText("guanxi-view.graphml", viewGraphml(snapshot()), "application/xml")));
  byId("export-nodes").addEventListener("click", run(() => downloadText("guanxi-nodes.csv", nodesCsv(snapshot()), "text/csv")));
  byId("export-edges").addEventListener("click", run(() => downloadText("guanxi-links.csv", edgesCsv(snapshot()), "text/csv")));
}

/** The menu folds away when the user goes back to the graph or the panel, or presses Escape. */
function closeOnOutsideClick(menu: HTMLDetailsElement): void {
  document.addEventListener("pointerdown", (event) => {
    if (menu.open && !menu.contains(event.target as Node)) menu.open = false;
  });
  document.addEventListener("keydown", (event) => {
    if (menu.open && event.key === "Escape") menu.open = false;
  });
}

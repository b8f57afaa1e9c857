// Browser tests of the Export menu, declared once and run against two hosts: `guanxi serve`
// (tests/viewer/browser.test.ts) and a static site from a plain file server (tests/serve/site.test.ts).
// Each export is clicked, the downloaded file captured and read back: CSV with the build's own table
// reader, GEXF against the official schema and with graphology-gexf, GraphML with graphology-graphml,
// SVG with xmllint and the browser's XML parser, PNG decoded by the browser; and every count compared
// with what the page shows after a filter.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MultiGraph } from "graphology";
import gexf from "graphology-gexf";
import graphml from "graphology-graphml";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDelimited } from "../../src/ingest/table.ts";
import { xmllint, xmlWellFormed } from "../export/schemas.ts";
import { pixelCounts } from "./pixels.ts";

export interface ExportTestContext {
  browser(): Browser;
  /** A page with the viewer open and ready, on a build of seeds/. */
  page(): Page;
  /** The build's graph.json, for the entities' labels and types. */
  graphJson(): string;
}

export async function downloaded(page: Page, selector: string): Promise<{ name: string; data: Buffer }> {
  const download = page.waitForEvent("download", { timeout: 30_000 });
  await page.click(selector);
  const file = await download;
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  return { name: file.suggestedFilename(), data: Buffer.concat(chunks) };
}

function csvRows(data: Buffer): string[][] {
  const text = data.toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const { rows, errors } = parseDelimited(text, ",");
  expect(errors).toEqual([]);
  return rows.map((r) => r.fields);
}

/** What the page shows: entity ids and links, by the viewer's hooks and by its status line. */
async function shown(page: Page): Promise<{ ids: string[]; edges: number }> {
  const ids = await page.evaluate(() => window.guanxi!.visibleIds());
  const edges = await page.evaluate(() => window.guanxi!.visibleEdgeCount());
  const status = (await page.locator("#status").textContent()) ?? "";
  expect(status).toMatch(new RegExp(`^${ids.length} of \\d+ entities · ${edges} links`));
  return { ids, edges };
}

export function viewExportTests(ctx: ExportTestContext): void {
  describe("exports of the view", () => {
    let work: string;
    let entities: Map<string, { label: string; type: string }>;
    const file = (name: string, data: Buffer | string) => {
      const path = join(work, name);
      writeFileSync(path, data);
      return path;
    };

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), "guanxi-view-downloads-"));
      const graph = JSON.parse(readFileSync(ctx.graphJson(), "utf8")) as { nodes: { key: string; attributes: { label: string; type: string } }[] };
      entities = new Map(graph.nodes.map((n) => [n.key, n.attributes]));
      const page = ctx.page();
      // A view no default would give: places hidden, co-mentions counted by paragraph.
      await page.evaluate(() => (location.hash = ""));
      await page.waitForFunction(() => window.guanxi!.state() === "");
      await page.click('#legend button[data-type="place"]');
      await page.selectOption("#window", "paragraph");
      await page.waitForFunction(() => /(^|&)hide=place(&|$)/.test(window.guanxi!.state()) && /(^|&)w=paragraph(&|$)/.test(window.guanxi!.state()));
      await page.click("#export summary");
      await page.locator("#export-png").waitFor({ state: "visible" });
    });
    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it("entity and link CSVs have one row per entity and link shown after the filter", async () => {
      const page = ctx.page();
      const view = await shown(page);
      const nodes = await downloaded(page, "#export-nodes");
      expect(nodes.name).toBe("guanxi-nodes.csv");
      const nodeRows = csvRows(nodes.data);
      expect(nodeRows.length - 1).toBe(view.ids.length);
      expect(new Set(nodeRows.slice(1).map((r) => r[0]))).toEqual(new Set(view.ids));
      const typeColumn = nodeRows[0].indexOf("type");
      expect(nodeRows.slice(1).some((r) => r[typeColumn] === "place")).toBe(false);
      for (const r of nodeRows.slice(1)) expect(r[1]).toBe(entities.get(r[0])!.label);
      const links = await downloaded(page, "#export-edges");
      const linkRows = csvRows(links.data);
      expect(linkRows.length - 1).toBe(view.edges);
      const kind = linkRows[0].indexOf("kind");
      const window = linkRows[0].indexOf("window");
      const co = linkRows.slice(1).filter((r) => r[kind] === "co-mention");
      expect(co.length).toBeGreaterThan(0);
      for (const r of co) expect(r[window]).toBe("paragraph");
    });

    it("GEXF of the view is valid against the official schema and holds what is shown", async () => {
      const page = ctx.page();
      const view = await shown(page);
      const { name, data } = await downloaded(page, "#export-gexf");
      expect(name).toBe("guanxi-view.gexf");
      expect(() => xmllint("1.3", file("view.gexf", data))).not.toThrow();
      const back = gexf.parse(MultiGraph, data.toString("utf8"));
      expect(back.order).toBe(view.ids.length);
      expect(back.size).toBe(view.edges);
      for (const id of view.ids) expect(back.hasNode(id), id).toBe(true);
    });

    it("GraphML of the view parses back with the same entities and links", async () => {
      const page = ctx.page();
      const view = await shown(page);
      const { name, data } = await downloaded(page, "#export-graphml");
      expect(name).toBe("guanxi-view.graphml");
      const back = graphml.parse(MultiGraph, data.toString("utf8"));
      expect(back.order).toBe(view.ids.length);
      expect(back.size).toBe(view.edges);
    });

    it("SVG of the view around a selection: well-formed, at the size asked, every label shown as text", async () => {
      const page = ctx.page();
      await page.fill("#search", "BrainCo");
      await page.press("#search", "Enter");
      await expect.poll(() => page.locator("#panel h2").textContent()).toBe("强脑科技");
      await page.selectOption("#ego", "1");
      await expect.poll(() => page.evaluate(() => window.guanxi!.state())).toContain("ego=1");
      const view = await shown(page);
      expect(view.ids.length).toBeLessThan(entities.size / 2);
      if (!(await page.locator("#export-svg").isVisible())) await page.click("#export summary");
      await page.fill("#export-title", "强脑科技 <and> its neighbours");
      await page.fill("#export-width", "1600");
      await page.fill("#export-height", "1100");
      const { name, data } = await downloaded(page, "#export-svg");
      expect(name).toBe("guanxi-view.svg");
      expect(() => xmlWellFormed(file("view.svg", data))).not.toThrow();
      const blank = await ctx.browser().newPage();
      try {
        const parsed = await blank.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, "image/svg+xml");
          const root = doc.documentElement;
          return {
            error: doc.getElementsByTagName("parsererror").length,
            width: root.getAttribute("width"),
            height: root.getAttribute("height"),
            title: doc.querySelector("g.header text.title")?.textContent,
            labels: [...doc.querySelectorAll("g.labels text")].map((t) => t.textContent),
            legend: [...doc.querySelectorAll("g.legend text")].map((t) => t.textContent),
          };
        }, data.toString("utf8"));
        expect(parsed.error).toBe(0);
        expect([parsed.width, parsed.height]).toEqual(["1600", "1100"]);
        expect(parsed.title).toBe("强脑科技 <and> its neighbours");
        expect(parsed.labels.sort()).toEqual(view.ids.map((id) => entities.get(id)!.label).sort());
        expect(parsed.legend.some((t) => t?.startsWith("企业 company"))).toBe(true);
      } finally {
        await blank.close();
      }
    });

    it("PNG of the same view decodes at the size asked, with the graph drawn", async () => {
      const page = ctx.page();
      await page.fill("#export-width", "1000");
      await page.fill("#export-height", "700");
      const { name, data } = await downloaded(page, "#export-png");
      expect(name).toBe("guanxi-view.png");
      expect(data.subarray(1, 4).toString()).toBe("PNG");
      const blank = await ctx.browser().newPage();
      try {
        const png = await pixelCounts(blank, data);
        expect([png.width, png.height]).toEqual([1000, 700]);
        expect(png.ink).toBeGreaterThan(5000);
        // Nodes of several types, the title and the legend.
        expect(png.coloured).toBeGreaterThan(500);
        expect(png.colours).toBeGreaterThan(10);
      } finally {
        await blank.close();
      }
    });

    it("the evidence CSV holds the passages shown for the selected pair", async () => {
      const page = ctx.page();
      await page.locator('#panel .neighbour-list li[data-id="alibaba"] button.neighbour').click();
      await page.locator("#panel .evidence-list li.ev").first().waitFor({ timeout: 10_000 });
      const passages = await page.locator("#panel .evidence-list li.ev .ev-text").allTextContents();
      expect(passages.length).toBeGreaterThan(0);
      const more = await page.locator("#panel .evidence > p.muted", { hasText: "more passages not shown" }).count();
      expect(more).toBe(0);
      const { name, data } = await downloaded(page, "#panel button.export-evidence");
      expect(name).toBe("guanxi-evidence-brainco-alibaba.csv");
      const rows = csvRows(data);
      expect(rows[0].slice(0, 4)).toEqual(["entity_a", "label_a", "entity_b", "label_b"]);
      expect(rows.length - 1).toBe(passages.length);
      const text = rows[0].indexOf("text");
      expect(rows.slice(1).map((r) => r[text])).toEqual(passages);
      for (const r of rows.slice(1)) expect(r.slice(0, 4)).toEqual(["brainco", "强脑科技", "alibaba", "阿里巴巴"]);
    });
  });
}

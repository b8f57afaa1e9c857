// The viewer's reading of build files: a damaged graph.json or evidence shard is an error that names
// the file (the panel shows it), not the JSON parser's message alone.
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadEvidence, loadGraph } from "../../viewer/src/data.ts";
import { evidenceShardPath } from "../../src/evidence/key.ts";

/** A server that answers every path with `body` (and the evidence API with 500, as for a store and shard that fail). */
function serveText(body: string): void {
  vi.stubGlobal("document", { querySelector: () => null });
  vi.stubGlobal("fetch", async (url: string) => (url.includes("api/evidence") ? new Response("damaged", { status: 500 }) : new Response(body, { status: 200 })));
}

afterEach(() => vi.unstubAllGlobals());

describe("damaged build files in the viewer", () => {
  it("graph.json cut short", async () => {
    serveText('{"nodes": [');
    await expect(loadGraph()).rejects.toThrow(/graph\.json is damaged/);
  });

  it("an evidence shard cut short", async () => {
    serveText('{"a|b": {"total"');
    await expect(loadEvidence("a", "b")).rejects.toThrow(`${evidenceShardPath("a", "b")} is damaged`);
  });

  it("whole files still read", async () => {
    serveText(JSON.stringify({ "a|b": { total: { sentence: 1, paragraph: 1, article: 1 }, items: [{ doc: "d", level: "sentence", text: "t" }] } }));
    expect((await loadEvidence("a", "b"))?.items[0].text).toBe("t");
  });
});

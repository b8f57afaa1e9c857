import { describe, expect, it } from "vitest";
import { dateInRange, decodeRange, edgeInRange, encodeRange, monthSpan, stepRange } from "../../viewer/src/time-filter.ts";
import { decodeState, encodeState } from "../../viewer/src/url-state.ts";
import { buildModel } from "../../viewer/src/model.ts";
import { ViewStore, type StateChange } from "../../viewer/src/state.ts";

const pairModel = (months?: Record<string, number>) =>
  buildModel({
    nodes: [{ key: "a", attributes: { label: "A", type: "person" } }, { key: "b", attributes: { label: "B", type: "company" } }],
    edges: [{ source: "a", target: "b", attributes: { kind: "co-mention", sentence: 1, ...(months ? { months } : {}) }, undirected: true }],
  });

describe("the viewer's time range", () => {
  it("spans every month from the first to the last, gaps and year ends included", () => {
    expect(monthSpan(["2025-02", "2024-11", "bad", "2024-13"])).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
    expect(monthSpan([])).toEqual([]);
  });
  it("shows an edge or a passage only when it has documents in the range; everything without one", () => {
    const r = { from: "2024-03", to: "2024-05" };
    expect(edgeInRange({ "2024-01": 2, "2024-04": 1 }, r)).toBe(true);
    expect(edgeInRange({ "2024-01": 2, "2024-06": 1 }, r)).toBe(false);
    expect(edgeInRange(undefined, r)).toBe(false);
    expect(edgeInRange(undefined, { from: null, to: null })).toBe(true);
    expect(dateInRange("2024-05-31", r)).toBe(true);
    expect(dateInRange("2024-06-01", r)).toBe(false);
    expect(dateInRange("", r)).toBe(false);
    expect(dateInRange(undefined, { from: "2024-03", to: null })).toBe(false);
    expect(dateInRange("2030-01-01", { from: "2024-03", to: null })).toBe(true);
  });
  it("plays a month at a time, keeping the width, and stops at the end", () => {
    const months = monthSpan(["2024-01", "2024-04"]);
    expect(stepRange({ from: null, to: null }, months)).toEqual({ from: "2024-01", to: "2024-01" });
    expect(stepRange({ from: "2024-01", to: "2024-02" }, months)).toEqual({ from: "2024-02", to: "2024-03" });
    expect(stepRange({ from: "2024-03", to: "2024-04" }, months)).toBeNull();
    expect(stepRange({ from: null, to: null }, [])).toBeNull();
  });
  it("lives in the URL with the other filters, and a bad or reversed range is mended", () => {
    const s = decodeState("#n=wang-jian&from=2024-03&to=2024-05");
    expect(s.time).toEqual({ from: "2024-03", to: "2024-05" });
    expect(encodeState(s)).toBe("n=wang-jian&from=2024-03&to=2024-05");
    expect(decodeRange(new URLSearchParams("from=2024-13&to=x"))).toEqual({ from: null, to: null });
    expect(decodeRange(new URLSearchParams("from=2024-05&to=2024-03"))).toEqual({ from: "2024-03", to: "2024-05" });
    const p = new URLSearchParams();
    encodeRange({ from: null, to: null }, p);
    expect(p.toString()).toBe("");
  });
  it("is part of the view state: a change is announced as `time`, and a build without dates drops it", () => {
    const store = new ViewStore(pairModel({ "2024-01": 1, "2024-03": 2 }));
    const changes: StateChange[] = [];
    store.on((c) => changes.push(c));
    store.set({ time: { from: "2024-02", to: "2024-03" } });
    expect(changes.map((c) => [...c.keys])).toEqual([["time"]]);
    // The same range again is no change.
    store.set({ time: { from: "2024-02", to: "2024-03" } });
    expect(changes).toHaveLength(1);
    // A link made on a dated build, opened on an undated one: nothing to choose, so no range.
    expect(new ViewStore(pairModel(), decodeState("#from=2024-02&to=2024-03")).state.time).toEqual({ from: null, to: null });
    expect(new ViewStore(pairModel({ "2024-01": 1 }), decodeState("#from=2024-02&to=2024-03")).state.time).toEqual({ from: "2024-02", to: "2024-03" });
  });
});

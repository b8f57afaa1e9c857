// The flat alias trie (src/link/trie.ts): every key is found with its value, every proper prefix is a
// node without one, and nothing else is a node.
import { describe, expect, it } from "vitest";
import { FlatTrie, HAS_VALUE, MAY_IGNORE_SEGMENTATION } from "../../src/link/trie.ts";

const keys = ["杭州", "杭州市", "杭州市余杭区", "杭州东站", "余杭", "ab", "abc", "b"];
const trie = new FlatTrie(new Map(keys.map((k, i) => [k, i])));

describe("FlatTrie", () => {
  it("finds every key with its own value", () => {
    for (const [i, k] of keys.entries()) {
      const node = trie.find(k);
      expect(node, k).toBeGreaterThan(0);
      expect(trie.valueAt(node), k).toBe(i);
      expect(trie.flags[node] & HAS_VALUE, k).toBe(HAS_VALUE);
    }
  });

  it("has the prefixes as nodes without values, and no other strings", () => {
    for (const prefix of ["杭", "杭州市余", "杭州东", "a"]) {
      const node = trie.find(prefix);
      expect(node, prefix).toBeGreaterThan(0);
      expect(trie.valueAt(node), prefix).toBeUndefined();
      expect(trie.flags[node] & HAS_VALUE, prefix).toBe(0);
    }
    for (const absent of ["州", "杭州西", "余杭区", "abd", "c"]) expect(trie.find(absent), absent).toBe(0);
    // One node per distinct prefix, and the root.
    const prefixes = new Set(keys.flatMap((k) => [...Array(k.length).keys()].map((i) => k.slice(0, i + 1))));
    expect(trie.size).toBe(prefixes.size + 1);
  });

  it("walks a text one code unit at a time from the root's table", () => {
    let node = trie.rootByCode["杭".charCodeAt(0)];
    for (const ch of "州市余杭区") node = trie.child(node, ch.charCodeAt(0));
    expect(trie.valueAt(node)).toBe(2);
    expect(trie.child(node, "x".charCodeAt(0))).toBe(0);
  });

  it("marks the path of a key, and no other node", () => {
    const t = new FlatTrie(new Map([["abc", 1], ["abd", 2], ["x", 3]]));
    t.markPath("abc", MAY_IGNORE_SEGMENTATION);
    for (const p of ["a", "ab", "abc"]) expect(t.flags[t.find(p)] & MAY_IGNORE_SEGMENTATION, p).toBe(MAY_IGNORE_SEGMENTATION);
    for (const p of ["abd", "x"]) expect(t.flags[t.find(p)] & MAY_IGNORE_SEGMENTATION, p).toBe(0);
  });

  it("binary-searches a node with many children as well as it scans a few", () => {
    const many = Array.from({ length: 40 }, (_, i) => `q${String.fromCharCode(0x4e00 + i * 7)}`);
    const t = new FlatTrie(new Map(many.map((k, i) => [k, i])));
    for (const [i, k] of many.entries()) expect(t.valueAt(t.find(k))).toBe(i);
    expect(t.find(`q${String.fromCharCode(0x4e01)}`)).toBe(0);
  });
});

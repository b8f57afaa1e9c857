// The alias trie as flat typed arrays, built once from the sorted aliases. Nodes are numbered
// breadth first, so the children of a node are consecutive ids, `first[n]` to `first[n + 1] - 1`,
// and `codes[c]` is the code unit that leads to child c (sorted within a node). A step of the walk
// reads two neighbouring integers and a short run of code units, all close together in memory. A
// trie of objects with a Map per branching node (85,000 aliases) spent the linker's time in cache
// misses and its build in allocating nodes.

/** Marks a node that some alias below it (or at it) may match away from token boundaries. */
export const MAY_IGNORE_SEGMENTATION = 1;
/** Marks a node where a key ends (it has a value): a walk reads the small flags array at every step,
 * and the large array of values only where this is set. */
export const HAS_VALUE = 2;

export class FlatTrie<T> {
  /** The root's children by code unit: the first step from every position of a text (0 = none). */
  readonly rootByCode = new Int32Array(65536);
  /** Per node: the id of its first child; its children run to `first[node + 1] - 1`. */
  readonly first: Int32Array;
  /** Per node: the code unit on the edge into it. */
  readonly codes: Uint16Array;
  /** Per node: MAY_IGNORE_SEGMENTATION, HAS_VALUE. */
  readonly flags: Uint8Array;
  /** Per node: the index in `values` of the key that ends there, or -1. */
  readonly keyAt: Int32Array;
  /** What each key holds, in the keys' sorted order. */
  readonly values: T[];

  /** The trie of the keys (strings walked by UTF-16 code unit), each holding its value. */
  constructor(entries: Map<string, T>) {
    const keys = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // Breadth first over ranges of the sorted keys: a node is the range of keys that share its prefix.
    // The keys' code units in one array (reading them from the strings, often not flat after the
    // normalisation's replacements, cost most of the build).
    let capacity = 1;
    for (const k of keys) capacity += k.length;
    const units = new Uint16Array(capacity);
    const offset = new Int32Array(keys.length + 1);
    for (let k = 0, at = 0; k < keys.length; k++) {
      const key = keys[k];
      offset[k] = at;
      for (let i = 0; i < key.length; i++) units[at++] = key.charCodeAt(i);
      offset[k + 1] = at;
    }
    const { count, first, codes, keyAt } = layOut(units, offset, keys.length, capacity);
    const flags = new Uint8Array(count);
    // The values in key order, and per node the index of its key (or -1): an array of a million
    // mostly empty slots cost more to fill than the rest of the build.
    const values: T[] = keys.map((k) => entries.get(k)!);
    for (let n = 0; n < count; n++) if (keyAt[n] >= 0) flags[n] = HAS_VALUE;
    this.first = first.slice(0, count + 1);
    this.codes = codes.slice(0, count);
    this.flags = flags;
    this.keyAt = keyAt.slice(0, count);
    this.values = values;
    for (let c = this.first[0]; c < this.first[1]; c++) this.rootByCode[this.codes[c]] = c;
  }

  /** What the key ending at a node holds, if one does. */
  valueAt(node: number): T | undefined {
    const k = this.keyAt[node];
    return k >= 0 ? this.values[k] : undefined;
  }

  get size(): number {
    return this.codes.length;
  }

  /** The child of a node by a code unit, or 0. */
  child(node: number, code: number): number {
    if (node === 0) return this.rootByCode[code];
    const codes = this.codes;
    let a = this.first[node];
    let b = this.first[node + 1] - 1;
    // Most nodes have one child or a few: a scan; a long run, a binary search.
    if (b - a < 8) {
      for (; a <= b; a++) if (codes[a] === code) return a;
      return 0;
    }
    while (a <= b) {
      const m = (a + b) >> 1;
      const c = codes[m];
      if (c === code) return m;
      if (c < code) a = m + 1;
      else b = m - 1;
    }
    return 0;
  }

  /** The node a key leads to, or 0. */
  find(key: string): number {
    let node = 0;
    for (let i = 0; i < key.length && (node = this.child(node, key.charCodeAt(i))) !== 0; i++);
    return node;
  }

  /** Sets a flag on every node on the path of a key (the key must be in the trie). */
  markPath(key: string, flag: number): void {
    let node = 0;
    for (let i = 0; i < key.length; i++) this.flags[(node = this.child(node, key.charCodeAt(i)))] |= flag;
  }
}

/**
 * The breadth-first layout of sorted keys (their code units in `units`, key k from offset[k] to
 * offset[k + 1]): a node is the range of keys that share its prefix. Kept apart from the constructor,
 * as a plain function of typed arrays, so that it is optimised as one (inside the constructor the
 * same loop ran several times slower).
 */
function layOut(units: Uint16Array, offset: Int32Array, keyCount: number, capacity: number) {
  const lo = new Int32Array(capacity);
  const hi = new Int32Array(capacity);
  const depth = new Int32Array(capacity);
  const first = new Int32Array(capacity + 1);
  const codes = new Uint16Array(capacity);
  const keyAt = new Int32Array(capacity).fill(-1);
  hi[0] = keyCount;
  let count = 1;
  for (let n = 0; n < count; n++) {
    const d = depth[n];
    const end = hi[n];
    let k = lo[n];
    // Sorted, the key that ends here (if any) comes first in its range.
    if (k < end && offset[k + 1] - offset[k] === d) keyAt[n] = k++;
    first[n] = count;
    while (k < end) {
      const code = units[offset[k] + d];
      const start = k;
      while (k < end && units[offset[k] + d] === code) k++;
      lo[count] = start;
      hi[count] = k;
      depth[count] = d + 1;
      codes[count] = code;
      count++;
    }
  }
  first[count] = count;
  return { count, first, codes, keyAt };
}

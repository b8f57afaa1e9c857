// Small stable hashes shared by the stages: the same value in Node and in browsers, run to run.

/** FNV-1a over UTF-16 code units: fast, stable across Node and browsers. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

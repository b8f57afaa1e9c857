// A synthetic build of the size the viewer must stay fluid on: 5,000 entities, 50,000 co-mentions
// (plus role edges), clustered so that the layout looks like a real one. Only graph.json is written:
// the large-graph test measures drawing and filtering, not evidence.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const TYPES = ["person", "company", "lab", "government", "programme", "place", "event"] as const;

export function writeLargeBuild(dir: string, nodes = 5000, edges = 50000): void {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const clusters = 40;
  const centres = Array.from({ length: clusters }, () => ({ x: (rand() - 0.5) * 2000, y: (rand() - 0.5) * 2000 }));
  const out = { options: { type: "mixed", multi: true, allowSelfLoops: false }, attributes: {}, nodes: [] as object[], edges: [] as object[] };
  const clusterOf: number[] = [];
  for (let i = 0; i < nodes; i++) {
    const c = Math.floor(rand() * clusters);
    clusterOf.push(c);
    const type = TYPES[Math.floor(rand() * TYPES.length)];
    out.nodes.push({
      key: `n${i}`,
      attributes: {
        label: `实体${i}`,
        type,
        aliases: [`别名${i}`],
        name_en: `Entity ${i}`,
        candidate: false,
        mentions: 1 + Math.floor(rand() * rand() * 200),
        documents: 1,
        titles: [],
        community: c,
        pagerank: rand() / nodes,
        betweenness: 0,
        weightedDegree: 0,
        x: centres[c].x + (rand() - 0.5) * 300,
        y: centres[c].y + (rand() - 0.5) * 300,
        size: 3,
        color: "#888",
      },
    });
  }
  const seen = new Set<string>();
  while (seen.size < edges) {
    const a = Math.floor(rand() * nodes);
    // Most co-mentions stay inside a cluster, as in real news.
    let b = Math.floor(rand() * nodes);
    if (rand() < 0.8) {
      for (let tries = 0; tries < 20 && clusterOf[b] !== clusterOf[a]; tries++) b = Math.floor(rand() * nodes);
    }
    if (a === b) continue;
    const [s, t] = a < b ? [`n${a}`, `n${b}`] : [`n${b}`, `n${a}`];
    const key = `co:${s}|${t}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sentence = Math.floor(rand() * rand() * 6);
    out.edges.push({
      key,
      source: s,
      target: t,
      undirected: true,
      attributes: { kind: "co-mention", weight: sentence, sentence, paragraph: sentence + 1, article: sentence + 2, documents: 1, npmi: 0 },
    });
  }
  for (let i = 0; i < nodes / 10; i++)
    out.edges.push({ key: `role:n${i}>n${i + 1}:主任`, source: `n${i}`, target: `n${i + 1}`, attributes: { kind: "role", title: "主任", weight: 1, documents: 1 } });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "graph.json"), JSON.stringify(out));
}

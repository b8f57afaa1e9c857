// Recognised names through a whole build: candidate mentions, one candidate per name across articles
// (a Traditional article included), and the candidate flag in every export and in query results;
// `stats` and `candidates` count the same candidates.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/pipeline/build.ts";
import { loadBuild } from "../../src/query/load.ts";
import { stats } from "../../src/query/queries.ts";
import type { Candidate, Mention } from "../../src/types.ts";
import { buildOptions } from "../helpers.ts";

const work = mkdtempSync(join(tmpdir(), "guanxi-recognise-"));
const inputs = join(work, "in");
const out = join(work, "out");
const lines = <T>(file: string): T[] =>
  readFileSync(join(out, file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

beforeAll(async () => {
  mkdirSync(inputs, { recursive: true });
  writeFileSync(join(inputs, "a.txt"), "小米集团创始人雷军表示，小米汽车的订单已经超过十万台。雷军说，工厂将在北京扩建。\n");
  writeFileSync(join(inputs, "b.txt"), "小米集團創始人雷軍表示，新款手機將於下月發佈。\n");
  await runBuild(buildOptions([inputs], out, { includeCandidates: true, formats: ["graphml", "neo4j"] }));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a build with recognised names", () => {
  it("writes recognised people as candidate mentions with a confidence", () => {
    const lei = lines<Mention & { confidence?: number }>("mentions.jsonl").filter((m) => m.label === "雷军");
    expect(lei.length).toBeGreaterThanOrEqual(3);
    expect(lei.every((m) => m.candidate === true && m.type === "person" && (m.confidence ?? 0) > 0.5)).toBe(true);
    // The Traditional article's surface stays as written; its label is the Simplified name.
    expect(lei.some((m) => m.surface === "雷軍")).toBe(true);
  });

  it("makes one candidate of the name across articles, with evidence sentences", () => {
    const rows = lines<Candidate>("candidates.jsonl").filter((c) => c.label === "雷军");
    expect(rows).toHaveLength(1);
    expect(rows[0].docs).toHaveLength(2);
    expect(rows[0].count).toBeGreaterThanOrEqual(3);
    expect(rows[0].sentences!.length).toBeGreaterThanOrEqual(2);
    expect(rows[0].sentences!.length).toBeLessThanOrEqual(3);
    expect(rows[0].confidence).toBeGreaterThan(0.5);
  });

  it("marks the candidate in graph.json, GEXF, GraphML and the Neo4j CSVs", () => {
    const graph = JSON.parse(readFileSync(join(out, "graph.json"), "utf8")) as { nodes: { key: string; attributes: { candidate: boolean } }[] };
    expect(graph.nodes.find((n) => n.key === "cand:雷军")?.attributes.candidate).toBe(true);
    const gexf = readFileSync(join(out, "graph.gexf"), "utf8");
    const node = gexf.slice(gexf.indexOf('id="cand:雷军"'));
    expect(node.slice(0, node.indexOf("</node>"))).toMatch(/value="true"/);
    const graphml = readFileSync(join(out, "graph.graphml"), "utf8");
    const gnode = graphml.slice(graphml.indexOf('id="cand:雷军"'));
    expect(gnode.slice(0, gnode.indexOf("</node>"))).toMatch(/>true</);
    const csv = readFileSync(join(out, "neo4j", "nodes_person.csv"), "utf8").split("\n");
    const header = csv[0].split(",");
    const row = csv.find((l) => l.includes("cand:雷军"))!;
    expect(row.split(",")[header.indexOf("candidate:boolean")]).toBe("true");
  });

  it("gives recognised people their roles", () => {
    const roles = lines<{ person: string | null; person_label: string; title: string }>("roles.jsonl");
    expect(roles.some((r) => r.person === "cand:雷军" && r.title.includes("创始人"))).toBe(true);
  });

  it("counts the same candidates in stats as in candidates.jsonl", () => {
    const s = stats(loadBuild(out));
    expect(s.candidatesProposed).toBe(lines<Candidate>("candidates.jsonl").length);
    expect(s.candidates).toBeGreaterThan(0);
    expect(s.candidates).toBeLessThanOrEqual(s.candidatesProposed);
  });
});

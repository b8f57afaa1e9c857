// Neo4j bulk-import CSVs for `neo4j-admin database import full`: one node file per entity type (each row
// labelled `Entity;<Type>` in its :LABEL column, so the files import with or without a label prefix on the
// command line), and one relationship file per kind: CO_MENTIONED_WITH (undirected in meaning; Neo4j
// stores a direction, here the smaller id → the larger) and HOLDS_ROLE (person → organisation).
// Headers use neo4j-admin's syntax (`id:ID(Entity)`, `:START_ID(Entity)`, `name:type`, `string[]` with the
// `;` array delimiter). The folder also gets import.sh with the exact command for the files written.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GuanxiGraph } from "../graph/model.ts";
import { ENTITY_TYPES, type EntityType } from "../types.ts";

export const NEO4J_ARRAY_DELIMITER = ";";

/** Neo4j label of each entity type. */
export const NEO4J_LABELS: Record<EntityType, string> = {
  person: "Person",
  company: "Company",
  lab: "Lab",
  government: "Government",
  programme: "Programme",
  place: "Place",
  event: "Event",
};

export const NODE_HEADER = [
  "id:ID(Entity)",
  "label",
  "name_en",
  "aliases:string[]",
  "titles:string[]",
  "candidate:boolean",
  "mentions:int",
  "documents:int",
  "community:int",
  "pagerank:double",
  "betweenness:double",
  "weightedDegree:double",
  ":LABEL",
];
export const CO_MENTION_HEADER = [
  ":START_ID(Entity)",
  ":END_ID(Entity)",
  "weight:int",
  "sentence:int",
  "paragraph:int",
  "article:int",
  "documents:int",
  "npmi:double",
  "firstDate",
  "lastDate",
  // Dated documents per month, as JSON ({"2024-05":3}): Neo4j has no map property; apoc.convert.fromJsonMap reads it.
  "months",
  ":TYPE",
];
export const ROLE_HEADER = [":START_ID(Entity)", ":END_ID(Entity)", "title", "weight:int", "documents:int", "firstDate", "lastDate", "months", ":TYPE"];

/** One CSV field: quoted when needed, inner quotes doubled, line breaks flattened (no --multiline-fields). */
export function csvField(value: unknown): string {
  if (value === undefined || value === null || (typeof value === "number" && !Number.isFinite(value))) return "";
  let text = Array.isArray(value)
    ? value.map((v) => String(v).split(NEO4J_ARRAY_DELIMITER).join(",")).join(NEO4J_ARRAY_DELIMITER)
    : String(value);
  text = text.replace(/[\r\n]+/g, " ");
  // An empty field (not "") leaves the property unset, which is what an empty list or name means.
  if (text === "") return "";
  return /[",;\s]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (fields: unknown[]) => fields.map(csvField).join(",");

export interface Neo4jFiles {
  nodes: string[];
  relationships: string[];
}

export function writeNeo4jCsv(dir: string, graph: GuanxiGraph): Neo4jFiles {
  const folder = join(dir, "neo4j");
  mkdirSync(folder, { recursive: true });
  const byType = new Map<EntityType, string[]>();
  graph.forEachNode((n, a) => {
    const lines = byType.get(a.type) ?? [];
    lines.push(
      row([
        n,
        a.label,
        a.name_en,
        a.aliases,
        a.titles,
        a.candidate,
        a.mentions,
        a.documents,
        a.community,
        a.pagerank,
        a.betweenness,
        a.weightedDegree,
        `Entity;${NEO4J_LABELS[a.type] ?? "Entity"}`,
      ]),
    );
    byType.set(a.type, lines);
  });
  const files: Neo4jFiles = { nodes: [], relationships: [] };
  for (const type of ENTITY_TYPES) {
    const lines = byType.get(type);
    if (!lines) continue;
    const name = `nodes_${type}.csv`;
    writeFileSync(join(folder, name), [NODE_HEADER.join(","), ...lines].join("\n") + "\n", "utf8");
    files.nodes.push(name);
  }
  const co: string[] = [];
  const roles: string[] = [];
  graph.forEachEdge((_e, a, source, target) => {
    if (a.kind === "co-mention") {
      const [s, t] = source < target ? [source, target] : [target, source];
      co.push(row([s, t, a.weight, a.sentence, a.paragraph, a.article, a.documents, a.npmi, a.firstDate, a.lastDate, a.months && JSON.stringify(a.months), "CO_MENTIONED_WITH"]));
    } else {
      roles.push(row([source, target, a.title, a.weight, a.documents, a.firstDate, a.lastDate, a.months && JSON.stringify(a.months), "HOLDS_ROLE"]));
    }
  });
  writeFileSync(join(folder, "rel_co_mentioned_with.csv"), [CO_MENTION_HEADER.join(","), ...co].join("\n") + "\n", "utf8");
  writeFileSync(join(folder, "rel_holds_role.csv"), [ROLE_HEADER.join(","), ...roles].join("\n") + "\n", "utf8");
  files.relationships.push("rel_co_mentioned_with.csv", "rel_holds_role.csv");
  writeFileSync(join(folder, "import.sh"), neo4jImportCommand(files) + "\n", "utf8");
  return files;
}

/** The neo4j-admin command that imports the files (run from the build's output folder). */
export function neo4jImportCommand(files: Neo4jFiles, database = "neo4j"): string {
  const args = [
    "neo4j-admin database import full",
    ...files.nodes.map((f) => `  --nodes=neo4j/${f}`),
    ...files.relationships.map((f) => `  --relationships=neo4j/${f}`),
    `  --array-delimiter="${NEO4J_ARRAY_DELIMITER}"`,
    "  --overwrite-destination",
    `  ${database}`,
  ];
  return "#!/bin/sh\n# Import the Guanxi graph into an empty Neo4j 5 database (stop the database first).\n" + args.join(" \\\n");
}

// Resolving what a user types to one entity id, through names.ts (the same rules as the viewer's
// search): a name that fits several entities lists them instead of guessing, and a name that fits
// nothing suggests near names.

import type { NodeAttributes } from "../types.ts";
import { QueryError, type Build } from "./load.ts";
import { foldName, NameIndex, resolveName, type NamedEntity } from "./names.ts";

export interface EntityInfo {
  id: string;
  label: string;
  type: string;
  name_en: string;
  candidate: boolean;
}

export class AmbiguousNameError extends QueryError {
  constructor(
    readonly query: string,
    readonly options: EntityInfo[],
  ) {
    super(`"${query}" could mean ${options.length} entities; use one of these ids:\n${options.map((o) => `  ${o.id}  ${o.label}  (${o.type}${o.name_en ? `, ${o.name_en}` : ""})`).join("\n")}`);
    this.name = "AmbiguousNameError";
  }
}

export class UnknownNameError extends QueryError {
  constructor(
    readonly query: string,
    readonly suggestions: EntityInfo[],
  ) {
    super(
      `no entity called "${query}" in this build` +
        (suggestions.length ? `; did you mean:\n${suggestions.map((o) => `  ${o.id}  ${o.label}${o.name_en ? `  (${o.name_en})` : ""}`).join("\n")}` : ""),
    );
    this.name = "UnknownNameError";
  }
}

/** Folds width, script, case, tones and spacing (see names.ts): "zhejiang  lab" finds "Zhejiang Lab". */
export function normaliseName(text: string): string {
  return foldName(text);
}

export function entityInfo(id: string, a: NodeAttributes): EntityInfo {
  return { id, label: a.label, type: a.type, name_en: a.name_en ?? "", candidate: !!a.candidate };
}

const indexes = new WeakMap<Build["graph"], NameIndex>();

/** The names of a build's entities, indexed once per loaded graph. */
export function nameIndex(build: Build): NameIndex {
  let index = indexes.get(build.graph);
  if (!index) {
    const items: NamedEntity[] = build.graph.mapNodes((id, a) => ({
      id,
      label: a.label,
      aliases: a.aliases ?? [],
      name_en: a.name_en ?? "",
      type: a.type,
      mentions: a.mentions ?? 0,
      candidate: !!a.candidate,
    }));
    index = new NameIndex(items);
    indexes.set(build.graph, index);
  }
  return index;
}

export function resolveEntity(build: Build, name: string): string {
  const g = build.graph;
  const answer = resolveName(nameIndex(build), name);
  if (answer.kind === "found") return answer.id;
  if (answer.kind === "ambiguous") throw new AmbiguousNameError(name, answer.ids.map((id) => entityInfo(id, g.getNodeAttributes(id))));
  throw new UnknownNameError(name, answer.suggestions.map((hit) => entityInfo(hit.id, g.getNodeAttributes(hit.id))));
}

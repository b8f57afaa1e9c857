// Resolving what a user types to one entity id: by id, label, alias or English name. Case and width are
// ignored (alibaba, "Zhejiang Lab", ＢrainCo); a name that fits several entities lists them instead of
// guessing, and a name that fits nothing suggests near names.

import type { NodeAttributes } from "../types.ts";
import { QueryError, type Build } from "./load.ts";

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

/** Folds width (NFKC), case and runs of spaces, so "zhejiang  lab" finds "Zhejiang Lab". */
export function normaliseName(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

export function entityInfo(id: string, a: NodeAttributes): EntityInfo {
  return { id, label: a.label, type: a.type, name_en: a.name_en ?? "", candidate: !!a.candidate };
}

function pick(build: Build, name: string, ids: Set<string>): string | null {
  if (ids.size === 0) return null;
  if (ids.size === 1) return [...ids][0];
  // A dictionary entity beats a candidate of the same name: the candidate is the guess.
  const curated = [...ids].filter((id) => !build.graph.getNodeAttribute(id, "candidate"));
  if (curated.length === 1) return curated[0];
  const options = [...ids].sort().map((id) => entityInfo(id, build.graph.getNodeAttributes(id)));
  throw new AmbiguousNameError(name, options);
}

export function resolveEntity(build: Build, name: string): string {
  const g = build.graph;
  const raw = name.trim();
  if (g.hasNode(raw)) return raw;
  const wanted = normaliseName(raw);
  if (!wanted) throw new UnknownNameError(name, []);

  const byLabel = new Set<string>();
  const byOther = new Set<string>();
  const partial = new Set<string>();
  g.forEachNode((id, a) => {
    if (a.label === raw || normaliseName(a.label) === wanted) byLabel.add(id);
    const names = [...(a.aliases ?? []), a.name_en ?? "", id].filter(Boolean).map(normaliseName);
    if (names.includes(wanted)) byOther.add(id);
    // Fragments (one character of Chinese matches far too much) suggest, never resolve silently.
    if ([...wanted].length >= 2 && [normaliseName(a.label), ...names].some((n) => n.includes(wanted))) partial.add(id);
  });
  // Label first: a canonical name outranks someone else's alias.
  const exact = pick(build, name, byLabel) ?? pick(build, name, byOther);
  if (exact) return exact;
  throw new UnknownNameError(
    name,
    [...partial]
      .sort()
      .slice(0, 12)
      .map((id) => entityInfo(id, g.getNodeAttributes(id))),
  );
}

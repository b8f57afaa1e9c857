// Queries over a build's output folder; see queries.ts for the functions and table.ts for the output.
export { loadBuild, QueryError, type Build, type DocumentMeta } from "./load.ts";
export { AmbiguousNameError, UnknownNameError, entityInfo, normaliseName, resolveEntity, type EntityInfo } from "./resolve.ts";
export * from "./queries.ts";
export { pad, renderTable, truncate, type Column } from "./table.ts";

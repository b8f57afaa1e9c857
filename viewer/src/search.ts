// The viewer's search over entity names: src/query/names.ts, the same matching as the CLI's queries
// (labels, aliases, English names, pinyin, Traditional characters), loaded after the first frame
// because pinyin-pro's dictionary is large.
import { foldName, NameIndex, searchNames, suggestNames, type NameHit, type NamedEntity } from "../../src/query/names.ts";

export type SearchHit = NameHit;
export type Searchable = NamedEntity;
export { NameIndex as SearchIndexer };
export type SearchIndex = NameIndex;

export const normalise = foldName;

export function buildSearchIndex(items: Iterable<Searchable>): SearchIndex {
  return new NameIndex(items).complete();
}

export function search(index: SearchIndex, query: string, limit = 10): SearchHit[] {
  return searchNames(index, query, limit);
}

/** Near misses for a query that found nothing. */
export function suggest(index: SearchIndex, query: string, limit = 5): SearchHit[] {
  return suggestNames(index, query, limit);
}

// Window identity across documents: which sentence, paragraph and article a mention stands in, after
// near-duplicate windows are folded onto the window they repeat. The co-mention counts of the graph
// are counts of distinct *resolved* windows, so a republished article adds nothing it does not add.
//
// The rule, per level:
// - sentence / paragraph: a window with `duplicateOf` ("docId:index") counts as the window it repeats,
//   following chains (a copy of a copy resolves to the first) when the target is in the build; a target
//   outside the build still names the window, so two copies of it in the build count once.
// - article: the cleaning stage marks no article as a duplicate, so we infer it. An article counts as an
//   earlier article when more than half of its sentences are marked duplicates of sentences of that one
//   article (resolved through chains). Such a copy counts, at every level, only for pairs that the
//   original article does not hold at all (e.g. a name the republication added); for every pair the
//   original holds, the original's windows are the count. So building a republication with its original
//   gives their shared pairs exactly the weights of the original alone, even where the copy's sentences
//   were re-cut or its entities linked slightly differently. Windows a copy adds for new pairs fold onto
//   the original's windows where marked, so a window still counts once. (The counting is in build.ts.)

import type { CleanDocument, WindowLevel } from "../types.ts";

export interface ResolvedWindows {
  /** Resolved window key of sentence i of each document, per level. */
  key(level: WindowLevel, doc: string, sentence: number): string;
  /** The article root ("docId:articleIndex") of the article holding a sentence. */
  articleRoot(doc: string, sentence: number): string;
  /** True when the sentence's article is a near-duplicate of another article. */
  inDuplicateArticle(doc: string, sentence: number): boolean;
  /** True when the window at that level holding the sentence is itself marked as a duplicate. */
  markedDuplicate(level: WindowLevel, doc: string, sentence: number): boolean;
  /** The id ("docId:index") the window repeats, when it is a marked or inferred duplicate. */
  duplicateOf(level: WindowLevel, doc: string, sentence: number): string | undefined;
  /** Every distinct resolved window per level (the N of npmi). */
  allWindows: Record<WindowLevel, Set<string>>;
}

/** Share of an article's sentences that must repeat one earlier article for the article to count as it. */
export const DUPLICATE_ARTICLE_SHARE = 0.5;

function parseRef(ref: string): { doc: string; index: number } | null {
  const at = ref.lastIndexOf(":");
  if (at <= 0) return null;
  const index = Number(ref.slice(at + 1));
  if (!Number.isInteger(index) || index < 0) return null;
  return { doc: ref.slice(0, at), index };
}

export function resolveWindows(docs: CleanDocument[]): ResolvedWindows {
  const byId = new Map(docs.map((d) => [d.id, d]));

  // Follow `duplicateOf` chains to the first window; a cycle (should not happen) stops where it loops.
  function resolveChain(doc: string, index: number, kind: "sentences" | "paragraphs"): string {
    const seen = new Set<string>();
    let cur = `${doc}:${index}`;
    let curDoc = doc;
    let curIndex = index;
    for (;;) {
      if (seen.has(cur)) return cur;
      seen.add(cur);
      const d = byId.get(curDoc);
      const item = d?.[kind][curIndex];
      if (!item?.duplicateOf) return cur;
      const next = parseRef(item.duplicateOf);
      if (!next) return cur;
      // A target outside the build is still the window's identity.
      if (!byId.has(next.doc)) return `${next.doc}:${next.index}`;
      curDoc = next.doc;
      curIndex = next.index;
      cur = `${curDoc}:${curIndex}`;
    }
  }

  const sentenceRoot = new Map<string, string>();
  const paragraphRoot = new Map<string, string>();
  for (const d of docs) {
    d.sentences.forEach((_, i) => sentenceRoot.set(`${d.id}:${i}`, resolveChain(d.id, i, "sentences")));
    d.paragraphs.forEach((_, i) => paragraphRoot.set(`${d.id}:${i}`, resolveChain(d.id, i, "paragraphs")));
  }

  // Article duplicates: the article most of whose sentences an article repeats.
  const articleParent = new Map<string, string>();
  for (const d of docs) {
    const perArticle = new Map<number, { total: number; votes: Map<string, number> }>();
    d.sentences.forEach((s, i) => {
      let entry = perArticle.get(s.article);
      if (!entry) perArticle.set(s.article, (entry = { total: 0, votes: new Map() }));
      entry.total++;
      if (!s.duplicateOf) return;
      const root = parseRef(sentenceRoot.get(`${d.id}:${i}`)!);
      const rootSentence = root && byId.get(root.doc)?.sentences[root.index];
      if (!root || !rootSentence) return;
      const target = `${root.doc}:${rootSentence.article}`;
      if (target === `${d.id}:${s.article}`) return;
      entry.votes.set(target, (entry.votes.get(target) ?? 0) + 1);
    });
    for (const [article, { total, votes }] of perArticle) {
      let best: string | undefined;
      let bestVotes = 0;
      for (const [target, n] of [...votes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        if (n > bestVotes) [best, bestVotes] = [target, n];
      }
      if (best && bestVotes > total * DUPLICATE_ARTICLE_SHARE) articleParent.set(`${d.id}:${article}`, best);
    }
  }
  const articleRootMemo = new Map<string, string>();
  function articleRootOf(key: string): string {
    const memo = articleRootMemo.get(key);
    if (memo) return memo;
    const seen = new Set<string>();
    let cur = key;
    while (articleParent.has(cur) && !seen.has(cur)) {
      seen.add(cur);
      cur = articleParent.get(cur)!;
    }
    articleRootMemo.set(key, cur);
    return cur;
  }

  const sentenceOf = (doc: string, sentence: number) => byId.get(doc)?.sentences[sentence];

  const allWindows: Record<WindowLevel, Set<string>> = { sentence: new Set(), paragraph: new Set(), article: new Set() };

  const api: ResolvedWindows = {
    key(level, doc, sentence) {
      const s = sentenceOf(doc, sentence);
      if (level === "sentence") return `s:${sentenceRoot.get(`${doc}:${sentence}`) ?? `${doc}:${sentence}`}`;
      if (level === "paragraph") {
        const p = s?.paragraph ?? 0;
        return `p:${paragraphRoot.get(`${doc}:${p}`) ?? `${doc}:${p}`}`;
      }
      return `a:${articleRootOf(`${doc}:${s?.article ?? 0}`)}`;
    },
    articleRoot(doc, sentence) {
      return articleRootOf(`${doc}:${sentenceOf(doc, sentence)?.article ?? 0}`);
    },
    inDuplicateArticle(doc, sentence) {
      return articleParent.has(`${doc}:${sentenceOf(doc, sentence)?.article ?? 0}`);
    },
    markedDuplicate(level, doc, sentence) {
      const s = sentenceOf(doc, sentence);
      if (!s) return false;
      if (level === "sentence") return !!s.duplicateOf;
      if (level === "paragraph") return !!byId.get(doc)?.paragraphs[s.paragraph]?.duplicateOf;
      return articleParent.has(`${doc}:${s.article}`);
    },
    duplicateOf(level, doc, sentence) {
      const own = level === "sentence" ? `${doc}:${sentence}` : level === "paragraph" ? `${doc}:${sentenceOf(doc, sentence)?.paragraph ?? 0}` : `${doc}:${sentenceOf(doc, sentence)?.article ?? 0}`;
      const root = api.key(level, doc, sentence).slice(2);
      return root === own ? undefined : root;
    },
    allWindows,
  };

  for (const d of docs) {
    for (let i = 0; i < d.sentences.length; i++) {
      for (const level of ["sentence", "paragraph", "article"] as const) allWindows[level].add(api.key(level, d.id, i));
    }
  }
  return api;
}

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
//   the original's windows where marked, so a window still counts once. (The counting is in accumulate.ts.)

/** Share of an article's sentences that must repeat one earlier article for the article to count as it. */
export const DUPLICATE_ARTICLE_SHARE = 0.5;

/**
 * Finding an article by what a user typed: its id (what /summary's autocomplete sends), its title, or part of
 * its title, written with any width or case. Shared by `sources`, `summary` and the autocomplete, so that
 * every name the autocomplete offers is one the commands accept.
 */
import type { Article } from "../articles/model.js";

export type ArticleLookup =
  | { kind: "found"; article: Article }
  /** Nothing matches for sure; `suggestions` are the titles that come closest, best first. */
  | { kind: "unknown"; suggestions: string[] };

const MAX_SUGGESTIONS = 3;

/** Width, case and spacing folded away, so `ﾄﾗﾝﾌﾟ　会談` finds `トランプ会談`. */
export function foldName(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");
}

/**
 * An article's folded id and title, and the title's character pairs, worked out once per article: autocomplete
 * runs on every keystroke over every article, and folding thousands of titles each time is most of its cost.
 */
interface FoldedNames {
  id: string;
  title: string;
  grams?: Set<string>;
}
const foldedNames = new WeakMap<Article, FoldedNames>();
/** Title characters whose pairs are kept: a typed name matches a title's start, and a runaway title stays small. */
const GRAM_SPAN = 1000;

function namesOf(article: Article): FoldedNames {
  let names = foldedNames.get(article);
  if (!names) foldedNames.set(article, (names = { id: foldName(article.id), title: foldName(article.title) }));
  return names;
}

/** Folds every article's names ahead of the first request (the library does this when it opens). */
export function prepareArticleNames(articles: readonly Article[]): void {
  for (const article of articles) titleGrams(namesOf(article));
}

function titleGrams(names: FoldedNames): Set<string> {
  return (names.grams ??= grams(names.title.slice(0, GRAM_SPAN)));
}

export function findArticle(articles: readonly Article[], query: string): ArticleLookup {
  const folded = foldName(query);
  if (folded) {
    const byId = articles.find((a) => a.id === query.trim()) ?? articles.find((a) => namesOf(a).id === folded);
    if (byId) return { kind: "found", article: byId };
    const byTitle = articles.find((a) => namesOf(a).title === folded);
    if (byTitle) return { kind: "found", article: byTitle };
    // Autocomplete values are cut to Discord's 100 characters; a long id arrives as its prefix.
    const byIdPrefix = articles.filter((a) => folded.length >= 8 && namesOf(a).id.startsWith(folded));
    if (byIdPrefix.length === 1) return { kind: "found", article: byIdPrefix[0]! };
    const byPart = articles.filter((a) => namesOf(a).title.includes(folded));
    if (byPart.length === 1) return { kind: "found", article: byPart[0]! };
  }
  return { kind: "unknown", suggestions: rankArticles(articles, query).slice(0, MAX_SUGGESTIONS).map((a) => a.title) };
}

/**
 * Articles ordered by how well their title matches a partial name: titles containing it first (earliest
 * occurrence first), then by shared character pairs, which suits Japanese titles without spaces. Articles
 * sharing nothing with the query are left out; an empty query keeps every article in folder order.
 */
export function rankArticles(articles: readonly Article[], query: string): Article[] {
  const folded = foldName(query);
  if (!folded) return [...articles];
  const wanted = grams(folded);
  const scored = articles.map((article, order) => {
    const names = namesOf(article);
    const at = names.title.indexOf(folded);
    const score = at >= 0 ? 2 - at / (names.title.length + 1) : Math.max(overlap(wanted, titleGrams(names)), names.id.startsWith(folded) ? 1 : 0);
    return { article, order, score };
  });
  return scored
    .filter((s) => s.score > 0.25)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((s) => s.article);
}

/** A text's character pairs (its single character when it has one). */
function grams(text: string): Set<string> {
  const chars = Array.from(text);
  if (chars.length < 2) return new Set(chars);
  return new Set(chars.slice(1).map((c, i) => chars[i]! + c));
}

/**
 * Share of the query's character pairs (single characters for one-character queries) found in the title. The
 * pairs both share are counted from the smaller set: a name typed 6,000 characters long (Discord allows it)
 * then costs no more per title than the title's own pairs.
 */
function overlap(wanted: Set<string>, have: Set<string>): number {
  const [fewer, more] = wanted.size <= have.size ? [wanted, have] : [have, wanted];
  let shared = 0;
  for (const gram of fewer) if (more.has(gram)) shared++;
  return wanted.size ? shared / wanted.size : 0;
}

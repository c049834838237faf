/**
 * An Article whose id, path and title are known at once and whose text is read on first use: a start from the
 * articles snapshot needs the text of none of them to answer from the index cache, and reading 10,000 articles'
 * JSON would take longer than the whole rest of that start. To its readers it is a plain Article: the fields are
 * own, enumerable properties (JSON.stringify, spreading and structured cloning see them all).
 */
import type { Article } from "./model.js";
import type { ArticleBody } from "./snapshot.js";

/** The fields read on first use, in the order a parsed article has them. */
const BODY_FIELDS = ["lead", "url", "publisher", "publishedAt", "sections", "conclusionsHeading", "conclusions"] as const;

export interface ArticleHead {
  id: string;
  path: string;
  title: string;
}

/** Each lazy article's body, or the function that reads it. */
const bodies = new WeakMap<object, ArticleBody | (() => ArticleBody)>();

function bodyOf(article: object): ArticleBody {
  const known = bodies.get(article)!;
  if (typeof known !== "function") return known;
  const body = known();
  bodies.set(article, body);
  return body;
}

/** The same accessors for every lazy article (no closures per article: 10,000 are made at a start). */
const DESCRIPTORS: PropertyDescriptorMap = Object.fromEntries(
  BODY_FIELDS.map((field) => [
    field,
    {
      enumerable: true,
      configurable: true,
      get(this: object) {
        return bodyOf(this)[field];
      },
      set(this: object, value: unknown) {
        Object.defineProperty(this, field, { value, enumerable: true, writable: true, configurable: true });
      },
    },
  ]),
);

/** The article from its head and a reader of its body, called at most once, when a body field is first read. */
export function lazyArticle(head: ArticleHead, readBody: () => ArticleBody): Article {
  const article = Object.defineProperties({ id: head.id, path: head.path, title: head.title }, DESCRIPTORS) as Article;
  bodies.set(article, readBody);
  return article;
}

/** The article as a plain object, from a body in hand. */
export function articleOf(head: ArticleHead, body: ArticleBody): Article {
  return { id: head.id, path: head.path, ...body };
}

/**
 * The index cache: one file per articles folder under CACHE_DIR, reused while it matches, rebuilt otherwise.
 *
 * Format (text, one JSON value per line, so no single string has to hold the whole index as corpora grow):
 *   line 1   header: {format, version, key, payloadBytes, payloadSha256, counts}
 *   then     {"vocabulary": [...]}, {"documentFrequency": [...]}, {"titles": [...]}, {"passages": [...]}
 *            (chunks of PASSAGES_PER_LINE, each passage a positional array), {"units": [...]} (when MiniSearch's
 *            documents are sections: each one's first passage), {"minisearch": {...}} (MiniSearch's
 *            own serialisation without its terms), then {"terms": [...]} (its terms and postings, in chunks of
 *            TERMS_PER_LINE)
 * `key` hashes the articles as parsed and the analyzer version: any article change, or a change in how text is
 * analysed, makes the cache stale. The payload's length and SHA-256 are checked before anything in it is
 * trusted, so a truncated or corrupted file is rebuilt, never half-read. Writes go to a temporary file that is
 * renamed over the old one, so a crash mid-write leaves the previous cache or none, never a torn one.
 */
import { createHash } from "node:crypto";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import MiniSearch, { type AsPlainObject } from "minisearch";
import type { Article } from "../articles/model.js";
import { ensureDirectory } from "./directories.js";
import { ANALYZER_VERSION } from "./analyzer.js";
import { MINISEARCH_OPTIONS, SearchIndex, type IndexData, type IndexedPassage, type SearchDocument } from "./search-index.js";

export const CACHE_FORMAT = "kiji-bot search index";
/** Bump when the file layout changes. */
export const CACHE_VERSION = 4;
/**
 * V8 cannot hold a string longer than about 512 MB, and one line is parsed as one string: these keep every line
 * a few megabytes at most, whatever the corpus size.
 */
const PASSAGES_PER_LINE = 2000;
const TERMS_PER_LINE = 5000;

interface Header {
  format: string;
  version: number;
  key: string;
  payloadBytes: number;
  payloadSha256: string;
  counts: { passages: number; terms: number };
}

export type CacheRead =
  | { status: "hit"; index: SearchIndex; bytes: number }
  /** No file yet. */
  | { status: "missing" }
  /** A file for other articles or another analyzer version. */
  | { status: "stale" }
  /** A file that cannot be trusted: truncated, corrupted, or not ours. */
  | { status: "corrupt"; reason: string };

/** The cache file for an articles folder: one per folder, so two folders never overwrite each other. */
export function cacheFile(cacheDir: string, articlesDir: string): string {
  const folder = createHash("sha256").update(path.resolve(articlesDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, `index-${folder}.jsonl`);
}

/** The key a cache must carry to be used for these articles with this analyzer. */
export function cacheKey(articles: Article[]): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ format: CACHE_FORMAT, version: CACHE_VERSION, analyzer: ANALYZER_VERSION }));
  for (const article of articles) hash.update(JSON.stringify(article)).update("\n");
  return hash.digest("hex");
}

export async function readCache(file: string, key: string): Promise<CacheRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { status: "missing" };
    return { status: "corrupt", reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  try {
    const headerEnd = bytes.indexOf(10);
    if (headerEnd < 0) return { status: "corrupt", reason: "no header line" };
    const header = JSON.parse(bytes.subarray(0, headerEnd).toString("utf8")) as Header;
    if (header.format !== CACHE_FORMAT) return { status: "corrupt", reason: "not a kiji-bot index file" };
    if (header.version !== CACHE_VERSION || header.key !== key) return { status: "stale" };
    const payload = bytes.subarray(headerEnd + 1);
    if (payload.length !== header.payloadBytes) return { status: "corrupt", reason: `truncated (${payload.length} of ${header.payloadBytes} bytes)` };
    if (createHash("sha256").update(payload).digest("hex") !== header.payloadSha256) return { status: "corrupt", reason: "checksum mismatch" };
    return { status: "hit", index: decode(payload, header), bytes: bytes.length };
  } catch (error) {
    return { status: "corrupt", reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Writes the index atomically; returns the file's size. */
export async function writeCache(file: string, key: string, index: SearchIndex): Promise<number> {
  const payload = encode(index);
  const header: Header = {
    format: CACHE_FORMAT,
    version: CACHE_VERSION,
    key,
    payloadBytes: payload.length,
    payloadSha256: createHash("sha256").update(payload).digest("hex"),
    counts: { passages: index.passageCount, terms: index.data.vocabulary.length },
  };
  const bytes = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]);
  await ensureDirectory(path.dirname(file));
  const temporary = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return bytes.length;
}

function encode(index: SearchIndex): Buffer {
  const { passages, vocabulary, documentFrequency } = index.data;
  const titles = [...new Set(passages.map((p) => p.articleTitle))];
  const titleIndex = new Map(titles.map((t, i) => [t, i]));
  const values: unknown[] = [{ vocabulary }, { documentFrequency }, { titles }];
  for (let i = 0; i < passages.length; i += PASSAGES_PER_LINE) {
    values.push({ passages: passages.slice(i, i + PASSAGES_PER_LINE).map((p) => packPassage(p, titleIndex.get(p.articleTitle)!)) });
  }
  if (index.data.units) values.push({ units: index.data.units });
  const { index: terms, ...minisearch } = index.minisearch.toJSON();
  values.push({ minisearch });
  for (let i = 0; i < terms.length; i += TERMS_PER_LINE) values.push({ terms: terms.slice(i, i + TERMS_PER_LINE) });
  // One Buffer per line, joined as bytes: the whole file as one string would hit V8's string limit.
  return Buffer.concat(values.map((value) => Buffer.from(`${JSON.stringify(value)}\n`)));
}

/** A passage as a positional array: the file repeats no field names, and article titles are stored once. */
type PackedPassage = [
  kind: IndexedPassage["kind"],
  title: number,
  articleId: string,
  section: string,
  position: number,
  sectionIndex: number,
  cardIndex: number | null,
  text: string,
  url: string | null,
  publisher: string | null,
  publishedAt: string | null,
  sentences: Array<[start: number, end: number, features: number, terms: number[], subjects: number[] | 0]>,
  contextTerms: number[],
  questionTerms: number[],
  card: number[] | 0,
];

function packPassage(p: IndexedPassage, title: number): PackedPassage {
  const sentences = p.sentences.map((s): PackedPassage[11][number] => [s.start, s.end, s.features, s.terms, s.subjects ?? 0]);
  return [p.kind, title, p.articleId, p.section, p.position, p.sectionIndex, p.cardIndex, p.text, p.url, p.publisher, p.publishedAt, sentences, p.contextTerms, p.questionTerms, p.card ?? 0];
}

function unpackPassage(packed: PackedPassage, titles: string[]): IndexedPassage {
  const [kind, title, articleId, section, position, sectionIndex, cardIndex, text, url, publisher, publishedAt, sentences, contextTerms, questionTerms, card] = packed;
  const articleTitle = titles[title];
  if (articleTitle === undefined || !Array.isArray(sentences)) throw new Error("a passage entry is malformed");
  return {
    kind, articleId, articleTitle, section, position, sectionIndex, cardIndex, text, url, publisher, publishedAt, contextTerms, questionTerms,
    sentences: sentences.map(([start, end, features, terms, subjects]) => ({ start, end, features, terms, ...(subjects ? { subjects } : {}) })),
    ...(card ? { card } : {}),
  };
}

/** Parses a payload whose checksum already matched; still checks that its parts agree with each other. */
function decode(payload: Buffer, header: Header): SearchIndex {
  const data: IndexData = { passages: [], vocabulary: [], documentFrequency: [] };
  let titles: string[] = [];
  let minisearch: Omit<AsPlainObject, "index"> | undefined;
  const terms: AsPlainObject["index"] = [];
  let start = 0;
  while (start < payload.length) {
    let end = payload.indexOf(10, start);
    if (end < 0) end = payload.length;
    const line = JSON.parse(payload.subarray(start, end).toString("utf8")) as Record<string, unknown>;
    start = end + 1;
    if (Array.isArray(line.vocabulary)) data.vocabulary = line.vocabulary as string[];
    else if (Array.isArray(line.documentFrequency)) data.documentFrequency = line.documentFrequency as number[];
    else if (Array.isArray(line.titles)) titles = line.titles as string[];
    else if (Array.isArray(line.units)) data.units = line.units as number[];
    else if (Array.isArray(line.passages)) for (const p of line.passages as PackedPassage[]) data.passages.push(unpackPassage(p, titles));
    else if (line.minisearch && typeof line.minisearch === "object") minisearch = line.minisearch as Omit<AsPlainObject, "index">;
    else if (Array.isArray(line.terms)) for (const entry of line.terms as AsPlainObject["index"]) terms.push(entry);
    else throw new Error("unknown line in the index file");
  }
  if (!minisearch) throw new Error("the index file has no search index");
  const search = MiniSearch.loadJS<SearchDocument>({ ...minisearch, index: terms }, MINISEARCH_OPTIONS);
  if (data.passages.length !== header.counts.passages || search.documentCount !== (data.units ?? data.passages).length) throw new Error("passage counts disagree");
  if (data.vocabulary.length !== header.counts.terms || data.documentFrequency.length !== data.vocabulary.length) throw new Error("vocabulary sizes disagree");
  return new SearchIndex(data, search);
}

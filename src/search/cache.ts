/**
 * The index cache: one file per articles folder under CACHE_DIR, reused while it matches, rebuilt otherwise.
 *
 * Format (text, one JSON value per line, so no single string has to hold the whole index as corpora grow):
 *   line 1   header: {format, version, key, payloadBytes, payloadSha256, counts}
 *   then     {"vocabulary": [...]}, {"documentFrequency": [...]}, {"titles": [...]}, {"articles": [[id, first,
 *            end], ...]} (each article's passage ids), {"passages": [...]} (chunks of PASSAGES_PER_CHUNK, each
 *            passage a positional array, parsed when first read), {"units": [...]} (when MiniSearch's
 *            documents are sections: each one's first passage), {"minisearch": {...}} (MiniSearch's
 *            own serialisation without its terms), then {"terms": [...]} (its terms and postings, in chunks of
 *            TERMS_PER_LINE)
 * `key` hashes the articles as parsed and the analyzer version: any article change, or a change in how text is
 * analysed, makes the cache stale. The payload's length and SHA-256 are checked before anything in it is
 * trusted, so a truncated or corrupted file is rebuilt, never half-read. Writes go to a temporary file that is
 * renamed over the old one, so a crash mid-write leaves the previous cache or none, never a torn one.
 */
import { createHash } from "node:crypto";
import { open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import MiniSearch, { type AsPlainObject } from "minisearch";
import type { Article } from "../articles/model.js";
import { ensureDirectory } from "./directories.js";
import { ANALYZER_VERSION } from "./analyzer.js";
import { packPassage, PassageStore, PASSAGES_PER_CHUNK, type PackedPassage } from "./passage-store.js";
import { MINISEARCH_OPTIONS, SearchIndex, type SearchDocument } from "./search-index.js";

export const CACHE_FORMAT = "kiji-bot search index";
/** Bump when the file layout changes. */
export const CACHE_VERSION = 5;
/**
 * V8 cannot hold a string longer than about 512 MB, and one line is parsed as one string: lines of 5,000 terms
 * (and of PASSAGES_PER_CHUNK passages) stay a few megabytes at most, whatever the corpus size.
 */
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
  const hash = keyHash();
  for (const article of articles) hash.update(JSON.stringify(article)).update("\n");
  return hash.digest("hex");
}

/** cacheKey, yielding to the event loop between batches of articles (thousands take a few hundred ms). */
export async function cacheKeyAsync(articles: Article[]): Promise<string> {
  const hash = keyHash();
  for (let i = 0; i < articles.length; i++) {
    hash.update(JSON.stringify(articles[i])).update("\n");
    if (i % 200 === 199) await yieldToEventLoop();
  }
  return hash.digest("hex");
}

function keyHash() {
  return createHash("sha256").update(JSON.stringify({ format: CACHE_FORMAT, version: CACHE_VERSION, analyzer: ANALYZER_VERSION }));
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
    if ((await sha256(payload)) !== header.payloadSha256) return { status: "corrupt", reason: "checksum mismatch" };
    return { status: "hit", index: await decode(payload, header), bytes: bytes.length };
  } catch (error) {
    return { status: "corrupt", reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Writes the index atomically; returns the file's size. */
export async function writeCache(file: string, key: string, index: SearchIndex): Promise<number> {
  // The payload stays a list of lines, hashed and written one after the other: joining them (and the header) into
  // one Buffer would hold the whole file twice more, hundreds of megabytes for a large corpus.
  const lines = encode(index);
  const hash = createHash("sha256");
  let payloadBytes = 0;
  for (const line of lines) {
    hash.update(line);
    payloadBytes += line.length;
  }
  const header: Header = {
    format: CACHE_FORMAT,
    version: CACHE_VERSION,
    key,
    payloadBytes,
    payloadSha256: hash.digest("hex"),
    counts: { passages: index.passageCount, terms: index.data.vocabulary.length },
  };
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`);
  await ensureDirectory(path.dirname(file));
  const temporary = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    const handle = await open(temporary, "w");
    try {
      // Lines go out in groups: few calls, without an iovec list the size of the file.
      const groups: Buffer[][] = [[headerLine]];
      for (let i = 0; i < lines.length; i += 256) groups.push(lines.slice(i, i + 256));
      for (const group of groups) {
        const { bytesWritten } = await handle.writev(group);
        const expected = group.reduce((sum, line) => sum + line.length, 0);
        // A short write (rare for regular files) is finished from where it stopped.
        let rest = bytesWritten < expected ? Buffer.concat(group).subarray(bytesWritten) : Buffer.alloc(0);
        while (rest.length) rest = rest.subarray((await handle.write(rest)).bytesWritten);
      }
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return headerLine.length + payloadBytes;
}

function encode(index: SearchIndex): Buffer[] {
  const { passages, vocabulary, documentFrequency } = index.data;
  const titles: string[] = [];
  const titleIndex = new Map<string, number>();
  const lines: Buffer[] = [];
  // One Buffer per line, joined as bytes: the whole file as one string would hit V8's string limit.
  const line = (value: unknown) => lines.push(Buffer.from(`${JSON.stringify(value)}\n`));
  const chunks: Buffer[] = [];
  let chunk: PackedPassage[] = [];
  for (const passage of passages) {
    let title = titleIndex.get(passage.articleTitle);
    if (title === undefined) titleIndex.set(passage.articleTitle, (title = titles.push(passage.articleTitle) - 1));
    chunk.push(packPassage(passage, title));
    if (chunk.length === PASSAGES_PER_CHUNK) [chunks[chunks.length], chunk] = [Buffer.from(`${JSON.stringify({ passages: chunk })}\n`), []];
  }
  if (chunk.length) chunks.push(Buffer.from(`${JSON.stringify({ passages: chunk })}\n`));
  line({ vocabulary });
  line({ documentFrequency });
  line({ titles });
  line({ articles: passages.articleRanges() });
  for (const chunk of chunks) lines.push(chunk);
  if (index.data.units) line({ units: index.data.units });
  const { index: terms, ...minisearch } = index.minisearch.toJSON();
  line({ minisearch });
  for (let i = 0; i < terms.length; i += TERMS_PER_LINE) line({ terms: terms.slice(i, i + TERMS_PER_LINE) });
  return lines;
}

const PASSAGES_LINE = Buffer.from('{"passages":');
const TERMS_LINE = Buffer.from('{"terms":');

/**
 * Bytes hashed, or lines parsed, between two yields to the event loop: a bot reloading its articles keeps
 * answering while it reads a cache of tens of megabytes.
 */
const HASH_SLICE = 4 * 1024 * 1024;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function sha256(bytes: Buffer): Promise<string> {
  const hash = createHash("sha256");
  for (let at = 0; at < bytes.length; at += HASH_SLICE) {
    hash.update(bytes.subarray(at, at + HASH_SLICE));
    await yieldToEventLoop();
  }
  return hash.digest("hex");
}

/** Parses a payload whose checksum already matched; still checks that its parts agree with each other. */
async function decode(payload: Buffer, header: Header): Promise<SearchIndex> {
  let vocabulary: string[] = [];
  let documentFrequency: number[] = [];
  let units: number[] | undefined;
  let titles: string[] = [];
  let articles: Array<[string, number, number]> = [];
  let minisearch: Omit<AsPlainObject, "index"> | undefined;
  const passageChunks: Buffer[] = [];
  const termLines: Buffer[] = [];
  let start = 0;
  while (start < payload.length) {
    let end = payload.indexOf(10, start);
    if (end < 0) end = payload.length;
    const bytes = payload.subarray(start, end);
    start = end + 1;
    // Passages are parsed when first read (passage-store.ts): copied out, so the file's buffer can go.
    if (startsWith(bytes, PASSAGES_LINE)) {
      passageChunks.push(Buffer.from(bytes));
      continue;
    }
    if (startsWith(bytes, TERMS_LINE)) {
      termLines.push(bytes);
      continue;
    }
    await yieldToEventLoop();
    const line = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
    if (Array.isArray(line.vocabulary)) vocabulary = line.vocabulary as string[];
    else if (Array.isArray(line.documentFrequency)) documentFrequency = line.documentFrequency as number[];
    else if (Array.isArray(line.titles)) titles = line.titles as string[];
    else if (Array.isArray(line.articles)) articles = line.articles as Array<[string, number, number]>;
    else if (Array.isArray(line.units)) units = line.units as number[];
    else if (line.minisearch && typeof line.minisearch === "object") minisearch = line.minisearch as Omit<AsPlainObject, "index">;
    else throw new Error("unknown line in the index file");
  }
  if (!minisearch) throw new Error("the index file has no search index");
  const count = header.counts.passages;
  if (articles.reduce((at, [, from, to]) => (from === at && to > from ? to : NaN), 0) !== count) throw new Error("passage counts disagree");
  const passages = PassageStore.lazy({ count, chunks: passageChunks, titles, articles });
  checkPassages(passages, passageChunks);
  // MiniSearch reads its terms with for...of: handing them over one line at a time lets each line's objects
  // die young instead of the whole index's plain copy outliving the load.
  const terms = {
    *[Symbol.iterator]() {
      for (const bytes of termLines) {
        const entries = (JSON.parse(bytes.toString("utf8")) as { terms: AsPlainObject["index"] }).terms;
        if (!Array.isArray(entries)) throw new Error("a terms line of the index file is malformed");
        yield* entries;
      }
    },
  } as unknown as AsPlainObject["index"];
  const search = await MiniSearch.loadJSAsync<SearchDocument>({ ...minisearch, index: terms }, MINISEARCH_OPTIONS);
  if (search.documentCount !== (units ?? passages).length) throw new Error("passage counts disagree");
  if (vocabulary.length !== header.counts.terms || documentFrequency.length !== vocabulary.length) throw new Error("vocabulary sizes disagree");
  return new SearchIndex({ passages, vocabulary, documentFrequency, ...(units ? { units } : {}) }, search);
}

/**
 * Passage chunks are parsed lazily, so a chunk that is malformed yet carries a valid checksum (a writer bug, a
 * hand edit) would throw in the middle of a question, every question. A cache of up to FULL_CHECK_BYTES of
 * passages (hundreds of articles; a few ms per MB, and parsed once either way) is parsed whole here, so that
 * every such fault means a rebuild;
 * a larger one has every chunk's framing and its first and last chunks checked, which catches a writer bug
 * without parsing what a start is meant to skip.
 */
const FULL_CHECK_BYTES = 16 * 1024 * 1024;
const CHUNK_END = Buffer.from("]]}");

function checkPassages(passages: PassageStore, chunks: Buffer[]): void {
  const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const check = (id: number) => {
    const p = passages.get(id);
    if (!p || typeof p.text !== "string" || typeof p.articleId !== "string" || !Array.isArray(p.contextTerms) || !Array.isArray(p.questionTerms))
      throw new Error("a passage entry of the index file is malformed");
    for (const sentence of p.sentences) if (!Array.isArray(sentence.terms) || !(sentence.end >= sentence.start)) throw new Error("a passage sentence of the index file is malformed");
  };
  if (bytes <= FULL_CHECK_BYTES) {
    for (let id = 0; id < passages.length; id++) check(id);
    return;
  }
  for (const chunk of chunks) {
    if (!startsWith(chunk, PASSAGES_LINE) || chunk.compare(CHUNK_END, 0, CHUNK_END.length, chunk.length - CHUNK_END.length) !== 0)
      throw new Error("a passage chunk of the index file is malformed");
  }
  check(0);
  check(passages.length - 1);
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

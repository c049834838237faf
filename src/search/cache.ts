/**
 * The index cache: one file per articles folder under CACHE_DIR, reused while it matches, rebuilt otherwise.
 *
 * Format (binary, so that opening it creates no object per posting, per word or per passage):
 *   header   one line of JSON, {format, version, key, payloadBytes, payloadSha256, counts}, padded with spaces
 *            so that the payload starts at a multiple of 8 bytes
 *   payload  a little-endian u32, the manifest's length; 4 bytes of zeros; the manifest (JSON: each section's
 *            name, element type, offset in the payload and element count, and the few numbers that are no
 *            arrays); then the sections, each at a multiple of 8 bytes: the vocabulary (its words joined by
 *            NUL, as UTF-8), document frequencies, section boundaries when sections are the search's documents,
 *            the postings of each field (postings.ts), and the passages as columns (passage-store.ts; texts in UTF-16LE).
 * Opening reads the file into one Buffer and lays typed arrays over it; only the vocabulary is decoded (into one
 * string, then split). A passage becomes an object when a question reads it. No single string holds more than
 * the vocabulary or one passage, whatever the corpus size (V8 caps a string near 512 MB).
 *
 * `key` (index-key.ts) hashes the articles' content hashes and the analysis key: any article change, or a change
 * in how text is analysed, makes the cache stale. The payload's length and SHA-256 are checked before anything in it is
 * trusted, and then every offset and id in it is checked against the arrays it points into, so a truncated,
 * corrupted or inconsistent file is rebuilt, never half-read. Writes go to a temporary file that is renamed over
 * the old one, so a crash mid-write leaves the previous cache or none, never a torn one.
 */
import { createHash } from "node:crypto";
import { open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { endianness } from "node:os";
import path from "node:path";
import { ensureDirectory } from "./directories.js";
import { checkColumns, PassageStore, type Lists, type PassageColumns, type Strings } from "./passage-store.js";
import { POSTING_FIELDS, Postings, type FieldPostings } from "./postings.js";
import { SearchIndex } from "./search-index.js";

export const CACHE_FORMAT = "kiji-bot search index";
/** Bump when the file layout changes. */
export const CACHE_VERSION = 8;

interface Header {
  format: string;
  version: number;
  key: string;
  payloadBytes: number;
  payloadSha256: string;
  counts: { passages: number; terms: number };
}

type ElementType = "u8" | "u16" | "u32" | "i32";
type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;

/** The payload's table of contents. */
interface Manifest {
  /** name -> [element type, byte offset in the payload, element count] */
  sections: Record<string, [ElementType, number, number]>;
  documentCount: number;
  averageLengths: number[];
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
  return path.join(cacheDir, `index-${folder}.bin`);
}

/** The header line at the start of a cache file's bytes, parsed (it is checked by its readers); null when there is none. */
function parseHeader(bytes: Buffer): { header: Header; end: number } | null {
  const end = bytes.indexOf(10);
  return end < 0 ? null : { header: JSON.parse(bytes.subarray(0, end).toString("utf8")) as Header, end };
}

/** Whether the header says the file is ours and made for `key`: "stale" or "corrupt" otherwise. */
function headerVerdict(header: Header | null | undefined, key: string): "match" | "stale" | "corrupt" {
  if (header?.format !== CACHE_FORMAT) return "corrupt";
  return header.version === CACHE_VERSION && header.key === key ? "match" : "stale";
}

/**
 * Whether the file's header names this key, from its first few kilobytes alone: for a process that only needs to
 * know whether a build is due (the live library's worker), not to read the index. Its payload is not checked.
 */
export async function cacheHeaderMatches(file: string, key: string): Promise<boolean> {
  try {
    const handle = await open(file, "r");
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
      return headerVerdict(parseHeader(buffer.subarray(0, bytesRead))?.header, key) === "match";
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
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
    const parsed = parseHeader(bytes);
    if (!parsed) return { status: "corrupt", reason: "no header line" };
    const { header } = parsed;
    const verdict = headerVerdict(header, key);
    if (verdict === "corrupt") return { status: "corrupt", reason: "not a kiji-bot index file" };
    if (verdict === "stale") return { status: "stale" };
    let payload = bytes.subarray(parsed.end + 1);
    if (payload.length !== header.payloadBytes) return { status: "corrupt", reason: `truncated (${payload.length} of ${header.payloadBytes} bytes)` };
    if ((await sha256(payload)) !== header.payloadSha256) return { status: "corrupt", reason: "checksum mismatch" };
    if (endianness() !== "LE") return { status: "corrupt", reason: "written little-endian, read on a big-endian machine" };
    // Typed arrays need aligned offsets: the writer pads for that, and a misplaced buffer is copied once.
    if (payload.byteOffset % 8 !== 0) payload = copyAligned(payload);
    return { status: "hit", index: await decode(payload, header), bytes: bytes.length };
  } catch (error) {
    return { status: "corrupt", reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Writes the index atomically; returns the file's size. */
export async function writeCache(file: string, key: string, index: SearchIndex): Promise<number> {
  // The payload stays a list of buffers, most of them views of the index's own arrays, hashed and written one
  // after the other: joining them would hold the whole file twice more.
  const parts = encode(index);
  const hash = createHash("sha256");
  let payloadBytes = 0;
  for (const part of parts) {
    hash.update(part);
    payloadBytes += part.length;
  }
  const header: Header = {
    format: CACHE_FORMAT,
    version: CACHE_VERSION,
    key,
    payloadBytes,
    payloadSha256: hash.digest("hex"),
    counts: { passages: index.passageCount, terms: index.data.vocabulary.length },
  };
  const headerLine = headerBytes(header);
  await ensureDirectory(path.dirname(file));
  const temporary = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    const handle = await open(temporary, "w");
    try {
      // Parts go out in groups: few calls, without an iovec list the size of the file.
      const groups: Buffer[][] = [[headerLine]];
      for (let i = 0; i < parts.length; i += 256) groups.push(parts.slice(i, i + 256));
      for (const group of groups) {
        const { bytesWritten } = await handle.writev(group);
        const expected = group.reduce((sum, part) => sum + part.length, 0);
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
  // The JSON-lines cache of CACHE_VERSION 5 and before sat beside it under another name: tens or hundreds of
  // megabytes nothing reads any more.
  if (file.endsWith(".bin")) await unlink(`${file.slice(0, -".bin".length)}.jsonl`).catch(() => undefined);
  await removeAbandonedWrites(file);
  return headerLine.length + payloadBytes;
}

/** A temporary file this old was left by a process killed while writing (no write takes this long). */
export const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes the temporary files of writes to `file` that never finished: a process killed mid-write (the OOM
 * killer strikes when memory peaks, which is while a big index is being written) leaves one the size of the
 * index, and a container restarted in a loop would fill the disk with them. Another process writing now is left
 * alone: its file is younger than ABANDONED_AFTER_MS.
 */
async function removeAbandonedWrites(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const leftover = path.join(dir, name);
    const age = await stat(leftover).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > ABANDONED_AFTER_MS) await unlink(leftover).catch(() => undefined);
  }
}

/** The header line, padded with spaces so that it ends (newline included) at a multiple of 8 bytes. */
function headerBytes(header: Header): Buffer {
  const json = JSON.stringify(header);
  const length = Buffer.byteLength(json) + 1;
  return Buffer.from(`${json}${" ".repeat((8 - (length % 8)) % 8)}\n`);
}

/** The index's arrays by section name. */
function sectionsOf(index: SearchIndex): Record<string, TypedArray> {
  const { vocabulary, documentFrequency, units } = index.data;
  for (const term of vocabulary) if (term.includes("\u0000")) throw new Error("a word holds a NUL character, which the index file uses between words");
  const sections: Record<string, TypedArray> = {
    vocabulary: Buffer.from(vocabulary.join("\u0000"), "utf8"),
    documentFrequency: Uint32Array.from(documentFrequency),
  };
  if (units) sections.units = Uint32Array.from(units);
  index.postings.data.fields.forEach((field, f) => {
    const name = POSTING_FIELDS[f]!;
    sections[`${name}.offsets`] = field.offsets;
    sections[`${name}.documents`] = field.documents;
    sections[`${name}.frequencies`] = field.frequencies;
    sections[`${name}.lengths`] = field.lengths;
  });
  const columns = index.data.passages.columns;
  for (const [name, value] of Object.entries(columns) as Array<[string, TypedArray | Lists | Strings]>) {
    if (ArrayBuffer.isView(value)) sections[`passages.${name}`] = value;
    else if ("values" in value) [sections[`passages.${name}.offsets`], sections[`passages.${name}.values`]] = [value.offsets, value.values];
    else [sections[`passages.${name}.offsets`], sections[`passages.${name}.bytes`]] = [value.offsets, value.bytes];
  }
  return sections;
}

function elementType(array: TypedArray): ElementType {
  if (array instanceof Uint8Array) return "u8";
  if (array instanceof Uint16Array) return "u16";
  if (array instanceof Int32Array) return "i32";
  return "u32";
}

function encode(index: SearchIndex): Buffer[] {
  const sections = sectionsOf(index);
  const manifest: Manifest = {
    sections: {},
    documentCount: index.postings.documentCount,
    averageLengths: index.postings.data.fields.map((f) => f.averageLength),
  };
  // The manifest holds the offsets, which depend on its own length: lay the sections out after a first guess,
  // and again until the manifest's length stops changing (one or two rounds).
  let manifestBytes = Buffer.alloc(0);
  for (;;) {
    let at = align(8 + manifestBytes.length);
    for (const [name, array] of Object.entries(sections)) {
      manifest.sections[name] = [elementType(array), at, array.length];
      at = align(at + array.byteLength);
    }
    const next = Buffer.from(JSON.stringify(manifest), "utf8");
    const settled = next.length === manifestBytes.length;
    manifestBytes = next;
    if (settled) break;
  }
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32LE(manifestBytes.length, 0);
  const parts: Buffer[] = [prefix, manifestBytes];
  let at = 8 + manifestBytes.length;
  for (const array of Object.values(sections)) {
    if (align(at) > at) parts.push(Buffer.alloc(align(at) - at));
    at = align(at);
    parts.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
    at += array.byteLength;
  }
  if (align(at) > at) parts.push(Buffer.alloc(align(at) - at));
  return parts;
}

const align = (at: number) => Math.ceil(at / 8) * 8;

function copyAligned(bytes: Buffer): Buffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return Buffer.from(copy.buffer, 0, copy.length);
}

/**
 * Bytes hashed between two yields to the event loop: a bot reloading its articles keeps answering while it
 * reads a cache of tens of megabytes.
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

/** Lays the index over a payload whose checksum already matched; checks that its parts agree with each other. */
async function decode(payload: Buffer, header: Header): Promise<SearchIndex> {
  const fail = (what: string): never => {
    throw new Error(`the index file is inconsistent (${what})`);
  };
  if (payload.length < 8) fail("no manifest");
  const manifestLength = payload.readUInt32LE(0);
  if (8 + manifestLength > payload.length) fail("its manifest runs past the end");
  const manifest = JSON.parse(payload.toString("utf8", 8, 8 + manifestLength)) as Manifest;
  if (!manifest || typeof manifest.sections !== "object" || !Array.isArray(manifest.averageLengths)) fail("a manifest without sections");
  const section = <T extends TypedArray>(name: string, type: ElementType): T => {
    const entry = manifest.sections[name];
    if (!entry) return fail(`no section ${name}`);
    const [stored, offset, count] = entry;
    if (stored !== type) fail(`section ${name} holds ${stored}, not ${type}`);
    return view(payload, offset, count, type, fail) as T;
  };
  // Ids and frequencies take 16 bits where they all fit, else 32: the manifest says which.
  const narrowest = (name: string): ElementType => (manifest.sections[name]?.[0] === "u32" ? "u32" : "u16");

  const terms = header.counts.terms;
  const vocabularyBytes = section<Uint8Array>("vocabulary", "u8");
  const vocabulary = terms === 0 ? [] : Buffer.from(vocabularyBytes.buffer, vocabularyBytes.byteOffset, vocabularyBytes.length).toString("utf8").split("\u0000");
  if (vocabulary.length !== terms) fail(`${vocabulary.length} words for ${terms}`);
  const documentFrequency = Array.from(section<Uint32Array>("documentFrequency", "u32"));
  if (documentFrequency.length !== terms) fail("document frequencies for another vocabulary");
  await yieldToEventLoop();

  const columns = passageColumns(section, narrowest);
  const count = columns.kind.length;
  if (count !== header.counts.passages) fail(`${count} passages for ${header.counts.passages}`);
  checkColumns(columns, terms);
  await yieldToEventLoop();

  const units = manifest.sections.units ? Array.from(section<Uint32Array>("units", "u32")) : undefined;
  if (units && units.some((start, d) => start >= count || (d === 0 ? start !== 0 : start <= units[d - 1]!))) fail("section boundaries out of order");
  const documentCount = manifest.documentCount;
  if (documentCount !== (units ?? { length: count }).length) fail(`${documentCount} search documents for ${(units ?? { length: count }).length}`);
  const fields: FieldPostings[] = [];
  for (const [f, name] of POSTING_FIELDS.entries()) {
    const postings: FieldPostings = {
      offsets: section(`${name}.offsets`, "u32"),
      documents: section(`${name}.documents`, narrowest(`${name}.documents`)),
      frequencies: section(`${name}.frequencies`, narrowest(`${name}.frequencies`)),
      lengths: section(`${name}.lengths`, "u32"),
      averageLength: manifest.averageLengths[f] as number,
    };
    checkPostings(postings, terms, documentCount, fail, name);
    fields.push(postings);
    await yieldToEventLoop();
  }
  return new SearchIndex({ passages: PassageStore.fromColumns(columns), vocabulary, documentFrequency, ...(units ? { units } : {}) }, new Postings({ documentCount, termCount: terms, fields }));
}

function passageColumns(section: <T extends TypedArray>(name: string, type: ElementType) => T, narrowest: (name: string) => ElementType): PassageColumns {
  const u32 = (name: string) => section<Uint32Array>(`passages.${name}`, "u32");
  const lists = (name: string): Lists => ({ offsets: u32(`${name}.offsets`), values: section(`passages.${name}.values`, narrowest(`passages.${name}.values`)) });
  const strings = (name: string): Strings => ({ offsets: u32(`${name}.offsets`), bytes: section<Uint8Array>(`passages.${name}.bytes`, "u8") });
  return {
    kind: section<Uint8Array>("passages.kind", "u8"),
    articleId: u32("articleId"),
    title: u32("title"),
    section: u32("section"),
    url: u32("url"),
    publisher: u32("publisher"),
    publishedAt: u32("publishedAt"),
    position: u32("position"),
    sectionIndex: section<Int32Array>("passages.sectionIndex", "i32"),
    cardIndex: u32("cardIndex"),
    text: strings("text"),
    strings: strings("strings"),
    sentences: u32("sentences"),
    sentenceStart: u32("sentenceStart"),
    sentenceEnd: u32("sentenceEnd"),
    sentenceFeatures: u32("sentenceFeatures"),
    sentenceTerms: lists("sentenceTerms"),
    sentenceSubjects: lists("sentenceSubjects"),
    contextTerms: lists("contextTerms"),
    contextOf: u32("contextOf"),
    questionTerms: lists("questionTerms"),
    questionOf: u32("questionOf"),
    card: lists("card"),
  };
}

const BYTES: Record<ElementType, number> = { u8: 1, u16: 2, u32: 4, i32: 4 };

function view(payload: Buffer, offset: number, count: number, type: ElementType, fail: (what: string) => never): TypedArray {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(count) || offset < 0 || count < 0 || offset % 8 !== 0) fail("a section at a bad offset");
  const end = offset + count * BYTES[type];
  if (end > payload.length) fail("a section runs past the end");
  const at = payload.byteOffset + offset;
  if (type === "u8") return new Uint8Array(payload.buffer, at, count);
  if (type === "u16") return new Uint16Array(payload.buffer, at, count);
  if (type === "i32") return new Int32Array(payload.buffer, at, count);
  return new Uint32Array(payload.buffer, at, count);
}

function checkPostings(p: FieldPostings, terms: number, documents: number, fail: (what: string) => never, name: string): void {
  if (p.offsets.length !== terms + 1 || p.offsets[0] !== 0 || p.offsets[terms] !== p.documents.length) fail(`${name} postings do not cover the vocabulary`);
  for (let w = 0; w < terms; w++) {
    if (p.offsets[w + 1]! < p.offsets[w]!) fail(`${name} postings go back`);
    // Each word's documents ascending: the order scores are summed in, which ties depend on.
    for (let at = p.offsets[w]! + 1; at < p.offsets[w + 1]!; at++) if (p.documents[at]! <= p.documents[at - 1]!) fail(`${name} postings out of order`);
  }
  if (p.frequencies.length !== p.documents.length || p.lengths.length !== documents) fail(`${name} postings of different lengths`);
  for (let at = 0; at < p.documents.length; at++) if (p.documents[at]! >= documents || p.frequencies[at] === 0) fail(`${name} postings refer past the documents`);
  if (!(p.averageLength >= 0)) fail(`${name} has no average length`);
}

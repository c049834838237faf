/**
 * The articles snapshot: what the loader found in a folder the last time, kept in CACHE_DIR, so that a start
 * with an unchanged folder reads one file instead of parsing every article.
 *
 * Format: line 1 is a JSON header {format, version, fingerprint, statsTakenAt, entries}; then the parsed
 * articles (each one's JSON without id and path: an ArticleBody), one per line, at the offsets the header gives.
 * An entry records a file's name, stat (size, mtime, ctime, inode), the SHA-256 of its bytes, the loader's
 * warnings for it and, when it is an article, its title and the hash of its body.
 *
 * Trust: the snapshot is used only when its fingerprint is the parser's (fingerprint.ts); an entry only while the
 * file's stat is the one recorded and the file's mtime was already older than SETTLED_MS when it was recorded
 * (a file written in the same clock tick as the stat could change without its mtime changing); a body only when
 * its bytes hash to the recorded hash. Anything else is read from the articles folder again. Writes go to a
 * temporary file renamed over the old one.
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import type { Article } from "./model.js";

export const SNAPSHOT_FORMAT = "kiji-bot articles snapshot";
/** Bump when the layout changes (what the parser produces is the fingerprint's job). */
export const SNAPSHOT_VERSION = 1;
/**
 * How much older than the stat a file's mtime must be for the stat alone to vouch for it: more than the
 * coarsest mtime resolution in common use (2 s on FAT).
 */
export const SETTLED_MS = 3_000;

/** An article as parsed, without what the folder gives it (its id, from the file name, and its path). */
export type ArticleBody = Omit<Article, "id" | "path">;

export interface SnapshotEntry {
  /** The file's name in the folder, as listed. */
  name: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** SHA-256 of the file's bytes (base64url, its first 128 bits). */
  contentHash: string;
  /** The loader's warnings for this file, in order (a skipped file's reason among them). */
  warnings: string[];
  /** Absent when the file is no article (empty, binary, no text). */
  article?: { title: string; hash: string; offset: number; length: number };
}

export interface Snapshot {
  file: string;
  /** When the stats it records were taken (before the first of them). */
  statsTakenAt: number;
  entries: SnapshotEntry[];
  /** Where the bodies start in the file. */
  bodyStart: number;
}

interface Header {
  format: string;
  version: number;
  fingerprint: string;
  statsTakenAt: number;
  entries: SnapshotEntry[];
}

/** One snapshot per articles folder. */
export function snapshotFile(cacheDir: string, articlesDir: string): string {
  const folder = createHash("sha256").update(path.resolve(articlesDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, `articles-${folder}.jsonl`);
}

/** The hash a body is known by: of its JSON. */
export function bodyHash(json: string | Buffer): string {
  return createHash("sha256").update(json).digest("base64url").slice(0, 22);
}

/** The snapshot's header, or null when there is none usable (missing, unreadable, another parser or layout). */
export function readSnapshot(file: string, fingerprint: string): Snapshot | null {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return null;
  }
  try {
    // The header is one line at the start: read until its end, without reading the bodies.
    const chunks: Buffer[] = [];
    let position = 0;
    for (;;) {
      const chunk = Buffer.alloc(chunks.length ? 1 << 20 : 1 << 16);
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) return null;
      const end = chunk.subarray(0, read).indexOf(10);
      chunks.push(chunk.subarray(0, end < 0 ? read : end));
      position += read;
      if (end >= 0) break;
    }
    const headerBytes = Buffer.concat(chunks);
    const header = JSON.parse(headerBytes.toString("utf8")) as Header;
    if (header.format !== SNAPSHOT_FORMAT || header.version !== SNAPSHOT_VERSION || header.fingerprint !== fingerprint) return null;
    // Valid JSON is not yet a snapshot (an older layout, an edit by hand): one entry of another shape and the
    // loader would throw on it, at every start. Such a file is no snapshot, like any other damage.
    if (!Array.isArray(header.entries) || !header.entries.every(isEntry) || typeof header.statsTakenAt !== "number") return null;
    return { file, statsTakenAt: header.statsTakenAt, entries: header.entries, bodyStart: headerBytes.length + 1 };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function isEntry(value: unknown): value is SnapshotEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  const numbers = [entry.size, entry.mtimeMs, entry.ctimeMs, entry.ino].every((n) => typeof n === "number");
  const warnings = Array.isArray(entry.warnings) && entry.warnings.every((w) => typeof w === "string");
  return typeof entry.name === "string" && typeof entry.contentHash === "string" && numbers && warnings && (entry.article === undefined || isArticle(entry.article));
}

function isArticle(value: unknown): value is SnapshotEntry["article"] {
  if (typeof value !== "object" || value === null) return false;
  const { title, hash, offset, length } = value as Record<string, unknown>;
  return typeof title === "string" && typeof hash === "string" && Number.isSafeInteger(offset) && Number.isSafeInteger(length) && (offset as number) >= 0 && (length as number) >= 0;
}

/** An entry's body, read from the snapshot file and checked against its hash; throws when it does not match. */
export function readBody(snapshot: Pick<Snapshot, "file" | "bodyStart">, article: NonNullable<SnapshotEntry["article"]>): ArticleBody {
  const bytes = readBytes(snapshot, article);
  if (bodyHash(bytes) !== article.hash) throw new Error("the snapshot's article does not match its hash");
  return JSON.parse(bytes.toString("utf8")) as ArticleBody;
}

function readBytes(snapshot: Pick<Snapshot, "file" | "bodyStart">, article: NonNullable<SnapshotEntry["article"]>): Buffer {
  const fd = openSync(snapshot.file, "r");
  try {
    const bytes = Buffer.alloc(article.length);
    const read = readSync(fd, bytes, 0, article.length, snapshot.bodyStart + article.offset);
    if (read !== article.length) throw new Error("the snapshot is truncated");
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a snapshot of these entries. Each article's body is the JSON given, or else the previous snapshot's
 * bytes for it (an entry whose old bytes no longer check out is left out: the next load reads its file again).
 * Returns the snapshot written; throws when it cannot be written (the caller carries on without it).
 */
export function writeSnapshot(
  file: string,
  fingerprint: string,
  statsTakenAt: number,
  files: ReadonlyArray<{ entry: SnapshotEntry; json?: string }>,
  previous: Snapshot | null,
): Snapshot {
  let old: Buffer | null | undefined;
  const oldBytes = (article: NonNullable<SnapshotEntry["article"]>): Buffer | null => {
    if (!previous) return null;
    try {
      old ??= readFileSync(previous.file);
    } catch {
      old = null;
    }
    if (!old) return null;
    const start = previous.bodyStart + article.offset;
    const bytes = old.subarray(start, start + article.length);
    return bytes.length === article.length && bodyHash(bytes) === article.hash ? bytes : null;
  };
  const entries: SnapshotEntry[] = [];
  const bodies: Buffer[] = [];
  let offset = 0;
  for (const { entry, json } of files) {
    if (!entry.article) {
      entries.push(entry);
      continue;
    }
    const bytes = json !== undefined ? Buffer.from(json) : oldBytes(entry.article);
    if (!bytes) continue;
    entries.push({ ...entry, article: { ...entry.article, offset, length: bytes.length } });
    bodies.push(bytes, NEWLINE);
    offset += bytes.length + 1;
  }
  const header: Header = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, fingerprint, statsTakenAt, entries };
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`);
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    const fd = openSync(temporary, "w");
    try {
      for (const bytes of [headerLine, ...bodies]) {
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // never created
    }
    throw error;
  }
  return { file, statsTakenAt, entries, bodyStart: headerLine.length };
}

const NEWLINE = Buffer.from("\n");

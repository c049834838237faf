/**
 * Loads a folder of articles: every `.txt` (news-digest page) and `.md` (hand-written) file, in file-name order.
 * A file that cannot be used is reported by name with the reason and skipped; the rest load. Only a missing
 * folder is an error, because then there is nothing to answer from.
 *
 * The folder is not trusted: dotfiles (`.env`, `.git/`) are never read, and a symbolic link is followed only
 * when it leads to a file inside the folder (one pointing at the bot's own `.env` would otherwise be quoted).
 *
 * With a cache folder, what was found is kept there (snapshot.ts): a file whose stat is the one recorded is not
 * read again, and its article's text is read from the snapshot only when something asks for it
 * (lazy-article.ts); a file whose stat changed is read and hashed, and parsed again only when its bytes changed.
 * Articles and warnings are the same, field for field, as when every file is parsed.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import path from "node:path";
import type { Article, LoadResult, LoadWarning } from "./model.js";
import { decodeText } from "./decode.js";
import { parserFingerprint } from "./fingerprint.js";
import { articleOf, lazyArticle } from "./lazy-article.js";
import { parseDigest, type ParsedFile } from "./parse-digest.js";
import { parseMarkdown } from "./parse-markdown.js";
import { bodyHash, readBody, readSnapshot, SETTLED_MS, snapshotFile, writeSnapshot, type ArticleBody, type Snapshot, type SnapshotEntry } from "./snapshot.js";
import { cleanText } from "./text.js";

/** Larger files are refused: analysing 10 MB of Japanese takes tens of seconds and is almost surely not one article. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** Files handled between two yields to the event loop, so that a bot loading a folder keeps answering. */
const BATCH = 128;

const PARSERS: Record<string, (text: string) => ParsedFile> = {
  ".txt": parseDigest,
  ".md": parseMarkdown,
};

export class ArticlesDirError extends Error {
  constructor(readonly dir: string, reason: string) {
    super(
      `kiji-bot: the articles folder ${dir} ${reason}. Put .txt or .md articles there, or set ARTICLES_DIR ` +
        "(in .env or the environment) to the folder that holds them; the default is seeds/.",
    );
    this.name = "ArticlesDirError";
  }
}

/** The folder's articles and warnings, and what identifies the articles as parsed (for the search caches). */
export interface LoadedArticles extends LoadResult {
  /** Each article's hash (of its parsed text, without id and path), by id. */
  hashes: ReadonlyMap<string, string>;
  /** A hash of every article's id, path and content hash, in order: the same key means the same articles. */
  key: string;
}

export interface LoadOptions {
  /** Where the snapshot of the folder is kept (CACHE_DIR); without one every file is read and parsed. */
  cacheDir?: string;
}

/** One file read now or known from the snapshot; `json` is its article's body when parsed now. */
interface FileRecord {
  name: string;
  file: string;
  /** The article's id, when the file holds one (its name without extension, or its whole name if taken). */
  id?: string;
  entry: SnapshotEntry;
  json?: string;
  body?: ArticleBody;
}

export async function loadArticles(dir: string, options: LoadOptions = {}): Promise<LoadedArticles> {
  // Dotfiles are never read, nor listed: `.env`, `.DS_Store`, editors' swap files.
  const listed = listFolder(dir).filter((entry) => !entry.name.startsWith("."));
  // Code-point order, not locale order: the same on every machine.
  listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const fingerprint = parserFingerprint();
  const snapshotPath = options.cacheDir ? snapshotFile(options.cacheDir, dir) : null;
  const previous = snapshotPath ? readSnapshot(snapshotPath, fingerprint) : null;
  const byName = new Map(previous?.entries.map((entry) => [entry.name, entry]));
  const byContent = new Map(previous?.entries.map((entry) => [entry.contentHash, entry]));
  const root = realpathSync(dir);
  const statsTakenAt = Date.now();

  const warnings: LoadWarning[] = [];
  const records: FileRecord[] = [];
  const ids = new Set<string>();
  let readAny = false;
  for (let i = 0; i < listed.length; i++) {
    if (i % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
    const fileName = listed[i]!.name;
    // A file name is shown in warnings, logs and ids: without the escape codes a name can hold.
    const name = cleanText(fileName);
    const parse = PARSERS[path.extname(name).toLowerCase()];
    if (!parse) {
      warnings.push({ file: name, message: "ignored: not a .txt or .md article" });
      continue;
    }
    const file = path.join(dir, fileName);
    // Only a link can lead out: a file listed in the folder is in it.
    if (listed[i]!.isSymbolicLink() && !insideFolder(root, file)) {
      warnings.push({ file: name, message: "skipped: a link to a file outside the articles folder (or to a hidden one); links are followed only inside it" });
      continue;
    }
    const skip = (reason: string) => warnings.push({ file: name, message: `skipped: ${reason}` });
    const unreadable = (error: unknown) => skip(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    let info: Stats;
    try {
      info = statSync(file);
    } catch (error) {
      unreadable(error);
      continue;
    }
    if (!info.isFile()) {
      skip("not a regular file");
      continue;
    }
    if (info.size > MAX_ARTICLE_BYTES) {
      skip(`too large (${megabytes(info.size)}; the limit is ${megabytes(MAX_ARTICLE_BYTES)}): split it into several articles`);
      continue;
    }
    let record: FileRecord;
    const known = byName.get(fileName);
    if (known && previous && sameStat(known, info) && info.mtimeMs < previous.statsTakenAt - SETTLED_MS) record = { name, file, entry: known };
    else {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        unreadable(error);
        continue;
      }
      readAny = true;
      const contentHash = createHash("sha256").update(bytes).digest("base64url").slice(0, 22);
      const stat = { name: fileName, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
      // The same bytes as a file already parsed (touched, renamed, copied back): what it gave holds.
      const same = byContent.get(contentHash);
      record = same ? { name, file, entry: { ...same, ...stat } } : { name, file, ...parseFile(bytes, parse, { ...stat, contentHash, warnings: [] }) };
    }
    for (const message of record.entry.warnings) warnings.push({ file: name, message });
    if (record.entry.article) {
      let id = path.basename(name, path.extname(name));
      if (ids.has(id)) {
        warnings.push({ file: name, message: `another file already has the id "${id}"; this one is "${name}"` });
        id = name;
      }
      ids.add(id);
      record.id = id;
    }
    records.push(record);
  }

  // Saved when a file was read, or when files went away (every other record is an entry of the snapshot).
  let snapshot = previous;
  if (snapshotPath && (readAny || !previous || previous.entries.length !== records.length)) {
    try {
      snapshot = writeSnapshot(snapshotPath, fingerprint, statsTakenAt, records, previous);
    } catch {
      // A cache that cannot be written only costs the next start its speed.
    }
  }
  const saved = snapshot !== previous ? new Map(snapshot?.entries.map((entry) => [entry.name, entry])) : null;

  const articles: Article[] = [];
  const hashes = new Map<string, string>();
  const key = createHash("sha256");
  for (const record of records) {
    const summary = record.entry.article;
    const id = record.id;
    if (!summary || id === undefined) continue;
    const { file } = record;
    const head = { id, path: file, title: summary.title };
    // Offsets in the snapshot saved now, or (none saved) in the one read.
    const stored = saved ? saved.get(record.entry.name)?.article : record.entry.article;
    if (record.body) articles.push(articleOf(head, record.body));
    else articles.push(lazyArticle(head, () => bodyFromSnapshot(snapshot, stored, file)));
    hashes.set(id, summary.hash);
    key.update(`${id}\n${file}\n${summary.hash}\n`);
  }
  if (articles.length === 0) warnings.push({ file: dir, message: "no usable .txt or .md article in this folder" });
  return { articles, warnings, hashes, key: key.digest("hex") };
}

/** Whether the file is as the snapshot recorded it: the same size and times, and still the same file. */
function sameStat(entry: SnapshotEntry, info: Stats): boolean {
  return entry.size === info.size && entry.mtimeMs === info.mtimeMs && entry.ctimeMs === info.ctimeMs && entry.ino === info.ino;
}

/** A file's bytes as clean text, with a note on its encoding; or why it holds no text. */
function textOf(bytes: Buffer): { text: string; note?: string } | { skipped: string } {
  const decoded = decodeText(bytes);
  if (decoded === "binary") return { skipped: "skipped: binary file, not text" };
  if (decoded === null) return { skipped: "skipped: not valid UTF-8 (nor UTF-16 or Shift_JIS): save it as UTF-8" };
  // Escape sequences and control characters are not text: dropped here, they reach no answer and no terminal.
  const text = cleanText(decoded.text);
  const note = decoded.encoding !== "utf-8" ? `read as ${decoded.encoding}; saving it as UTF-8 is safer` : undefined;
  return { text, ...(note ? { note } : {}) };
}

/** A file's bytes as the loader understands them: its warnings and, when it holds an article, the article. */
function parseFile(bytes: Buffer, parse: (text: string) => ParsedFile, entry: SnapshotEntry): Omit<FileRecord, "name" | "file"> {
  const { warnings } = entry;
  const done = () => ({ entry });
  const read = textOf(bytes);
  if ("skipped" in read) return warnings.push(read.skipped), done();
  if (read.note) warnings.push(read.note);
  if (!read.text.replace(/^\uFEFF/, "").trim()) return warnings.push("skipped: empty file"), done();
  const parsed = parse(read.text);
  warnings.push(...parsed.warnings);
  if (!parsed.article.title) return warnings.push("skipped: no text"), done();
  const body: ArticleBody = parsed.article;
  const json = JSON.stringify(body);
  return { entry: { ...entry, article: { title: body.title, hash: bodyHash(json), offset: 0, length: 0 } }, json, body };
}

/**
 * An article's text from the snapshot; should the snapshot have changed under it (another process saved a newer
 * one), from its file, parsed again.
 */
function bodyFromSnapshot(snapshot: Snapshot | null, stored: SnapshotEntry["article"], file: string): ArticleBody {
  try {
    if (snapshot && stored) return readBody(snapshot, stored);
  } catch {
    // read the file below
  }
  const parse = PARSERS[path.extname(file).toLowerCase()]!;
  let read: ReturnType<typeof textOf> | null = null;
  try {
    read = textOf(readFileSync(file));
  } catch {
    // gone or unreadable since the start: an article without text
  }
  return parse(read && "text" in read ? read.text : "").article;
}

/**
 * Whether a link, once resolved, is a file of the folder (or of a folder inside it) that no dot-named part
 * hides. Checked before reading, so a link to `../.env` is never opened.
 */
function insideFolder(root: string, file: string): boolean {
  let target: string;
  try {
    target = realpathSync(file);
  } catch {
    return true; // a broken link: reading it reports why
  }
  const relative = path.relative(root, target);
  if (!relative || path.isAbsolute(relative)) return false;
  return !relative.split(path.sep).some((part) => part.startsWith("."));
}

function listFolder(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile() || entry.isSymbolicLink());
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ArticlesDirError(dir, "does not exist");
    if (code === "ENOTDIR") throw new ArticlesDirError(dir, "is a file, not a folder");
    throw new ArticlesDirError(dir, `cannot be read (${code ?? String(error)})`);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Loads a folder of articles: every `.txt` (news-digest page) and `.md` (hand-written) file, in file-name order.
 * A file that cannot be used is reported by name with the reason and skipped; the rest load. Only a missing
 * folder is an error, because then there is nothing to answer from.
 *
 * The folder is not trusted: dotfiles (`.env`, `.git/`) are never read, and a symbolic link is followed only
 * when it leads to a file inside the folder (one pointing at the bot's own `.env` would otherwise be quoted).
 */
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { Article, LoadResult, LoadWarning } from "./model.js";
import { decodeText } from "./decode.js";
import { parseDigest, type ParsedFile } from "./parse-digest.js";
import { parseMarkdown } from "./parse-markdown.js";
import { cleanText } from "./text.js";

/** Larger files are refused: analysing 10 MB of Japanese takes tens of seconds and is almost surely not one article. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

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

export async function loadArticles(dir: string): Promise<LoadResult> {
  // Dotfiles are never read, nor listed: `.env`, `.DS_Store`, editors' swap files.
  const names = (await listFolder(dir)).filter((name) => !name.startsWith("."));
  const inside = await insideFolder(dir);
  const articles: Article[] = [];
  const warnings: LoadWarning[] = [];
  const ids = new Set<string>();

  // Code-point order, not locale order: the same on every machine.
  for (const fileName of names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    // A file name is shown in warnings, logs and ids: without the escape codes a name can hold.
    const name = cleanText(fileName);
    const extension = path.extname(name).toLowerCase();
    const parse = PARSERS[extension];
    if (!parse) {
      warnings.push({ file: name, message: "ignored: not a .txt or .md article" });
      continue;
    }
    const file = path.join(dir, fileName);
    if (!(await inside(file))) {
      warnings.push({ file: name, message: "skipped: a link to a file outside the articles folder (or to a hidden one); links are followed only inside it" });
      continue;
    }
    const text = await readText(file, name, warnings);
    if (text === null) continue;

    const parsed = parse(text);
    for (const message of parsed.warnings) warnings.push({ file: name, message });
    if (!parsed.article.title) {
      warnings.push({ file: name, message: "skipped: no text" });
      continue;
    }
    let id = path.basename(name, path.extname(name));
    if (ids.has(id)) {
      warnings.push({ file: name, message: `another file already has the id "${id}"; this one is "${name}"` });
      id = name;
    }
    ids.add(id);
    articles.push({ id, path: file, ...parsed.article });
  }
  if (articles.length === 0) warnings.push({ file: dir, message: "no usable .txt or .md article in this folder" });
  return { articles, warnings };
}

/**
 * Whether a file, once its links are resolved, is a file of the folder (or of a folder inside it) that no
 * dot-named part hides. Checked before reading, so a link to `../.env` is never opened.
 */
async function insideFolder(dir: string): Promise<(file: string) => Promise<boolean>> {
  const root = await realpath(dir);
  return async (file) => {
    let target: string;
    try {
      target = await realpath(file);
    } catch {
      return true; // a broken link: reading it reports why
    }
    const relative = path.relative(root, target);
    if (!relative || path.isAbsolute(relative)) return false;
    return !relative.split(path.sep).some((part) => part.startsWith("."));
  };
}

async function listFolder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ArticlesDirError(dir, "does not exist");
    if (code === "ENOTDIR") throw new ArticlesDirError(dir, "is a file, not a folder");
    throw new ArticlesDirError(dir, `cannot be read (${code ?? String(error)})`);
  }
}

/** The file as text, or null after recording why it cannot be used. */
async function readText(file: string, name: string, warnings: LoadWarning[]): Promise<string | null> {
  const skip = (reason: string) => {
    warnings.push({ file: name, message: `skipped: ${reason}` });
    return null;
  };
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return skip("not a regular file");
    if (info.size > MAX_ARTICLE_BYTES)
      return skip(`too large (${megabytes(info.size)}; the limit is ${megabytes(MAX_ARTICLE_BYTES)}): split it into several articles`);
    bytes = await readFile(file);
  } catch (error) {
    return skip(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const text = decodeText(bytes);
  if (text === "binary") return skip("binary file, not text");
  if (text === null) return skip("not valid UTF-8 (nor UTF-16 or Shift_JIS): save it as UTF-8");
  if (text.encoding !== "utf-8") warnings.push({ file: name, message: `read as ${text.encoding}; saving it as UTF-8 is safer` });
  // Escape sequences and control characters are not text: dropped here, they reach no answer and no terminal.
  const clean = cleanText(text.text);
  if (!clean.replace(/^\uFEFF/, "").trim()) return skip("empty file");
  return clean;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

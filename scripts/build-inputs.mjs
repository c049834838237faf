/**
 * What dist/ is built from, and whether it still matches: shared by the build (scripts/build.mjs), which
 * records the inputs in dist/build-info.json, and by scripts/fresh-dist.mjs, which compares them before an
 * npm script runs dist/. Plain JavaScript: it runs before anything can compile TypeScript.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = path.join(ROOT, "dist");
export const BUILD_INFO = path.join(DIST, "build-info.json");

/** Folders whose files may end up in dist/ (a new or deleted file there changes the build). */
const WATCHED = ["src", "commands"];
/** Files outside them that change what dist/ holds or how it is built. */
const STAMPED = ["package.json", "package-lock.json", "tsconfig.json", "scripts/build.mjs", "scripts/build-inputs.mjs"];

/** [mtime, size] of a file, or null when it does not exist. */
function fingerprint(file) {
  try {
    const { mtimeMs, size } = statSync(file);
    return [mtimeMs, size];
  } catch {
    return null;
  }
}

/**
 * The hash of a file's content, or null: for the stamped files, which npm rewrites unchanged
 * (`npm prune` writes package-lock.json again), so their mtime says nothing.
 */
function contentHash(file) {
  try {
    return [createHash("sha256").update(readFileSync(file)).digest("hex")];
  } catch {
    return null;
  }
}

/** Every watched file (relative, with `/`) with its mtime and size, and every stamped file with its hash. */
export function snapshot(root = ROOT) {
  const files = {};
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(file);
      else files[file] = fingerprint(path.join(root, file));
    }
  };
  for (const dir of WATCHED) walk(dir);
  for (const file of STAMPED) files[file] = contentHash(path.join(root, file));
  return files;
}

const same = (a, b) => (a === null ? b === null : Array.isArray(b) && a.length === b.length && a.every((part, i) => part === b[i]));

/**
 * "fresh", "stale" (a source changed since the build) or "missing" (no complete build). A dist/ without
 * src/ beside it (a release image) is fresh: there is nothing to compare it with.
 */
export function distState(root = ROOT) {
  let info;
  try {
    info = JSON.parse(readFileSync(path.join(root, "dist", "build-info.json"), "utf8"));
  } catch {
    return "missing";
  }
  if (!info || typeof info.inputs !== "object" || !Array.isArray(info.entries)) return "missing";
  for (const entry of info.entries) if (fingerprint(path.join(root, "dist", entry)) === null) return "missing";
  if (fingerprint(path.join(root, "src")) === null) return "fresh";
  const now = snapshot(root);
  const names = Object.keys(now);
  if (names.length !== Object.keys(info.inputs).length) return "stale";
  return names.every((name) => same(now[name], info.inputs[name])) ? "fresh" : "stale";
}

/**
 * Entry points no npm script runs: worker threads that a bundle starts from a file beside it
 * (src/answers/live-library.ts builds the index in dist/answers/index-worker.js, and the build analyses
 * articles in dist/search/analysis-worker.js).
 */
const WORKER_ENTRIES = ["answers/index-worker", "search/analysis-worker"];

/**
 * The entry points to build: every `dist/<path>.js` that an npm script of package.json runs, built from
 * `src/<path>.ts`, and the WORKER_ENTRIES. A new entry point needs only its script.
 */
export function entryPoints(root = ROOT) {
  const { scripts = {} } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const entries = new Set(WORKER_ENTRIES.filter((entry) => existsSync(path.join(root, "src", `${entry}.ts`))));
  for (const command of Object.values(scripts)) {
    for (const match of String(command).matchAll(/(?:^|\s)dist\/([\w./-]+)\.js(?=\s|$)/g)) entries.add(match[1]);
  }
  return [...entries].sort();
}

/**
 * The library as the bot serves it: opened once, then rebuilt whenever ARTICLES_DIR changes (watched, debounced)
 * or `/reload` asks. A rebuild runs beside the library being served and replaces it in one assignment, so an
 * interaction that already holds the old library finishes on it. The index itself is built in a worker thread
 * (index-worker.ts) that brings the articles snapshot, the per-article analyses and the index cache up to date
 * (analysing only the articles that changed); this thread then only opens them, so answering never waits
 * behind seconds of text analysis. A new library serves as soon as it is open, and is prepared (summaries,
 * names) while it serves. Where no worker file can be found (a bundle built without it), the build runs here,
 * as `openLibrary` always did.
 */
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, statSync, watch, type FSWatcher } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LoadWarning } from "../articles/model.js";
import { summarizeWarnings } from "../articles/warnings.js";
import { startWorker, workerEntry } from "../search/worker-file.js";
import type { IndexJob, IndexJobResult } from "./index-worker.js";
import { openLibrary, prepareAnswers, type Library } from "./library.js";

export interface ReloadReport {
  added: string[];
  changed: string[];
  removed: string[];
  warnings: LoadWarning[];
  articleCount: number;
  ms: number;
}

export interface LiveLibrary {
  /** The library serving now (swapped atomically; an interaction keeps the one it started with). */
  current(): Library | undefined;
  ready: Promise<Library>;
  /** Rebuilds in the background and swaps it in; concurrent calls share one rebuild. */
  reload(): Promise<ReloadReport>;
  /** Time of the last successful (re)load, for /healthz. */
  lastLoadedAt(): Date | undefined;
  /** Stops watching ARTICLES_DIR. */
  close(): void;
}

/** What the live library says about itself; the bot passes its logger. */
export interface LiveLog {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
}

export interface LiveLibraryOptions {
  articlesDir: string;
  cacheDir: string;
  /** Watch ARTICLES_DIR and reload on changes (default true). */
  watch?: boolean;
  /** Quiet time after the last change before reloading: an editor's save or a copy of many files is one reload. */
  debounceMs?: number;
  /** Build the index in a worker thread when one can be started (default true). */
  worker?: boolean;
  log?: LiveLog;
  /** Called after every successful reload (not the first load), with its report. */
  onReload?: (report: ReloadReport) => void;
}

/** The file kinds loadArticles reads: other files (editor swap files, a cache inside the folder) change nothing. */
const ARTICLE_FILE = /\.(txt|md)$/i;
/** How often a lost watch (folder deleted or replaced) is tried again. */
const REWATCH_MS = 2_000;

const silent: LiveLog = { info: () => {}, warn: () => {} };

export function openLiveLibrary(given: LiveLibraryOptions): LiveLibrary {
  const log = given.log ?? silent;
  const options = { ...given, cacheDir: writableCacheDir(given.cacheDir, log) };
  const debounceMs = options.debounceMs ?? 750;
  let served: { library: Library; hashes: ReadonlyMap<string, string> } | undefined;
  let loadedAt: Date | undefined;
  let running: Promise<ReloadReport> | undefined;
  /** A change arrived while a rebuild was reading the folder: rebuild once more when it ends. */
  let dirty = false;
  let closed = false;
  let watcher: FSWatcher | undefined;
  let watchedInode: number | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let rewatch: NodeJS.Timeout | undefined;

  const rebuild = async (): Promise<ReloadReport> => {
    const started = performance.now();
    if (options.worker !== false) await refreshCacheInWorker(options, log);
    const library = await openLibrary({ articlesDir: options.articlesDir, cacheDir: options.cacheDir });
    if (served && !library.articles.length) {
      throw new Error(`${options.articlesDir} has no usable article now; still serving the ${served.library.articles.length} loaded before`);
    }
    // The first library is prepared before it serves. A new one is swapped in as soon as it can answer, then
    // prepared while it serves: a request meanwhile works out (and keeps) what it needs itself, and the new
    // articles are answered a second sooner at 671 articles.
    const first = !served;
    if (first) await prepareAnswers(library);
    const hashes = library.articleHashes;
    const before: ReadonlyMap<string, string> = served?.hashes ?? new Map<string, string>();
    const report: ReloadReport = {
      added: [...hashes.keys()].filter((id) => !before.has(id)),
      changed: [...hashes].filter(([id, hash]) => before.has(id) && before.get(id) !== hash).map(([id]) => id),
      removed: [...before.keys()].filter((id) => !hashes.has(id)),
      warnings: library.warnings,
      articleCount: library.articles.length,
      ms: Math.round(performance.now() - started),
    };
    // The swap: one assignment. Whoever called current() before it keeps the library it got.
    served = { library, hashes };
    loadedAt = new Date();
    if (!first) prepareAnswers(library).catch((error: unknown) => log.warn("preparing the new library's summaries failed; each is worked out when asked for", error));
    return report;
  };

  const reload = (): Promise<ReloadReport> => {
    if (running) return running;
    dirty = false;
    const first = !served;
    running = rebuild().finally(() => {
      running = undefined;
      // After a failed first load there is nothing to bring up to date: the caller gives up through `ready`.
      if (dirty && !closed && served) schedule();
    });
    running.then(
      (report) => {
        for (const line of summarizeWarnings(report.warnings)) log.warn(line);
        if (first) return;
        log.info(describeReload(report));
        options.onReload?.(report);
      },
      // The first load's failure is the caller's, through `ready`.
      (error: unknown) => first || log.warn(`reload of ${options.articlesDir} failed; still serving the articles loaded before`, error),
    );
    return running;
  };

  const schedule = () => {
    if (closed) return;
    if (running) {
      dirty = true;
      return;
    }
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      reload().then(checkWatch, () => checkWatch());
    }, debounceMs);
    debounce.unref?.();
  };

  /** A failure to watch was logged: the retries stay quiet until one succeeds (the system's watchers can stay used up for days). */
  let watchFailureLogged = false;
  const startWatching = (): boolean => {
    try {
      const w = watch(options.articlesDir, { persistent: false }, (_event, name) => {
        if (name && !ARTICLE_FILE.test(String(name))) return;
        schedule();
      });
      w.on("error", (error) => {
        log.warn(`watching ${options.articlesDir} failed; articles are kept, changes wait for /reload or the folder's return`, error);
        stopWatching();
        retryWatch();
      });
      watcher = w;
      watchedInode = inodeOf(options.articlesDir);
      watchFailureLogged = false;
      return true;
    } catch (error) {
      if (!watchFailureLogged)
        log.warn(`cannot watch ${options.articlesDir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); trying again every ${REWATCH_MS / 1000} s, quietly; meanwhile /reload picks up changes`);
      watchFailureLogged = true;
      return false;
    }
  };
  const stopWatching = () => {
    watcher?.close();
    watcher = undefined;
  };
  const retryWatch = () => {
    if (closed || rewatch) return;
    rewatch = setInterval(() => {
      if (closed || !existsSync(options.articlesDir)) return;
      clearInterval(rewatch);
      rewatch = undefined;
      if (startWatching()) {
        log.info(`watching ${options.articlesDir} again`);
        schedule();
      } else retryWatch();
    }, REWATCH_MS);
    rewatch.unref?.();
  };
  /** A folder deleted or replaced (rm -r and a new copy) leaves the watch on the old one: notice and re-watch. */
  const checkWatch = () => {
    if (closed || options.watch === false || !watcher) return;
    const inode = inodeOf(options.articlesDir);
    if (inode === watchedInode) return;
    stopWatching();
    if (inode === undefined) {
      log.warn(`${options.articlesDir} is gone; still serving the articles loaded before`);
      retryWatch();
    } else if (startWatching()) schedule();
  };

  // Watched from before the first load reads the folder: a file saved while that load runs (a start at
  // thousands of articles takes seconds) is seen, and reloaded once the load is done.
  const watchNow = options.watch !== false && existsSync(options.articlesDir) && startWatching();
  const ready = reload().then(() => served!.library);
  ready.catch(() => {}); // the caller awaits `ready`; this keeps a failed first load from also going unhandled
  if (options.watch !== false && !watchNow) {
    void ready.then(
      () => {
        if (!closed && !startWatching()) retryWatch();
      },
      () => {},
    );
  }

  return {
    current: () => served?.library,
    ready,
    reload,
    lastLoadedAt: () => loadedAt,
    close() {
      closed = true;
      clearTimeout(debounce);
      clearInterval(rewatch);
      stopWatching();
    },
  };
}

/** One line for the log and /reload: what changed, by article id. */
export function describeReload(report: ReloadReport): string {
  const list = (ids: string[]) => (ids.length > 10 ? `${ids.slice(0, 10).join(", ")} and ${ids.length - 10} more` : ids.join(", "));
  const parts = [
    report.added.length ? `added ${report.added.length} (${list(report.added)})` : "",
    report.changed.length ? `changed ${report.changed.length} (${list(report.changed)})` : "",
    report.removed.length ? `removed ${report.removed.length} (${list(report.removed)})` : "",
  ].filter(Boolean);
  return `articles reloaded in ${report.ms} ms: ${parts.length ? parts.join("; ") : "no change"}; ${report.articleCount} served${report.warnings.length ? `, ${report.warnings.length} warning(s)` : ""}`;
}

function inodeOf(dir: string): number | undefined {
  try {
    return statSync(dir).ino;
  } catch {
    return undefined;
  }
}

/**
 * The worker's file: beside this one (`.ts` under tsx or vitest; `.js` when compiled file by file), or, when this
 * module is part of a bundle such as dist/bot/main.js, the bundle dist/answers/index-worker.js beside it. None
 * (the build then runs on this thread) when neither exists.
 */
const INDEX_WORKER = ["./index-worker.ts", "./index-worker.js", "../answers/index-worker.js", "./answers/index-worker.js"];

/**
 * Brings the index cache up to date in a worker thread. A failure is only logged: openLibrary then builds the
 * index itself, slower for the bot but still correct.
 */
async function refreshCacheInWorker(options: LiveLibraryOptions, log: LiveLog): Promise<void> {
  const entry = workerEntry(import.meta.url, INDEX_WORKER);
  if (!entry) return;
  const job: IndexJob = { articlesDir: options.articlesDir, cacheDir: options.cacheDir };
  const result = await new Promise<IndexJobResult>((resolve) => {
    let settled = false;
    const settle = (value: IndexJobResult) => {
      if (!settled) resolve(value);
      settled = true;
    };
    try {
      const worker = startWorker(entry, { workerData: job });
      worker.once("message", (message: IndexJobResult) => {
        settle(message);
        void worker.terminate();
      });
      worker.once("error", (error) => settle({ ok: false, error: error.message }));
      worker.once("exit", (code) => settle({ ok: false, error: `the index worker exited (code ${code}) without a result` }));
    } catch (error) {
      settle({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
  if (!result.ok) log.warn(`index worker failed (${result.error}); building the index on the main thread`);
  else if (result.writeError) log.warn(`index worker could not save the index cache (${result.writeError}); building it on the main thread`);
}

/**
 * CACHE_DIR when it can be written; else a folder in the system's temporary directory. The worker builds the
 * index into the cache and this thread reads it back: with nowhere to write, every reload would build the index
 * again on the bot's own event loop.
 */
function writableCacheDir(cacheDir: string, log: LiveLog): string {
  if (canWrite(cacheDir)) return cacheDir;
  const fallback = path.join(tmpdir(), `kiji-bot-cache-${createHash("sha256").update(cacheDir).digest("hex").slice(0, 12)}`);
  if (!canWrite(fallback)) {
    log.warn(`cannot write the index cache in ${cacheDir} (nor ${fallback}): each reload rebuilds the index on the bot's thread; set CACHE_DIR to a writable folder`);
    return cacheDir;
  }
  log.warn(`cannot write the index cache in ${cacheDir}: using ${fallback} instead; set CACHE_DIR to a writable folder`);
  return fallback;
}

function canWrite(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

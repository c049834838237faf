/**
 * Starting a worker thread from a module file, wherever the code runs from: the `.ts` source under tsx or vitest
 * (the worker then registers tsx itself: loader flags do not reach a worker), a `.js` file beside the module, or
 * a bundle in dist/ (scripts/build-inputs.mjs WORKER_ENTRIES builds each worker as a file of its own).
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

export type WorkerEntry = { url: URL } | { script: string };

/**
 * The first of `candidates` (paths relative to the module at `base`, its import.meta.url) that exists, ready
 * to start; undefined when none does (the caller then does the work on its own thread).
 */
export function workerEntry(base: string, candidates: readonly string[]): WorkerEntry | undefined {
  const require = createRequire(base);
  const resolveFile = (specifier: string) => {
    try {
      return require.resolve(specifier);
    } catch {
      return undefined;
    }
  };
  const file = candidates.map(resolveFile).find(Boolean);
  if (!file) return undefined;
  const url = pathToFileURL(file);
  if (!file.endsWith(".ts")) return { url };
  // tsx's ESM build, beside the CommonJS file require() resolves (which cannot be imported).
  const tsx = resolveFile("tsx/esm/api")?.replace(/\.cjs$/, ".mjs");
  if (!tsx) return undefined;
  return { script: `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((t) => { t.register(); return import(${JSON.stringify(url.href)}); })` };
}

export function startWorker(entry: WorkerEntry, options: WorkerOptions = {}): Worker {
  return "url" in entry ? new Worker(entry.url, options) : new Worker(entry.script, { ...options, eval: true });
}

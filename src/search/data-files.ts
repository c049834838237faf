/**
 * Files of the project's data/ folder: the learned weights, the compiled synonyms, the word lists. The code runs
 * from src/ (tsx, vitest) or from a bundle in dist/, from any working folder, so a path made from this module's
 * own URL would not do: the project is the folder holding the node_modules its packages resolve from.
 */
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** data/NAME of this project. */
export function dataFile(name: string): string {
  const resolved = require.resolve("minisearch");
  const modules = `${path.sep}node_modules${path.sep}`;
  return path.join(resolved.slice(0, resolved.lastIndexOf(modules)), "data", name);
}

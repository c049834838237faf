/** One library over the seed articles per test file, with its own throw-away cache folder. */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openLibrary, type Library } from "../../src/answers/library.js";

export async function openSeedLibrary(): Promise<Library> {
  const cacheDir = await mkdtemp(path.join(tmpdir(), "kiji-ask-"));
  return openLibrary({ articlesDir: path.resolve("seeds"), cacheDir });
}

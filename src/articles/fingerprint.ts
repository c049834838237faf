/**
 * The parser's fingerprint: a hash of this folder's source files, which decide what an Article holds. The
 * articles snapshot (snapshot.ts) keeps parsed articles only while it matches, so an edited parser always gives
 * freshly parsed articles, with no version number to remember to bump.
 *
 * dist/ bundles carry it as a constant (scripts/build.mjs computes it the same way at build time); from source
 * (tsx, vitest) it is computed here, from the files beside this one.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

declare const __KIJI_PARSER_FINGERPRINT__: string | undefined;

let computed: string | undefined;

export function parserFingerprint(): string {
  if (typeof __KIJI_PARSER_FINGERPRINT__ === "string") return __KIJI_PARSER_FINGERPRINT__;
  return (computed ??= fingerprintOfFolder(path.dirname(fileURLToPath(import.meta.url))));
}

/**
 * sha256 over the folder's files ending in `extension` (default `.ts`), by name and content (for `.ts`, the same
 * algorithm as scripts/build.mjs).
 */
export function fingerprintOfFolder(dir: string, extension = ".ts"): string {
  const hash = createHash("sha256");
  const names = readdirSync(dir).filter((name) => name.endsWith(extension)).sort();
  // No such files (a bundle with no sources beside it, an unusual build): this module's own file stands in.
  if (!names.length) return createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url))).digest("hex").slice(0, 16);
  for (const name of names) hash.update(`${name}\n`).update(readFileSync(path.join(dir, name))).update("\n");
  return hash.digest("hex").slice(0, 16);
}

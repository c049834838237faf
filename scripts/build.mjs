/**
 * `npm run build`: compiles each entry point (src/cli/ask.ts, src/bot/main.ts, ...) into one ESM file in
 * dist/ with esbuild, so that `npm start` and the terminal commands run plain `node dist/...`, without tsx or
 * esbuild at run time (both are dev dependencies). Also run by `prepare` (after `npm ci`), by the tests'
 * global setup, and by scripts/fresh-dist.mjs when a source changed since the last build.
 *
 *   node scripts/build.mjs            build now
 *   node scripts/build.mjs --prepare  the same, but when esbuild is not installed (`npm ci --omit=dev`),
 *                                     say so and exit 0: a production install copies a built dist/ instead
 *
 * - Packages stay external (loaded from node_modules: kuromoji finds its dict/ folder there), except the
 *   INLINED ones, which load much faster as part of the bundle.
 * - Each file is written under a temporary name and renamed, so a process starting during a build reads a
 *   whole file; dist/build-info.json, written last, records the inputs (scripts/build-inputs.mjs).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_INFO, DIST, entryPoints, ROOT, snapshot } from "./build-inputs.mjs";

/**
 * Bundled in rather than loaded from node_modules: pure JavaScript with no files of its own to find, imported
 * by our code alone, and slow to load as files (zod 4 is 95 modules: ~30 ms of every start).
 */
const INLINED = new Set(["zod"]);

const packageName = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
const insideInlined = (file) => [...INLINED].some((name) => file.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`));

/** esbuild's `packages: "external"`, except for INLINED. */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === "entry-point" || path.isAbsolute(args.path)) return undefined;
      if (INLINED.has(packageName(args.path)) || insideInlined(args.importer)) return undefined;
      return { external: true };
    });
  },
};

/** Builds every entry point into dist/; returns the entries (relative to dist/) and the time taken. */
export async function build() {
  const started = Date.now();
  const inputs = snapshot();
  const entries = entryPoints();
  if (entries.length === 0) throw new Error("package.json has no script that runs dist/<entry>.js");
  const { build: esbuild } = await import("esbuild");
  const result = await esbuild({
    entryPoints: Object.fromEntries(entries.map((entry) => [entry, path.join(ROOT, "src", `${entry}.ts`)])),
    absWorkingDir: ROOT,
    outdir: DIST,
    bundle: true,
    platform: "node",
    format: "esm",
    // The oldest Node that package.json's engines allow, whichever Node builds it.
    target: "node20.11",
    plugins: [externalPackages],
    // What src/articles/fingerprint.ts and src/search/analysis-key.ts compute from source: the parser's and the
    // search's files, hashed at build time.
    define: { __KIJI_PARSER_FINGERPRINT__: JSON.stringify(folderFingerprint("articles")), __KIJI_SEARCH_FINGERPRINT__: JSON.stringify(folderFingerprint("search")) },
    // Stack traces at LOG_LEVEL=debug point into src/ (main.ts and fresh-dist.mjs turn source maps on then).
    sourcemap: "external",
    sourcesContent: false,
    write: false,
    logLevel: "silent",
  });
  mkdirSync(DIST, { recursive: true });
  const written = new Set(["build-info.json"]);
  for (const file of result.outputFiles) {
    const relative = path.relative(DIST, file.path);
    mkdirSync(path.dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
    written.add(relative);
  }
  removeOthers(DIST, written);
  const outputs = entries.map((entry) => `${entry}.js`);
  const temp = `${BUILD_INFO}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ entries: outputs, inputs }, null, 1)}\n`);
  renameSync(temp, BUILD_INFO);
  return { entries: outputs, ms: Date.now() - started };
}

/** sha256 over src/<folder>/*.ts by name: the same value src/articles/fingerprint.ts computes from source. */
function folderFingerprint(folder) {
  const dir = path.join(ROOT, "src", folder);
  const hash = createHash("sha256");
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    // a tree without that folder (the build's own tests): nothing to fingerprint
  }
  for (const name of names.filter((n) => n.endsWith(".ts")).sort()) hash.update(`${name}\n`).update(readFileSync(path.join(dir, name))).update("\n");
  return hash.digest("hex").slice(0, 16);
}

/** Deletes files of earlier builds (an entry point whose script is gone), but none another build is writing. */
function removeOthers(dir, keep) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(DIST, path.join(entry.parentPath ?? entry.path, entry.name));
    if (!keep.has(relative) && !relative.endsWith(".tmp")) rmSync(path.join(DIST, relative), { force: true });
  }
}

/** One line: esbuild's first error with its place, or the error's first line. */
export function reasonOf(error) {
  const first = error?.errors?.[0];
  if (first?.text) return first.location ? `${first.location.file}:${first.location.line}: ${first.text}` : first.text;
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

export const esbuildMissing = (error) => error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("esbuild");

async function main() {
  const prepare = process.argv.includes("--prepare");
  try {
    const { entries, ms } = await build();
    console.error(`kiji-bot: built ${entries.length} entry points into dist/ in ${ms} ms`);
  } catch (error) {
    if (prepare && esbuildMissing(error)) {
      console.error("kiji-bot: esbuild is not installed (an install without dev dependencies), so dist/ was not built; build it with `npm ci && npm run build`.");
      return;
    }
    console.error(`kiji-bot: the build failed: ${reasonOf(error)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();

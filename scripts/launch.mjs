/**
 * Runs a TypeScript entry point (`node scripts/launch.mjs src/cli/ask.ts [args...]`) from an esbuild bundle
 * kept fresh in node_modules/.cache/kiji-bot/bundle/, so a terminal command does not pay for the tsx loader
 * (~0.35 s) on every start. Plain JavaScript on purpose: it must run before anything can compile TypeScript.
 *
 * - Fresh means: no file under src/ or commands/, nor package-lock.json, package.json, tsconfig.json or this
 *   launcher, was added, removed or changed (mtime or size) since the build began.
 * - A bundle is written under a name carrying its hash, then a manifest naming it replaces the old one by
 *   rename: a process that reads the manifest finds a whole bundle, whatever other processes are building.
 *   The bundle is also hashed before it runs, so a damaged one is rebuilt, never run.
 * - Packages stay external (but for zod, see INLINED): they load from node_modules as under tsx (kuromoji
 *   finds its dict/ folder), and import.meta.url inside src/ only serves to resolve packages, which works
 *   from the bundle's folder.
 * - When bundling is impossible (esbuild missing, a read-only node_modules, a build error), it says so in one
 *   line on stderr and runs the entry through tsx, as before.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Bump when the manifest's shape changes. (A change to this file rebuilds every bundle anyway: see LAUNCHER.) */
const FORMAT = 2;
/** This file: bundles record its mtime and size, so that new build options take effect at once. */
const LAUNCHER = fileURLToPath(import.meta.url);
/** Folders whose files may end up in a bundle. */
const WATCHED = ["src", "commands"];
/** Files outside those folders that change what a bundle holds or how it is built. */
const STAMPED = ["package-lock.json", "tsconfig.json", "package.json"];

/**
 * Packages bundled in rather than loaded from node_modules: pure JavaScript without files of its own to find,
 * imported by our code alone, and slow to load as files (zod 4 is 95 modules: ~30 ms of every start).
 * Every other package stays external, loaded from node_modules as under tsx.
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

/** The folder holding package.json above the entry: the project whose files are bundled. */
function projectRoot(entry) {
  for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${entry}`);
  }
}

function fingerprint(file) {
  try {
    const { mtimeMs, size } = statSync(file);
    return [mtimeMs, size];
  } catch {
    return null;
  }
}

const sameFingerprint = (a, b) => a === null ? b === null : b !== null && a[0] === b[0] && a[1] === b[1];

/** Every file under the watched folders and the stamped files, each with its mtime and size. */
function snapshot(root) {
  const files = {};
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else files[file] = fingerprint(path.join(root, file));
    }
  };
  for (const dir of WATCHED) walk(dir);
  for (const file of STAMPED) files[file] = fingerprint(path.join(root, file));
  return files;
}

const sameSnapshot = (a, b) => {
  const names = Object.keys(a);
  return names.length === Object.keys(b ?? {}).length && names.every((name) => name in b && sameFingerprint(a[name], b[name]));
};

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/**
 * The bundle named by a sound manifest when nothing it came from has changed; otherwise null. The snapshot
 * is taken before a build, so a file edited while esbuild reads it makes the next start build again.
 */
function freshBundle({ root, manifestFile, bundleDir }) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch {
    return null;
  }
  if (manifest?.format !== FORMAT || typeof manifest.bundle !== "string" || typeof manifest.sha256 !== "string") return null;
  if (!sameFingerprint(fingerprint(LAUNCHER), manifest.launcher ?? null)) return null;
  if (!sameSnapshot(snapshot(root), manifest.snapshot)) return null;
  for (const [file, print] of Object.entries(manifest.otherInputs ?? {})) {
    if (!sameFingerprint(fingerprint(path.join(root, file)), print)) return null;
  }
  const bundle = path.join(bundleDir, path.basename(manifest.bundle));
  try {
    if (sha256(readFileSync(bundle)) !== manifest.sha256) return null;
  } catch {
    return null;
  }
  return bundle;
}

/** Writes `bytes` to `file` through a temporary name in the same folder, so readers see all or nothing. */
function writeAtomically(file, bytes) {
  const temp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Removes this entry's other bundles (and temporary files) once a minute old: a start that has just read the
 * old manifest is about to load its bundle (and if it is gone by then, that start looks again).
 */
function removeOldBundles({ bundleDir, stem, keep }) {
  for (const name of readdirSync(bundleDir)) {
    if (name === keep || !name.startsWith(`${stem}.`) || name === `${stem}.json`) continue;
    const print = fingerprint(path.join(bundleDir, name));
    if (print && Date.now() - print[0] > 60_000) rmSync(path.join(bundleDir, name), { force: true });
  }
}

async function build({ root, entry, bundleDir, manifestFile, stem }) {
  const before = snapshot(root);
  const launcher = fingerprint(LAUNCHER);
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    // The oldest Node that package.json's engines allow, whichever Node builds it: one bundle serves them all.
    target: "node20.11",
    plugins: [externalPackages],
    sourcemap: "external",
    sourcesContent: false,
    metafile: true,
    write: false,
    outfile: path.join(bundleDir, `${stem}.mjs`),
    logLevel: "silent",
  });
  const code = result.outputFiles.find((file) => file.path.endsWith(".mjs"));
  const map = result.outputFiles.find((file) => file.path.endsWith(".map"));
  if (!code) throw new Error("esbuild wrote no bundle");
  const hash = sha256(code.contents);
  const name = `${stem}.${hash.slice(0, 12)}.mjs`;
  // The map keeps the bundle's own file name: the bundle's last line points to it.
  const text = Buffer.from(code.contents).toString("utf8").replace(/\/\/# sourceMappingURL=.*\s*$/, `//# sourceMappingURL=${name}.map\n`);
  const bytes = Buffer.from(text, "utf8");
  if (map) writeAtomically(path.join(bundleDir, `${name}.map`), map.contents);
  writeAtomically(path.join(bundleDir, name), bytes);
  // Inputs outside the watched folders (rare: a JSON file, a shared script) are checked one by one; those of
  // inlined packages change only with package-lock.json, which the snapshot holds.
  const others = Object.keys(result.metafile.inputs).filter((file) => !(file in before) && !file.split(/[\\/]/).includes("node_modules"));
  const otherInputs = Object.fromEntries(others.map((file) => [file, fingerprint(path.join(root, file))]));
  const manifest = { format: FORMAT, entry: path.relative(root, entry), bundle: name, sha256: sha256(bytes), launcher, snapshot: before, otherInputs };
  writeAtomically(manifestFile, JSON.stringify(manifest, null, 1));
  removeOldBundles({ bundleDir, stem, keep: name });
  return path.join(bundleDir, name);
}

/** mkdir -p without `recursive: true` (Node's recursive mkdir can spin forever under /proc). */
function ensureDirectory(dir) {
  if (existsSync(dir)) return;
  ensureDirectory(path.dirname(dir));
  try {
    mkdirSync(dir);
  } catch (error) {
    if (error?.code !== "EEXIST") throw error;
  }
}

/** The path of a fresh bundle of `entry`, built if needed; throws when it cannot be built or written. */
async function bundleFor(entry) {
  const root = projectRoot(entry);
  const bundleDir = path.join(root, "node_modules", ".cache", "kiji-bot", "bundle");
  const stem = path.relative(root, entry).replace(/\.[cm]?tsx?$/, "").replace(/[\\/]/g, "-");
  const manifestFile = path.join(bundleDir, `${stem}.json`);
  const fresh = freshBundle({ root, manifestFile, bundleDir });
  if (fresh) return fresh;
  ensureDirectory(bundleDir);
  return build({ root, entry, bundleDir, manifestFile, stem });
}

function reasonOf(error) {
  const first = error?.errors?.[0];
  if (first?.text) return first.location ? `${first.location.file}:${first.location.line}: ${first.text}` : first.text;
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

async function main() {
  const [given, ...args] = process.argv.slice(2);
  if (!given) {
    console.error("usage: node scripts/launch.mjs ENTRY.ts [arguments...]");
    process.exitCode = 2;
    return;
  }
  const entry = path.resolve(given);
  // The program sees the arguments as if it had been started directly.
  process.argv = [process.argv[0], entry, ...args];
  let bundle;
  try {
    bundle = await bundleFor(entry);
  } catch (error) {
    console.error(`kiji-bot: could not bundle ${given} (${reasonOf(error)}); running it through tsx instead`);
  }
  if (bundle) {
    // Stack traces are shown only at LOG_LEVEL=debug: read the source map only then.
    if (/^debug$/i.test(process.env.LOG_LEVEL ?? "")) process.setSourceMapsEnabled(true);
    try {
      await import(pathToFileURL(bundle).href);
    } catch (error) {
      // Another start may have just replaced this bundle and removed it: build or find the current one.
      if (error?.code !== "ERR_MODULE_NOT_FOUND" || existsSync(bundle)) throw error;
      await import(pathToFileURL(await bundleFor(entry)).href);
    }
    return;
  }
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}

await main();

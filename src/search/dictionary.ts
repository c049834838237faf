/**
 * The kuromoji tokenizer, loaded once per process from the IPADIC dictionary inside the installed
 * @patdx/kuromoji package (no network). Loading takes about half a second and ~300 MB, so every caller shares
 * one promise.
 *
 * Inflating the package's gzipped dictionary is ~40% of that time, so the first load also saves the inflated
 * files under node_modules/.cache/kiji-bot/ (one copy per install, shared by every articles folder and test
 * run; about 100 MB) and later loads read those. The copy is used only when its manifest names this package
 * version and every file has the size the manifest records; anything else falls back to the package's files.
 */
import { TokenizerBuilder, type IpadicFeatures } from "@patdx/kuromoji";
import { readFileSync } from "node:fs";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { ensureDirectory } from "./directories.js";

export type KuromojiToken = IpadicFeatures;

export interface Tokenizer {
  tokenize(text: string): KuromojiToken[];
}

const gunzipAsync = promisify(gunzip);
const require = createRequire(import.meta.url);

/** The package's `dict/` folder, found through Node's resolution so it works wherever node_modules is. */
export function dictionaryPath(): string {
  return path.join(path.dirname(require.resolve("@patdx/kuromoji")), "..", "dict");
}

/** Where the inflated copy lives: node_modules/.cache/kiji-bot/ipadic-<package version>/. */
export function inflatedDictionaryPath(): string {
  const packageDir = path.join(dictionaryPath(), "..");
  const version = (JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;
  const nodeModules = path.join(packageDir, "..", "..");
  return path.join(nodeModules, ".cache", "kiji-bot", `ipadic-${version}`);
}

const MANIFEST = "manifest.json";

interface Manifest {
  files: Record<string, number>;
}

/** Reads the dictionary's files, inflated; records what it read so that it can be saved for next time. */
class DictionaryLoader {
  readonly inflated = new Map<string, Buffer>();

  constructor(
    private readonly packageDir: string,
    private readonly copy: { dir: string; manifest: Manifest } | null,
  ) {}

  async loadArrayBuffer(file: string): Promise<ArrayBufferLike> {
    const raw = file.replace(/\.gz$/, "");
    const size = this.copy?.manifest.files[raw];
    let bytes: Buffer | undefined;
    if (this.copy && size !== undefined) {
      bytes = await readFile(path.join(this.copy.dir, raw)).catch(() => undefined);
      if (bytes && bytes.length !== size) bytes = undefined;
    }
    if (!bytes) {
      bytes = await gunzipAsync(await readFile(path.join(this.packageDir, file)));
      this.inflated.set(raw, bytes);
    }
    // Hand the bytes over without another copy when the Buffer owns its whole ArrayBuffer.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return whole ? bytes.buffer : new Uint8Array(bytes).buffer;
  }
}

async function readManifest(dir: string): Promise<Manifest | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), "utf8")) as Manifest;
    if (!manifest || typeof manifest.files !== "object") return null;
    for (const [file, size] of Object.entries(manifest.files)) {
      if ((await stat(path.join(dir, file))).size !== size) return null;
    }
    return manifest;
  } catch {
    return null;
  }
}

/**
 * Saves the inflated files (each through a temporary name), then the manifest that vouches for them. Best
 * effort: a read-only node_modules only means the next start inflates again.
 */
async function saveInflated(dir: string, files: Map<string, Buffer>, previous: Manifest | null): Promise<void> {
  if (files.size === 0) return;
  try {
    await ensureDirectory(dir);
    const manifest: Manifest = { files: { ...previous?.files } };
    const suffix = `.${process.pid}.${Date.now().toString(36)}.tmp`;
    for (const [file, bytes] of files) {
      await writeFile(path.join(dir, file + suffix), bytes);
      await rename(path.join(dir, file + suffix), path.join(dir, file));
      manifest.files[file] = bytes.length;
    }
    await writeFile(path.join(dir, MANIFEST + suffix), JSON.stringify(manifest));
    await rename(path.join(dir, MANIFEST + suffix), path.join(dir, MANIFEST));
  } catch {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

let loading: Promise<Tokenizer> | undefined;

/** The process's tokenizer; the first call starts loading it, later calls share the same promise. */
export function loadTokenizer(): Promise<Tokenizer> {
  loading ??= buildTokenizer({ packageDir: dictionaryPath(), copyDir: inflatedDictionaryPath() })
    .then(({ tokenizer }) => tokenizer)
    .catch((error: unknown) => {
      loading = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`could not load the kuromoji dictionary from ${dictionaryPath()} (${reason}); run npm ci`);
    });
  return loading;
}

export interface BuiltTokenizer {
  tokenizer: Tokenizer;
  /** Whether the inflated copy was read (rather than the package's gzipped files). */
  fromCopy: boolean;
  /** Settles when the inflated copy has been saved (or saving gave up). */
  saved: Promise<void>;
}

/** Builds a tokenizer from the package's dictionary, through the inflated copy in `copyDir` when it is sound. */
export async function buildTokenizer(options: { packageDir: string; copyDir: string }): Promise<BuiltTokenizer> {
  const manifest = await readManifest(options.copyDir);
  const loader = new DictionaryLoader(options.packageDir, manifest ? { dir: options.copyDir, manifest } : null);
  try {
    const tokenizer = await new TokenizerBuilder({ loader }).build();
    return { tokenizer, fromCopy: manifest !== null && loader.inflated.size === 0, saved: saveInflated(options.copyDir, loader.inflated, manifest) };
  } catch (error) {
    if (!manifest) throw error;
    // The saved copy did not make a dictionary: drop it and use the package's own files.
    await rm(options.copyDir, { recursive: true, force: true }).catch(() => undefined);
    const fresh = new DictionaryLoader(options.packageDir, null);
    const tokenizer = await new TokenizerBuilder({ loader: fresh }).build();
    return { tokenizer, fromCopy: false, saved: saveInflated(options.copyDir, fresh.inflated, null) };
  }
}

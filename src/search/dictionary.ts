/**
 * The kuromoji tokenizer, loaded once per process from the IPADIC dictionary inside the installed
 * @patdx/kuromoji package (no network). Every caller shares one promise.
 *
 * Loading the package's way costs ~0.5 s at every start: inflating twelve gzipped files (~100 MB, half of it
 * zero padding), then rebuilding a 326,000-key object from one of them. So the first load saves the arrays
 * ready to use in one file under node_modules/.cache/kiji-bot/ipadic-<version>/ (see dictionary-file.ts;
 * one copy per install, shared by every articles folder and test run, ~63 MB), and later loads read that
 * file straight into the arrays kuromoji uses, in ~50 ms (its largest part, the words' features, only as
 * tokens need them).
 *
 * The copy is used only when its manifest names this format and the file has the recorded size, its header
 * and word map check out, and the tokenizer built from it splits a probe sentence as IPADIC does; anything
 * else drops it and loads the package's files again (and saves a new copy, best effort: a read-only
 * node_modules only means every start takes the slow way).
 */
import { TokenizerBuilder, type IpadicFeatures } from "@patdx/kuromoji";
import { readFileSync } from "node:fs";
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { encodeSections, lazyTargetMap, PACKAGE_FILES, readCopy, sectionsFromPackage, type CopyRead, type PagedFeatures, type Sections } from "./dictionary-file.js";
import { ensureDirectory } from "./directories.js";
import { useIncrementalPrefixSearch } from "./prefix-search.js";

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

/** Where the copy lives: node_modules/.cache/kiji-bot/ipadic-<package version>/. */
export function inflatedDictionaryPath(): string {
  const packageDir = path.join(dictionaryPath(), "..");
  const version = (JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;
  const nodeModules = path.join(packageDir, "..", "..");
  return path.join(nodeModules, ".cache", "kiji-bot", `ipadic-${version}`);
}

const MANIFEST = "manifest.json";
const COPY = "ipadic.bin";
/** Bump when the copy's layout changes: a copy of another format is replaced. */
const FORMAT = 2;

interface Manifest {
  format: number;
  files: Record<string, number>;
}

async function readManifest(dir: string): Promise<Manifest | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), "utf8")) as Manifest;
    if (manifest?.format !== FORMAT || typeof manifest.files?.[COPY] !== "number") return null;
    if ((await stat(path.join(dir, COPY))).size !== manifest.files[COPY]) return null;
    return manifest;
  } catch {
    return null;
  }
}

/**
 * Saves the copy through a temporary name, then the manifest that vouches for it, then removes what an
 * older format left there. Best effort: any failure leaves no copy, and the next start loads the package's.
 */
async function saveCopy(dir: string, sections: Sections): Promise<void> {
  const suffix = `.${process.pid}.${Date.now().toString(36)}.tmp`;
  const temporary = [path.join(dir, COPY + suffix), path.join(dir, MANIFEST + suffix)];
  try {
    await ensureDirectory(dir);
    const chunks = encodeSections(sections);
    await writeFile(temporary[0]!, chunks);
    await rename(temporary[0]!, path.join(dir, COPY));
    const size = chunks.reduce((total, chunk) => total + chunk.length, 0);
    await writeFile(temporary[1]!, JSON.stringify({ format: FORMAT, files: { [COPY]: size } } satisfies Manifest));
    await rename(temporary[1]!, path.join(dir, MANIFEST));
    // The first format kept the twelve inflated files as they were.
    for (const name of await readdir(dir)) {
      if (name.endsWith(".dat")) await rm(path.join(dir, name), { force: true });
    }
  } catch {
    await Promise.all(temporary.map((file) => rm(file, { force: true }).catch(() => undefined)));
  }
}

/** A short sentence and how IPADIC splits it: a copy whose tokenizer disagrees is not used. */
const PROBE = { text: "東京都に住んでいます。", tokens: ["東京/名詞/固有名詞", "都/名詞/接尾", "に/助詞/格助詞", "住ん/動詞/自立", "で/助詞/接続助詞", "い/動詞/非自立", "ます/助動詞/*", "。/記号/句点"] };

function checkProbe(tokenizer: Tokenizer): void {
  const tokens = tokenizer.tokenize(PROBE.text).map((t) => `${t.surface_form}/${t.pos}/${t.pos_detail_1}`);
  if (tokens.join(" ") !== PROBE.tokens.join(" ")) throw new Error(`the dictionary splits a probe sentence wrongly (${tokens.join(" ")})`);
}

/** An ArrayBuffer holding exactly these bytes: the view's own when it covers all of it, else a copy. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}

/** 4 zero bytes: a tid_map with no keys, so that kuromoji does not build its map; lazyTargetMap serves it. */
const EMPTY_TARGET_MAP = new ArrayBuffer(4);

/** A tokenizer over the sections' arrays, through kuromoji's own builder; `features` stands in for tid_pos. */
async function tokenizerFromSections(sections: Sections, features?: PagedFeatures): Promise<Tokenizer> {
  const loader = {
    async loadArrayBuffer(file: string): Promise<ArrayBuffer> {
      const name = file.replace(/\.dat\.gz$/, "");
      if (name === "tid_map") return EMPTY_TARGET_MAP;
      const bytes = (sections as Record<string, Uint8Array>)[name];
      if (!bytes) throw new Error(`kuromoji asked for ${file}, which the copy does not hold`);
      return ownBuffer(bytes);
    },
  };
  const tokenizer = await new TokenizerBuilder({ loader }).build();
  useIncrementalPrefixSearch(tokenizer);
  const dictionary = tokenizer.token_info_dictionary;
  if (!dictionary || typeof dictionary.target_map !== "object") throw new Error("this kuromoji keeps its word map elsewhere");
  dictionary.target_map = lazyTargetMap(sections) as Record<string, number[]>;
  // kuromoji reads tid_pos only through getString once loaded.
  if (features) dictionary.pos_buffer = features as unknown as typeof dictionary.pos_buffer;
  checkProbe(tokenizer);
  return tokenizer;
}

async function inflatePackage(packageDir: string): Promise<Map<string, Uint8Array>> {
  const files = await Promise.all(PACKAGE_FILES.map(async (file) => [file, await gunzipAsync(await readFile(path.join(packageDir, file)))] as const));
  return new Map(files);
}

/** kuromoji's own way, unchanged: the last resort when a tokenizer cannot be made from the sections. */
async function packageTokenizer(inflated: Map<string, Uint8Array>): Promise<Tokenizer> {
  const loader = {
    async loadArrayBuffer(file: string): Promise<ArrayBuffer> {
      const bytes = inflated.get(file);
      if (!bytes) throw new Error(`kuromoji asked for ${file}, which was not read`);
      return ownBuffer(bytes);
    },
  };
  return new TokenizerBuilder({ loader }).build();
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
  /** Whether the copy was read (rather than the package's gzipped files). */
  fromCopy: boolean;
  /** Settles when the copy has been saved (or saving gave up); never rejects. */
  saved: Promise<void>;
}

/** Builds a tokenizer from the package's dictionary, through the copy in `copyDir` when it is sound. */
export async function buildTokenizer(options: { packageDir: string; copyDir: string }): Promise<BuiltTokenizer> {
  if (await readManifest(options.copyDir)) {
    let copy: CopyRead | undefined;
    try {
      copy = await readCopy(path.join(options.copyDir, COPY));
      const tokenizer = await tokenizerFromSections(copy.sections, copy.features);
      return { tokenizer, fromCopy: true, saved: Promise.resolve() };
    } catch {
      // A damaged copy (or one this kuromoji cannot use): drop it, load the package's files, save it again.
      copy?.features.close();
      await rm(path.join(options.copyDir, MANIFEST), { force: true }).catch(() => undefined);
    }
  }
  const inflated = await inflatePackage(options.packageDir);
  let sections: Sections;
  let tokenizer: Tokenizer;
  try {
    sections = sectionsFromPackage(inflated);
    tokenizer = await tokenizerFromSections(sections);
  } catch {
    // Not a dictionary this code can lay out (another kuromoji or IPADIC): use it the package's way, unsaved.
    return { tokenizer: await packageTokenizer(inflated), fromCopy: false, saved: Promise.resolve() };
  }
  return { tokenizer, fromCopy: false, saved: saveCopy(options.copyDir, sections) };
}

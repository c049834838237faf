/**
 * The kuromoji tokenizer, loaded once per process from the IPADIC dictionary inside the installed
 * @patdx/kuromoji package (no network). Loading takes about half a second and ~300 MB, so every caller shares
 * one promise.
 */
import { TokenizerBuilder, type IpadicFeatures } from "@patdx/kuromoji";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";

export type KuromojiToken = IpadicFeatures;

export interface Tokenizer {
  tokenize(text: string): KuromojiToken[];
}

const gunzipAsync = promisify(gunzip);

/** The package's `dict/` folder, found through Node's resolution so it works wherever node_modules is. */
export function dictionaryPath(): string {
  const entry = createRequire(import.meta.url).resolve("@patdx/kuromoji");
  return path.join(path.dirname(entry), "..", "dict");
}

/**
 * Reads and inflates one dictionary file. Unlike the package's own NodeDictionaryLoader this hands the
 * inflated bytes over without copying them again (100 MB in all), which saves about a tenth of a second.
 */
class PackageDictionaryLoader {
  constructor(private readonly dir: string) {}

  async loadArrayBuffer(file: string): Promise<ArrayBufferLike> {
    const inflated = await gunzipAsync(await readFile(path.join(this.dir, file)));
    const whole = inflated.byteOffset === 0 && inflated.byteLength === inflated.buffer.byteLength;
    return whole ? inflated.buffer : new Uint8Array(inflated).buffer;
  }
}

let loading: Promise<Tokenizer> | undefined;

/** The process's tokenizer; the first call starts loading it, later calls share the same promise. */
export function loadTokenizer(): Promise<Tokenizer> {
  loading ??= new TokenizerBuilder({ loader: new PackageDictionaryLoader(dictionaryPath()) })
    .build()
    .catch((error: unknown) => {
      loading = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`could not load the kuromoji dictionary from ${dictionaryPath()} (${reason}); run npm ci`);
    });
  return loading;
}

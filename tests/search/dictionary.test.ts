/**
 * The kuromoji dictionary: loaded from the installed package, then from the ready-to-use copy once one is
 * saved; the copy tokenizes exactly as the package does, and a damaged or old copy is never used.
 */
import { TokenizerBuilder } from "@patdx/kuromoji";
import NodeDictionaryLoader from "@patdx/kuromoji/node";
import { closeSync, openSync } from "node:fs";
import { mkdir, mkdtemp, open, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flattenTargetMap, lazyTargetMap, PagedFeatures } from "../../src/search/dictionary-file.js";
import { buildTokenizer, dictionaryPath, type Tokenizer } from "../../src/search/dictionary.js";

let copyDir: string;
beforeAll(async () => {
  copyDir = path.join(await mkdtemp(path.join(tmpdir(), "kiji-dict-")), "ipadic");
});
afterAll(async () => {
  await rm(path.dirname(copyDir), { recursive: true, force: true });
});

const surfaces = (tokenizer: Tokenizer) => tokenizer.tokenize("ゼレンスキー大統領が加わった").map((t) => `${t.surface_form}/${t.pos}`);
const EXPECTED = ["ゼレンスキー/名詞", "大統領/名詞", "が/助詞", "加わっ/動詞", "た/助動詞"];
const COPY = () => path.join(copyDir, "ipadic.bin");

/** Where a section lies in the copy, from the copy's own header. */
async function section(name: string): Promise<{ offset: number; length: number }> {
  const bytes = await readFile(COPY());
  const length = bytes.readUInt32LE(8);
  const { sections } = JSON.parse(bytes.toString("utf8", 12, 12 + length)) as { sections: Array<{ name: string; offset: number; length: number }> };
  return sections.find((s) => s.name === name)!;
}

/** Overwrites bytes of the copy in place: same size, different content. */
async function scribble(offset: number, bytes: Uint8Array): Promise<void> {
  const handle = await open(COPY(), "r+");
  await handle.write(bytes, 0, bytes.length, offset);
  await handle.close();
}

/** Loads, expects the package's files to have been used and the tokens to be right, and waits for the repair. */
async function expectRepaired(): Promise<void> {
  const built = await buildTokenizer({ packageDir: dictionaryPath(), copyDir });
  expect(built.fromCopy).toBe(false);
  expect(surfaces(built.tokenizer)).toEqual(EXPECTED);
  await built.saved;
  expect((await buildTokenizer({ packageDir: dictionaryPath(), copyDir })).fromCopy).toBe(true);
}

describe("the kuromoji dictionary", () => {
  it("loads from the installed package, then saves one ready-to-use copy with a manifest", async () => {
    const built = await buildTokenizer({ packageDir: dictionaryPath(), copyDir });
    expect(built.fromCopy).toBe(false);
    expect(surfaces(built.tokenizer)).toEqual(EXPECTED);
    await built.saved;
    expect((await readdir(copyDir)).sort()).toEqual(["ipadic.bin", "manifest.json"]);
  });

  it("loads from the copy next time, with the same tokens", async () => {
    const built = await buildTokenizer({ packageDir: dictionaryPath(), copyDir });
    expect(built.fromCopy).toBe(true);
    expect(surfaces(built.tokenizer)).toEqual(EXPECTED);
  });

  it("tokenizes the seed articles and odd input exactly as the package's own loader does", async () => {
    const seeds = await Promise.all((await readdir("seeds")).map((name) => readFile(path.join("seeds", name), "utf8")));
    const odd = ["ｶﾀｶﾅ ﾄﾗﾝﾌﾟ", "😀👍🏽 emoji", "ABC abc 123 ５,０００億ドル", "@everyone **bold** `code`", "𠮷野家の\uFFFFテスト", "ヴァンス　バンス", "ーーー", ""];
    const text = [...seeds, ...odd].join("\n");
    const ours = await buildTokenizer({ packageDir: dictionaryPath(), copyDir });
    expect(ours.fromCopy).toBe(true);
    const theirs = await new TokenizerBuilder({ loader: new NodeDictionaryLoader({ dic_path: dictionaryPath() }) }).build();
    const expected = theirs.tokenize(text);
    expect(expected.length).toBeGreaterThan(3000);
    expect(ours.tokenizer.tokenize(text)).toEqual(expected);
  });

  it("does not use a truncated copy, and repairs it", async () => {
    await truncate(COPY(), 1000);
    await expectRepaired();
  });

  it("does not use a copy whose manifest is unreadable", async () => {
    await writeFile(path.join(copyDir, "manifest.json"), "{not json");
    await expectRepaired();
  });

  it("does not use a copy of the right size whose header is damaged", async () => {
    await scribble(0, new TextEncoder().encode("NOTADICT"));
    await expectRepaired();
    await scribble(14, new TextEncoder().encode("}}}}"));
    await expectRepaired();
  });

  it("does not use a copy whose word map is damaged", async () => {
    const { offset } = await section("tid_map_offsets");
    await scribble(offset + 4000, new Uint8Array(64).fill(0xff));
    await expectRepaired();
    const values = await section("tid_map_values");
    await scribble(values.offset + 4000, new Uint8Array(16).fill(0x7f));
    await expectRepaired();
  });

  it("does not use a copy whose arrays no longer make a working dictionary", async () => {
    // The double-array trie zeroed: every word lookup fails, so the probe sentence comes out wrong.
    const base = await section("base");
    await scribble(base.offset, new Uint8Array(base.length));
    await expectRepaired();
  });

  it("replaces a copy of the first format (the twelve inflated files) and removes its files", async () => {
    await rm(copyDir, { recursive: true, force: true });
    await mkdir(copyDir);
    await writeFile(path.join(copyDir, "base.dat"), new Uint8Array(16));
    await writeFile(path.join(copyDir, "manifest.json"), JSON.stringify({ files: { "base.dat": 16 } }));
    await expectRepaired();
    expect((await readdir(copyDir)).sort()).toEqual(["ipadic.bin", "manifest.json"]);
  });

  it("still loads when the copy cannot be saved", async () => {
    const blocked = path.join(path.dirname(copyDir), "blocked");
    await writeFile(blocked, "a file where the copy's folder would go");
    const built = await buildTokenizer({ packageDir: dictionaryPath(), copyDir: path.join(blocked, "ipadic") });
    expect(built.fromCopy).toBe(false);
    expect(surfaces(built.tokenizer)).toEqual(EXPECTED);
    await expect(built.saved).resolves.toBeUndefined();
  });
});

describe("the words' features read page by page", () => {
  it("reads NUL-terminated strings anywhere in the section, across pages, and nothing past its end", async () => {
    // A section at offset 100 of the file, with strings ending just before, on and after a 64 KB page boundary.
    const page = 64 * 1024;
    const section = Buffer.alloc(3 * page, "x");
    const put = (at: number, text: string) => section.write(`${text}\0`, at, "utf8");
    put(0, "東京,名詞,固有名詞");
    put(page - 10, "跨ぐ,動詞"); // 13 bytes and a NUL: crosses the first boundary
    put(2 * page - 4, "の"); // its NUL is the second page's last byte
    put(2 * page, "ー,記号"); // starts the third page
    section[section.length - 1] = 0;
    const file = path.join(path.dirname(copyDir), "features.bin");
    await writeFile(file, Buffer.concat([Buffer.alloc(100, 0xff), section, Buffer.alloc(50, 0xee)]));
    const fd = openSync(file, "r");
    try {
      const features = new PagedFeatures({ fd, offset: 100, length: section.length });
      expect(features.getString(0)).toBe("東京,名詞,固有名詞");
      expect(features.getString(page - 10)).toBe("跨ぐ,動詞");
      expect(features.getString(page - 4)).toBe(",動詞");
      expect(features.getString(2 * page - 4)).toBe("の");
      expect(features.getString(2 * page - 1)).toBe("");
      expect(features.getString(2 * page)).toBe("ー,記号");
      expect(features.getString(section.length - 5)).toBe("xxxx");
      expect(features.getString(section.length)).toBe("");
      expect(features.getString(-1)).toBe("");
      // Closed: what was read stays readable, and the descriptor is closed once.
      features.close();
      features.close();
      expect(features.getString(0)).toBe("東京,名詞,固有名詞");
      expect(() => closeSync(fd)).toThrow();
      // Closed before reading anything: everything reads as nothing.
      const unread = new PagedFeatures({ fd: openSync(file, "r"), offset: 100, length: section.length });
      unread.close();
      expect(unread.getString(0)).toBe("");
    } finally {
      try {
        closeSync(fd);
      } catch {
        // closed by the test
      }
    }
  });
});

describe("the word map, flattened", () => {
  /** kuromoji's own map from these bytes, built by its own loadTargetMap. */
  async function kuromojiMap(bytes: Uint8Array): Promise<Record<string, number[]>> {
    const tokenizer = await new TokenizerBuilder({ loader: new NodeDictionaryLoader({ dic_path: dictionaryPath() }) }).build();
    const dictionary = tokenizer.token_info_dictionary;
    dictionary.loadTargetMap(bytes);
    return dictionary.target_map;
  }
  const ours = (bytes: Uint8Array) => {
    const { offsets, values } = flattenTargetMap(bytes);
    return lazyTargetMap({ tid_map_offsets: new Uint8Array(offsets.buffer), tid_map_values: new Uint8Array(values.buffer) });
  };

  it("answers every word of the package's map with kuromoji's token ids, and no other word", async () => {
    const bytes = gunzipSync(await readFile(path.join(dictionaryPath(), "tid_map.dat.gz")));
    const theirs = await kuromojiMap(bytes);
    const map = ours(bytes);
    const keys = Object.keys(theirs);
    expect(keys.length).toBeGreaterThan(300_000);
    for (const key of keys) if (String(map[Number(key)]) !== String(theirs[key])) expect(map[Number(key)]).toEqual(theirs[key]);
    const absent = Array.from({ length: 2000 }, (_, i) => i).filter((key) => !(key in theirs));
    expect(absent.length).toBeGreaterThan(0);
    for (const key of absent) expect(map[key]).toBeUndefined();
    expect(map[-1]).toBeUndefined();
  });

  it("reads a map as kuromoji does: past a wrong key count, a key listed twice, a key without values, zeros at the end", async () => {
    const ints = [1, 5, 2, 40, 50, 3, 0, 5, 1, 60, 7, 1, 70, 0, 0, 0, 0];
    const bytes = new Uint8Array(new Int32Array(ints).buffer);
    const theirs = await kuromojiMap(bytes);
    expect(theirs).toEqual({ 5: [40, 50, 60], 7: [70] });
    const map = ours(bytes);
    expect(map[5]).toEqual([40, 50, 60]);
    expect(map[7]).toEqual([70]);
    for (const key of [0, 3, 6, 8]) expect(map[key]).toBeUndefined();
  });
});

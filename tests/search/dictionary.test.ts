/**
 * The kuromoji dictionary: loaded from the installed package, and from an inflated copy once one is saved;
 * a damaged copy is not used.
 */
import { mkdtemp, readdir, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("the kuromoji dictionary", () => {
  it("loads from the installed package, then saves an inflated copy with a manifest", async () => {
    const built = await buildTokenizer({ packageDir: dictionaryPath(), copyDir });
    expect(built.fromCopy).toBe(false);
    expect(surfaces(built.tokenizer)).toEqual(EXPECTED);
    await built.saved;
    const names = await readdir(copyDir);
    expect(names).toContain("manifest.json");
    expect(names).toContain("base.dat");
    expect(names.filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("loads from the copy next time, with the same tokens", async () => {
    const built = await buildTokenizer({ packageDir: dictionaryPath(), copyDir });
    expect(built.fromCopy).toBe(true);
    expect(surfaces(built.tokenizer)).toEqual(EXPECTED);
  });

  it("does not use a truncated copy, and repairs it", async () => {
    await truncate(path.join(copyDir, "tid.dat"), 1000);
    const built = await buildTokenizer({ packageDir: dictionaryPath(), copyDir });
    expect(built.fromCopy).toBe(false);
    expect(surfaces(built.tokenizer)).toEqual(EXPECTED);
    await built.saved;
    expect((await buildTokenizer({ packageDir: dictionaryPath(), copyDir })).fromCopy).toBe(true);
  });

  it("does not use a copy whose manifest is unreadable", async () => {
    await writeFile(path.join(copyDir, "manifest.json"), "{not json");
    const built = await buildTokenizer({ packageDir: dictionaryPath(), copyDir });
    expect(built.fromCopy).toBe(false);
    expect(surfaces(built.tokenizer)).toEqual(EXPECTED);
    await built.saved;
  });
});

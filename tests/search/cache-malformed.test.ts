/**
 * A cache whose checksum matches but whose passages are malformed (a writer bug, a hand edit) is rebuilt with
 * a one-line warning when opened, instead of failing every question after it.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask } from "../../src/answers/ask.js";
import { openLibrary } from "../../src/answers/library.js";
import { reportLibrary } from "../../src/cli/ask-options.js";

let cacheDir: string;
let answer: ReturnType<typeof ask>;
const articlesDir = path.resolve("seeds");
const QUESTION = "会談は最初どんな雰囲気だった?";

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "kiji-cache-malformed-"));
  answer = ask(await openLibrary({ articlesDir, cacheDir, rebuildIndex: true }), QUESTION);
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

type Sections = Record<string, [type: string, offset: number, count: number]>;

/** Edits the cache's payload (given its manifest's sections), then fixes the header's length and checksum to match. */
async function tamper(file: string, edit: (payload: Buffer, sections: Sections) => Buffer): Promise<void> {
  const bytes = await readFile(file);
  const headerEnd = bytes.indexOf(10);
  const payload = Buffer.from(bytes.subarray(headerEnd + 1));
  const manifest = JSON.parse(payload.toString("utf8", 8, 8 + payload.readUInt32LE(0))) as { sections: Sections };
  const body = edit(payload, manifest.sections);
  const header = JSON.parse(bytes.subarray(0, headerEnd).toString("utf8")) as { payloadBytes: number; payloadSha256: string };
  header.payloadBytes = body.length;
  header.payloadSha256 = createHash("sha256").update(body).digest("hex");
  await writeFile(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
}

/** Element `i` of a section of 16- or 32-bit numbers (from its end when negative). */
const at = (sections: Sections, name: string, i: number): [offset: number, size: 2 | 4] => {
  const [type, offset, count] = sections[name]!;
  const size = type === "u16" ? 2 : 4;
  return [offset + size * (i < 0 ? count + i : i), size];
};
const getValue = (payload: Buffer, sections: Sections, name: string, i: number) => {
  const [offset, size] = at(sections, name, i);
  return size === 2 ? payload.readUInt16LE(offset) : payload.readUInt32LE(offset);
};
const setValue = (payload: Buffer, sections: Sections, name: string, i: number, value: number) => {
  const [offset, size] = at(sections, name, i);
  if (size === 2) payload.writeUInt16LE(Math.min(value, 0xffff), offset);
  else payload.writeUInt32LE(value, offset);
  return payload;
};

const MALFORMED: Record<string, (payload: Buffer, sections: Sections) => Buffer> = {
  "a manifest that is not JSON": (payload) => {
    payload.write("#", 8);
    return payload;
  },
  "a section past the end": (payload, sections) => payload.subarray(0, sections["passages.card.values"]![1] - 8),
  "a sentence word id outside the vocabulary": (payload, sections) => setValue(payload, sections, "passages.sentenceTerms.values", 0, 1e6),
  "a passage whose sentences run past the last": (payload, sections) => setValue(payload, sections, "passages.sentences", -1, 1e6),
  "an unknown passage kind": (payload, sections) => {
    payload[sections["passages.kind"]![1]] = 200;
    return payload;
  },
  "a posting for a document that does not exist": (payload, sections) => setValue(payload, sections, "body.documents", 0, 1e6),
  "a word's postings out of order": (payload, sections) => {
    // The first word found in two documents or more: its second posting repeats its first.
    let word = 0;
    while (getValue(payload, sections, "body.offsets", word + 1) - getValue(payload, sections, "body.offsets", word) < 2) word++;
    const first = getValue(payload, sections, "body.offsets", word);
    return setValue(payload, sections, "body.documents", first + 1, getValue(payload, sections, "body.documents", first));
  },
  "a passage pointing at a context list that does not exist": (payload, sections) => setValue(payload, sections, "passages.contextOf", 0, 1e6),
};

describe("a malformed cache with a valid checksum", () => {
  for (const [name, edit] of Object.entries(MALFORMED)) {
    it(`${name}: rebuilt on opening, with one warning line, and answered`, async () => {
      const first = await openLibrary({ articlesDir, cacheDir });
      expect(first.index.source).toBe("cache");
      await tamper(first.index.file, edit);

      const library = await openLibrary({ articlesDir, cacheDir });
      expect(library.index).toMatchObject({ source: "built", reason: "corrupt" });
      const lines: string[] = [];
      reportLibrary(library, (line) => lines.push(line));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^kiji-bot: the index cache was unusable \(.+\); rebuilt it$/);
      expect(ask(library, QUESTION)).toEqual(answer);
      // The rebuilt cache is sound again.
      expect((await openLibrary({ articlesDir, cacheDir })).index.source).toBe("cache");
    });
  }
});

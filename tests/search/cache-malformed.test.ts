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

/** Rewrites the cache's passage lines with `edit`, then fixes the header's length and checksum to match. */
async function tamper(file: string, edit: (line: string) => string): Promise<void> {
  const [header, ...payload] = (await readFile(file, "utf8")).split("\n");
  const lines = payload.map((line) => (line.startsWith('{"passages":') ? edit(line) : line));
  const body = Buffer.from(lines.join("\n"));
  const parsed = JSON.parse(header!) as { payloadBytes: number; payloadSha256: string };
  parsed.payloadBytes = body.length;
  parsed.payloadSha256 = createHash("sha256").update(body).digest("hex");
  await writeFile(file, Buffer.concat([Buffer.from(`${JSON.stringify(parsed)}\n`), body]));
}

const MALFORMED: Record<string, (line: string) => string> = {
  "not JSON": (line) => line.slice(0, line.length / 2) + "]]}",
  "an entry that is not a passage": () => '{"passages":[["paragraph",99,"x","s",0,0,null,"t",null,null,null,"not sentences",[],[],0]]}',
  "a passage whose text is not text": (line) => {
    const chunk = JSON.parse(line) as { passages: unknown[][] };
    chunk.passages[0]![7] = 12345;
    return JSON.stringify(chunk);
  },
  "a chunk with a passage too few": (line) => {
    const chunk = JSON.parse(line) as { passages: unknown[][] };
    chunk.passages.pop();
    return JSON.stringify(chunk);
  },
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

/**
 * `npm run ask` and `npm run index` as the quality evaluation and users run them: the JSON contract (shape,
 * order, batch from a file and from stdin, nothing else on stdout), argument checks, and readable text.
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAskArguments } from "../../src/cli/ask-options.js";
import { distEntry } from "../support/dist.js";

const work = mkdtempSync(path.join(tmpdir(), "kiji-cli-"));
const env = { ...process.env, ARTICLES_DIR: "seeds", CACHE_DIR: path.join(work, "cache"), NO_COLOR: "1" };

function run(script: string, args: string[], input?: string) {
  return spawnSync(process.execPath, [distEntry(script), ...args], { encoding: "utf8", env, input, timeout: 60_000 });
}
const askCommand = (args: string[], input?: string) => run("cli/ask", args, input);

/** Every stdout line must be one JSON object: the contract allows nothing else there. */
function jsonLines(stdout: string): Array<Record<string, unknown>> {
  const lines = stdout.split("\n").filter((line) => line !== "");
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("npm run ask -- --json", () => {
  it("prints one JSON object in the contract's shape", () => {
    const result = askCommand(["--json", "会談は最初どんな雰囲気だった?"]);
    expect(result.status).toBe(0);
    const [answer, ...rest] = jsonLines(result.stdout);
    expect(rest).toEqual([]);
    expect(Object.keys(answer!)).toEqual(["query", "answered", "passages"]);
    expect(answer).toMatchObject({ query: "会談は最初どんな雰囲気だった?", answered: true });
    const passages = answer!.passages as Array<Record<string, unknown>>;
    expect(passages.length).toBeGreaterThanOrEqual(1);
    expect(passages.length).toBeLessThanOrEqual(3);
    for (const p of passages) {
      expect(Object.keys(p)).toEqual(["text", "articleId", "articleTitle", "section", "url", "score"]);
      expect(typeof p.text).toBe("string");
      expect((p.text as string).length).toBeLessThanOrEqual(400);
      expect(p.url === null || /^https:\/\//.test(p.url as string)).toBe(true);
      expect(typeof p.score).toBe("number");
    }
    expect(passages.some((p) => (p.text as string).includes("儀礼的な雰囲気"))).toBe(true);
  });

  it("answers a batch file line by line, in order, skipping blank lines, declining with passages: []", () => {
    const file = path.join(work, "questions.txt");
    writeFileSync(file, "口論のきっかけは何だった?\n\nおすすめの映画は?\r\n５０００億ドル\n");
    const result = askCommand(["--json", "--batch", file, "--top", "2"]);
    expect(result.status).toBe(0);
    const answers = jsonLines(result.stdout);
    expect(answers.map((a) => a.query)).toEqual(["口論のきっかけは何だった?", "おすすめの映画は?", "５０００億ドル"]);
    expect(answers.map((a) => a.answered)).toEqual([true, false, true]);
    expect(answers[1]!.passages).toEqual([]);
    expect((answers[0]!.passages as unknown[]).length).toBe(2);
  });

  it("reads the batch from stdin with -", () => {
    const result = askCommand(["--json", "--batch", "-"], "ゼレンスキー大統領の身長は?\nﾛｼｱ寄りの姿勢\n");
    expect(result.status).toBe(0);
    const answers = jsonLines(result.stdout);
    expect(answers.map((a) => [a.query, a.answered])).toEqual([
      ["ゼレンスキー大統領の身長は?", false],
      ["ﾛｼｱ寄りの姿勢", true],
    ]);
  });

  it("stops quietly when what reads its output goes away (| head -1): no EPIPE stack, exit 0", async () => {
    const file = path.join(work, "many-questions.txt");
    // Far more output than a pipe holds, so that most of it is written after the reader has gone.
    writeFileSync(file, "口論のきっかけは何だった?\n".repeat(500));
    const child = spawn(process.execPath, [distEntry("cli/ask"), "--json", "--batch", file], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    let stdout = "";
    for await (const chunk of child.stdout) {
      stdout += (chunk as Buffer).toString("utf8");
      if (stdout.includes("\n")) break; // leaving the loop destroys the pipe, as head does when it exits
    }
    const [code] = await once(child, "exit");
    expect(JSON.parse(stdout.split("\n")[0]!)).toMatchObject({ answered: true });
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("gives an empty question an error message, not a search", () => {
    const result = askCommand(["--json", "--lang", "ja", ""]);
    expect(result.status).toBe(1);
    expect(jsonLines(result.stdout)).toEqual([{ query: "", answered: false, passages: [], error: "empty question" }]);
    expect(result.stderr).toContain("質問が空です");
    const text = askCommand(["--lang", "en", " "]);
    expect(text.status).toBe(1);
    expect(text.stdout).toBe("");
    expect(text.stderr).toContain("The question is empty");
  });

  it("rejects --top outside 1-10 and unknown options with the usage, printing nothing on stdout", () => {
    for (const args of [["--top", "0", "q"], ["--top", "11", "q"], ["--top", "two", "q"], ["--frobnicate", "q"], ["--json"], ["--batch"]]) {
      const result = askCommand(args);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("usage: npm run ask");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("names a batch file it cannot read", () => {
    const result = askCommand(["--json", "--batch", path.join(work, "missing.txt")]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("cannot read the batch file");
  });
});

describe("npm run ask (text)", () => {
  it("prints the passages readably, best sentence marked, with article, section and link", () => {
    const result = askCommand(["--lang", "ja", "言い合いに途中から加わったのは誰?"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("「言い合いに途中から加わったのは誰?」について、記事の該当箇所です。");
    expect(result.stdout).toMatch(/▶[^◀]*バンス副大統領も加わり[^◀]*◀/);
    expect(result.stdout).toContain("記事: ");
    expect(result.stdout).toContain("https://mainichi.jp/articles/20250301/k00/00m/030/003000c");
  });

  it("says plainly when the articles do not say, and where to look", () => {
    const result = askCommand(["--lang=ja", "明日の大阪の天気を教えて"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("これらの記事には見つかりませんでした");
    expect(result.stdout).toContain("npm run sources");
  });

  it("words its own lines in English with --lang en, and refuses another language", () => {
    const english = askCommand(["--lang", "en", "明日の大阪の天気を教えて"]);
    expect(english.stdout).toContain('The articles do not answer "明日の大阪の天気を教えて".');
    const french = askCommand(["--lang", "fr", "会談は?"]);
    expect(french.status).toBe(1);
    expect(french.stderr).toContain("--lang takes ja or en");
  });
});

describe("npm run index", () => {
  it("builds the index and reports its size and cost", () => {
    const result = run("cli/build-index", []);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/articles\s+2/);
    expect(result.stdout).toMatch(/sections\s+6/);
    expect(result.stdout).toMatch(/passages\s+\d+/);
    expect(result.stdout).toMatch(/terms\s+\d+/);
    expect(result.stdout).toMatch(/built\s+in \d+ ms/);
    expect(result.stdout).toMatch(/cache\s+.*\.bin \(\d+(\.\d)? KB\)/);
  });
});

describe("parseAskArguments", () => {
  it("reads flags in any order, --top=N, and joins the words of an unquoted question", () => {
    expect(parseAskArguments(["--json", "--top=5", "--lang", "en", "会談", "の", "雰囲気"])).toEqual({
      json: true,
      top: 5,
      batch: null,
      question: "会談 の 雰囲気",
      locale: "en",
      explain: false,
    });
    expect(parseAskArguments(["--batch", "-", "--json"])).toMatchObject({ batch: "-", question: null });
    expect(parseAskArguments(["--", "--top"])).toMatchObject({ question: "--top", top: 3 });
  });

  it("refuses a question and a batch together", () => {
    expect(() => parseAskArguments(["--batch", "f.txt", "質問"])).toThrow(/either --batch FILE or a question/);
  });
});

/**
 * `npm run feedback` on a small database made here from seed passages: the report's three lists, the table a
 * terminal shows, `--json`, and plain words for a missing or empty database.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { distEntry } from "../support/dist.js";
import { afterAll, describe, expect, it } from "vitest";
import { readFeedbackReport } from "../../src/feedback/report.js";
import { displayWidth, renderFeedbackTable } from "../../src/feedback/report-table.js";
import { openFeedbackStore, type ShownPassage } from "../../src/feedback/store.js";
import { loadSeedArticles, passageFrom } from "../discord/seed-fixtures.js";

const dir = mkdtempSync(path.join(tmpdir(), "kiji-feedback-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const [first, second] = await loadSeedArticles();
const shownFrom = (article: typeof first, section: number): ShownPassage => {
  const { articleId, articleTitle, section: heading, text } = passageFrom(article!, section, 0);
  return { articleId, articleTitle, section: heading, text };
};

/** Three answers and two declined questions (one asked twice, in two widths), with votes from three users. */
const file = path.join(dir, "feedback.sqlite");
const store = openFeedbackStore(file, (m) => {
  throw new Error(m);
});
const bad = store.recordAnswer({ question: first!.sections[0]!.question!, answered: true, passages: [shownFrom(first, 0), shownFrom(second, 0)], guildId: "1", userId: "a" })!;
const good = store.recordAnswer({ question: second!.sections[1]!.question!, answered: true, passages: [shownFrom(second, 1)], guildId: "1", userId: "b" })!;
const mixed = store.recordAnswer({ question: first!.sections[2]!.question!, answered: true, passages: [shownFrom(first, 2)], guildId: null, userId: "c" })!;
store.recordAnswer({ question: "日本の首相は誰?", answered: false, passages: [], guildId: "1", userId: "a" });
store.recordAnswer({ question: "日本の首相は誰？", answered: false, passages: [], guildId: "1", userId: "b" });
store.recordAnswer({ question: "火星の天気は?", answered: false, passages: [], guildId: "1", userId: "c" });
store.recordVote(bad, "a", "down");
store.recordVote(bad, "b", "up");
store.recordVote(bad, "b", "down"); // replaces b's 👍
store.recordVote(good, "c", "up");
store.recordVote(mixed, "a", "down");
store.recordVote(mixed, "c", "up");
store.close();

describe("the feedback report", () => {
  const reading = readFeedbackReport(file);

  it("ranks the answers most voted down, with the articles they quoted", () => {
    expect(reading.kind).toBe("report");
    if (reading.kind !== "report") return;
    expect(reading.report).toMatchObject({ answers: 6, declined: 3, votes: 5 });
    expect(reading.report.mostDisliked.map(({ answerId, down, up, articles }) => ({ answerId, down, up, articles }))).toEqual([
      { answerId: bad, down: 2, up: 0, articles: [first!.title, second!.title] },
      { answerId: mixed, down: 1, up: 1, articles: [first!.title] },
    ]);
  });

  it("counts declined questions together across width variants, most often first", () => {
    if (reading.kind !== "report") throw new Error(reading.kind);
    expect(reading.report.mostDeclined.map(({ question, times }) => ({ question, times }))).toEqual([
      { question: "日本の首相は誰？", times: 2 },
      { question: "火星の天気は?", times: 1 },
    ]);
  });

  it("adds up the votes on each article's passages", () => {
    if (reading.kind !== "report") throw new Error(reading.kind);
    expect(reading.report.votesPerArticle).toEqual([
      { articleId: first!.id, articleTitle: first!.title, up: 1, down: 3 },
      { articleId: second!.id, articleTitle: second!.title, up: 1, down: 2 },
    ]);
  });

  it("keeps each ranked list to the limit asked for", () => {
    const short = readFeedbackReport(file, 1);
    if (short.kind !== "report") throw new Error(short.kind);
    expect(short.report.mostDisliked).toHaveLength(1);
    expect(short.report.mostDeclined).toHaveLength(1);
  });

  it("says plainly when there is no database, or nothing in it, and never creates one", () => {
    const missing = path.join(dir, "none", "feedback.sqlite");
    expect(renderFeedbackTable(readFeedbackReport(missing))).toBe(`No feedback yet: ${missing} does not exist (the bot creates it when it first answers).`);
    const empty = path.join(dir, "empty.sqlite");
    openFeedbackStore(empty, () => {}).close();
    expect(renderFeedbackTable(readFeedbackReport(empty))).toBe(`No feedback yet: ${empty} holds no answers.`);
    expect(readFeedbackReport(missing).kind).toBe("missing");
  });
});

async function feedbackCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [distEntry("cli/feedback"), ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: dir, FEEDBACK_DB: file },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("terminal columns", () => {
  it("counts kanji, kana and full-width forms as two columns, ASCII and half-width kana as one", () => {
    expect(displayWidth("日本の首相は誰？")).toBe(16);
    expect(displayWidth("ﾄﾗﾝﾌﾟ id 12")).toBe(11);
    expect(displayWidth("👍")).toBe(2);
  });
});

describe("a question stored with escape codes (as an older bot recorded it)", () => {
  it("reaches the terminal table as plain text", () => {
    const hostile = path.join(dir, "hostile.sqlite");
    const writer = openFeedbackStore(hostile, (m) => {
      throw new Error(m);
    });
    writer.recordAnswer({ question: "\u001b]0;pwned\u0007\u001b[2J\u202E火星の天気は?\u009b31m", answered: false, passages: [], guildId: "1", userId: "a" });
    writer.close();
    const table = renderFeedbackTable(readFeedbackReport(hostile));
    expect(table).toContain("火星の天気は?");
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
  });
});

describe("npm run feedback", () => {
  it("prints the three lists as tables, wide characters lined up", async () => {
    const { code, stdout, stderr } = await feedbackCli([]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.trimEnd()).toBe(renderFeedbackTable(readFeedbackReport(file)));
    const lines = stdout.split("\n");
    const header = lines[lines.indexOf("Most disliked answers") + 1]!;
    const row = lines[lines.indexOf("Most disliked answers") + 3]!;
    expect(row).toMatch(new RegExp(`^\\s*${bad}\\s+2\\s+0\\s+`));
    // The column after the Japanese question starts at the same terminal column in the header and the row.
    const titleStart = row.indexOf(first!.title.slice(0, 5));
    expect(titleStart).toBeGreaterThan(0);
    expect(displayWidth(row.slice(0, titleStart))).toBe(displayWidth(header.slice(0, header.indexOf("articles quoted"))));
    expect(stdout).toContain("日本の首相は誰？");
    expect(stdout).toContain(first!.id);
  });

  it("--json prints the report itself", async () => {
    const { code, stdout } = await feedbackCli(["--json", "--limit", "1"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(readFeedbackReport(file, 1));
  });
});

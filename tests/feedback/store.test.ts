/**
 * The feedback store on real SQLite files: schema steps and migration of an older file, one vote per user
 * per answer, user ids only as salted hashes, no vote lost when two threads write at once, and a damaged,
 * locked, newer or unwritable file giving one warning and a store that records nothing instead of throwing.
 */
import Database from "better-sqlite3";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { migrate, SCHEMA_VERSION } from "../../src/feedback/schema.js";
import { openFeedbackStore, RECENT_ANSWERS, type AnswerRecord, type FeedbackStore } from "../../src/feedback/store.js";
import { loadSeedArticles, passageFrom } from "../discord/seed-fixtures.js";

const dir = mkdtempSync(path.join(tmpdir(), "kiji-feedback-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => path.join(dir, `db-${++files}`, "feedback.sqlite");

const seeds = await loadSeedArticles();
const article = seeds[0]!;
const shown = [passageFrom(article, 0, 0), passageFrom(article, 1, 0)].map((p) => ({
  articleId: p.articleId,
  articleTitle: p.articleTitle,
  section: p.section,
  text: p.text,
}));
const USER = "123456789012345678";
const answer = (question: string, overrides: Partial<AnswerRecord> = {}): AnswerRecord => ({
  question,
  answered: true,
  passages: shown,
  guildId: "987654321098765432",
  userId: USER,
  ...overrides,
});

function open(file: string): { store: FeedbackStore; warnings: string[] } {
  const warnings: string[] = [];
  return { store: openFeedbackStore(file, (m) => warnings.push(m)), warnings };
}

/** Reads a database directly, as an operator with the sqlite3 shell would. */
function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function expectDisabled(store: FeedbackStore): void {
  expect(store.recordAnswer(answer("停戦の条件は?"))).toBeUndefined();
  expect(store.recordVote(1, USER, "up")).toBe(false);
  expect(store.answeredQuestions(10)).toEqual([]);
  expect(() => store.close()).not.toThrow();
}

describe("the feedback database", () => {
  it("is made in WAL mode at the current schema version, with the answer, its passages and the vote", () => {
    const file = newFile();
    const { store, warnings } = open(file);
    const id = store.recordAnswer(answer(article.sections[0]!.question!))!;
    expect(id).toBeTypeOf("number");
    expect(store.recordVote(id, USER, "up")).toBe(true);
    store.close();
    expect(warnings).toEqual([]);
    inspect(file, (db) => {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare("SELECT question, answered, guild_id FROM answers WHERE id = ?").get(id)).toEqual({
        question: article.sections[0]!.question,
        answered: 1,
        guild_id: "987654321098765432",
      });
      expect(db.prepare("SELECT article_id AS articleId, article_title AS articleTitle, section, text FROM passages WHERE answer_id = ? ORDER BY position").all(id)).toEqual(shown);
      expect(db.prepare("SELECT vote FROM votes WHERE answer_id = ?").pluck().all(id)).toEqual(["up"]);
    });
  });

  it("brings a file from an older schema up to date, keeping its answers and votes", () => {
    const file = newFile();
    mkdirSync(path.dirname(file));
    // A file as the first schema step left it, with rows written then.
    const old = new Database(file);
    migrate(old, 1);
    old.prepare("INSERT INTO answers (id, question, answered, guild_id, user_hash, asked_at) VALUES (1, ?, 1, NULL, 'h1', '2026-01-01T00:00:00.000Z')").run("ＵＳＡの支援は?");
    old.prepare("INSERT INTO votes (answer_id, user_hash, vote, voted_at) VALUES (1, 'h1', 'up', '2026-01-01T00:00:01.000Z')").run();
    old.close();
    expect(inspect(file, (db) => db.pragma("user_version", { simple: true }))).toBe(1);

    const { store, warnings } = open(file);
    expect(warnings).toEqual([]);
    expect(inspect(file, (db) => db.pragma("user_version", { simple: true }))).toBe(SCHEMA_VERSION);
    // The old row got its question key: a later width and case variant counts as the same question.
    store.recordAnswer(answer("usaの支援は?"));
    expect(store.answeredQuestions(10)).toEqual(["usaの支援は?"]);
    expect(store.recordVote(1, USER, "down")).toBe(true);
    store.close();
    expect(inspect(file, (db) => db.prepare("SELECT vote FROM votes WHERE answer_id = 1 ORDER BY voted_at").pluck().all())).toEqual(["up", "down"]);
  });

  it("leaves a file from a newer kiji-bot alone: one warning, nothing recorded", () => {
    const file = newFile();
    open(file).store.close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const { store, warnings } = open(file);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^feedback is off: .*schema version is \d+, newer than/);
    expectDisabled(store);
    expect(inspect(file, (db) => db.pragma("user_version", { simple: true }))).toBe(SCHEMA_VERSION + 1);
  });

  it("keeps one vote per user per answer: a second vote replaces the first", () => {
    const file = newFile();
    const { store } = open(file);
    const id = store.recordAnswer(answer("トランプ政権、ウクライナ支援再開の条件は?"))!;
    expect(store.recordVote(id, USER, "up")).toBe(true);
    expect(store.recordVote(id, USER, "down")).toBe(true);
    expect(store.recordVote(id, "111111111111111111", "up")).toBe(true);
    store.close();
    expect(inspect(file, (db) => db.prepare("SELECT vote FROM votes WHERE answer_id = ? ORDER BY vote").pluck().all(id))).toEqual(["down", "up"]);
  });

  it("never stores a user id, only a hash salted per database", () => {
    const [a, b] = [newFile(), newFile()];
    for (const file of [a, b]) {
      const { store } = open(file);
      const id = store.recordAnswer(answer("ゼレンスキー大統領、関係修復へどんな姿勢?"))!;
      store.recordVote(id, USER, "up");
      store.close();
    }
    const hashes = [a, b].map((file) => {
      // Every file of the database (a WAL left behind too), as bytes, in either text encoding SQLite uses.
      const bytes = readdirSync(path.dirname(file)).map((name) => readFileSync(path.join(path.dirname(file), name)));
      expect(bytes.length).toBeGreaterThan(0);
      for (const content of bytes) {
        expect(content.includes(USER)).toBe(false);
        expect(content.includes(Buffer.from(USER, "utf16le"))).toBe(false);
      }
      return inspect(file, (db) => db.prepare("SELECT user_hash FROM answers UNION SELECT user_hash FROM votes").pluck().all() as string[]);
    });
    // One hash per user within a database (the answer and the vote agree), a different one in another.
    expect(hashes[0]).toHaveLength(1);
    expect(hashes[1]).toHaveLength(1);
    expect(hashes[0]![0]).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes[0]![0]).not.toBe(hashes[1]![0]);
  });

  it("loses no vote when two threads write to one file at the same time", async () => {
    const file = newFile();
    open(file).store.close();
    const barrier = new SharedArrayBuffer(4);
    const script = new URL("./vote-worker.ts", import.meta.url).href;
    const COUNT = 300;
    const run = (worker: number) =>
      new Promise<{ answers: number; votes: number; warnings: string[] }>((resolve, reject) => {
        const thread = new Worker(`import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(script)}, ${JSON.stringify(script)}))`, {
          eval: true,
          workerData: { file, worker, count: COUNT, barrier },
        });
        thread.once("message", resolve);
        thread.once("error", reject);
      });
    const results = await Promise.all([run(1), run(2)]);
    expect(results).toEqual([1, 2].map(() => ({ answers: COUNT, votes: COUNT, warnings: [] })));
    inspect(file, (db) => {
      expect(db.prepare("SELECT count(*) FROM answers").pluck().get()).toBe(2 * COUNT);
      expect(db.prepare("SELECT count(*) FROM votes").pluck().get()).toBe(2 * COUNT);
    });
  });

  it("answers that a vote names no recorded answer", () => {
    const { store, warnings } = open(newFile());
    expect(store.recordVote(4242, USER, "up")).toBe(false);
    expect(warnings).toEqual(["feedback: could not record a vote on answer 4242: no answer with that id was recorded"]);
    store.close();
  });

  it("suggests answered questions asked by at least two users, most asked first, leaving out declined and mostly disliked ones", () => {
    const { store } = open(newFile());
    const [q1, q2, q3] = article.sections.map((s) => s.question!);
    const other = { userId: "222222222222222222" };
    store.recordAnswer(answer(q1!));
    store.recordAnswer(answer(q1!, other));
    store.recordAnswer(answer(q2!));
    store.recordAnswer(answer(q2!.normalize("NFKC"), other));
    store.recordAnswer(answer(q2!.normalize("NFKC"), { userId: "333333333333333333" }));
    const disliked = store.recordAnswer(answer(q3!))!;
    store.recordAnswer(answer(q3!, other));
    store.recordVote(disliked, USER, "down");
    store.recordAnswer(answer("日本の首相は誰?", { answered: false, passages: [] }));
    store.recordAnswer(answer("日本の首相は誰?", { answered: false, passages: [], ...other }));
    // One user alone, however often, cannot plant a suggestion in everyone's autocomplete.
    for (let i = 0; i < 5; i++) store.recordAnswer(answer("宣伝: example.com を見て"));
    expect(store.answeredQuestions(10)).toEqual([q2!.normalize("NFKC"), q1]);
    expect(store.answeredQuestions(1)).toHaveLength(1);
    store.close();
  });

  // They are read at every start and every reload, on the bot's thread: over every answer ever recorded
  // (4.3 s at a million), each reload would stall every interaction.
  it("suggests from the most recent answers only, so a database of years costs a reload no more than one of weeks", () => {
    const file = newFile();
    const { store } = open(file);
    const [q1, q2] = article.sections.map((s) => s.question!);
    const other = { userId: "222222222222222222" };
    store.recordAnswer(answer(q1!));
    store.recordAnswer(answer(q1!, other));
    expect(store.answeredQuestions(10)).toEqual([q1]);
    store.close();
    // Then RECENT_ANSWERS answers to one question of one user each time (never suggested), written directly.
    const db = new Database(file);
    const insert = db.prepare("INSERT INTO answers (question, question_key, answered, guild_id, user_hash, asked_at) VALUES ('x', 'x', 1, NULL, 'h', '2026-01-01T00:00:00Z')");
    db.transaction(() => {
      for (let i = 0; i < RECENT_ANSWERS - 2; i++) insert.run();
    })();
    db.close();
    const reopened = open(file).store;
    expect(reopened.answeredQuestions(10)).toEqual([q1]);
    reopened.recordAnswer(answer(q2!));
    reopened.recordAnswer(answer(q2!, other));
    expect(reopened.answeredQuestions(10)).toEqual([q2]);
    reopened.close();
  });
});

describe("a database that cannot be used", () => {
  it("a file that is not a database: one warning naming it, and a store that records nothing", () => {
    const file = newFile();
    mkdirSync(path.dirname(file));
    const junk = "これはデータベースではありません。".repeat(400);
    writeFileSync(file, junk);
    const { store, warnings } = open(file);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toMatch(/^feedback is off: .* is damaged or not a SQLite database .*answers go on without recording feedback$/);
    expectDisabled(store);
    expect(readFileSync(file, "utf8")).toBe(junk);
  });

  it("a database damaged inside: the check at opening finds it", () => {
    const file = newFile();
    const { store: first } = open(file);
    for (let i = 0; i < 200; i++) first.recordAnswer(answer(`質問 ${i}: ${"停戦への道筋".repeat(20)}`));
    first.close();
    const bytes = readFileSync(file);
    // Overwrite the pages after the first two (the header and schema) with garbage.
    bytes.fill(0xa5, 4096 * 2, bytes.length - 4096);
    writeFileSync(file, bytes);
    const { store, warnings } = open(file);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/is damaged or not a SQLite database/);
    expectDisabled(store);
  });

  it("a database another process keeps locked: a warning once, then recording resumes when the lock goes", () => {
    const file = newFile();
    const { store, warnings } = open(file);
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    expect(store.recordAnswer(answer("停戦の条件は?"))).toBeUndefined();
    expect(store.recordAnswer(answer("停戦の条件は?"))).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^feedback: could not record an answer: .* is locked by another process/);
    other.exec("COMMIT");
    other.close();
    expect(store.recordAnswer(answer("停戦の条件は?"))).toBeTypeOf("number");
    store.close();
  });

  it("a database locked while it is opened: one warning, and a store that records nothing", () => {
    const file = newFile();
    mkdirSync(path.dirname(file));
    const other = new Database(file);
    other.exec("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)");
    const { store, warnings } = open(file);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^feedback is off: .* is locked by another process/);
    expectDisabled(store);
    other.exec("ROLLBACK");
    other.close();
  });

  it("a disk that fills while the schema is made: the error says so, not that a rollback failed", () => {
    // On a full disk SQLite rolls the transaction back itself (measured on a 64 KB tmpfs, where the warning
    // read "cannot rollback - no transaction is active"); a step failing that way is simulated here.
    const db = new Database(":memory:");
    const full = new Proxy(db, {
      get(target, property) {
        if (property === "pragma")
          return (source: string, options?: Database.PragmaOptions) => {
            if (source.startsWith("user_version =")) {
              target.exec("ROLLBACK");
              throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
            }
            return target.pragma(source, options);
          };
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    expect(() => migrate(full)).toThrow(expect.objectContaining({ code: "SQLITE_FULL" }));
    expect(db.pragma("user_version", { simple: true })).toBe(0);
    db.close();
  });

  it("a path that cannot be created: one warning, never an exception", () => {
    const blocker = path.join(dir, "a-file");
    writeFileSync(blocker, "");
    const { store, warnings } = open(path.join(blocker, "feedback.sqlite"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot be opened for writing .*check FEEDBACK_DB/);
    expectDisabled(store);
  });
});

describe("FEEDBACK_DB", () => {
  it("defaults to feedback.sqlite in the cache folder, and a set value wins", () => {
    expect(parseConfig({ CACHE_DIR: "var/cache" }, "/srv/kiji").feedbackDb).toBe(path.resolve("/srv/kiji/var/cache/feedback.sqlite"));
    expect(parseConfig({ FEEDBACK_DB: "" }, "/srv/kiji").feedbackDb).toBe(path.resolve("/srv/kiji/.cache/feedback.sqlite"));
    expect(parseConfig({ FEEDBACK_DB: "/data/votes.db" }, "/srv/kiji").feedbackDb).toBe("/data/votes.db");
  });
});

describe("warnings", () => {
  it("a warning callback that throws does not make the store throw", () => {
    const thrower = () => {
      throw new Error("logger down");
    };
    const blocker = path.join(dir, "another-file");
    writeFileSync(blocker, "");
    expect(() => openFeedbackStore(path.join(blocker, "feedback.sqlite"), thrower)).not.toThrow();
    const store = openFeedbackStore(newFile(), thrower);
    expect(store.recordVote(999, USER, "up")).toBe(false);
    store.close();
  });
});

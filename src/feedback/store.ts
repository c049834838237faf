/**
 * The feedback store: every answer shown, with its passages, and the 👍/👎 votes on it, in one SQLite file
 * (better-sqlite3, WAL mode). Feedback is a side line: a database that cannot be opened or written gives a
 * one-line warning and the bot answers on without it, so nothing here throws.
 */
import Database from "better-sqlite3";
import { createHmac } from "node:crypto";
import path from "node:path";
import { ensureDirectorySync } from "./directory.js";
import { describeFailure, isDamaged } from "./failure.js";
import { migrate, questionKey } from "./schema.js";

export interface ShownPassage {
  articleId: string;
  articleTitle: string;
  section: string;
  text: string;
}

export interface AnswerRecord {
  question: string;
  answered: boolean;
  passages: ShownPassage[];
  guildId: string | null;
  /** The raw Discord user id; only a salted hash of it is ever stored. */
  userId: string;
}

export type Vote = "up" | "down";

export interface FeedbackStore {
  /** Records an answer as shown; its id is what a vote refers to. undefined when feedback is off. */
  recordAnswer(record: AnswerRecord): number | undefined;
  /** Records this user's vote on that answer, replacing their earlier one. false when feedback is off/failed. */
  recordVote(answerId: number, userId: string, vote: Vote): boolean;
  /** Questions asked before and answered, most asked first (for autocomplete suggestions). */
  answeredQuestions(limit: number): string[];
  close(): void;
}

/**
 * How long a write waits for another connection's write lock. better-sqlite3 waits synchronously, holding up
 * every other interaction meanwhile, and a feedback write takes well under a millisecond: a second is plenty.
 */
export const BUSY_TIMEOUT_MS = 1000;

/**
 * A past question is suggested to everyone only once this many different users have asked it: one user alone
 * cannot plant a question (rude, or an advert) in every member's autocomplete.
 */
export const MIN_ASKERS = 2;
/**
 * Suggestions come from this many most recent answers: they are read, synchronously, at every start and reload,
 * and reading every answer ever recorded took 4.3 s at a million (~85 ms at 20,000).
 */
export const RECENT_ANSWERS = 10_000;

const DISABLED: FeedbackStore = {
  recordAnswer: () => undefined,
  recordVote: () => false,
  answeredQuestions: () => [],
  close: () => {},
};

/** Never throws: a corrupt/locked/unwritable db gives one warning and a store that records nothing. */
export function openFeedbackStore(file: string, warnTo: (message: string) => void): FeedbackStore {
  // A logger that throws must not make the store throw either.
  const warn = (message: string) => {
    try {
      warnTo(message);
    } catch {
      // Nowhere left to report to.
    }
  };
  let db: Database.Database | undefined;
  try {
    ensureDirectorySync(path.dirname(file));
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    const check = db.pragma("quick_check(1)", { simple: true });
    if (check !== "ok") throw Object.assign(new Error(String(check)), { code: "SQLITE_CORRUPT" });
    migrate(db);
    return new SqliteFeedbackStore(db, file, warn);
  } catch (error) {
    try {
      db?.close();
    } catch {
      // Closing a connection that failed to open has nothing left to release.
    }
    warn(`feedback is off: ${describeFailure(file, error)}; answers go on without recording feedback`);
    return DISABLED;
  }
}

class SqliteFeedbackStore implements FeedbackStore {
  private readonly salt: string;
  private readonly insertAnswer: Database.Statement;
  private readonly insertPassage: Database.Statement;
  private readonly upsertVote: Database.Statement;
  private readonly selectAnswered: Database.Statement;
  private readonly recordAnswerTransaction: (record: AnswerRecord) => number;
  private disabled = false;
  /** The failure last warned about: a lock held for a while warns once, not on every click. */
  private lastWarning: string | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly warn: (message: string) => void,
  ) {
    this.salt = (db.prepare("SELECT value FROM meta WHERE key = 'user_id_salt'").pluck().get() as string | undefined) ?? "";
    if (!this.salt) throw Object.assign(new Error("the salt for user ids is missing"), { code: "SQLITE_CORRUPT" });
    this.insertAnswer = db.prepare(
      "INSERT INTO answers (question, question_key, answered, guild_id, user_hash, asked_at) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.insertPassage = db.prepare(
      "INSERT INTO passages (answer_id, position, article_id, article_title, section, text) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.upsertVote = db.prepare(`
      INSERT INTO votes (answer_id, user_hash, vote, voted_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at
    `);
    // A question whose answers drew more 👎 than 👍 is not worth suggesting again.
    this.selectAnswered = db
      .prepare(
        `SELECT q.question FROM (
           SELECT count(DISTINCT a.id) AS asked, count(DISTINCT a.user_hash) AS askers, max(a.id) AS latest,
             total(v.vote = 'up') AS ups, total(v.vote = 'down') AS downs
           FROM answers a LEFT JOIN votes v ON v.answer_id = a.id
           WHERE a.answered = 1 AND a.id > (SELECT coalesce(max(id), 0) FROM answers) - ${RECENT_ANSWERS} GROUP BY a.question_key
         ) g JOIN answers q ON q.id = g.latest
         WHERE g.askers >= ${MIN_ASKERS} AND g.downs <= g.ups ORDER BY g.asked DESC, g.latest DESC LIMIT ?`,
      )
      .pluck();
    this.recordAnswerTransaction = db.transaction((record: AnswerRecord) => {
      const now = new Date().toISOString();
      const { lastInsertRowid } = this.insertAnswer.run(
        record.question,
        questionKey(record.question),
        record.answered ? 1 : 0,
        record.guildId,
        this.userHash(record.userId),
        now,
      );
      const id = Number(lastInsertRowid);
      record.passages.forEach((p, position) => this.insertPassage.run(id, position, p.articleId, p.articleTitle, p.section, p.text));
      return id;
    });
  }

  /** HMAC-SHA256 of the user id keyed by this database's own random salt: one user's votes stay one user's. */
  private userHash(userId: string): string {
    return createHmac("sha256", this.salt).update(userId).digest("hex");
  }

  recordAnswer(record: AnswerRecord): number | undefined {
    return this.attempt("record an answer", undefined, () => this.recordAnswerTransaction(record));
  }

  recordVote(answerId: number, userId: string, vote: Vote): boolean {
    if (vote !== "up" && vote !== "down") return false;
    return this.attempt(`record a vote on answer ${answerId}`, false, () => {
      this.upsertVote.run(answerId, this.userHash(userId), vote, new Date().toISOString());
      return true;
    });
  }

  answeredQuestions(limit: number): string[] {
    if (!(limit > 0)) return [];
    return this.attempt("read past questions", [], () => this.selectAnswered.all(Math.floor(limit)) as string[]);
  }

  close(): void {
    if (this.disabled) return;
    this.disabled = true;
    try {
      this.db.close();
    } catch {
      // Already closed or never fully open: nothing to release.
    }
  }

  /** Runs one database step; a failure is warned about (once while it repeats) and gives `fallback`. */
  private attempt<T>(what: string, fallback: T, step: () => T): T {
    if (this.disabled) return fallback;
    try {
      const result = step();
      this.lastWarning = undefined;
      return result;
    } catch (error) {
      const damaged = isDamaged(error);
      const reason = describeFailure(this.file, error);
      if (reason !== this.lastWarning) this.warn(`feedback: could not ${what}: ${reason}${damaged ? "; feedback is off until restart" : ""}`);
      this.lastWarning = reason;
      if (damaged) this.close();
      return fallback;
    }
  }
}

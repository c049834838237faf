/**
 * What the feedback says, for `npm run feedback`: the answers most voted down, the questions most often
 * declined ("the articles do not say"), and the votes on each article's passages.
 */
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { describeFailure } from "./failure.js";
import { migrate } from "./schema.js";
import { BUSY_TIMEOUT_MS } from "./store.js";

export interface DislikedAnswer {
  answerId: number;
  question: string;
  down: number;
  up: number;
  askedAt: string;
  /** Titles of the articles its passages came from, in the order shown. */
  articles: string[];
}

export interface DeclinedQuestion {
  /** The latest spelling of the question. */
  question: string;
  times: number;
  lastAskedAt: string;
}

export interface ArticleVotes {
  articleId: string;
  articleTitle: string;
  /** Votes on answers that quoted this article (an answer quoting two articles counts for both). */
  up: number;
  down: number;
}

export interface FeedbackReport {
  answers: number;
  declined: number;
  votes: number;
  mostDisliked: DislikedAnswer[];
  mostDeclined: DeclinedQuestion[];
  votesPerArticle: ArticleVotes[];
}

export type FeedbackReading =
  | { kind: "missing"; file: string }
  | { kind: "empty"; file: string }
  | { kind: "report"; file: string; report: FeedbackReport };

/** A database the report cannot read; the message says which file and why. */
export class FeedbackReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedbackReadError";
  }
}

/** Reads the report from `file`, at most `limit` rows in each ranked list. Never creates the file. */
export function readFeedbackReport(file: string, limit = 10): FeedbackReading {
  if (!existsSync(file)) return { kind: "missing", file };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    // An older file is brought up to date first, as the bot itself would on its next start.
    migrate(db);
    const report = queryReport(db, limit);
    return report.answers === 0 ? { kind: "empty", file } : { kind: "report", file, report };
  } catch (error) {
    throw new FeedbackReadError(`cannot read the feedback: ${describeFailure(file, error)}`);
  } finally {
    db?.close();
  }
}

function queryReport(db: Database.Database, limit: number): FeedbackReport {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const mostDisliked = (
    db
      .prepare(
        `SELECT a.id AS answerId, a.question, a.asked_at AS askedAt,
           sum(v.vote = 'down') AS down, sum(v.vote = 'up') AS up
         FROM answers a JOIN votes v ON v.answer_id = a.id
         GROUP BY a.id HAVING down > 0 ORDER BY down DESC, up ASC, a.id DESC LIMIT ?`,
      )
      .all(limit) as Array<Omit<DislikedAnswer, "articles">>
  ).map((row) => ({
    ...row,
    articles: [
      ...new Set(
        db.prepare("SELECT article_title FROM passages WHERE answer_id = ? ORDER BY position").pluck().all(row.answerId) as string[],
      ),
    ],
  }));
  const mostDeclined = db
    .prepare(
      `SELECT (SELECT question FROM answers WHERE id = g.latest) AS question, g.times, g.lastAskedAt
       FROM (SELECT max(id) AS latest, count(*) AS times, max(asked_at) AS lastAskedAt
             FROM answers WHERE answered = 0 GROUP BY question_key) g
       ORDER BY g.times DESC, g.latest DESC LIMIT ?`,
    )
    .all(limit) as DeclinedQuestion[];
  const votesPerArticle = db
    .prepare(
      `SELECT p.article_id AS articleId, max(p.article_title) AS articleTitle,
         sum(v.vote = 'up') AS up, sum(v.vote = 'down') AS down
       FROM votes v
       JOIN (SELECT DISTINCT answer_id, article_id, article_title FROM passages) p ON p.answer_id = v.answer_id
       GROUP BY p.article_id ORDER BY down DESC, up DESC, p.article_id`,
    )
    .all() as ArticleVotes[];
  return {
    answers: count("SELECT count(*) FROM answers"),
    declined: count("SELECT count(*) FROM answers WHERE answered = 0"),
    votes: count("SELECT count(*) FROM votes"),
    mostDisliked,
    mostDeclined,
    votesPerArticle,
  };
}

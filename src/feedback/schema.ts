/**
 * The feedback database's schema, as the list of steps that build it. `PRAGMA user_version` is the number of
 * steps a database has had; opening it applies the missing ones, each in its own transaction, so a database
 * from any earlier release is brought up to date and keeps its rows. Steps are only ever appended.
 */
import type Database from "better-sqlite3";

export type Migration = (db: Database.Database) => void;

/** The key two spellings of one question share (`ＡＩとは？` = `aiとは?`): for counting questions together. */
export function questionKey(question: string): string {
  return question.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

export const MIGRATIONS: readonly Migration[] = [
  // 1: answers as shown, the passages each showed, one vote per user per answer, and the salt for user ids.
  (db) =>
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        question TEXT NOT NULL,
        answered INTEGER NOT NULL CHECK (answered IN (0, 1)),
        guild_id TEXT,
        user_hash TEXT NOT NULL,
        asked_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE passages (
        answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        article_title TEXT NOT NULL,
        section TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (answer_id, position)
      ) STRICT;
      CREATE TABLE votes (
        answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        user_hash TEXT NOT NULL,
        vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        voted_at TEXT NOT NULL,
        PRIMARY KEY (answer_id, user_hash)
      ) STRICT;
      CREATE INDEX passages_by_article ON passages (article_id);
      INSERT INTO meta (key, value) VALUES ('user_id_salt', lower(hex(randomblob(32))));
    `),
  // 2: questions are counted by a normalised key, so width and case variants of one question add up.
  (db) => {
    db.exec(`
      ALTER TABLE answers ADD COLUMN question_key TEXT NOT NULL DEFAULT '';
      CREATE INDEX answers_by_question ON answers (answered, question_key);
    `);
    const update = db.prepare("UPDATE answers SET question_key = ? WHERE id = ?");
    // Read all first: better-sqlite3 allows no other statement on the connection while one is iterating.
    for (const row of db.prepare("SELECT id, question FROM answers").all() as Array<{ id: number; question: string }>) {
      update.run(questionKey(row.question), row.id);
    }
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** A database written by a newer kiji-bot: its schema is not ours to change. */
export class NewerSchemaError extends Error {
  constructor(readonly version: number) {
    super(`its schema version is ${version}, newer than this kiji-bot's ${SCHEMA_VERSION}`);
    this.name = "NewerSchemaError";
  }
}

/**
 * Brings the database up to `target` steps (default: all). Each step and its version bump commit together;
 * `BEGIN IMMEDIATE` takes the write lock first, so two processes opening one old file cannot both migrate it.
 */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  const version = () => db.pragma("user_version", { simple: true }) as number;
  if (version() > SCHEMA_VERSION) throw new NewerSchemaError(version());
  while (version() < target) {
    db.exec("BEGIN IMMEDIATE");
    try {
      const current = version();
      if (current < target) {
        MIGRATIONS[current]!(db);
        db.pragma(`user_version = ${current + 1}`);
      }
      db.exec("COMMIT");
    } catch (error) {
      // SQLite may have rolled back already (a full disk does): a ROLLBACK then would throw, hiding the cause.
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }
}

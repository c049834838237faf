/** What went wrong with the feedback database, in words an operator can act on. */
import { NewerSchemaError } from "./schema.js";

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

/** Damage that will not go away by itself: the store stops using the file. */
export function isDamaged(error: unknown): boolean {
  return /^SQLITE_(CORRUPT|NOTADB)/.test(codeOf(error));
}

/** One line naming the file, the cause and, where there is one, the fix. */
export function describeFailure(file: string, error: unknown): string {
  const code = codeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (isDamaged(error)) return `${file} is damaged or not a SQLite database (${detail}); move it aside and a new one is made at the next start`;
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return `${file} is locked by another process (${detail})`;
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") return "no answer with that id was recorded";
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) || /^E(ACCES|ROFS|NOTDIR|EXIST|PERM|NOENT)$/.test(code))
    return `${file} cannot be opened for writing (${detail}); check FEEDBACK_DB and the folder's permissions`;
  if (/^SQLITE_(FULL|IOERR)/.test(code)) return `${file} cannot be written (${detail}); check the disk`;
  if (error instanceof NewerSchemaError) return `${file}: ${detail}; use a newer kiji-bot or another FEEDBACK_DB`;
  if (/bindings file|better_sqlite3\.node|NODE_MODULE_VERSION/.test(detail))
    return `better-sqlite3 is not built for this Node (${detail.split("\n")[0]}); run npm rebuild better-sqlite3`;
  return `${file}: ${detail.split("\n")[0]}`;
}

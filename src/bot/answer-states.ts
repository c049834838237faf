/**
 * What the buttons under an answer need (question, page, asker, feedback record), kept in memory under a short
 * random id for a limited time. Nothing survives a restart: a click then finds no state and is asked, politely,
 * to ask again. The number kept is capped, oldest dropped first, so a flood of /ask cannot grow memory.
 */
import { randomBytes } from "node:crypto";
import type { AnswerState, AnswerStates } from "../../commands/types.js";

export interface AnswerStateOptions {
  /** How long buttons work after their last use. Default 30 minutes. */
  ttlMs?: number;
  /** At most this many states; the least recently saved go first. Default 10,000. */
  max?: number;
  now?: () => number;
}

export function createAnswerStates({ ttlMs = 30 * 60_000, max = 10_000, now = Date.now }: AnswerStateOptions = {}): AnswerStates {
  // A Map iterates in insertion order: re-inserting on `set` keeps the oldest first.
  const states = new Map<string, { state: AnswerState; expires: number }>();

  const put = (id: string, state: AnswerState) => {
    states.delete(id);
    states.set(id, { state, expires: now() + ttlMs });
    for (const [oldest, entry] of states) {
      if (states.size <= max && entry.expires > now()) break;
      states.delete(oldest);
    }
  };

  return {
    save(state) {
      // 9 random bytes: 12 url-safe characters, unguessable enough that nobody presses another's button by id.
      const id = randomBytes(9).toString("base64url");
      put(id, state);
      return id;
    },
    get(id) {
      const entry = states.get(id);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        states.delete(id);
        return undefined;
      }
      return entry.state;
    },
    set(id, state) {
      put(id, state);
    },
  };
}

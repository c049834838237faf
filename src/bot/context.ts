/**
 * What the dispatcher needs to answer interactions, built once by whoever starts a transport (start.ts for
 * the gateway, the HTTP server for its endpoint).
 */
import type { AnswerStates, FeedbackSink, SlashCommand } from "../../commands/types.js";
import type { Library } from "../answers/library.js";
import type { ReloadSummary } from "../render/discord/reload.js";
import type { Cooldown } from "./cooldown.js";
import type { Logger } from "./log.js";
import type { WorkQueue } from "./work-queue.js";

/** The library, or the promise of it while the index is still loading (a LiveLibrary fits it). */
export interface LibraryHandle {
  /** The library when it is ready, else undefined: interactions then defer and wait for `ready`. */
  current(): Library | undefined;
  ready: Promise<Library>;
  /** Rebuilds from ARTICLES_DIR and swaps the new library in (a LiveLibrary has it; /reload needs it). */
  reload?(): Promise<ReloadSummary>;
}

/** Suggested questions for /ask's autocomplete (the feedback helper's Suggester fits it). */
export interface Suggester {
  suggest(typed: string, limit?: number): string[];
}

export interface BotContext {
  library: LibraryHandle;
  logger: Logger;
  commands: ReadonlyMap<string, SlashCommand>;
  feedback: FeedbackSink;
  answerStates: AnswerStates;
  /** Per-user cooldown of the commands that have `cooldown` set (/ask). */
  cooldown: Cooldown;
  /** Where the handlers' CPU work waits its turn (CommandTools.compute). */
  work: WorkQueue;
  /** The suggester for a library (built once per library), when there is one. */
  suggesterFor?(library: Library): Suggester | undefined;
  /** Defer an interaction whose answer is not sent this long after receipt. Default DEFER_AFTER_MS. */
  deferAfterMs?: number;
}

/** Feedback switched off: nothing is recorded, and votes say so. */
export const NO_FEEDBACK: FeedbackSink = { recordAnswer: () => undefined, recordVote: () => false };

export function libraryHandle(library: Library | Promise<Library>): LibraryHandle {
  let current: Library | undefined = library instanceof Promise ? undefined : library;
  const ready = Promise.resolve(library).then((loaded) => (current = loaded));
  // A failed load is reported by whoever awaits `ready`; this keeps it from also being an unhandled rejection.
  ready.catch(() => {});
  return { current: () => current, ready };
}

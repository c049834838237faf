/**
 * What every command handler gets besides its interaction: the library (which may still be loading) and
 * the log.
 */
import type { Library } from "../answers/library.js";
import type { Logger } from "./log.js";

/** The library, or the promise of it while the index is still loading. */
export interface LibraryHandle {
  /** The library when it is ready, else undefined: handlers then defer and wait for `ready`. */
  current(): Library | undefined;
  ready: Promise<Library>;
}

export interface CommandContext {
  library: LibraryHandle;
  logger: Logger;
}

export function libraryHandle(library: Library | Promise<Library> | LibraryHandle): LibraryHandle {
  // A live library (src/answers/live-library.ts) is already a handle: current() follows its reloads.
  if (isHandle(library)) return library;
  let current: Library | undefined = library instanceof Promise ? undefined : library;
  const ready = Promise.resolve(library).then((loaded) => (current = loaded));
  // A failed load is reported by whoever awaits `ready`; this keeps it from also being an unhandled rejection.
  ready.catch(() => {});
  return { current: () => current, ready };
}

function isHandle(library: Library | Promise<Library> | LibraryHandle): library is LibraryHandle {
  return !(library instanceof Promise) && typeof (library as Partial<LibraryHandle>).current === "function";
}

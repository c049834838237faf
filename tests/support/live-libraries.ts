/** Live libraries for one test file, each closed (its watcher and worker stopped) after the test that opened it. */
import { afterEach } from "vitest";
import { openLiveLibrary, type LiveLibrary } from "../../src/answers/live-library.js";

/** An `openLive(options)` that opens a library as openLiveLibrary does and closes it after the calling test. */
export function liveLibraries(): typeof openLiveLibrary {
  const open: LiveLibrary[] = [];
  afterEach(() => {
    for (const live of open.splice(0)) live.close();
  });
  return (options) => {
    const live = openLiveLibrary(options);
    open.push(live);
    return live;
  };
}

/**
 * The handlers' CPU work (searching, rendering) run one job at a time, each in its own turn of the event loop.
 * Node answers everything on one thread: a burst of interactions whose work ran back to back would hold the
 * loop until the last finished, and no acknowledgement, deferral or reply could leave meanwhile. Between two
 * jobs the loop now reads and writes the network, and whoever finds jobs waiting ahead defers at once.
 */
export interface WorkQueue {
  /** Jobs queued or running. */
  readonly pending: number;
  /** Runs `job` after the jobs before it, in a later turn of the event loop. */
  run<T>(job: () => T): Promise<T>;
}

export function createWorkQueue(): WorkQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    get pending() {
      return pending;
    },
    run<T>(job: () => T): Promise<T> {
      pending++;
      // setImmediate: the next job starts after the loop has polled for I/O, never in the same turn.
      const result = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(job);
      tail = result.then(
        () => pending--,
        () => pending--,
      );
      return result;
    },
  };
}

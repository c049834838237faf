/**
 * The handlers' CPU work (searching, rendering) run one job at a time, each in its own turn of the event loop.
 * Node answers everything on one thread: a burst of interactions whose work ran back to back would hold the
 * loop until the last finished, and no acknowledgement, deferral or reply could leave meanwhile. Between two
 * jobs the loop now reads and writes the network, and the queue can say how long a new job would wait, so an
 * interaction that would miss its deadline behind the others defers at once.
 */
export interface WorkQueue {
  /** Jobs queued or running. */
  readonly pending: number;
  /** About how long a job queued now would wait for the ones ahead (their count times the recent average). */
  expectedWaitMs(): number;
  /** Runs `job` after the jobs before it, in a later turn of the event loop. */
  run<T>(job: () => T): Promise<T>;
}

/** `now` is a clock in milliseconds (tests pass their own). */
export function createWorkQueue(now: () => number = () => performance.now()): WorkQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  /** Moving average of recent jobs' durations (the first job sets it). */
  let averageMs: number | undefined;
  const timed = <T>(job: () => T) => () => {
    const started = now();
    try {
      return job();
    } finally {
      const took = now() - started;
      averageMs = averageMs === undefined ? took : averageMs * 0.8 + took * 0.2;
    }
  };
  return {
    get pending() {
      return pending;
    },
    expectedWaitMs: () => pending * (averageMs ?? 0),
    run<T>(job: () => T): Promise<T> {
      pending++;
      // setImmediate: the next job starts after the loop has polled for I/O, never in the same turn.
      const result = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(timed(job));
      tail = result.then(
        () => pending--,
        () => pending--,
      );
      return result;
    },
  };
}

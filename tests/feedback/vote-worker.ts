/**
 * One of several threads voting on one feedback file at once (store.test.ts): it waits at a shared barrier so
 * that all threads write together, then records its answers and votes and reports how many succeeded.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openFeedbackStore } from "../../src/feedback/store.js";

const { file, worker, count, barrier } = workerData as { file: string; worker: number; count: number; barrier: SharedArrayBuffer };
const warnings: string[] = [];
const store = openFeedbackStore(file, (m) => warnings.push(m));
const gate = new Int32Array(barrier);
Atomics.add(gate, 0, 1);
while (Atomics.load(gate, 0) < 2) Atomics.wait(gate, 0, Atomics.load(gate, 0), 50);
let answers = 0;
let votes = 0;
for (let i = 0; i < count; i++) {
  const id = store.recordAnswer({ question: `worker ${worker} question ${i}`, answered: true, passages: [], guildId: null, userId: `user-${worker}-${i}` });
  if (id === undefined) continue;
  answers++;
  if (store.recordVote(id, `voter-${worker}`, i % 2 ? "up" : "down")) votes++;
}
store.close();
parentPort!.postMessage({ answers, votes, warnings });

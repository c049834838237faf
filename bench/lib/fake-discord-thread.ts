/**
 * The fake Discord of the deadline bench, in a worker thread of its own: it times each interaction from its
 * dispatch to its callback's arrival on its own event loop, as Discord would, so the bot's CPU work (on the
 * main thread) delays the callback only as much as it delays the bot's sending of it.
 *
 * Messages in: `{ id, spec }` (an interaction to dispatch: see interactionPayload). Out: `{ apiUrl }` once
 * started, then `{ id, ms, type }` per interaction (type null when no callback came within the timeout).
 */
import { parentPort } from "node:worker_threads";
import { FakeDiscord, interactionPayload } from "../../tests/e2e/fake-discord.js";

export interface ThreadRequest {
  id: number;
  spec: Parameters<typeof interactionPayload>[1];
  timeoutMs: number;
}

export type ThreadMessage = { apiUrl: string } | { id: number; ms: number; type: number | null };

if (parentPort) {
  const port = parentPort;
  const fake = await FakeDiscord.start();
  const waiting = new Map<string, (at: number, type: number | null) => void>();
  fake.onRecorded = (request) => {
    if (!request.path.endsWith("/callback")) return;
    const token = request.path.split("/").at(-2)!;
    waiting.get(token)?.(request.receivedAt ?? performance.now(), (request.body as { type?: number }).type ?? null);
    waiting.delete(token);
  };
  port.on("message", (message: ThreadRequest) => {
    const { token, payload } = interactionPayload(fake, message.spec);
    const timer = setTimeout(() => {
      waiting.delete(token);
      port.postMessage({ id: message.id, ms: Infinity, type: null } satisfies ThreadMessage);
    }, message.timeoutMs);
    const sent = performance.now();
    waiting.set(token, (at, type) => {
      clearTimeout(timer);
      port.postMessage({ id: message.id, ms: at - sent, type } satisfies ThreadMessage);
    });
    fake.dispatch("INTERACTION_CREATE", payload);
  });
  port.postMessage({ apiUrl: fake.apiUrl } satisfies ThreadMessage);
}

/** The health endpoint (HEALTH_PORT): GET /healthz, 200 when ready and 503 when not, on 127.0.0.1. */
import { connect, createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startHealthServer, type HealthServer, type HealthStatus } from "../../src/bot/health.js";

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const status = (ready: boolean): HealthStatus => ({ ready, articles: ready ? 2 : 0, lastReload: ready ? "2026-01-01T00:00:00.000Z" : null, uptimeSeconds: 7 });

describe("the health endpoint", () => {
  it("answers the status as JSON: 200 when ready, 503 while not, each time asking afresh", async () => {
    let ready = false;
    server = await startHealthServer(0, () => status(ready));
    const url = `http://127.0.0.1:${server.port}/healthz`;
    const before = await fetch(url);
    expect(before.status).toBe(503);
    expect(before.headers.get("content-type")).toBe("application/json");
    expect(await before.json()).toEqual({ ready: false, articles: 0, lastReload: null, uptimeSeconds: 7 });
    ready = true;
    const after = await fetch(url);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ ready: true, articles: 2, lastReload: "2026-01-01T00:00:00.000Z", uptimeSeconds: 7 });
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("serves nothing else: 404 for another path, 405 for another method", async () => {
    server = await startHealthServer(0, () => status(true));
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz/../admin`)).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("answers 404 to a request target that is no URL path (GET //), and goes on serving", async () => {
    server = await startHealthServer(0, () => status(true));
    // fetch() cannot send these: they go out as written, as a port scanner or a mistyped probe would send them.
    for (const target of ["//", "//:99999/healthz", "/\\\\"]) expect(await statusLine(server.port, `GET ${target} HTTP/1.1`)).toBe("HTTP/1.1 404 Not Found");
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });

  it("says not ready, rather than failing, when the status itself throws", async () => {
    server = await startHealthServer(0, () => {
      throw new Error("library gone");
    });
    const response = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ready: false, articles: 0 });
  });

  it("rejects with the listen error when the port is taken, and listens on 127.0.0.1 only by default", async () => {
    const taken = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => taken.once("listening", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(startHealthServer(port, () => status(true))).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      taken.close();
    }
    server = await startHealthServer(0, () => status(true));
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });
});

/** The first line of the answer to one raw request line, or "closed" when the connection ends without one. */
function statusLine(port: number, requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      if (received.includes("\r\n")) {
        resolve(received.slice(0, received.indexOf("\r\n")));
        socket.destroy();
      }
    });
    socket.on("close", () => resolve("closed"));
    socket.on("error", reject);
    socket.write(`${requestLine}\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`);
  });
}

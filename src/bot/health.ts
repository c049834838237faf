/**
 * The optional health endpoint (HEALTH_PORT): GET /healthz answers the bot's status as JSON, 200 when it is
 * ready to answer and 503 while it is not (loading articles, not connected to the gateway, stopping), so that
 * a Docker HEALTHCHECK, a systemd watchdog script or a load balancer can tell without reading the log.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathOf } from "./request-path.js";

export interface HealthStatus {
  /** Logged in to Discord with a library to answer from. */
  ready: boolean;
  articles: number;
  /** ISO time of the last successful (re)load of the articles, or null before the first. */
  lastReload: string | null;
  uptimeSeconds: number;
}

export interface HealthServer {
  /** The port it listens on (the one the system chose, when asked for 0). */
  port: number;
  close(): Promise<void>;
}

/** Listens on host:port (127.0.0.1 unless HEALTH_HOST says otherwise); rejects when it cannot (port in use). */
export async function startHealthServer(port: number, status: () => HealthStatus, host = "127.0.0.1"): Promise<HealthServer> {
  const server = createServer((req, res) => {
    if (pathOf(req.url) !== "/healthz") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found: the health endpoint is /healthz\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("GET /healthz\n");
      return;
    }
    let body: HealthStatus;
    try {
      body = status();
    } catch {
      body = { ready: false, articles: 0, lastReload: null, uptimeSeconds: Math.round(process.uptime()) };
    }
    const json = JSON.stringify(body);
    res.writeHead(body.ready ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : json);
  });
  // A probe that hangs up early must not surface as an error anywhere else.
  server.on("clientError", (_error, socket) => socket.destroy());
  server.listen(port, host);
  // Rejects with the listen error (EADDRINUSE, EACCES) instead.
  await once(server, "listening");
  // Health checks must not keep a stopping bot alive.
  server.unref();
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

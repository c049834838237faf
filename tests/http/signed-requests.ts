/**
 * Test-side Discord for the HTTP endpoint: an Ed25519 key pair made in the test (its public key in the hex form
 * the developer portal shows), requests signed the way Discord signs them, and a plain node:http client that
 * also reports what a server answers before a body is fully sent.
 */
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { request } from "node:http";

export interface TestKeys {
  /** As DISCORD_PUBLIC_KEY holds it: the 32 raw bytes in hex. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function testKeys(): TestKeys {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return { publicKeyHex: publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex"), privateKey };
}

/** Discord's headers for a body: Ed25519 over timestamp + body. */
export function signedHeaders(keys: TestKeys, body: string | Buffer, timestamp = Math.floor(Date.now() / 1000).toString()): Record<string, string> {
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), keys.privateKey).toString("hex");
  return { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp, "content-type": "application/json" };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

/**
 * Sends one request to 127.0.0.1. The body may be streamed in chunks (`chunks`), and the answer is returned as
 * soon as the server sends it, even when it does not read the rest of the body.
 */
export function send(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Iterable<Buffer> },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, agent: false, method: options.method ?? "POST", path: options.path ?? "/interactions", headers: options.headers ?? {} });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (chunk: Buffer) => parts.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(parts).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    // A server refusing a large body may close the connection while it is still being written.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (options.chunks) {
      const write = async () => {
        for (const chunk of options.chunks!) {
          if (answered || req.destroyed) break;
          if (!req.write(chunk)) await new Promise((r) => req.once("drain", r).once("close", r));
        }
        req.end();
      };
      void write();
    } else req.end(options.body);
  });
}

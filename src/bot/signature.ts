/**
 * Discord's request signing for the HTTP interactions endpoint: Ed25519 over `timestamp + raw body`, the
 * signature in `X-Signature-Ed25519` (hex), the timestamp (Unix seconds) in `X-Signature-Timestamp`, checked
 * against the application's public key (hex, General Information tab). Discord sends bad signatures on purpose
 * and removes an endpoint that accepts them, so anything short of a valid, fresh signature is refused.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";

/** A signature older (or further in the future) than this is refused, so a captured request cannot be replayed later. */
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** The public key as node:crypto needs it; throws on anything but 64 hex characters. */
export function ed25519PublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error("an Ed25519 public key is 64 hex characters");
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, "hex")]), format: "der", type: "spki" });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "malformed" | "stale" | "invalid" };

/**
 * Whether a request is Discord's. `now` is in milliseconds. The reason is for the log only: every failure is
 * answered the same (401).
 */
export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  now = Date.now(),
): SignatureCheck {
  if (!signature || !timestamp) return { ok: false, reason: "missing" };
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed" };
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return { ok: false, reason: "stale" };
  const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
  return verify(null, signed, key, Buffer.from(signature, "hex")) ? { ok: true } : { ok: false, reason: "invalid" };
}

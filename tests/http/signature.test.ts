/** Discord's request signature, checked alone: key format, the signed bytes, and the freshness window. */
import { describe, expect, it } from "vitest";
import { checkSignature, ed25519PublicKey, MAX_SIGNATURE_AGE_SECONDS } from "../../src/bot/signature.js";
import { signedHeaders, testKeys } from "./signed-requests.js";

const keys = testKeys();
const key = ed25519PublicKey(keys.publicKeyHex);
const body = Buffer.from('{"type":1}');
const NOW = 1_790_000_000;

function check(headers: Record<string, string>, signedBody = body, nowSeconds = NOW) {
  return checkSignature(key, headers["x-signature-ed25519"], headers["x-signature-timestamp"], signedBody, nowSeconds * 1000);
}

describe("the request signature", () => {
  it("accepts Discord's signing: Ed25519 over the timestamp followed by the raw body", () => {
    expect(check(signedHeaders(keys, body, String(NOW)))).toEqual({ ok: true });
  });

  it("covers the timestamp and every byte of the body", () => {
    const headers = signedHeaders(keys, body, String(NOW));
    expect(check({ ...headers, "x-signature-timestamp": String(NOW - 1) })).toEqual({ ok: false, reason: "invalid" });
    expect(check(headers, Buffer.from('{"type":1} '))).toEqual({ ok: false, reason: "invalid" });
  });

  it("accepts a signature up to five minutes old or ahead, and no more", () => {
    for (const skew of [-MAX_SIGNATURE_AGE_SECONDS, MAX_SIGNATURE_AGE_SECONDS]) {
      expect(check(signedHeaders(keys, body, String(NOW + skew)))).toEqual({ ok: true });
      expect(check(signedHeaders(keys, body, String(NOW + skew + Math.sign(skew))))).toEqual({ ok: false, reason: "stale" });
    }
  });

  it("says which header is missing or malformed, for the log", () => {
    const headers = signedHeaders(keys, body, String(NOW));
    expect(check({ "x-signature-timestamp": headers["x-signature-timestamp"]! })).toEqual({ ok: false, reason: "missing" });
    expect(check({ ...headers, "x-signature-ed25519": headers["x-signature-ed25519"]!.slice(2) })).toEqual({ ok: false, reason: "malformed" });
    expect(check({ ...headers, "x-signature-timestamp": "yesterday" })).toEqual({ ok: false, reason: "malformed" });
  });

  it("takes the public key only as the portal shows it: 64 hex characters", () => {
    expect(() => ed25519PublicKey(keys.publicKeyHex.slice(1))).toThrow(/64 hex characters/);
    expect(() => ed25519PublicKey(`${keys.publicKeyHex.slice(1)}z`)).toThrow(/64 hex characters/);
    expect(ed25519PublicKey(keys.publicKeyHex.toUpperCase()).asymmetricKeyType).toBe("ed25519");
  });
});

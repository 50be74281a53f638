// The signer and the verifier against a vector computed by openssl (test/vectors/), not by this
// project's code: otherwise each would be the other's only oracle, and a shared mistake in the
// signing string would pass both.
import { describe, expect, it } from "@effect/vitest";
import * as Effect from "effect/Effect";
import { TestClock } from "effect/testing";
import { signCallbackEffect, signingString } from "../src/testing.js";
import { memoryNonceStore, verifyCallbackEffect } from "../src/index.js";
import vector from "./vectors/callback-signature.json" with { type: "json" };

const signed = {
  secret: vector.secret,
  url: vector.url,
  body: "{}",
  date: new Date(vector.date),
  nonce: vector.nonce,
};

describe("the openssl known-answer vector (test/vectors/make-callback-signature.sh)", () => {
  it("the signing string is the one openssl signed", () => {
    const headers: Record<string, string> = { Date: vector.date, "x-request-nonce": vector.nonce };
    const text = signingString({
      method: vector.method,
      url: vector.url,
      accessKey: vector.accessKey,
      date: vector.date,
      signedHeaderNames: vector.signedHeaders.split(";"),
      headerValue: (name) => headers[name] ?? "",
    });
    expect(btoa(text)).toBe(vector.signingStringBase64);
  });

  it.effect("signCallback produces openssl's signature", () =>
    Effect.gen(function* () {
      const { headers } = yield* signCallbackEffect(signed);
      expect(headers["X-HMAC-SIGNATURE"]).toBe(vector.signature);
      expect(headers["X-HMAC-SIGNED-HEADERS"]).toBe(vector.signedHeaders);
    }),
  );

  it.effect("verifyCallback accepts openssl's signature, and refuses it for another secret", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse(vector.date));
      const request = {
        method: vector.method,
        url: vector.url,
        body: JSON.stringify({ id: "d1", model: "viduq2_pro_extend", status: "processing" }),
        headers: {
          Date: vector.date,
          "x-request-nonce": vector.nonce,
          "X-HMAC-SIGNED-HEADERS": vector.signedHeaders,
          "X-HMAC-SIGNATURE": vector.signature,
          "X-HMAC-ALGORITHM": "hmac-sha256",
          "X-HMAC-ACCESS-KEY": vector.accessKey,
        },
      };
      const event = yield* verifyCallbackEffect(request, { secret: vector.secret, nonceStore: memoryNonceStore() });
      expect(event.nonce).toBe(vector.nonce);
      const refused = yield* Effect.flip(
        verifyCallbackEffect(request, { secret: `${vector.secret}x`, nonceStore: memoryNonceStore() }),
      );
      expect(refused.reason).toBe("bad-signature");
    }),
  );
});

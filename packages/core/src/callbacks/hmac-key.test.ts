import { describe, expect, it } from "@effect/vitest";
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import { countingSubtle, SECRET, signedRequest } from "../../test/callbacks/helpers.js";
import { Subtle } from "../services.js";
import { hmacKey } from "./hmac-key.js";
import { memoryNonceStore } from "./nonce-store.js";
import { verifyCallbackEffect } from "./verify.js";

describe("hmacKey", () => {
  it.effect("imports a secret once however many deliveries it verifies", () => {
    const { subtle, imports } = countingSubtle();
    return Effect.gen(function* () {
      const nonceStore = memoryNonceStore();
      for (let index = 0; index < 200; index++) {
        yield* verifyCallbackEffect(yield* signedRequest(), { secret: SECRET, nonceStore });
      }
      expect(imports()).toBe(1);
    }).pipe(Effect.provideService(Subtle, subtle));
  });

  it.effect("imports once when the first deliveries arrive together", () => {
    const { subtle, imports } = countingSubtle();
    return Effect.gen(function* () {
      const requests = yield* Effect.all(Array.from({ length: 50 }, () => signedRequest()));
      const nonceStore = memoryNonceStore();
      yield* Effect.all(
        requests.map((request) => verifyCallbackEffect(request, { secret: SECRET, nonceStore })),
        { concurrency: "unbounded" },
      );
      expect(imports()).toBe(1);
    }).pipe(Effect.provideService(Subtle, subtle));
  });

  it.effect("keeps the 16 most recently used secrets", () => {
    const { subtle, imports } = countingSubtle();
    const secrets = Array.from({ length: 17 }, (_, index) => `${SECRET}-${index}`);
    return Effect.gen(function* () {
      for (const secret of secrets.slice(0, 16)) yield* hmacKey(secret);
      yield* hmacKey(secrets[0] ?? "");
      expect(imports()).toBe(16);
      // Secret 1 is now the least recently used, so the 17th replaces it and secret 0 stays.
      yield* hmacKey(secrets[16] ?? "");
      yield* hmacKey(secrets[0] ?? "");
      expect(imports()).toBe(17);
      yield* hmacKey(secrets[1] ?? "");
      expect(imports()).toBe(18);
    }).pipe(Effect.provideService(Subtle, subtle));
  });

  it.effect("does not keep a failed import, and never shows the secret", () => {
    const real = globalThis.crypto.subtle;
    let attempts = 0;
    const flaky = new Proxy(real, {
      get: (target, property) =>
        property === "importKey"
          ? (...args: Parameters<SubtleCrypto["importKey"]>) =>
              ++attempts === 1
                ? Promise.reject(new Error(`bad key ${SECRET}`))
                : Reflect.apply(target.importKey, target, args)
          : (Reflect.get(target, property) as (...args: unknown[]) => unknown).bind(target),
    });
    return Effect.gen(function* () {
      const exit = yield* Effect.exit(hmacKey(SECRET));
      expect(Exit.isFailure(exit) && Cause.hasDies(exit.cause)).toBe(true);
      expect(Exit.isFailure(exit) && String(Cause.squash(exit.cause))).not.toContain(SECRET);
      yield* hmacKey(SECRET);
      expect(attempts).toBe(2);
    }).pipe(Effect.provideService(Subtle, flaky));
  });

  it.effect("refuses an empty secret as a defect that says what to pass", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(hmacKey(""));
      expect(Exit.isFailure(exit) && String(Cause.squash(exit.cause))).toContain("API key");
    }),
  );
});

// Shared by the callback tests: signed deliveries, rejection assertions, fast-check inside
// it.effect (so properties see the test's TestClock), and a SubtleCrypto that counts imports.
import { expect } from "@effect/vitest";
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as fc from "fast-check";
import { CallbackRejected, type CallbackRejection } from "../../src/errors/index.js";
import { type SignCallbackOptions, signCallbackEffect } from "../../src/callbacks/sign.js";
import type { CallbackRequest } from "../../src/callbacks/verify.js";

/** Long enough that no message could contain it by accident; checked against every message. */
export const SECRET = "vtx-sk-7f3c9a1e5b2d48c6a0e9f4b1d3c5a7e9";

/** 2025-05-06T12:09:42Z, the provider's worked example. */
export const EXAMPLE_TIME = Date.UTC(2025, 4, 6, 12, 9, 42);

const URL_WITH_QUERY = "http://127.0.0.1:8080/vidu/callback?name=james&age=36";

export const taskBody = (fields: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id: "d758n65e878c73cmdg20",
    model: "viduq2_turbo_extend",
    status: "in_progress",
    progress: 0.5,
    ...fields,
  });

/** A delivery signed now (per the Clock) unless `options` says otherwise. */
export const signedRequest = (
  options: Partial<SignCallbackOptions> = {},
): Effect.Effect<CallbackRequest & { readonly headers: Readonly<Record<string, string>> }> =>
  Effect.map(
    signCallbackEffect({
      url: URL_WITH_QUERY,
      body: taskBody(),
      secret: SECRET,
      nonce: globalThis.crypto.randomUUID(),
      ...options,
    }),
    (signed) => ({
      method: options.method ?? "POST",
      url: String(options.url ?? URL_WITH_QUERY),
      headers: signed.headers,
      body: signed.body,
    }),
  );

/** Runs `effect`, expects a CallbackRejected with `reason`, and returns its message after checking it names each of `mentions` and never the secret. */
export const expectRejected = <A, E>(
  effect: Effect.Effect<A, E>,
  reason: CallbackRejection,
  ...mentions: readonly string[]
): Effect.Effect<string> =>
  Effect.gen(function* () {
    const exit = yield* Effect.exit(effect);
    if (Exit.isSuccess(exit)) return expect.fail(`expected a ${reason} rejection, but the delivery was accepted`);
    const error = Cause.squash(exit.cause);
    expect(error).toBeInstanceOf(CallbackRejected);
    const rejected = error as CallbackRejected;
    expect(rejected.reason, rejected.message).toBe(reason);
    for (const mention of mentions) expect(rejected.message).toContain(mention);
    expect(rejected.message).not.toContain(SECRET);
    return rejected.message;
  });

/** fast-check, with each run executed in the calling test's context (TestClock and all). */
export const checkProperty = <T>(
  arbitrary: fc.Arbitrary<T>,
  property: (value: T) => Effect.Effect<unknown, unknown>,
  parameters: fc.Parameters<[T]> = {},
): Effect.Effect<void> =>
  Effect.gen(function* () {
    const run = Effect.runPromiseWith(yield* Effect.context<never>());
    yield* Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(arbitrary, (value) => run(property(value)).then(() => undefined)),
        parameters,
      ),
    );
  });

/** The platform SubtleCrypto, counting `importKey` calls. */
export function countingSubtle(): { readonly subtle: SubtleCrypto; readonly imports: () => number } {
  const real = globalThis.crypto.subtle;
  let imports = 0;
  const subtle = new Proxy(real, {
    get(target, property) {
      if (property === "importKey") {
        return (...args: Parameters<SubtleCrypto["importKey"]>) => {
          imports++;
          return Reflect.apply(target.importKey, target, args);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { subtle, imports: () => imports };
}

import { describe, expect, it } from "@effect/vitest";
import * as Effect from "effect/Effect";
import * as Fiber from "effect/Fiber";
import { failureOf, json, task, undiciError, type Reply } from "../../test/support/scripted-fetch.js";
import { clockHarness } from "../../test/support/clock-harness.js";

const params = { model: "viduq2_turbo_extend", video_url: "https://cdn.example.com/a.mp4" } as const;
const noJitter = { jitter: 0 } as const;

const harness = clockHarness;

describe("read retries", () => {
  it.effect("backs off 500 ms, 1 s, 2 s between attempts, to the millisecond", () =>
    Effect.gen(function* () {
      const { vidu, at } = yield* harness([json(503, {}), json(502, {}), json(500, {}), json(200, task("pending"))], {
        retry: noJitter,
      });
      const fiber = yield* Effect.forkChild(vidu.get("t1"));
      expect(yield* at(0)).toBe(1);
      expect(yield* at(499)).toBe(1);
      expect(yield* at(500)).toBe(2);
      expect(yield* at(1499)).toBe(2);
      expect(yield* at(1500)).toBe(3);
      expect(yield* at(3499)).toBe(3);
      expect(yield* at(3500)).toBe(4);
      expect((yield* Fiber.join(fiber)).status).toBe("pending");
    }),
  );

  it.effect("keeps jittered delays within ±20 %", () =>
    Effect.gen(function* () {
      const { vidu, at } = yield* harness([json(503, {}), json(200, task("pending"))]);
      const fiber = yield* Effect.forkChild(vidu.get("t1"));
      expect(yield* at(399)).toBe(1);
      expect(yield* at(600)).toBe(2);
      yield* Fiber.join(fiber);
    }),
  );

  it.effect("waits what Retry-After says, not jittered, before the backoff", () =>
    Effect.gen(function* () {
      const { vidu, at, events } = yield* harness([json(429, {}, { "retry-after": "3" }), json(200, task("pending"))]);
      const fiber = yield* Effect.forkChild(vidu.get("t1"));
      expect(yield* at(2999)).toBe(1);
      expect(yield* at(3000)).toBe(2);
      yield* Fiber.join(fiber);
      expect(events).toContainEqual({
        type: "retry",
        method: "GET",
        path: "/model/v1/generation/task/t1",
        attempt: 1,
        delayMs: 3000,
        reason: "status 429",
        retryAfterMs: 3000,
      });
    }),
  );

  it.effect("caps a long Retry-After at maxRetryAfterMs", () =>
    Effect.gen(function* () {
      const { vidu, at } = yield* harness([json(503, {}, { "retry-after": "3600" }), json(200, task("pending"))], {
        retry: { maxRetryAfterMs: 10_000 },
      });
      const fiber = yield* Effect.forkChild(vidu.get("t1"));
      expect(yield* at(9_999)).toBe(1);
      expect(yield* at(10_000)).toBe(2);
      yield* Fiber.join(fiber);
    }),
  );

  it.effect("gives up after the policy's attempts with the last error", () =>
    Effect.gen(function* () {
      const { vidu, at } = yield* harness(
        [json(429, {}), json(429, { error: { message: "slow down" } }, { "retry-after": "1" })],
        { retry: { attempts: 2, ...noJitter } },
      );
      const fiber = yield* Effect.forkChild(vidu.get("t1"));
      yield* at(500);
      const exit = yield* Fiber.await(fiber);
      expect(failureOf(exit)).toEqual(
        expect.objectContaining({ _tag: "RateLimited", attempts: 2, retryAfterMs: 1000 }),
      );
    }),
  );

  it.effect("abandons an attempt after requestTimeoutMs, aborting its fetch, and retries", () =>
    Effect.gen(function* () {
      const { vidu, at, script } = yield* harness(["hang", json(200, task("pending"))], {
        retry: { requestTimeoutMs: 5_000, ...noJitter },
      });
      const fiber = yield* Effect.forkChild(vidu.get("t1"));
      yield* at(4_999);
      expect(script.calls[0]?.signal.aborted).toBe(false);
      yield* at(5_000);
      expect(script.calls[0]?.signal.aborted).toBe(true);
      expect(yield* at(5_500)).toBe(2);
      yield* Fiber.join(fiber);
    }),
  );

  it.effect("retries an unreadable 2xx answer, then reports it", () =>
    Effect.gen(function* () {
      const { vidu, at } = yield* harness([json(200, "{trunc"), json(200, { status: "pending" })], {
        retry: { attempts: 2, ...noJitter },
      });
      const fiber = yield* Effect.forkChild(vidu.get("t1"));
      yield* at(500);
      expect(failureOf(yield* Fiber.await(fiber))).toEqual(
        expect.objectContaining({ _tag: "UnexpectedResponse", status: 200 }),
      );
    }),
  );
});

describe("the create request is never resent once it may have reached the gateway", () => {
  const ambiguous: [string, Reply, string][] = [
    ["a 500", json(500, {}), "server-error"],
    ["a 503", json(503, {}, { "retry-after": "1" }), "server-error"],
    ["a connection reset", undiciError("ECONNRESET", "socket hang up"), "reset"],
    ["an unknown network failure", new TypeError("Failed to fetch"), "network"],
    ["an unreadable answer", json(200, "<html>"), "unreadable-answer"],
  ];
  it.effect.each(ambiguous)("%s: AmbiguousSubmit after exactly one request", ([, reply, reason]) =>
    Effect.gen(function* () {
      const { vidu, at } = yield* harness([reply, json(200, task("pending"))]);
      const fiber = yield* Effect.forkChild(vidu.submit(params));
      expect(yield* at(120_000)).toBe(1);
      const exit = yield* Fiber.await(fiber);
      expect(failureOf(exit)).toEqual(
        expect.objectContaining({ _tag: "AmbiguousSubmit", reason, model: "viduq2_turbo_extend" }),
      );
    }),
  );

  it.effect("a timeout after sending: the fetch is aborted and not resent", () =>
    Effect.gen(function* () {
      const { vidu, at, script } = yield* harness(["hang", json(200, task("pending"))], {
        retry: { requestTimeoutMs: 30_000 },
      });
      const fiber = yield* Effect.forkChild(vidu.submit(params));
      expect(yield* at(30_000)).toBe(1);
      expect(script.calls[0]?.signal.aborted).toBe(true);
      expect(yield* at(120_000)).toBe(1);
      expect(failureOf(yield* Fiber.await(fiber))).toEqual(
        expect.objectContaining({ _tag: "AmbiguousSubmit", reason: "timeout" }),
      );
    }),
  );

  it.effect("a refused connection or a 429 never reached processing: retried", () =>
    Effect.gen(function* () {
      const { vidu, at, script } = yield* harness(
        [undiciError("ECONNREFUSED"), json(429, {}, { "retry-after": "2" }), json(200, task("pending"))],
        { retry: noJitter },
      );
      const fiber = yield* Effect.forkChild(vidu.submit(params));
      expect(yield* at(500)).toBe(2);
      expect(yield* at(2_500)).toBe(3);
      expect((yield* Fiber.join(fiber)).id).toBe("t1");
      expect(JSON.parse(script.calls[0]?.body ?? "")).toEqual({
        model: "viduq2_turbo_extend",
        input: [{ params: { video_url: params.video_url } }],
      });
    }),
  );

  it.effect("resends an ambiguous create only when resendAmbiguousCreates is set", () =>
    Effect.gen(function* () {
      const { vidu, at } = yield* harness([json(503, {}), json(200, task("pending"))], {
        retry: { resendAmbiguousCreates: true, ...noJitter },
      });
      const fiber = yield* Effect.forkChild(vidu.submit(params));
      expect(yield* at(500)).toBe(2);
      expect((yield* Fiber.join(fiber)).status).toBe("pending");
    }),
  );

  it.effect("invalid parameters: ValidationError with every violation, and nothing sent", () =>
    Effect.gen(function* () {
      const { vidu, script } = yield* harness([]);
      const exit = yield* Effect.exit(vidu.submit({ ...params, duration: 9, prompt: "x".repeat(2001) }));
      expect(failureOf(exit)).toEqual(
        expect.objectContaining({
          _tag: "ValidationError",
          source: "client",
          violations: [
            expect.objectContaining({ field: "duration", code: "008013005" }),
            expect.objectContaining({ field: "prompt", code: "008013004" }),
          ],
        }),
      );
      expect(script.calls).toEqual([]);
    }),
  );
});

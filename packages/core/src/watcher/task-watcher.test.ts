import { describe, expect, it } from "@effect/vitest";
import * as Context from "effect/Context";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Fiber from "effect/Fiber";
import * as Layer from "effect/Layer";
import * as Scope from "effect/Scope";
import { clockHarness } from "../../test/support/clock-harness.js";
import {
  completed,
  failureOf,
  flush,
  json,
  KEY,
  scriptedFetch,
  task,
  type Reply,
} from "../../test/support/scripted-fetch.js";
import { layer, ViduExtend } from "../client/vidu-extend.js";

type Answer = Response | "hang";

/** Replies per task id (for reads) and in order for creates: several tasks share one client here. */
function routed(reads: Record<string, Answer[]>, creates: Answer[] = []): Reply[] {
  const reply = (request: Request): Promise<Response> => {
    const id = new URL(request.url).pathname.split("/").pop() ?? "";
    const queue = request.method === "POST" ? creates : reads[id];
    const answer = queue?.shift();
    if (answer === undefined) return Promise.reject(new Error(`no reply left for ${request.method} ${request.url}`));
    if (answer !== "hang") return Promise.resolve(answer);
    return new Promise((_, reject) =>
      request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true }),
    );
  };
  return Array.from({ length: 64 }, () => reply);
}
const done = (id: string) => json(200, { ...completed, id });
const running = (id: string) => json(200, task("in_progress", { id }));
const params = { model: "viduq2_turbo_extend", video_url: "https://cdn.example.com/a.mp4" } as const;

describe("the task watcher", () => {
  it.effect("waiters of one task share its reads; one leaving keeps the others; the last one out aborts the read", () =>
    Effect.gen(function* () {
      const { vidu, at, script } = yield* clockHarness(routed({ t1: [running("t1"), "hang"] }));
      const first = yield* Effect.forkChild(vidu.wait("t1"));
      const second = yield* Effect.forkChild(vidu.wait("t1"));
      const third = yield* Effect.forkChild(vidu.wait("t1"));
      expect(yield* at(2_000), "one read for three waiters").toBe(1);
      expect(vidu.watcherDepth()).toMatchObject({ tasks: 1, waiters: 3 });
      yield* Fiber.interrupt(first);
      expect(vidu.watcherDepth()).toMatchObject({ tasks: 1, waiters: 2 });
      expect(yield* at(5_000)).toBe(2);
      yield* Fiber.interrupt(second);
      expect(script.calls[1]?.signal.aborted, "a waiter is left: the read goes on").toBe(false);
      yield* Fiber.interrupt(third);
      expect(script.calls[1]?.signal.aborted, "the last one out aborts the read").toBe(true);
      expect(vidu.watcherDepth()).toEqual({ tasks: 0, waiters: 0, ready: 0, reading: 0 });
      expect(yield* at(60_000), "nothing more is read").toBe(2);
    }),
  );

  it.effect("reads beyond maxReadsInFlight queue, and a queued read's timeout starts only when it is sent", () =>
    Effect.gen(function* () {
      const { vidu, at, script } = yield* clockHarness(routed({ t1: ["hang", done("t1")], t2: [done("t2")] }), {
        maxReadsInFlight: 1,
        retry: { jitter: 0, requestTimeoutMs: 5_000 },
      });
      const one = yield* Effect.forkChild(vidu.wait("t1"));
      const two = yield* Effect.forkChild(vidu.wait("t2"));
      expect(yield* at(2_000)).toBe(1);
      expect(yield* at(6_999), "t2 is due but the only permit is t1's").toBe(1);
      expect(vidu.watcherDepth()).toMatchObject({ ready: 1, reading: 1 });
      // t1's attempt times out at 7 s; t2, queued for 5 s, is sent then and answered: not timed out.
      expect(yield* at(7_000)).toBe(2);
      expect((yield* Fiber.join(two)).id).toBe("t2");
      expect(script.calls.map((c) => new URL(c.url).pathname.split("/").pop())).toEqual(["t1", "t2"]);
      expect(yield* at(7_500), "t1 retries after the 500 ms backoff").toBe(3);
      expect((yield* Fiber.join(one)).id).toBe("t1");
    }),
  );

  it.effect("a 429 with Retry-After on one read pauses every read of the client until then, and says so", () =>
    Effect.gen(function* () {
      const { vidu, at, events } = yield* clockHarness(
        routed({
          t1: [json(429, {}, { "retry-after": "10" }), done("t1")],
          t2: [done("t2")],
          t3: [done("t3")],
        }),
        { retry: { jitter: 0 } },
      );
      const fibers = [yield* Effect.forkChild(vidu.wait("t1"))];
      yield* at(1_000);
      fibers.push(yield* Effect.forkChild(vidu.wait("t2")), yield* Effect.forkChild(vidu.wait("t3")));
      expect(yield* at(2_000)).toBe(1);
      expect(events).toContainEqual({ type: "pause", delayMs: 10_000, reason: "status 429" });
      expect(yield* at(3_000), "t2 and t3 are due at 3 s, held by t1's Retry-After").toBe(1);
      expect(vidu.watcherDepth()).toMatchObject({ ready: 2, reading: 0 });
      expect(yield* at(11_999)).toBe(1);
      expect(yield* at(12_000), "at the end of the pause: t1's retry, t2 and t3").toBe(4);
      for (const fiber of fibers) expect((yield* Fiber.join(fiber)).status).toBe("completed");
    }),
  );

  it.effect("a create queued behind maxCreatesInFlight starts its timer when sent, so it cannot time out unsent", () =>
    Effect.gen(function* () {
      const { vidu, at, script } = yield* clockHarness(routed({}, ["hang", json(200, task("pending", { id: "t2" }))]), {
        maxCreatesInFlight: 1,
        retry: { requestTimeoutMs: 5_000 },
      });
      const first = yield* Effect.forkChild(vidu.submit(params));
      const second = yield* Effect.forkChild(vidu.submit(params));
      expect(yield* at(4_999)).toBe(1);
      expect(yield* at(5_000)).toBe(2);
      expect(failureOf(yield* Fiber.await(first))).toMatchObject({ _tag: "AmbiguousSubmit", reason: "timeout" });
      expect((yield* Fiber.join(second)).id).toBe("t2");
      expect(script.calls[0]?.signal.aborted).toBe(true);
    }),
  );

  it.effect("a definitive read error settles every waiter of the task with it", () =>
    Effect.gen(function* () {
      const { vidu, at } = yield* clockHarness(routed({ t1: [json(404, { message: "no such task" })] }));
      const a = yield* Effect.forkChild(vidu.wait("t1"));
      const b = yield* Effect.forkChild(vidu.wait("t1", { timeoutMs: 30_000 }));
      yield* at(2_000);
      expect(failureOf(yield* Fiber.await(a))).toMatchObject({ _tag: "TaskNotFound", taskId: "t1" });
      expect(failureOf(yield* Fiber.await(b))).toMatchObject({ _tag: "TaskNotFound", taskId: "t1" });
    }),
  );

  it.effect("each waiter keeps its own deadline", () =>
    Effect.gen(function* () {
      const { vidu, at } = yield* clockHarness(routed({ t1: [running("t1"), running("t1"), done("t1")] }));
      const short = yield* Effect.forkChild(vidu.wait("t1", { timeoutMs: 3_000 }));
      const long = yield* Effect.forkChild(vidu.wait("t1"));
      yield* at(3_000);
      expect(failureOf(yield* Fiber.await(short))).toMatchObject({ _tag: "WaitTimeout", lastStatus: "in_progress" });
      expect(long.pollUnsafe()).toBeUndefined();
      yield* at(9_500);
      expect((yield* Fiber.join(long)).status).toBe("completed");
    }),
  );
});

describe("the watcher's lifetime", () => {
  it.effect("lives with the layer: releasing it ends the waits still running and aborts their reads", () =>
    Effect.gen(function* () {
      const script = scriptedFetch(["hang"]);
      const scope = yield* Scope.make();
      const context = yield* Layer.buildWithScope(
        layer({ apiKey: KEY, fetch: script.fetch, poll: { firstDelayMs: 0 } }),
        scope,
      );
      const vidu = Context.get(context, ViduExtend);
      const waiting = yield* Effect.forkChild(vidu.wait("t1"));
      while (script.calls.length === 0) yield* flush;
      yield* Scope.close(scope, Exit.void);
      expect(Exit.hasInterrupts(yield* Fiber.await(waiting))).toBe(true);
      expect(script.calls[0]?.signal.aborted).toBe(true);
    }),
  );
});

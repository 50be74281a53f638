import { describe, expect, it } from "@effect/vitest";
import * as Effect from "effect/Effect";
import * as Fiber from "effect/Fiber";
import { completed, failureOf, json, KEY, scriptedFetch, task, type Reply } from "../../test/support/scripted-fetch.js";
import { clockHarness } from "../../test/support/clock-harness.js";
import type { LogEvent } from "../logger.js";
import { normalizeTask } from "../task/normalize.js";
import { createCallbackHub } from "./callback-hub.js";
import type { ClientOptions, ProgressEvent } from "./options.js";
import { createClient } from "./promise.js";

const harness = (replies: readonly Reply[], options: ClientOptions = {}) =>
  clockHarness(replies, { retry: { jitter: 0 }, ...options });

describe("waiting", () => {
  it.effect("checks first after 2 s, then at growing intervals: 2, 5, 9.5, 16.25, 24.25 s", () =>
    Effect.gen(function* () {
      const { vidu, at } = yield* harness([
        json(200, task("pending")),
        json(200, task("in_progress")),
        json(200, task("in_progress")),
        json(200, task("in_progress")),
        json(200, completed),
      ]);
      const fiber = yield* Effect.forkChild(vidu.wait("t1"));
      for (const [ms, calls] of [
        [1_999, 0],
        [2_000, 1],
        [4_999, 1],
        [5_000, 2],
        [9_499, 2],
        [9_500, 3],
        [16_249, 3],
        [16_250, 4],
        [24_249, 4],
        [24_250, 5],
      ] as const) {
        expect(yield* at(ms), `requests by ${ms} ms`).toBe(calls);
      }
      const done = yield* Fiber.join(fiber);
      expect(done.videos).toEqual([{ url: "https://cdn.example.com/v.mp4", type: "video", jobId: "j1" }]);
    }),
  );

  it.effect("gives up at the deadline with WaitTimeout carrying the last status", () =>
    Effect.gen(function* () {
      const { vidu, at, script } = yield* harness(
        Array.from({ length: 10 }, () => json(200, task("in_progress", { progress: 0.4 }))),
      );
      const fiber = yield* Effect.forkChild(vidu.wait("t1", { timeoutMs: 20_000 }));
      yield* at(19_999);
      expect(fiber.pollUnsafe()).toBeUndefined();
      yield* at(20_000);
      const exit = yield* Fiber.await(fiber);
      expect(failureOf(exit)).toEqual(
        expect.objectContaining({ _tag: "WaitTimeout", taskId: "t1", lastStatus: "in_progress", timeoutMs: 20_000 }),
      );
      expect(script.calls.length).toBe(4);
    }),
  );

  it.effect("the deadline cuts a read that hangs across it, and its request is aborted", () =>
    Effect.gen(function* () {
      // Reads at 2 s and 5 s; the one at 9.5 s hangs. The request timeout (30 s) is longer than
      // what is left of the wait (10 s), so the deadline, not the request timeout, ends it.
      const { vidu, at, script } = yield* harness([
        json(200, task("in_progress")),
        json(200, task("in_progress")),
        "hang",
      ]);
      const fiber = yield* Effect.forkChild(vidu.wait("t1", { timeoutMs: 10_000 }));
      yield* at(9_999);
      expect(fiber.pollUnsafe()).toBeUndefined();
      expect(script.calls).toHaveLength(3);
      yield* at(10_000);
      expect(failureOf(yield* Fiber.await(fiber))).toEqual(
        expect.objectContaining({ _tag: "WaitTimeout", timeoutMs: 10_000, lastStatus: "in_progress" }),
      );
      expect(script.calls[2]?.signal.aborted).toBe(true);
    }),
  );

  it.effect("makes no retry that would sleep past the deadline", () =>
    Effect.gen(function* () {
      // The read at 2 s gets a 503 asking for a 60 s pause: the wait ends at its 10 s deadline
      // instead of retrying at 62 s, and nothing more is sent.
      const { vidu, at, script } = yield* harness([json(503, {}, { "retry-after": "60" })], {
        retry: { attempts: 5, jitter: 0 },
      });
      const fiber = yield* Effect.forkChild(vidu.wait("t1", { timeoutMs: 10_000 }));
      yield* at(9_999);
      expect(fiber.pollUnsafe()).toBeUndefined();
      yield* at(10_000);
      expect(failureOf(yield* Fiber.await(fiber))).toEqual(
        expect.objectContaining({ _tag: "WaitTimeout", timeoutMs: 10_000 }),
      );
      yield* at(70_000);
      expect(script.calls).toHaveLength(1);
    }),
  );

  it.effect("reports each change of status or progress once", () =>
    Effect.gen(function* () {
      const seen: ProgressEvent[] = [];
      const { vidu, at } = yield* harness([
        json(200, task("pending")),
        json(200, task("pending")),
        json(200, task("in_progress", { progress: 0.3 })),
        json(200, task("in_progress", { progress: 0.3 })),
        json(200, task("in_progress", { progress: 0.6 })),
        json(200, completed),
      ]);
      const fiber = yield* Effect.forkChild(vidu.wait("t1", { onProgress: (e) => seen.push(e) }));
      yield* at(60_000);
      yield* Fiber.join(fiber);
      expect(seen.map((e) => [e.status, e.progress, e.source])).toEqual([
        ["pending", undefined, "poll"],
        ["in_progress", 0.3, "poll"],
        ["in_progress", 0.6, "poll"],
        ["completed", 1, "poll"],
      ]);
    }),
  );

  it.effect("fails with TaskFailed carrying the normalised code and message", () =>
    Effect.gen(function* () {
      const { vidu, at } = yield* harness([
        json(200, task("failed", { error: { code: 8012098, error_message: "Generation failed" } })),
      ]);
      const fiber = yield* Effect.forkChild(vidu.wait("t1"));
      yield* at(2_000);
      expect(failureOf(yield* Fiber.await(fiber))).toEqual(
        expect.objectContaining({
          _tag: "TaskFailed",
          taskId: "t1",
          code: "008012098",
          message: "task t1 failed: Generation failed (code 008012098)",
        }),
      );
    }),
  );

  it.effect("keeps polling through transient read failures; stops on a definitive one", () =>
    Effect.gen(function* () {
      const { vidu, at, events } = yield* harness([json(503, {}), json(503, {}), json(200, completed)], {
        retry: { attempts: 1, jitter: 0 },
      });
      const fiber = yield* Effect.forkChild(vidu.wait("t1"));
      yield* at(9_500);
      expect((yield* Fiber.join(fiber)).status).toBe("completed");
      expect(events.filter((e) => e.type === "poll-error")).toHaveLength(2);

      const second = yield* harness([json(404, { message: "task not found" })]);
      const lost = yield* Effect.forkChild(second.vidu.wait("t1"));
      yield* second.at(2_000);
      expect(failureOf(yield* Fiber.await(lost))).toEqual(
        expect.objectContaining({ _tag: "TaskNotFound", taskId: "t1" }),
      );
    }),
  );

  it.effect("a terminal callback is a wake-up: the wait settles on the one read that confirms it", () =>
    Effect.gen(function* () {
      const hub = createCallbackHub();
      const seen: ProgressEvent[] = [];
      const { vidu, at, script } = yield* harness([json(200, completed)]);
      const fiber = yield* Effect.forkChild(vidu.wait("t1", { callbacks: hub, onProgress: (e) => seen.push(e) }));
      yield* at(2_000);
      expect(script.calls, "with a callback source, no read on the 2 s poll schedule").toHaveLength(0);
      hub.publish(normalizeTask(task("in_progress", { progress: 0.7 }) as never));
      hub.publish(normalizeTask(task("in_progress", { progress: 0.5 }) as never)); // late and out of order: ignored
      yield* at(3_000);
      expect(script.calls, "a progress callback costs no read").toHaveLength(0);
      // The body says completed, with a video URL nobody signed: only a read may settle the wait.
      hub.publish(normalizeTask(task("completed", { output: [{ url: "https://evil.example/x.mp4" }] }) as never));
      yield* at(3_000);
      const done = yield* Fiber.join(fiber);
      expect(script.calls).toHaveLength(1);
      expect(done.videos[0]?.url).toBe("https://cdn.example.com/v.mp4");
      expect(seen.map((e) => [e.progress, e.source])).toEqual([
        [0.7, "callback"],
        [1, "callback"],
      ]);
      hub.publish(normalizeTask(completed as never)); // a duplicate delivery after the wait: nobody listens, nothing breaks
    }),
  );

  it.effect("with a callback source and no callback, polls on the safety schedule: 40 s, then every 60 s", () =>
    Effect.gen(function* () {
      const hub = createCallbackHub();
      const { vidu, at } = yield* harness([
        json(200, task("in_progress")),
        json(200, task("in_progress")),
        json(200, completed),
      ]);
      const fiber = yield* Effect.forkChild(vidu.wait("t1", { callbacks: hub }));
      for (const [ms, calls] of [
        [39_999, 0],
        [40_000, 1],
        [99_999, 1],
        [100_000, 2],
        [159_999, 2],
        [160_000, 3],
      ] as const) {
        expect(yield* at(ms), `requests by ${ms} ms`).toBe(calls);
      }
      expect((yield* Fiber.join(fiber)).status).toBe("completed");
    }),
  );

  it.effect("a wait that starts after the callback arrived still hears it (the hub keeps the last event)", () =>
    Effect.gen(function* () {
      const hub = createCallbackHub();
      const { vidu, at, script } = yield* harness([json(200, completed)]);
      hub.publish(normalizeTask(completed as never));
      const fiber = yield* Effect.forkChild(vidu.wait("t1", { callbacks: hub }));
      yield* at(0);
      expect((yield* Fiber.join(fiber)).status).toBe("completed");
      expect(script.calls).toHaveLength(1);
    }),
  );

  it.effect("a throwing onProgress is logged; the wait and the receiver that published go on", () =>
    Effect.gen(function* () {
      const hub = createCallbackHub();
      const { vidu, at, events } = yield* harness([json(200, completed)]);
      const fiber = yield* Effect.forkChild(
        vidu.wait("t1", {
          callbacks: hub,
          onProgress: () => {
            throw new Error("listener bug");
          },
        }),
      );
      yield* at(0);
      expect(() => hub.publish(normalizeTask(task("in_progress", { progress: 0.3 }) as never))).not.toThrow();
      yield* at(1_000);
      hub.publish(normalizeTask(completed as never));
      yield* at(1_000);
      expect((yield* Fiber.join(fiber)).status).toBe("completed");
      expect(events.filter((e) => e.type === "listener-error").map((e) => e.taskId)).toEqual(["t1", "t1"]);
    }),
  );

  it.effect("run submits once, reports the create answer, then waits", () =>
    Effect.gen(function* () {
      const seen: string[] = [];
      const { vidu, at, script } = yield* harness([json(200, task("pending")), json(200, completed)]);
      const fiber = yield* Effect.forkChild(
        vidu.run(
          { model: "viduq2_turbo_extend", video_url: "https://a.example/v.mp4" },
          { onProgress: (e) => seen.push(`${e.source}:${e.status}`) },
        ),
      );
      yield* at(2_000);
      yield* Fiber.join(fiber);
      expect(script.calls.map((c) => c.method)).toEqual(["POST", "GET"]);
      expect(seen).toEqual(["submit:pending", "poll:completed"]);
    }),
  );
});

describe("run with a callback hub", () => {
  const params = { model: "viduq2_turbo_extend", video_url: "https://a.example/v.mp4" } as const;

  it.effect("sends the hub's url as callback_url when the parameters give none", () =>
    Effect.gen(function* () {
      const hub = createCallbackHub({ url: "https://app.example.com/vidu/callback" });
      const { vidu, at, script } = yield* harness([json(200, task("pending"))]);
      const fiber = yield* Effect.forkChild(vidu.run(params, { callbacks: hub }));
      yield* at(0);
      expect(JSON.parse(script.calls[0]?.body ?? "{}").input[0].params.callback_url).toBe(
        "https://app.example.com/vidu/callback",
      );
      hub.publish(normalizeTask(completed as never));
      yield* at(0);
      yield* Fiber.interrupt(fiber);
    }),
  );

  it.effect("refuses a callback_url that is not the hub's, before sending anything", () =>
    Effect.gen(function* () {
      const hub = createCallbackHub({ url: "https://app.example.com/vidu/callback" });
      const { vidu, script } = yield* harness([]);
      const exit = yield* Effect.exit(
        vidu.run({ ...params, callback_url: "https://other.example.com/cb" }, { callbacks: hub }),
      );
      expect(failureOf(exit)).toMatchObject({
        _tag: "ValidationError",
        violations: [expect.objectContaining({ field: "callback_url", rule: "matches-hub" })],
      });
      expect(script.calls).toEqual([]);
    }),
  );
});

describe("the Promise facade", () => {
  it("rejects with the tagged error itself", async () => {
    const { fetch } = scriptedFetch([json(401, { message: "Invalid API key" })]);
    const client = createClient({ apiKey: KEY, fetch });
    await expect(client.get("t1")).rejects.toMatchObject({ _tag: "Unauthorized", status: 401 });
  });

  it("abort stops a wait at once: the request is aborted, no timer is left, the reason is thrown", async () => {
    const { fetch, calls } = scriptedFetch(["hang"]);
    const client = createClient({ apiKey: KEY, fetch, poll: { firstDelayMs: 0 } });
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const controller = new AbortController();
    const waiting = client.wait("t1", { signal: controller.signal });
    while (calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    expect(calls[0]?.signal.aborted).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBe(timersBefore);
  });

  it("close() ends the client's waits and aborts their reads, leaving no timer", async () => {
    const { fetch, calls } = scriptedFetch(["hang"]);
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const client = createClient({ apiKey: KEY, fetch, poll: { firstDelayMs: 0 } });
    const waiting = client.wait("t1");
    while (calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await client.close();
    await expect(waiting).rejects.toThrow("interrupted");
    expect(calls[0]?.signal.aborted).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBeLessThanOrEqual(timersBefore);
  });

  it("a finished wait leaves no timer behind (an idle client does not keep the process alive)", async () => {
    const { fetch } = scriptedFetch([json(200, completed)]);
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const client = createClient({ apiKey: KEY, fetch, poll: { firstDelayMs: 0 } });
    expect((await client.wait("t1")).status).toBe("completed");
    await new Promise((resolve) => setImmediate(resolve));
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBeLessThanOrEqual(timersBefore);
  });

  it("an already aborted signal sends nothing", async () => {
    const { fetch, calls } = scriptedFetch([]);
    const controller = new AbortController();
    controller.abort();
    await expect(
      createClient({ apiKey: KEY, fetch }).submit(
        { model: "viduq2_pro_extend", video_url: "https://a.example/v.mp4" },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(calls).toEqual([]);
  });
});

describe("the API key", () => {
  it("appears in no error, stack or log line, even when the gateway echoes it", async () => {
    const echo = (status: number) => json(status, { error: { message: `bad key ${KEY} for this request` } });
    const logs: LogEvent[] = [];
    const { fetch } = scriptedFetch([
      echo(401),
      echo(403),
      echo(404),
      echo(500),
      echo(400),
      new TypeError(`fetch failed for ${KEY}`),
    ]);
    const client = createClient({ apiKey: KEY, fetch, logger: (e) => logs.push(e), retry: { attempts: 1 } });
    const params = { model: "viduq2_pro_extend", video_url: "https://a.example/v.mp4" } as const;
    const errors: unknown[] = [];
    for (const call of [
      () => client.get("t1"),
      () => client.get("t1"),
      () => client.get("t1"),
      () => client.get("t1"),
      () => client.submit(params),
      () => client.get("t1"),
    ]) {
      errors.push(await call().catch((e: unknown) => e));
    }
    expect(errors.map((e) => (e as { _tag: string })._tag)).toEqual([
      "Unauthorized",
      "PermissionDenied",
      "TaskNotFound",
      "ServerError",
      "ValidationError",
      "TransportError",
    ]);
    for (const error of errors) {
      const text = `${String(error)} ${(error as Error).stack ?? ""} ${JSON.stringify(error)}`;
      expect(text).not.toContain(KEY);
      expect(text).toContain("[redacted]");
    }
    expect(JSON.stringify(logs)).not.toContain(KEY);
  });
});

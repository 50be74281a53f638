import { describe, expect, it } from "@effect/vitest";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Fiber from "effect/Fiber";
import { TestClock } from "effect/testing";
import { clockGateway } from "../../test/support/clock-gateway.js";
import { memoryJournal, type BatchJournalEntry } from "./journal.js";
import type { BatchEvent, BatchJob, BatchOptions } from "./options.js";
import { ViduExtend, type ViduExtendApi } from "../client/vidu-extend.js";
import { runBatch, runBatchWith, type BatchClient } from "./run-batch.js";

const job = (n: number): BatchJob => ({
  model: "viduq2_turbo_extend",
  video_url: "https://example.com/in.mp4",
  payload: `job-${n}`,
  key: `k${n}`,
});
const jobs = (count: number) => Array.from({ length: count }, (_, n) => job(n));

/** Lets every fiber run (journal appends are promises) before the Clock moves again. */
const settle = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve))).pipe(
  Effect.repeat({ times: 3 }),
);

/** Moves the TestClock by `ms`, letting everything due run at each step. */
const advance = (ms: number, stepMs = 10) =>
  Effect.gen(function* () {
    for (let done = 0; done < ms; done += stepMs) {
      yield* settle;
      yield* TestClock.adjust(Math.min(stepMs, ms - done));
    }
    yield* settle;
  });

/** Runs the batch to its end, moving the TestClock in small steps; returns the exit and the Clock time taken. */
const runToEnd = (client: BatchClient, list: readonly BatchJob[], options: BatchOptions = {}, stepMs = 10) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.forkChild(runBatchWith(client, list, options));
    let elapsed = 0;
    yield* settle;
    while (fiber.pollUnsafe() === undefined) {
      yield* TestClock.adjust(stepMs);
      elapsed += stepMs;
      yield* settle;
      if (elapsed > 3_600_000) throw new Error("the batch did not finish within an hour of Clock time");
    }
    return { exit: yield* Fiber.await(fiber), elapsed };
  });

describe("runBatch scheduling", () => {
  it.effect("keeps at most `concurrency` tasks open and keeps every slot busy: 20 jobs × 1 s at 4 → 5 s", () =>
    Effect.gen(function* () {
      const gateway = clockGateway({ runMs: 1_000 });
      const { exit, elapsed } = yield* runToEnd(gateway.client, jobs(20), { concurrency: 4 });
      const report = Exit.isSuccess(exit) ? exit.value : undefined;
      expect(report?.counts.completed).toBe(20);
      expect(gateway.maxOpen()).toBe(4);
      expect(elapsed).toBe(5_000);
      expect(gateway.calls.map((c) => c.at)).toEqual(Array.from({ length: 20 }, (_, n) => Math.floor(n / 4) * 1_000));
    }),
  );

  it.effect("runBatch takes the client from the ViduExtend service", () =>
    Effect.gen(function* () {
      const gateway = clockGateway({ runMs: 1_000 });
      const service: ViduExtendApi = {
        ...gateway.client,
        get: () => Effect.die("a batch never reads a task by itself"),
        run: () => Effect.die("a batch never calls run"),
        watcherDepth: () => ({ tasks: 0, waiters: 0, ready: 0, reading: 0 }),
      };
      const fiber = yield* Effect.forkChild(runBatch(jobs(3)).pipe(Effect.provideService(ViduExtend, service)));
      yield* advance(1_100);
      const report = yield* Fiber.join(fiber);
      expect(report.counts.completed).toBe(3);
      expect(gateway.calls).toHaveLength(3);
    }),
  );

  it.effect("defaults to 5 slots", () =>
    Effect.gen(function* () {
      const gateway = clockGateway({ runMs: 1_000 });
      yield* runToEnd(gateway.client, jobs(12));
      expect(gateway.maxOpen()).toBe(5);
    }),
  );

  it.effect("a 429 pauses every create of the batch until its Retry-After, then resends that job", () =>
    Effect.gen(function* () {
      // Call 3 is answered 429 with Retry-After 5 s: calls 1–2 went at 0; nothing may go before 5 s.
      const gateway = clockGateway({ runMs: 1_000, rateLimit: new Map([[3, 5_000]]) });
      const events: BatchEvent[] = [];
      const { exit } = yield* runToEnd(gateway.client, jobs(6), { concurrency: 3, onEvent: (e) => events.push(e) });
      const at = gateway.calls.map((c) => c.at);
      expect(at.slice(0, 3)).toEqual([0, 0, 0]);
      expect(at.slice(3).every((t) => t >= 5_000)).toBe(true);
      expect(gateway.calls[3]?.payload).toBe("job-2");
      expect(events.find((e) => e.type === "paused")).toMatchObject({ untilMs: 5_000, retryAfterMs: 5_000 });
      const report = Exit.isSuccess(exit) ? exit.value : undefined;
      expect(report?.counts.completed).toBe(6);
      expect(report?.pauses).toEqual({ count: 1, totalMs: 5_000 });
    }),
  );

  it.effect("stops starting jobs once finished tasks report maxCredits, and says so", () =>
    Effect.gen(function* () {
      const gateway = clockGateway({ runMs: 1_000, creditsPerTask: 5 });
      // A journal that takes a moment (as a file's fsync does) must not let a job start past the budget.
      const slowJournal = memoryJournal();
      const journal = {
        append: (entry: BatchJournalEntry) =>
          new Promise<void>((resolve) => setImmediate(() => resolve(slowJournal.append(entry)))),
        replay: () => slowJournal.replay(),
      };
      const { exit } = yield* runToEnd(gateway.client, jobs(10), { concurrency: 1, maxCredits: 20, journal });
      const report = Exit.isSuccess(exit) ? exit.value : undefined;
      expect(report?.credits).toBe(20);
      expect(report?.counts).toMatchObject({ completed: 4, "not-started": 6 });
      expect(report?.stopped?.reason).toBe("max-credits");
      expect(gateway.calls).toHaveLength(4);
    }),
  );

  it.effect("an ambiguous create is reported, not resent, and keeps its slot for ambiguousSlotMs", () =>
    Effect.gen(function* () {
      const gateway = clockGateway({ runMs: 1_000, loseAnswer: new Set([1]) });
      const { exit } = yield* runToEnd(gateway.client, jobs(3), { concurrency: 1, ambiguousSlotMs: 4_000 });
      const report = Exit.isSuccess(exit) ? exit.value : undefined;
      expect(report?.jobs[0]).toMatchObject({ status: "ambiguous", error: { code: "ambiguous" } });
      expect(gateway.calls.map((c) => [c.payload, c.at])).toEqual([
        ["job-0", 0],
        ["job-1", 4_000],
        ["job-2", 5_000],
      ]);
    }),
  );
});

describe("runBatch validation", () => {
  it.effect(
    "refuses the whole batch before any create, listing every violation with job, key, field and seed code",
    () =>
      Effect.gen(function* () {
        const gateway = clockGateway();
        const bad = [
          job(0),
          { ...job(1), duration: 9 },
          { ...job(2), key: "k0", resolution: "4k" },
        ] as unknown as BatchJob[];
        const error = yield* Effect.flip(runBatchWith(gateway.client, bad, { concurrency: 0 }));
        expect(gateway.calls).toHaveLength(0);
        expect(error._tag).toBe("BatchInvalid");
        expect(error._tag === "BatchInvalid" ? error.violations : undefined).toEqual([
          expect.objectContaining({ job: undefined, field: "concurrency", rule: "minimum" }),
          expect.objectContaining({ job: 1, key: "k1", field: "duration", rule: "maximum", code: expect.any(String) }),
          expect.objectContaining({ job: 2, key: "k0", field: "key", rule: "uniqueItems" }),
          expect.objectContaining({ job: 2, key: "k0", field: "resolution", rule: "enum" }),
        ]);
      }),
  );
});

describe("runBatch journal", () => {
  it.effect("writes 'submitting' before each create and the task id after it", () =>
    Effect.gen(function* () {
      const journal = memoryJournal();
      const gateway = clockGateway({ runMs: 1_000 });
      const seenAtCreate: number[] = [];
      const client: BatchClient = {
        ...gateway.client,
        submit: (params, options) =>
          Effect.suspend(() => {
            const last = journal.entries.at(-1);
            seenAtCreate.push(last?.type === "submitting" ? last.job : -1);
            return gateway.client.submit(params, options);
          }),
      };
      yield* runToEnd(client, jobs(3), { concurrency: 1, journal });
      expect(seenAtCreate).toEqual([0, 1, 2]);
      expect(journal.entries.map((e) => e.type)).toEqual([
        "batch",
        ...Array.from({ length: 3 }, () => ["submitting", "submitted", "finished"]).flat(),
      ]);
    }),
  );

  it.effect(
    "on replay, waits for a job with a task id, reports 'submitting' without id as ambiguous, sends neither",
    () =>
      Effect.gen(function* () {
        const gateway = clockGateway({ runMs: 1_000 });
        const list = jobs(3);
        // An earlier run created job 0 (t1), then stopped while job 1's create was in flight.
        yield* gateway.client.submit(list[0] as BatchJob);
        const entries: BatchJournalEntry[] = [
          { type: "submitting", job: 0, at: 0 },
          { type: "submitted", job: 0, taskId: "t1", at: 0 },
          { type: "submitting", job: 1, at: 0 },
        ];
        const resumed = memoryJournal(entries);
        const { exit } = yield* runToEnd(gateway.client, list, { journal: resumed, ambiguousSlotMs: 0 });
        const report = Exit.isSuccess(exit) ? exit.value : undefined;
        expect(report?.jobs.map((j) => j.status)).toEqual(["completed", "ambiguous", "completed"]);
        expect(report?.jobs[0]?.taskId).toBe("t1");
        // job-0 was sent by the earlier run only; job 1 never again.
        expect(gateway.calls.map((c) => c.payload)).toEqual(["job-0", "job-2"]);
      }),
  );

  it.effect("on replay, a completed job not yet saved is read again and saved once, its credits counted once", () =>
    Effect.gen(function* () {
      const gateway = clockGateway({ runMs: 1_000, creditsPerTask: 5 });
      yield* gateway.client.submit(job(0));
      const resumed = memoryJournal([
        { type: "submitting", job: 0, at: 0 },
        { type: "submitted", job: 0, taskId: "t1", at: 0 },
        { type: "finished", job: 0, taskId: "t1", status: "completed", credits: 5, at: 1_000 },
      ]);
      const saved: string[] = [];
      const { exit } = yield* runToEnd(gateway.client, jobs(1), {
        journal: resumed,
        save: (task) => Effect.sync(() => saved.push(task.id)).pipe(Effect.as(`${task.id}.mp4`)),
      });
      const report = Exit.isSuccess(exit) ? exit.value : undefined;
      expect(saved).toEqual(["t1"]);
      expect(report?.credits).toBe(5);
      expect(report?.jobs[0]).toMatchObject({ status: "completed", taskId: "t1", file: "t1.mp4", credits: 5 });
      expect(gateway.calls).toHaveLength(1);
      expect(resumed.entries.at(-1)).toMatchObject({ type: "saved", job: 0, file: "t1.mp4" });
    }),
  );

  it.effect("resendAmbiguous: true sends an ambiguous job again", () =>
    Effect.gen(function* () {
      const gateway = clockGateway({ runMs: 1_000 });
      const resumed = memoryJournal([{ type: "submitting", job: 0, at: 0 }]);
      const { exit } = yield* runToEnd(gateway.client, jobs(1), { journal: resumed, resendAmbiguous: true });
      expect(Exit.isSuccess(exit) ? exit.value.jobs[0]?.status : undefined).toBe("completed");
      expect(gateway.calls).toHaveLength(1);
    }),
  );

  it.effect("refuses a journal written for another job list", () =>
    Effect.gen(function* () {
      const gateway = clockGateway();
      const journal = memoryJournal([{ type: "batch", jobs: 2, fingerprint: "2:00000000", at: 0 }]);
      const exit = yield* Effect.exit(runBatchWith(gateway.client, jobs(2), { journal }));
      expect(exit).toEqual(Exit.fail(expect.objectContaining({ _tag: "BatchJournalError", reason: "mismatch" })));
      expect(gateway.calls).toHaveLength(0);
    }),
  );
});

describe("runBatch stopping", () => {
  it.effect("an aborted signal stops starting jobs; a create in flight still gets its id recorded", () =>
    Effect.gen(function* () {
      const gateway = clockGateway({ runMs: 10_000, answerMs: 100 });
      const controller = new AbortController();
      const journal = memoryJournal();
      const fiber = yield* Effect.forkChild(
        runBatchWith(gateway.client, jobs(5), { concurrency: 2, journal, signal: controller.signal }),
      );
      yield* advance(50);
      controller.abort();
      yield* advance(100);
      const exit = yield* Fiber.await(fiber);
      const report = Exit.isSuccess(exit) ? exit.value : undefined;
      expect(report?.stopped?.reason).toBe("signal");
      expect(report?.jobs.map((j) => j.status)).toEqual([
        "unfinished",
        "unfinished",
        "not-started",
        "not-started",
        "not-started",
      ]);
      expect(journal.entries.filter((e) => e.type === "submitted")).toHaveLength(2);
      expect(gateway.calls).toHaveLength(2);
    }),
  );

  it.effect("a failed task is reported with its code, the others go on", () =>
    Effect.gen(function* () {
      const gateway = clockGateway({ failing: new Set(["job-1"]) });
      const { exit } = yield* runToEnd(gateway.client, jobs(3));
      const report = Exit.isSuccess(exit) ? exit.value : undefined;
      expect(report?.jobs.map((j) => j.status)).toEqual(["completed", "failed", "completed"]);
      expect(report?.jobs[1]?.error?.code).toBe("008012098");
    }),
  );
});

// Property: a batch stopped at random moments (its fiber interrupted, as a crash stops a
// process) and run again from its journal each time never creates a job twice, loses no created
// task, reports as ambiguous only jobs whose create was in flight at a stop, and never has more
// than `concurrency` tasks open. Cases are drawn from a fixed seed; a failure prints its case.
import { describe, expect, it } from "@effect/vitest";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Fiber from "effect/Fiber";
import { TestClock } from "effect/testing";
import fc from "fast-check";
import { memoryJournal, replayJournal } from "../../src/batch/journal.js";
import type { BatchJob } from "../../src/batch/options.js";
import { runBatchWith } from "../../src/batch/run-batch.js";
import { clockGateway } from "../support/clock-gateway.js";

const settle = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve))).pipe(
  Effect.repeat({ times: 3 }),
);

const cases = fc.sample(
  fc.record({
    jobs: fc.integer({ min: 1, max: 9 }),
    concurrency: fc.integer({ min: 1, max: 4 }),
    runMs: fc.integer({ min: 100, max: 1_500 }),
    answerMs: fc.integer({ min: 0, max: 300 }),
    /** Clock ms each run lives before it is stopped; the last run goes to the end. */
    crashes: fc.array(fc.integer({ min: 0, max: 2_000 }), { maxLength: 6 }),
  }),
  { seed: 17, numRuns: 60 },
);

describe("batch journal replay", () => {
  it.effect("stopped at random moments and resumed, a batch creates each job at most once and loses no task", () =>
    Effect.gen(function* () {
      for (const c of cases) {
        const label = JSON.stringify(c);
        const gateway = clockGateway({ runMs: c.runMs, answerMs: c.answerMs });
        const jobs: BatchJob[] = Array.from({ length: c.jobs }, (_, n) => ({
          model: "viduq2_pro_extend",
          video_url: "https://example.com/in.mp4",
          payload: `job-${n}`,
        }));
        const journal = memoryJournal();
        // Long enough to cover a task the batch cannot see (its answer lost): its slot stays taken.
        const options = { concurrency: c.concurrency, journal, ambiguousSlotMs: c.runMs + c.answerMs + 1 };
        const inFlightAtStop = new Set<number>();
        for (const lifeMs of c.crashes) {
          const fiber = yield* Effect.forkChild(runBatchWith(gateway.client, jobs, options));
          for (let t = 0; t < lifeMs; t += 10) {
            yield* settle;
            yield* TestClock.adjust(10);
          }
          yield* settle;
          yield* Fiber.interrupt(fiber);
          replayJournal(journal.entries, c.jobs).forEach((record, job) => {
            if (record.phase === "submitting") inFlightAtStop.add(job);
          });
        }
        const fiber = yield* Effect.forkChild(runBatchWith(gateway.client, jobs, options));
        yield* settle;
        while (fiber.pollUnsafe() === undefined) {
          yield* TestClock.adjust(10);
          yield* settle;
        }
        const exit = yield* Fiber.await(fiber);
        expect(Exit.isSuccess(exit), label).toBe(true);
        if (!Exit.isSuccess(exit)) continue;
        const report = exit.value;

        const createsOf = (job: number) => gateway.calls.filter((call) => call.payload === `job-${job}`).length;
        const taskIds = new Set<string>();
        for (const result of report.jobs) {
          expect(["completed", "ambiguous"], label).toContain(result.status);
          expect(createsOf(result.job), `${label} job ${result.job}`).toBeLessThanOrEqual(1);
          if (result.status === "completed") {
            expect(createsOf(result.job), label).toBe(1);
            taskIds.add(result.taskId as string);
          } else {
            expect(inFlightAtStop.has(result.job), `${label} job ${result.job} ambiguous`).toBe(true);
          }
        }
        // Every task created belongs to a completed job, or to an ambiguous one (reported, never silent).
        for (const task of gateway.tasks.values()) {
          const job = Number(task.payload?.slice(4));
          expect(taskIds.has(task.id) || report.jobs[job]?.status === "ambiguous", label).toBe(true);
        }
        expect(gateway.maxOpen(), label).toBeLessThanOrEqual(c.concurrency);
      }
    }),
  );
});

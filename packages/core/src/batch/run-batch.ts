// runBatch: many extensions under one concurrency cap, on the client's public operations
// (submit, wait), with every step written to a journal first so that a crash at any moment
// neither loses a paid task nor sends a create twice. See journal.ts for the protocol.
import * as Clock from "effect/Clock";
import * as Effect from "effect/Effect";
import * as Fiber from "effect/Fiber";
import * as Semaphore from "effect/Semaphore";
import type { ViduExtendApi } from "../client/vidu-extend.js";
import { ViduExtend } from "../client/vidu-extend.js";
import type { SubmitError, WaitError } from "../errors/index.js";
import { DEFAULT_RETRY_POLICY } from "../policy/retry-policy.js";
import type { CompletedTask, Task } from "../task/task.js";
import { BatchInvalid, BatchJournalError } from "./errors.js";
import { fingerprintJobs, memoryJournal, replayJournal, type BatchJournal, type BatchJournalEntry } from "./journal.js";
import type {
  BatchCounts,
  BatchEvent,
  BatchJob,
  BatchOptions,
  BatchReport,
  JobResult,
  JobStatus,
  StopReason,
} from "./options.js";
import { batchViolations } from "./validate-jobs.js";

/** The operations a batch uses: the service's public submit and wait. */
export type BatchClient = Pick<ViduExtendApi, "submit" | "wait">;

export const DEFAULT_BATCH_CONCURRENCY = 5;
export const DEFAULT_AMBIGUOUS_SLOT_MS = 120_000;

/** The batch sees every 429 itself (to pause all its creates), so its creates do not retry them. */
const CREATE_STATUSES = DEFAULT_RETRY_POLICY.statuses.filter((status) => status !== 429);
/** When a 429 names no Retry-After. */
const DEFAULT_PAUSE_MS = 1_000;

type BatchEventBody = BatchEvent extends infer E
  ? E extends unknown
    ? Omit<E, "counts" | "slotsInUse">
    : never
  : never;

/**
 * Runs every job under `concurrency`, resuming from `journal`: validates all jobs first (nothing
 * is sent if any is invalid), never resends a job the journal says was created, and reports a
 * job whose create may have reached the gateway as `ambiguous` instead of sending it again.
 */
export function runBatch(
  jobs: readonly BatchJob[],
  options: BatchOptions = {},
): Effect.Effect<BatchReport, BatchInvalid | BatchJournalError, ViduExtend> {
  return Effect.gen(function* () {
    const client = yield* ViduExtend;
    return yield* runBatchWith(client, jobs, options);
  });
}

/** runBatch on a given client (what the Promise facade uses). */
export function runBatchWith(
  client: BatchClient,
  jobs: readonly BatchJob[],
  options: BatchOptions = {},
): Effect.Effect<BatchReport, BatchInvalid | BatchJournalError> {
  return Effect.suspend((): Effect.Effect<BatchReport, BatchInvalid | BatchJournalError> => {
    const violations = batchViolations(jobs, options);
    return violations.length > 0 ? Effect.fail(new BatchInvalid({ violations })) : execute(client, jobs, options);
  });
}

interface JobState {
  status: JobStatus;
  taskId?: string;
  credits?: number;
  file?: string;
  error?: { readonly code: string; readonly message: string };
}

function execute(client: BatchClient, jobs: readonly BatchJob[], options: BatchOptions) {
  /** Slot holds of ambiguous creates: they end on their own, or with the batch. */
  const holds: Fiber.Fiber<unknown>[] = [];
  const batch = Effect.gen(function* () {
    const startedAt = yield* Clock.currentTimeMillis;
    const concurrency = options.concurrency ?? DEFAULT_BATCH_CONCURRENCY;
    const ambiguousSlotMs = options.ambiguousSlotMs ?? DEFAULT_AMBIGUOUS_SLOT_MS;
    const journal: BatchJournal = options.journal ?? memoryJournal();
    const signal = options.signal;
    const slots = yield* Semaphore.make(concurrency);
    const states: JobState[] = jobs.map(() => ({ status: "not-started" }));
    let slotsInUse = 0;
    let credits = 0;
    let pausedUntil = 0;
    const pauses = { count: 0, totalMs: 0 };
    let stopped: { reason: StopReason; message: string } | undefined;

    // Kept as jobs change, so that an event costs the same for 10 jobs or 10,000.
    const tally: Record<JobStatus, number> = {
      "not-started": jobs.length,
      submitting: 0,
      running: 0,
      completed: 0,
      failed: 0,
      ambiguous: 0,
      unfinished: 0,
    };
    const counts = (): BatchCounts => ({ ...tally });
    const update = (job: number, patch: Partial<JobState>) => {
      const state = states[job] as JobState;
      if (patch.status !== undefined && patch.status !== state.status) {
        tally[state.status]--;
        tally[patch.status]++;
      }
      Object.assign(state, patch);
    };
    const emit = (event: BatchEventBody) => options.onEvent?.({ ...event, counts: counts(), slotsInUse } as BatchEvent);
    const keyOf = (job: number) => (jobs[job] as BatchJob).key;
    const withKey = (job: number) => {
      const key = keyOf(job);
      return key === undefined ? {} : { key };
    };
    const result = (job: number): JobResult => {
      const state = states[job] as JobState;
      return {
        job,
        ...withKey(job),
        status: state.status,
        ...(state.taskId === undefined ? {} : { taskId: state.taskId }),
        ...(state.credits === undefined ? {} : { credits: state.credits }),
        ...(state.file === undefined ? {} : { file: state.file }),
        ...(state.error === undefined ? {} : { error: state.error }),
      };
    };
    const stop = (reason: StopReason, message: string) => {
      if (stopped !== undefined) return;
      stopped = { reason, message };
      emit({ type: "stopping", reason, message });
    };
    const append = (entry: BatchJournalEntry) =>
      Effect.tryPromise({
        try: () => journal.append(entry),
        catch: (cause) =>
          new BatchJournalError({
            reason: "write",
            cause,
            message: `the batch journal could not be written (${String(cause)}); the batch stopped, and no create was sent without its entry`,
          }),
      });
    const release = Effect.suspend(() => {
      slotsInUse--;
      return Effect.asVoid(slots.release(1));
    });
    /** Completes when the signal aborts; never otherwise. */
    const aborted: Effect.Effect<void> = Effect.callback<void>((resume) => {
      if (signal === undefined) return;
      if (signal.aborted) return resume(Effect.void);
      const onAbort = () => resume(Effect.void);
      signal.addEventListener("abort", onAbort, { once: true });
      return Effect.sync(() => signal.removeEventListener("abort", onAbort));
    });
    const isAborted = () => signal?.aborted === true;
    const noteAbort = () => stop("signal", "stopped by its signal: jobs not started stay queued; run again to resume");
    /** Counts credits of a finished task, and stops new starts at maxCredits. */
    const addCredits = (amount: number | undefined) => {
      credits += amount ?? 0;
      if (options.maxCredits !== undefined && credits >= options.maxCredits)
        stop(
          "max-credits",
          `finished tasks reported ${credits} credits, reaching maxCredits ${options.maxCredits}: no further job was started`,
        );
    };

    // What earlier runs wrote down.
    const entries = yield* Effect.tryPromise({
      try: () => journal.replay(),
      catch: (cause) =>
        new BatchJournalError({
          reason: "read",
          cause,
          message: `the batch journal could not be read: ${String(cause)}`,
        }),
    });
    const fingerprint = fingerprintJobs(jobs);
    const header = entries.find((entry) => entry.type === "batch");
    if (header !== undefined && header.fingerprint !== fingerprint)
      return yield* Effect.fail(
        new BatchJournalError({
          reason: "mismatch",
          message: `the batch journal was written for another job list (${header.fingerprint}, this one is ${fingerprint}): resume with the same jobs`,
        }),
      );
    if (header === undefined)
      yield* append({ type: "batch", jobs: jobs.length, fingerprint, at: yield* Clock.currentTimeMillis });
    const records = replayJournal(entries, jobs.length);

    /**
     * An ambiguous create keeps its slot for ambiguousSlotMs after it was sent: its task may be
     * running, unseen. `held`: the caller holds the slot already (else one is taken if free).
     */
    const holdSlot = (sentAt: number, held: boolean) =>
      Effect.gen(function* () {
        const remaining = sentAt + ambiguousSlotMs - (yield* Clock.currentTimeMillis);
        if (remaining <= 0) {
          if (held) yield* release;
          return;
        }
        if (!held) {
          if (!(yield* slots.takeIfAvailable(1))) return;
          slotsInUse++;
        }
        holds.push(yield* Effect.forkDetach(Effect.andThen(Effect.sleep(remaining), release)));
      });

    const finish = (job: number, patch: JobState) => {
      update(job, patch);
      emit({ type: "finished", result: result(job) });
    };

    const saveResult = (job: number, task: CompletedTask) =>
      Effect.gen(function* () {
        if (options.save === undefined) return;
        const saved = yield* Effect.result(options.save(task, jobs[job] as BatchJob, job));
        if (saved._tag === "Failure") {
          finish(job, {
            status: "failed",
            error: {
              code: "save-failed",
              message: `task ${task.id} completed, but saving it failed: ${String(saved.failure)}`,
            },
          });
          return;
        }
        yield* append({ type: "saved", job, file: saved.success, at: yield* Clock.currentTimeMillis });
        update(job, { file: saved.success });
        emit({ type: "saved", job, ...withKey(job), file: saved.success });
      });

    /** Waits for a created task (holding a slot when `holdsSlot`), records its end, then saves it. */
    const follow = (job: number, taskId: string, holdsSlot: boolean, known?: Task) =>
      Effect.gen(function* () {
        update(job, { status: "running", taskId });
        let lastStatus = known?.status;
        const waited = yield* Effect.raceFirst(
          Effect.result(
            client.wait(taskId, {
              ...options.wait,
              onProgress: (event) => {
                if (event.status === lastStatus) return;
                lastStatus = event.status;
                emit({
                  type: "progress",
                  job,
                  ...withKey(job),
                  taskId,
                  status: event.status,
                  ...(event.progress === undefined ? {} : { progress: event.progress }),
                });
              },
            }),
          ),
          Effect.as(aborted, undefined),
        );
        // Credits count before the slot is free: the next start must see them (maxCredits).
        if (waited?._tag === "Success") addCredits(waited.success.usage?.credits);
        else if (waited?._tag === "Failure" && waited.failure._tag === "TaskFailed")
          addCredits(waited.failure.task.usage?.credits);
        if (holdsSlot) yield* release;
        if (waited === undefined) {
          noteAbort();
          finish(job, { status: "unfinished", taskId });
          return;
        }
        if (waited._tag === "Success") {
          const task = waited.success;
          const used = task.usage?.credits;
          yield* append({
            type: "finished",
            job,
            taskId,
            status: "completed",
            ...(used === undefined ? {} : { credits: used }),
            at: yield* Clock.currentTimeMillis,
          });
          finish(job, { status: "completed", taskId, ...(used === undefined ? {} : { credits: used }) });
          yield* saveResult(job, task);
          return;
        }
        const failure: WaitError = waited.failure;
        if (failure._tag === "TaskFailed" || failure._tag === "TaskNotFound") {
          const code = failure._tag === "TaskFailed" ? failure.code : "not_found";
          const used = failure._tag === "TaskFailed" ? failure.task.usage?.credits : undefined;
          yield* append({
            type: "finished",
            job,
            taskId,
            status: "failed",
            code,
            message: failure.message,
            ...(used === undefined ? {} : { credits: used }),
            at: yield* Clock.currentTimeMillis,
          });
          finish(job, {
            status: "failed",
            taskId,
            error: { code, message: failure.message },
            ...(used === undefined ? {} : { credits: used }),
          });
          return;
        }
        // A deadline or an account problem: the task exists and may still finish; a later run waits again.
        finish(job, { status: "unfinished", taskId, error: { code: failure._tag, message: failure.message } });
      });

    /** A task an earlier run saw complete but did not save: read again (its URLs expire) and saved. */
    const resave = (job: number, taskId: string) =>
      Effect.gen(function* () {
        const waited = yield* Effect.raceFirst(
          Effect.result(client.wait(taskId, { ...options.wait })),
          Effect.as(aborted, undefined),
        );
        if (waited === undefined) {
          noteAbort();
          finish(job, { status: "unfinished", taskId, error: { code: "not-saved", message: "stopped before saving" } });
          return;
        }
        if (waited._tag === "Failure") {
          finish(job, {
            status: "failed",
            taskId,
            error: {
              code: "save-failed",
              message: `task ${taskId} completed, but reading it again to save it failed: ${waited.failure.message}`,
            },
          });
          return;
        }
        yield* saveResult(job, waited.success);
      });

    /** Waits out a 429 pause (false when the signal aborted meanwhile). */
    const pauseGate = Effect.gen(function* () {
      for (;;) {
        if (isAborted()) return false;
        const remaining = pausedUntil - (yield* Clock.currentTimeMillis);
        if (remaining <= 0) return true;
        const slept = yield* Effect.raceFirst(Effect.as(Effect.sleep(remaining), true), Effect.as(aborted, false));
        if (!slept) return false;
      }
    });

    /** A new job, its slot already held: create (journal first), then follow the task. */
    const start = (job: number) =>
      Effect.gen(function* () {
        const { key: _key, ...params } = jobs[job] as BatchJob;
        for (;;) {
          if (!(yield* pauseGate)) {
            noteAbort();
            yield* release;
            return;
          }
          const sentAt = yield* Clock.currentTimeMillis;
          yield* append({ type: "submitting", job, ...withKey(job), at: sentAt });
          update(job, { status: "submitting" });
          emit({ type: "submitting", job, ...withKey(job) });
          const created = yield* Effect.result(
            client.submit(params, {
              retry: {
                statuses: CREATE_STATUSES,
                ...(options.resendAmbiguous === true ? { resendAmbiguousCreates: true } : {}),
              },
            }),
          );
          if (created._tag === "Success") {
            const task = created.success;
            yield* append({ type: "submitted", job, taskId: task.id, at: yield* Clock.currentTimeMillis });
            update(job, { status: "running", taskId: task.id });
            emit({ type: "submitted", job, ...withKey(job), taskId: task.id });
            return yield* follow(job, task.id, true, task);
          }
          const failure: SubmitError = created.failure;
          const now = yield* Clock.currentTimeMillis;
          if (failure._tag === "AmbiguousSubmit") {
            yield* append({ type: "ambiguous", job, message: failure.message, at: now });
            finish(job, { status: "ambiguous", error: { code: "ambiguous", message: failure.message } });
            return yield* holdSlot(sentAt, true);
          }
          const code =
            failure._tag === "ValidationError" ? (failure.violations[0]?.code ?? failure._tag) : failure._tag;
          const retryable = failure._tag !== "ValidationError";
          yield* append({ type: "refused", job, code, message: failure.message, retryable, at: now });
          if (failure._tag === "RateLimited") {
            const waitMs = failure.retryAfterMs ?? DEFAULT_PAUSE_MS;
            if (now + waitMs > pausedUntil) {
              pauses.count++;
              pauses.totalMs += now + waitMs - Math.max(now, pausedUntil);
              pausedUntil = now + waitMs;
              emit({ type: "paused", untilMs: pausedUntil, retryAfterMs: waitMs });
            }
            continue;
          }
          if (
            failure._tag === "Unauthorized" ||
            failure._tag === "PermissionDenied" ||
            failure._tag === "InsufficientBalance"
          )
            stop("refused", `the gateway refused a create (${failure._tag}): no further job was started`);
          finish(job, { status: "failed", error: { code, message: failure.message } });
          yield* release;
          return;
        }
      });

    // Earlier runs: created tasks are followed (never resubmitted), uncertain creates are reported.
    const queue: number[] = [];
    const running: Fiber.Fiber<void, BatchJournalError>[] = [];
    for (const [job, record] of records.entries()) {
      const ambiguousMessage =
        "its create was being sent when an earlier run stopped: a task may exist (and be billed); it was not sent again";
      switch (record.phase) {
        case "new":
          queue.push(job);
          break;
        case "refused":
          if (record.retryable) queue.push(job);
          else update(job, { status: "failed", error: { code: record.code, message: record.message } });
          break;
        case "submitting":
        case "ambiguous":
          if (options.resendAmbiguous === true) {
            queue.push(job);
            break;
          }
          update(job, {
            status: "ambiguous",
            error: { code: "ambiguous", message: record.phase === "ambiguous" ? record.message : ambiguousMessage },
          });
          yield* holdSlot(record.at, false);
          break;
        case "submitted": {
          const holdsSlot = yield* slots.takeIfAvailable(1);
          if (holdsSlot) slotsInUse++;
          update(job, { status: "running", taskId: record.taskId });
          running.push(yield* Effect.forkChild(follow(job, record.taskId, holdsSlot)));
          break;
        }
        case "finished":
          credits += record.credits ?? 0;
          update(job, {
            status: record.status,
            taskId: record.taskId,
            ...(record.credits === undefined ? {} : { credits: record.credits }),
            ...(record.status === "failed"
              ? { error: { code: record.code ?? "failed", message: record.message ?? "the task failed" } }
              : {}),
          });
          // Completed but not saved yet: its task is terminal, so it needs no slot to be read again.
          if (record.status === "completed" && options.save !== undefined)
            running.push(yield* Effect.forkChild(resave(job, record.taskId)));
          break;
        case "saved":
          credits += record.credits ?? 0;
          update(job, {
            status: "completed",
            taskId: record.taskId,
            file: record.file,
            ...(record.credits === undefined ? {} : { credits: record.credits }),
          });
          break;
      }
    }
    emit({ type: "started", total: jobs.length, resumed: entries.length > 0 });
    addCredits(0);

    for (const job of queue) {
      if (stopped !== undefined) break;
      if (isAborted()) {
        noteAbort();
        break;
      }
      const got = yield* Effect.raceFirst(Effect.as(slots.take(1), true), Effect.as(aborted, false));
      if (!got) {
        noteAbort();
        break;
      }
      slotsInUse++;
      if (stopped !== undefined) {
        yield* release;
        break;
      }
      running.push(yield* Effect.forkChild(start(job)));
    }
    yield* Fiber.joinAll(running);

    return {
      jobs: jobs.map((_, job) => result(job)),
      counts: counts(),
      credits,
      ...(stopped === undefined ? {} : { stopped }),
      pauses,
      elapsedMs: (yield* Clock.currentTimeMillis) - startedAt,
    } satisfies BatchReport;
  });
  return Effect.ensuring(
    batch,
    Effect.suspend(() => Fiber.interruptAll(holds)),
  );
}

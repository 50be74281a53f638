// Waiting for a task, as one waiter of the client's TaskWatcher: the watcher reads on the poll
// schedule (or the safety schedule when callbacks wake it) and settles every waiter of the task
// at once; this side reports progress, keeps the deadline's error and turns the terminal task
// into the result, as an Effect or (for the Promise facade, without a fiber) as a Promise.
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Option from "effect/Option";
import { TaskFailed, UnexpectedResponse, WaitTimeout, type WaitError } from "../errors/index.js";
import type { Logger } from "../logger.js";
import type { PollPolicy } from "../policy/poll-policy.js";
import type { RetryPolicy } from "../policy/retry-policy.js";
import { isTerminal, type CompletedTask, type Task } from "../task/task.js";
import type { TaskWatcher, WatchRequest } from "../watcher/task-watcher.js";
import type { CallbackSource } from "./callback-hub.js";
import type { ProgressEvent } from "./options.js";
import { progressTracker, type ProgressTracker } from "./progress.js";

export interface WaitPlan {
  readonly taskId: string;
  readonly timeoutMs: number;
  readonly poll: PollPolicy;
  readonly retry: RetryPolicy;
  readonly logger: Logger | undefined;
  readonly onProgress: ((event: ProgressEvent) => void) | undefined;
  readonly callbacks: CallbackSource | undefined;
  /** What the caller already knows (the create answer), so that it is not reported twice. */
  readonly known?: Task;
}

/** A terminal task as the wait's result: its videos, or why not. */
function settle(task: Task): Exit.Exit<CompletedTask, TaskFailed | UnexpectedResponse> {
  if (task.phase === "failed") {
    const error = task.error ?? { code: "unknown", message: "no error given" };
    return Exit.fail(
      new TaskFailed({
        taskId: task.id,
        code: error.code,
        task,
        message: `task ${task.id} failed: ${error.message} (code ${error.code})`,
      }),
    );
  }
  if (task.videos.length === 0) {
    return Exit.fail(
      new UnexpectedResponse({ status: 200, message: `task ${task.id} is completed but carries no video` }),
    );
  }
  return Exit.succeed(task as CompletedTask);
}

function timedOut(plan: WaitPlan, tracker: ProgressTracker): WaitTimeout {
  const lastStatus = tracker.last?.status;
  return new WaitTimeout({
    taskId: plan.taskId,
    lastStatus,
    timeoutMs: plan.timeoutMs,
    message: `task ${plan.taskId} did not finish within ${plan.timeoutMs / 1000} s (last status: ${lastStatus ?? "never read"}); it may still finish: wait for it again`,
  });
}

/** Reports what the caller knows already; the result at once when that is terminal, else what to ask the watcher. */
function begin(plan: WaitPlan): {
  readonly tracker: ProgressTracker;
  readonly known?: Exit.Exit<CompletedTask, WaitError>;
  readonly request: WatchRequest;
} {
  const tracker = progressTracker(plan.onProgress, plan.logger);
  const request: WatchRequest = {
    taskId: plan.taskId,
    timeoutMs: plan.timeoutMs,
    poll: plan.poll,
    retry: plan.retry,
    callbacks: plan.callbacks,
    observe: (task, source) => void tracker.observe(task, source),
  };
  if (plan.known === undefined) return { tracker, request };
  tracker.observe(plan.known, "submit");
  return isTerminal(plan.known) ? { tracker, request, known: settle(plan.known) } : { tracker, request };
}

export function waitForTask(watcher: TaskWatcher, plan: WaitPlan): Effect.Effect<CompletedTask, WaitError> {
  return Effect.suspend((): Effect.Effect<CompletedTask, WaitError> => {
    const { tracker, known, request } = begin(plan);
    if (known !== undefined) return known;
    return watcher
      .watch(request)
      .pipe(
        Effect.flatMap(
          (finished): Effect.Effect<CompletedTask, WaitError> =>
            Option.isSome(finished) ? settle(finished.value) : Effect.fail(timedOut(plan, tracker)),
        ),
      );
  });
}

const failureOf = (exit: Exit.Failure<unknown, unknown>): unknown =>
  exit.cause.reasons.find((reason) => reason._tag === "Fail")?.error ?? new Error("the operation was interrupted");

/**
 * The same wait as a Promise, with no fiber of its own: what the Promise facade runs, so that
 * 10,000 waits are 10,000 watcher entries and promises, not 10,000 fibers. Abort leaves the watcher
 * (aborting the task's read if this was its last waiter), then rejects with the signal's reason.
 */
export function waitForTaskPromise(watcher: TaskWatcher, plan: WaitPlan, signal?: AbortSignal): Promise<CompletedTask> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const { tracker, known, request } = begin(plan);
    const finish = (exit: Exit.Exit<CompletedTask, unknown>) =>
      Exit.isSuccess(exit) ? resolve(exit.value) : reject(failureOf(exit));
    if (known !== undefined) return finish(known);
    const onAbort = () => {
      void Effect.runPromise(leave()).then(() => reject(signal?.reason));
    };
    const leave = watcher.register(request, (outcome, leaving) => {
      signal?.removeEventListener("abort", onAbort);
      switch (outcome._tag) {
        case "Settled":
          return Exit.isSuccess(outcome.exit) ? finish(settle(outcome.exit.value)) : reject(failureOf(outcome.exit));
        case "Deadline":
          void Effect.runPromise(leaving);
          return reject(timedOut(plan, tracker));
        case "Closed":
          return reject(new Error("the operation was interrupted: the client was closed"));
      }
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

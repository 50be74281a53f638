// Waiting for a task: polls on the poll policy's growing intervals, listens to verified
// callbacks when given some, and finishes on whichever sees the end first, within a deadline.
// The deadline is kept by the poll loop itself (its sleeps and reads stop at it), not by a timer
// racing the whole wait: a race forks two fibers per wait, and 10,000 waits feel that.
import * as Clock from "effect/Clock";
import * as Effect from "effect/Effect";
import { TaskFailed, UnexpectedResponse, WaitTimeout, type ReadError, type WaitError } from "../errors/index.js";
import type { Logger } from "../logger.js";
import { pollDelay, type PollPolicy } from "../policy/poll-policy.js";
import type { RetryPolicy } from "../policy/retry-policy.js";
import { isTerminal, type CompletedTask, type Task } from "../task/task.js";
import type { Gateway } from "../transport/gateway.js";
import type { CallbackSource } from "./callback-hub.js";
import type { ProgressEvent } from "./options.js";
import { progressTracker, type ProgressTracker } from "./progress.js";

export interface WaitPlan {
  readonly taskId: string;
  readonly poll: PollPolicy;
  readonly retry: RetryPolicy;
  readonly logger: Logger | undefined;
  readonly onProgress: ((event: ProgressEvent) => void) | undefined;
  readonly callbacks: CallbackSource | undefined;
  /** What the caller already knows (the create answer), so that it is not reported twice. */
  readonly known?: Task;
}

/** Read failures that a later poll may not meet again: they do not end a wait, the deadline does. */
const TRANSIENT: ReadonlySet<ReadError["_tag"]> = new Set([
  "RateLimited",
  "ServerError",
  "TransportError",
  "UnexpectedResponse",
]);

/** The terminal task, or undefined once the deadline (Clock time) has passed. */
function pollUntilDone(gateway: Gateway, plan: WaitPlan, tracker: ProgressTracker, deadlineMs: number) {
  return Effect.gen(function* () {
    for (let check = 0; ; check++) {
      const remainingMs = deadlineMs - (yield* Clock.currentTimeMillis);
      const delayMs = pollDelay(plan.poll, check);
      if (delayMs >= remainingMs) {
        yield* Effect.sleep(remainingMs);
        return undefined;
      }
      yield* Effect.sleep(delayMs);
      const read = yield* Effect.result(gateway.read(plan.taskId, plan.retry, deadlineMs));
      if (read._tag === "Failure") {
        if ((yield* Clock.currentTimeMillis) >= deadlineMs) return undefined;
        if (!TRANSIENT.has(read.failure._tag)) return yield* Effect.fail(read.failure);
        plan.logger?.({ type: "poll-error", taskId: plan.taskId, error: read.failure.message });
        continue;
      }
      tracker.observe(read.success, "poll");
      if (isTerminal(read.success)) return read.success;
    }
  });
}

function firstTerminalCallback(source: CallbackSource, taskId: string, tracker: ProgressTracker) {
  return Effect.callback<Task>((resume) => {
    const unsubscribe = source.subscribe(taskId, (task) => {
      tracker.observe(task, "callback");
      if (!isTerminal(task)) return;
      unsubscribe();
      resume(Effect.succeed(task));
    });
    return Effect.sync(unsubscribe);
  });
}

function settle(task: Task): Effect.Effect<CompletedTask, TaskFailed | UnexpectedResponse> {
  if (task.phase === "failed") {
    const error = task.error ?? { code: "unknown", message: "no error given" };
    return Effect.fail(
      new TaskFailed({
        taskId: task.id,
        code: error.code,
        task,
        message: `task ${task.id} failed: ${error.message} (code ${error.code})`,
      }),
    );
  }
  if (task.videos.length === 0) {
    return Effect.fail(
      new UnexpectedResponse({ status: 200, message: `task ${task.id} is completed but carries no video` }),
    );
  }
  return Effect.succeed(task as CompletedTask);
}

export function waitForTask(gateway: Gateway, plan: WaitPlan): Effect.Effect<CompletedTask, WaitError> {
  return Effect.gen(function* () {
    const tracker = progressTracker(plan.onProgress, plan.logger);
    if (plan.known !== undefined) {
      tracker.observe(plan.known, "submit");
      if (isTerminal(plan.known)) return yield* settle(plan.known);
    }
    const deadlineMs = (yield* Clock.currentTimeMillis) + plan.poll.timeoutMs;
    const polling = pollUntilDone(gateway, plan, tracker, deadlineMs);
    const finished = yield* plan.callbacks === undefined
      ? polling
      : Effect.raceFirst(polling, firstTerminalCallback(plan.callbacks, plan.taskId, tracker));
    if (finished === undefined) {
      const lastStatus = tracker.last?.status;
      return yield* Effect.fail(
        new WaitTimeout({
          taskId: plan.taskId,
          lastStatus,
          timeoutMs: plan.poll.timeoutMs,
          message: `task ${plan.taskId} did not finish within ${plan.poll.timeoutMs / 1000} s (last status: ${lastStatus ?? "never read"}); it may still finish: wait for it again`,
        }),
      );
    }
    return yield* settle(finished);
  });
}

// Waiting for a task, as one waiter of the client's TaskWatcher: the watcher reads on the poll
// schedule (or the safety schedule when callbacks wake it) and settles every waiter of the task
// at once; this side reports progress, keeps the deadline's error and turns the terminal task
// into the result.
import * as Effect from "effect/Effect";
import * as Option from "effect/Option";
import { TaskFailed, UnexpectedResponse, WaitTimeout, type WaitError } from "../errors/index.js";
import type { Logger } from "../logger.js";
import type { PollPolicy } from "../policy/poll-policy.js";
import type { RetryPolicy } from "../policy/retry-policy.js";
import { isTerminal, type CompletedTask, type Task } from "../task/task.js";
import type { TaskWatcher } from "../watcher/task-watcher.js";
import type { CallbackSource } from "./callback-hub.js";
import type { ProgressEvent } from "./options.js";
import { progressTracker } from "./progress.js";

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

export function waitForTask(watcher: TaskWatcher, plan: WaitPlan): Effect.Effect<CompletedTask, WaitError> {
  return Effect.suspend((): Effect.Effect<CompletedTask, WaitError> => {
    const tracker = progressTracker(plan.onProgress, plan.logger);
    if (plan.known !== undefined) {
      tracker.observe(plan.known, "submit");
      if (isTerminal(plan.known)) return settle(plan.known);
    }
    return watcher
      .watch({
        taskId: plan.taskId,
        timeoutMs: plan.timeoutMs,
        poll: plan.poll,
        retry: plan.retry,
        callbacks: plan.callbacks,
        observe: (task, source) => void tracker.observe(task, source),
      })
      .pipe(
        Effect.flatMap((finished): Effect.Effect<CompletedTask, WaitError> => {
          if (Option.isSome(finished)) return settle(finished.value);
          const lastStatus = tracker.last?.status;
          return Effect.fail(
            new WaitTimeout({
              taskId: plan.taskId,
              lastStatus,
              timeoutMs: plan.timeoutMs,
              message: `task ${plan.taskId} did not finish within ${plan.timeoutMs / 1000} s (last status: ${lastStatus ?? "never read"}); it may still finish: wait for it again`,
            }),
          );
        }),
      );
  });
}

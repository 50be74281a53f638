// Tells onProgress and the logger about each change of status or progress once, whichever
// source (create answer, poll, callback) saw it first, and never goes backwards: a late
// callback cannot undo a later state.
import type { Logger } from "../logger.js";
import { movesForward } from "../task/forward.js";
import type { Task } from "../task/task.js";
import type { ProgressEvent } from "./options.js";

export interface ProgressTracker {
  /** Records what a source saw; true when it was news. */
  observe(task: Task, source: ProgressEvent["source"]): boolean;
  readonly last: Task | undefined;
}

export function progressTracker(
  onProgress: ((event: ProgressEvent) => void) | undefined,
  logger: Logger | undefined,
): ProgressTracker {
  let last: Task | undefined;
  return {
    get last() {
      return last;
    },
    observe(task, source) {
      if (!movesForward(last, task)) return false;
      last = task;
      const event: ProgressEvent = {
        taskId: task.id,
        status: task.status,
        phase: task.phase,
        task,
        source,
        ...(task.progress === undefined ? {} : { progress: task.progress }),
      };
      logger?.({
        type: "status",
        taskId: task.id,
        status: task.status,
        source,
        ...(task.progress === undefined ? {} : { progress: task.progress }),
      });
      onProgress?.(event);
      return true;
    },
  };
}

// Tells onProgress and the logger about each change of status or progress once, whichever
// source (create answer, poll, callback) saw it first, and never goes backwards: a late
// callback cannot undo a later state.
import type { Logger } from "../logger.js";
import { isTerminal, type Task } from "../task/task.js";
import type { ProgressEvent } from "./options.js";

const RANK: Readonly<Record<Task["phase"], number>> = { queued: 1, running: 2, unknown: 2, completed: 3, failed: 3 };

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
      if (last !== undefined) {
        if (isTerminal(last)) return false;
        const backwards =
          RANK[task.phase] < RANK[last.phase] ||
          (task.phase === last.phase && (task.progress ?? 0) < (last.progress ?? 0));
        const same = task.status === last.status && task.progress === last.progress;
        if (backwards || same) return false;
      }
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
      try {
        onProgress?.(event);
      } catch (error) {
        // The caller's listener failed: the wait goes on, and the throw reaches nobody else
        // (not the callback receiver, not the watcher).
        if (logger === undefined) console.error(`onProgress threw for task ${task.id}`, error);
        else logger({ type: "listener-error", taskId: task.id, error: String(error) });
      }
      return true;
    },
  };
}

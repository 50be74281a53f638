// Connects callback receivers to waits: a receiver publishes each verified task event, and a
// wait for that task subscribes to it. Runtime-neutral; each adapter's handler publishes here.
import type { Task } from "../task/task.js";

export interface CallbackSource {
  /** Calls `onTask` for each verified event of `taskId` until the returned function is called. */
  subscribe(taskId: string, onTask: (task: Task) => void): () => void;
}

export interface CallbackHub extends CallbackSource {
  /** Hands a verified event to the waits of its task. */
  publish(task: Task): void;
}

export function createCallbackHub(): CallbackHub {
  const listeners = new Map<string, Set<(task: Task) => void>>();
  return {
    publish(task) {
      for (const listener of [...(listeners.get(task.id) ?? [])]) listener(task);
    },
    subscribe(taskId, onTask) {
      const set = listeners.get(taskId) ?? new Set();
      listeners.set(taskId, set.add(onTask));
      return () => {
        set.delete(onTask);
        if (set.size === 0) listeners.delete(taskId);
      };
    },
  };
}

// Connects callback receivers to waits: a receiver publishes each verified task event, and the
// client's watcher, for a task someone waits for, subscribes to it. A callback is a wake-up: the
// wait settles on one read that confirms it (the body is not signed), and the body itself only
// feeds progress. Runtime-neutral; each adapter's handler publishes here.
import { ValidationError } from "../errors/index.js";
import { isTerminal, type Task } from "../task/task.js";

export interface CallbackSource {
  /** Calls `onTask` for each verified event of `taskId` (first the kept one, if any) until the returned function is called. */
  subscribe(taskId: string, onTask: (task: Task) => void): () => void;
}

export interface CallbackHub extends CallbackSource {
  /** The receiver's public URL: `run(params, { callbacks: hub })` sends it as `callback_url`. */
  readonly url: string | undefined;
  /** Hands a verified event to the waits of its task. Never throws: a failing listener is reported to onListenerError. */
  publish(task: Task): void;
}

export interface CallbackHubOptions {
  /** The URL the provider should call (your receiver, as the internet sees it). */
  readonly url?: string;
  /** How long the last event of each task is kept for a wait that subscribes late. Default 300 000 ms (the signature window). */
  readonly keepMs?: number;
  /** Default Date.now. */
  readonly now?: () => number;
  /** Told when a listener throws. Default: console.error. The receiver that published never sees the throw. */
  readonly onListenerError?: (error: unknown, task: Task) => void;
}

export const DEFAULT_CALLBACK_KEEP_MS = 300_000;

function checkedUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol === "https:" || parsed?.protocol === "http:") return url;
  throw new ValidationError({
    source: "client",
    violations: [
      { field: "url", rule: "format", message: `the callback hub's url must be an http(s) URL, got ${url}` },
    ],
    warnings: [],
  });
}

export function createCallbackHub(options: CallbackHubOptions = {}): CallbackHub {
  const url = checkedUrl(options.url);
  const keepMs = options.keepMs ?? DEFAULT_CALLBACK_KEEP_MS;
  const now = options.now ?? Date.now;
  const onListenerError =
    options.onListenerError ??
    ((error: unknown, task: Task) => console.error(`callback hub: a listener for task ${task.id} threw`, error));
  const listeners = new Map<string, Set<(task: Task) => void>>();
  // Insertion order is arrival order (an update re-inserts), so the expired ones are at the front.
  const kept = new Map<string, { readonly task: Task; readonly expiresAt: number }>();
  const prune = (at: number) => {
    for (const [taskId, event] of kept) {
      if (event.expiresAt > at) break;
      kept.delete(taskId);
    }
  };
  const call = (listener: (task: Task) => void, task: Task) => {
    try {
      listener(task);
    } catch (error) {
      onListenerError(error, task);
    }
  };
  return {
    url,
    publish(task) {
      const at = now();
      prune(at);
      const previous = kept.get(task.id);
      // A late, non-terminal delivery does not replace the terminal one a late wait should hear.
      if (previous === undefined || !isTerminal(previous.task) || isTerminal(task)) {
        kept.delete(task.id);
        kept.set(task.id, { task, expiresAt: at + keepMs });
      }
      for (const listener of [...(listeners.get(task.id) ?? [])]) call(listener, task);
    },
    subscribe(taskId, onTask) {
      const set = listeners.get(taskId) ?? new Set();
      listeners.set(taskId, set.add(onTask));
      prune(now());
      const last = kept.get(taskId);
      if (last !== undefined) call(onTask, last.task);
      return () => {
        set.delete(onTask);
        if (set.size === 0 && listeners.get(taskId) === set) listeners.delete(taskId);
      };
    },
  };
}

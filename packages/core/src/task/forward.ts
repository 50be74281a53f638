// "A task state only moves forward": the one rule for every holder of a task's latest state (the
// client's progress reports, the worker's per-task store). Sources race (the create answer, polls,
// callbacks delivered late or twice), so the newest arrival is not always the newest state.
import { isTerminal, type Task, type TaskPhase } from "./task.js";

/** `unknown` is an unrecognised status of an unfinished task: no earlier or later than running. */
const RANK: Readonly<Record<TaskPhase, number>> = { queued: 0, running: 1, unknown: 1, completed: 2, failed: 2 };

/** What the rule looks at. */
export type TaskState = Pick<Task, "phase" | "status" | "progress">;

/**
 * Whether `next` is news after `current`: nothing follows a terminal state; a later phase always is;
 * within a phase, progress never goes back (absent counts as 0), and a repeat of the same status
 * and progress is not news.
 */
export function movesForward(current: TaskState | undefined, next: TaskState): boolean {
  if (current === undefined) return true;
  if (isTerminal(current)) return false;
  const from = RANK[current.phase];
  const to = RANK[next.phase];
  if (to !== from) return to > from;
  if ((next.progress ?? 0) < (current.progress ?? 0)) return false;
  return next.status !== current.status || next.progress !== current.progress;
}

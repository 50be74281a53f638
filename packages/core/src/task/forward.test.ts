import { describe, expect, it } from "vitest";
import { movesForward, type TaskState } from "./forward.js";

const queued: TaskState = { phase: "queued", status: "pending" };
const running = (progress?: number, status = "in_progress"): TaskState => ({
  phase: "running",
  status,
  ...(progress === undefined ? {} : { progress }),
});
const unknown: TaskState = { phase: "unknown", status: "reviewing", progress: 0.5 };
const completed: TaskState = { phase: "completed", status: "completed", progress: 1 };
const failed: TaskState = { phase: "failed", status: "failed" };

describe("movesForward (a task state only moves forward)", () => {
  // [current, next, news?]
  const table: ReadonlyArray<readonly [string, TaskState | undefined, TaskState, boolean]> = [
    ["anything is news when nothing is known", undefined, queued, true],
    ["queued → running", queued, running(0.1), true],
    ["queued → completed (a skipped phase)", queued, completed, true],
    ["running → queued (a late create answer)", running(0.3), queued, false],
    ["running → completed", running(0.9), completed, true],
    ["running → failed", running(0.9), failed, true],
    ["completed → running (a late callback)", completed, running(0.9), false],
    ["completed → failed", completed, failed, false],
    ["failed → completed", failed, completed, false],
    ["completed → completed (a duplicate)", completed, completed, false],
    ["progress up within running", running(0.3), running(0.6), true],
    ["progress down within running", running(0.6), running(0.3), false],
    ["the same status and progress again", running(0.6), running(0.6), false],
    ["another status in the same phase, same progress", running(0.6), running(0.6, "processing"), true],
    ["another status in the same phase, progress down", running(0.6), running(0.4, "processing"), false],
    ["progress appears", running(), running(0.2), true],
    ["progress disappears (counts as 0)", running(0.2), running(), false],
    ["an unknown status ranks with running: progress up", running(0.3), unknown, true],
    ["an unknown status ranks with running: progress down", running(0.7), { ...unknown, progress: 0.6 }, false],
    ["unknown → completed", unknown, completed, true],
  ];
  it.each(table)("%s", (_, current, next, news) => {
    expect(movesForward(current, next)).toBe(news);
  });
});

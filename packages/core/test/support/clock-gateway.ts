// A gateway on the Effect Clock, seen through the batch's client surface (submit, wait): each
// create records a task that runs `runMs` of Clock time, each wait ends when its task does.
// Scripted faults by create call number: a 429 (nothing recorded) or a lost answer (recorded).
// It keeps every create and every open interval, to check the cap and "never created twice".
import type { ExtendParameters } from "@vidu-extend/contract";
import * as Clock from "effect/Clock";
import * as Effect from "effect/Effect";
import type { BatchClient } from "../../src/batch/run-batch.js";
import { AmbiguousSubmit, RateLimited, TaskFailed } from "../../src/errors/index.js";
import type { CompletedTask, Task } from "../../src/task/task.js";

export interface ClockGatewayOptions {
  readonly runMs?: number;
  /** Clock time between recording a task and answering (an interrupt then loses the answer). */
  readonly answerMs?: number;
  /** 1-based create calls answered 429 with this Retry-After (ms). */
  readonly rateLimit?: ReadonlyMap<number, number>;
  /** 1-based create calls whose answer is lost after the task was recorded. */
  readonly loseAnswer?: ReadonlySet<number>;
  /** Payloads whose task fails. */
  readonly failing?: ReadonlySet<string>;
  readonly creditsPerTask?: number;
}

export interface CreatedTask {
  readonly id: string;
  readonly payload: string | undefined;
  readonly createdAt: number;
  readonly finishesAt: number;
}

export function clockGateway(options: ClockGatewayOptions = {}) {
  const runMs = options.runMs ?? 1_000;
  const calls: { readonly at: number; readonly payload: string | undefined }[] = [];
  const tasks = new Map<string, CreatedTask>();
  const taskOf = (created: CreatedTask, done: boolean): Task => {
    const failed = done && options.failing?.has(created.payload ?? "") === true;
    return {
      id: created.id,
      status: done ? (failed ? "failed" : "completed") : "pending",
      phase: done ? (failed ? "failed" : "completed") : "queued",
      videos: done && !failed ? [{ url: `https://cdn.example.com/${created.id}.mp4`, type: "video" }] : [],
      ...(done ? { usage: { credits: options.creditsPerTask ?? 5 } } : {}),
      ...(failed ? { error: { code: "008012098", message: "generation failed" } } : {}),
      raw: { id: created.id } as Task["raw"],
    };
  };
  const client: BatchClient = {
    submit: (params: ExtendParameters) =>
      Effect.gen(function* () {
        const at = yield* Clock.currentTimeMillis;
        calls.push({ at, payload: params.payload });
        const call = calls.length;
        const retryAfterMs = options.rateLimit?.get(call);
        if (retryAfterMs !== undefined)
          return yield* Effect.fail(new RateLimited({ retryAfterMs, attempts: 1, message: "429" }));
        const created = { id: `t${call}`, payload: params.payload, createdAt: at, finishesAt: at + runMs };
        tasks.set(created.id, created);
        if ((options.answerMs ?? 0) > 0) yield* Effect.sleep(options.answerMs ?? 0);
        if (options.loseAnswer?.has(call) === true)
          return yield* Effect.fail(
            new AmbiguousSubmit({ reason: "reset", status: undefined, model: params.model, message: "answer lost" }),
          );
        return taskOf(created, false);
      }),
    wait: (taskId: string) =>
      Effect.gen(function* () {
        const created = tasks.get(taskId) as CreatedTask;
        const now = yield* Clock.currentTimeMillis;
        if (created.finishesAt > now) yield* Effect.sleep(created.finishesAt - now);
        const task = taskOf(created, true);
        if (task.phase === "failed")
          return yield* Effect.fail(new TaskFailed({ taskId, code: "008012098", task, message: "failed" }));
        return task as CompletedTask;
      }),
  };
  /** The most tasks open (created, not finished) at once. */
  const maxOpen = () => {
    const edges = [...tasks.values()].flatMap((t) => [
      [t.createdAt, 1],
      [t.finishesAt, -1],
    ]);
    edges.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
    let open = 0;
    let max = 0;
    for (const [, delta] of edges) {
      open += delta as number;
      max = Math.max(max, open);
    }
    return max;
  };
  return { client, calls, tasks, maxOpen };
}

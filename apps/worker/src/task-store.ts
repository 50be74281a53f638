// One Durable Object per task id: the task's last known state, whichever source told us (the
// create answer, a callback, a read through the proxy, the cron poll). Updates are applied in
// order of the task's life, never backwards: a late `in_progress` does not overwrite `completed`,
// and a duplicate is a no-op. When the task finishes, its in-flight slot is given back and its
// batch (if any) is told.
import { createClient, isTerminal, movesForward, normalizeTask, type Task } from "@vidu-extend/cloudflare";
import { DurableObject } from "cloudflare:workers";
import { batchStub, limiterStub, limits, type Env } from "./env.js";

/** A gateway body as it crosses Durable Object RPC (the generated GatewayTask has no RPC-serialisable type). */
export type JsonObject = { readonly [key: string]: string | number | boolean | null | object };

/** A gateway task body as stored. */
export const asJson = (raw: Task["raw"]): JsonObject => raw as unknown as JsonObject;
export const asTask = (raw: JsonObject): Task["raw"] => raw as unknown as Task["raw"];

export type Source = "submit" | "callback" | "poll" | "cron";

export interface StoredTask {
  readonly id: string;
  readonly status: string;
  readonly phase: Task["phase"];
  readonly progress?: number;
  /** The gateway's body as last applied. */
  readonly raw: JsonObject;
  /** Who told us the state kept. */
  readonly source: Source;
  readonly updatedAt: number;
  /** Updates seen, and how many of them changed the state. */
  readonly received: number;
  readonly applied: number;
  readonly slot?: string;
  readonly batch?: { readonly id: string; readonly index: number };
  /** The slot was given back and the batch told. */
  readonly finalized: boolean;
}

export interface Attach {
  readonly slot?: string;
  readonly batch?: { readonly id: string; readonly index: number };
}

export class TaskStore extends DurableObject<Env> {
  async snapshot(): Promise<StoredTask | null> {
    return (await this.ctx.storage.get<StoredTask>("task")) ?? null;
  }

  /** Applies a gateway body (create answer, callback body, read answer) if it is news. */
  async apply(raw: JsonObject, source: Source, attach: Attach = {}): Promise<{ applied: boolean; task: StoredTask }> {
    const next = normalizeTask(asTask(raw));
    const current = (await this.ctx.storage.get<StoredTask>("task")) ?? undefined;
    const later = movesForward(current, next);
    const base: StoredTask =
      later || current === undefined
        ? {
            id: next.id,
            status: next.status,
            phase: next.phase,
            ...(next.progress === undefined ? {} : { progress: next.progress }),
            raw,
            source,
            updatedAt: Date.now(),
            received: (current?.received ?? 0) + 1,
            applied: (current?.applied ?? 0) + 1,
            finalized: current?.finalized ?? false,
            ...(current?.slot === undefined ? {} : { slot: current.slot }),
            ...(current?.batch === undefined ? {} : { batch: current.batch }),
          }
        : { ...current, received: current.received + 1 };
    let task: StoredTask = {
      ...base,
      ...(attach.slot === undefined || base.slot !== undefined ? {} : { slot: attach.slot }),
      ...(attach.batch === undefined || base.batch !== undefined ? {} : { batch: attach.batch }),
    };
    const terminal = isTerminal(task);
    if (terminal && !task.finalized) task = { ...task, finalized: true };
    await this.ctx.storage.put("task", task);
    await this.afterChange(
      task,
      terminal && (!base.finalized || (attach.slot !== undefined && base.slot === undefined)),
      later,
    );
    return { applied: later, task };
  }

  /** Reads the task from the gateway and applies it (the proxy's read, the cron fallback). */
  async refresh(id: string, source: "poll" | "cron"): Promise<StoredTask> {
    const current = await this.snapshot();
    if (current !== null && isTerminal(current)) return current;
    const task = await createClient(this.env, { retry: { attempts: 2 } }).get(id);
    return (await this.apply(asJson(task.raw), source)).task;
  }

  private async afterChange(task: StoredTask, finishing: boolean, changed: boolean): Promise<void> {
    if (isTerminal(task)) {
      if (finishing) {
        if (task.slot !== undefined) await limiterStub(this.env).release(task.slot);
        if (task.batch !== undefined)
          await batchStub(this.env, task.batch.id).taskFinished(task.batch.index, {
            taskId: task.id,
            status: task.status,
            phase: task.phase,
          });
        await this.env.OPEN_TASKS.delete(task.id);
      }
      return;
    }
    if (changed) {
      // Not finished: the cron trigger polls it if no news comes within the grace period.
      const dueAt = Date.now() + limits(this.env).callbackGraceMs;
      await this.env.OPEN_TASKS.put(task.id, "", { metadata: { dueAt } });
    }
  }
}

// One Durable Object per task id: the task's last known state, whichever source told us (the
// create answer, a confirmed callback, a read through the proxy, the cron poll). Updates are
// applied in order of the task's life, never backwards: a late `in_progress` does not overwrite
// `completed`, and a duplicate is a no-op. When the task finishes, its in-flight slot is given
// back and its batch (if any) is told. It also records who created the task (its owner), and
// gives up polling a task whose reads keep failing.
import { createClient, isTerminal, movesForward, normalizeTask, redactor, type Task } from "@vidu-extend/cloudflare";
import { DurableObject } from "cloudflare:workers";
import { batchStub, limiterStub, limits, type Env } from "./env.js";

/** A gateway body as it crosses Durable Object RPC (the generated GatewayTask has no RPC-serialisable type). */
export type JsonObject = { readonly [key: string]: string | number | boolean | null | object };

/** A gateway task body as stored. */
export const asJson = (raw: Task["raw"]): JsonObject => raw as unknown as JsonObject;
export const asTask = (raw: JsonObject): Task["raw"] => raw as unknown as Task["raw"];

export type Source = "submit" | "callback" | "poll" | "cron";

/** Consecutive failed cron reads after which a task is no longer polled. */
export const MAX_POLL_FAILURES = 5;

export interface StoredTask {
  readonly id: string;
  readonly status: string;
  readonly phase: Task["phase"];
  readonly progress?: number;
  /** The gateway's body as last applied, with every form of the API key redacted. */
  readonly raw: JsonObject;
  /** Who told us the state kept. */
  readonly source: Source;
  readonly updatedAt: number;
  /** Updates seen, and how many of them changed the state. */
  readonly received: number;
  readonly applied: number;
  /** The caller that created it (a digest of its token): the only one that may read it. */
  readonly owner?: string;
  readonly slot?: string;
  readonly batch?: { readonly id: string; readonly index: number };
  /** The slot was given back and the batch told. */
  readonly finalized: boolean;
  /** Cron reads that failed in a row. */
  readonly pollFailures?: number;
  /** Why the cron stopped polling it (reads kept failing). */
  readonly abandoned?: { readonly at: number; readonly reason: string };
}

export interface Attach {
  readonly owner?: string;
  readonly slot?: string;
  readonly batch?: { readonly id: string; readonly index: number };
}

/** Result URLs are shown to people and opened by pages: only http(s) is stored. */
function unsafeUrl(task: Task): string | undefined {
  for (const video of task.videos) {
    let protocol: string;
    try {
      protocol = new URL(video.url).protocol;
    } catch {
      return video.url;
    }
    if (protocol !== "https:" && protocol !== "http:") return video.url;
  }
  return undefined;
}

/** Every string (and key) of a JSON value through `redact`. */
function redactJson(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, redact));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactJson(item, redact)]));
  return value;
}

/** What a new state keeps of the old record: who owns the task and what it holds, not the old state. */
const kept = (current: StoredTask | undefined) =>
  current === undefined
    ? {}
    : {
        ...(current.owner === undefined ? {} : { owner: current.owner }),
        ...(current.slot === undefined ? {} : { slot: current.slot }),
        ...(current.batch === undefined ? {} : { batch: current.batch }),
        ...(current.pollFailures === undefined ? {} : { pollFailures: current.pollFailures }),
        ...(current.abandoned === undefined ? {} : { abandoned: current.abandoned }),
      };

/** What apply did: the task as now stored, or why nothing was stored (an update refused, a read that failed). */
export type Applied = { readonly applied: boolean; readonly task: StoredTask } | { readonly refused: string };

/** The task as stored, or throws with the reason the update was refused (for callers in the worker, not here). */
export function appliedTask(result: Applied): StoredTask {
  if ("refused" in result) throw new Error(result.refused);
  return result.task;
}

export class TaskStore extends DurableObject<Env> {
  async snapshot(): Promise<StoredTask | null> {
    return (await this.ctx.storage.get<StoredTask>("task")) ?? null;
  }

  /**
   * Applies a gateway body (create answer, confirmed callback, read answer) if it is news. An
   * update carrying a result URL that is not http(s) is refused and stores nothing. (Refusals are
   * returned, not thrown: a throw out of a Durable Object surfaces as an uncaught error.)
   */
  async apply(body: JsonObject, source: Source, attach: Attach = {}): Promise<Applied> {
    const raw = redactJson(body, redactor(this.env.VTRIX_API_KEY)) as JsonObject;
    const next = normalizeTask(asTask(raw));
    if (unsafeUrl(next) !== undefined)
      return {
        refused: `task ${next.id}: the gateway gave a result URL that is not http(s); the update was not stored`,
      };
    const current = (await this.ctx.storage.get<StoredTask>("task")) ?? undefined;
    const later = movesForward(current, next);
    const base: StoredTask =
      later || current === undefined
        ? {
            ...kept(current),
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
          }
        : { ...current, received: current.received + 1 };
    let task: StoredTask = {
      ...base,
      ...(attach.owner === undefined || base.owner !== undefined ? {} : { owner: attach.owner }),
      ...(attach.slot === undefined || base.slot !== undefined ? {} : { slot: attach.slot }),
      ...(attach.batch === undefined || base.batch !== undefined ? {} : { batch: attach.batch }),
      // A read that worked ends a run of failed ones.
      ...(source === "cron" || source === "poll" ? { pollFailures: 0 } : {}),
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
  async refresh(id: string, source: "poll" | "cron"): Promise<Applied> {
    const current = await this.snapshot();
    if (current !== null && isTerminal(current)) return { applied: false, task: current };
    let task: Task;
    try {
      task = await createClient(this.env, { retry: { attempts: 2 } }).get(id);
    } catch (error) {
      // Returned, not thrown (see apply): the cron counts it as a failed read.
      return { refused: `the read failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    return this.apply(asJson(task.raw), source);
  }

  /**
   * A cron read failed. The task is polled again later (each failure pushes the next read further
   * out, so a failing task cannot crowd out the others), and after MAX_POLL_FAILURES in a row it
   * is dropped from the open list, with the reason recorded here and on its batch job.
   */
  async pollFailed(reason: string): Promise<{ gaveUp: boolean }> {
    const current = await this.snapshot();
    if (current === null || isTerminal(current)) return { gaveUp: false };
    const failures = (current.pollFailures ?? 0) + 1;
    if (failures < MAX_POLL_FAILURES) {
      await this.ctx.storage.put("task", { ...current, pollFailures: failures });
      const backoffMs = Math.max(limits(this.env).callbackGraceMs, 60_000) * failures;
      await this.env.OPEN_TASKS.put(current.id, "", { metadata: { dueAt: Date.now() + backoffMs } });
      return { gaveUp: false };
    }
    const why = `${failures} reads in a row failed, the last: ${reason}`;
    await this.ctx.storage.put("task", {
      ...current,
      pollFailures: failures,
      abandoned: { at: Date.now(), reason: why },
    });
    await this.env.OPEN_TASKS.delete(current.id);
    if (current.batch !== undefined)
      await batchStub(this.env, current.batch.id).taskAbandoned(current.batch.index, current.id, why);
    return { gaveUp: true };
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
    if (changed && task.abandoned === undefined) {
      // Not finished: the cron trigger polls it if no news comes within the grace period.
      const dueAt = Date.now() + limits(this.env).callbackGraceMs;
      await this.env.OPEN_TASKS.put(task.id, "", { metadata: { dueAt } });
    }
  }
}

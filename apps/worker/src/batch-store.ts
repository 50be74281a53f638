// One Durable Object per batch: its jobs, their parameters and states, and who created it. The
// queue consumer (batch-consumer.ts) moves each job along; the task's store tells it when the
// task finished (or was given up on).
import type { ExtendParameters } from "@vidu-extend/cloudflare";
import { DurableObject } from "cloudflare:workers";
import type { Env } from "./env.js";

type JobState = "queued" | "submitting" | "submitted" | "completed" | "failed" | "ambiguous" | "rejected";

export interface Job {
  readonly index: number;
  readonly state: JobState;
  readonly taskId?: string;
  readonly status?: string;
  /** Why it is ambiguous, rejected or was put back. */
  readonly error?: { readonly code: string; readonly message: string };
  /** Create requests sent for it (at most one unless the gateway refused with 429 or could not be reached). */
  readonly attempts: number;
  /** Put back after a 429 or an unreachable gateway: the queue delivers it again after this many seconds. */
  readonly retryDelaySeconds?: number;
}

export interface BatchSummary {
  readonly id: string;
  readonly total: number;
  readonly createdAt: number;
  /** Every job finished, ambiguous or rejected. */
  readonly done: boolean;
  readonly counts: Readonly<Record<string, number>>;
  readonly jobs: readonly Job[];
}

interface Meta {
  readonly id: string;
  readonly total: number;
  readonly createdAt: number;
  readonly callbackUrl: string;
  /** The caller that created it (a digest of its token): the only one that may read it. */
  readonly owner: string;
}

const jobKey = (index: number) => `job:${String(index).padStart(6, "0")}`;
const paramsKey = (index: number) => `params:${String(index).padStart(6, "0")}`;

export class BatchStore extends DurableObject<Env> {
  async init(id: string, jobs: readonly ExtendParameters[], callback: string, owner: string): Promise<void> {
    if ((await this.ctx.storage.get<Meta>("meta")) !== undefined) return;
    const entries: Record<string, unknown> = {
      meta: { id, total: jobs.length, createdAt: Date.now(), callbackUrl: callback, owner } satisfies Meta,
    };
    jobs.forEach((params, index) => {
      entries[jobKey(index)] = { index, state: "queued", attempts: 0 } satisfies Job;
      entries[paramsKey(index)] = params;
    });
    // put() takes at most 128 pairs at once.
    const pairs = Object.entries(entries);
    for (let i = 0; i < pairs.length; i += 128) await this.ctx.storage.put(Object.fromEntries(pairs.slice(i, i + 128)));
  }

  async job(index: number): Promise<Job | null> {
    return (await this.ctx.storage.get<Job>(jobKey(index))) ?? null;
  }

  /** queued → submitting, with the parameters to send; null when the job is not queued (a redelivery). */
  async claim(index: number): Promise<{ params: ExtendParameters; callbackUrl: string; owner: string } | null> {
    const job = await this.job(index);
    if (job?.state !== "queued") return null;
    await this.ctx.storage.put(jobKey(index), {
      ...job,
      state: "submitting",
      attempts: job.attempts + 1,
    } satisfies Job);
    const meta = (await this.ctx.storage.get<Meta>("meta")) as Meta;
    return {
      params: (await this.ctx.storage.get<ExtendParameters>(paramsKey(index))) as ExtendParameters,
      callbackUrl: meta.callbackUrl,
      owner: meta.owner,
    };
  }

  /** The outcome of a create request; only a job being submitted changes here. */
  async record(
    index: number,
    outcome: Pick<Job, "state"> & Partial<Pick<Job, "taskId" | "status" | "error" | "retryDelaySeconds">>,
  ): Promise<void> {
    const job = await this.job(index);
    if (job === null || (job.state !== "submitting" && !(job.state === "queued" && outcome.state === "ambiguous")))
      return;
    await this.ctx.storage.put(jobKey(index), { ...job, ...outcome } satisfies Job);
  }

  /** From the task's store, once it finished (callback, poll or cron). */
  async taskFinished(index: number, task: { taskId: string; status: string; phase: string }): Promise<void> {
    const job = await this.job(index);
    if (job === null || job.state === "completed" || job.state === "failed") return;
    await this.ctx.storage.put(jobKey(index), {
      ...job,
      taskId: task.taskId,
      status: task.status,
      state: task.phase === "completed" ? "completed" : "failed",
    } satisfies Job);
  }

  /** From the task's store, once the cron gave up reading it: what became of it is unknown. */
  async taskAbandoned(index: number, taskId: string, reason: string): Promise<void> {
    const job = await this.job(index);
    if (job === null || job.state !== "submitted") return;
    await this.ctx.storage.put(jobKey(index), {
      ...job,
      taskId,
      state: "ambiguous",
      error: { code: "polls_failing", message: reason },
    } satisfies Job);
  }

  /** The batch as its creator sees it; null when there is none, or `caller` did not create it. */
  async summary(caller: string): Promise<BatchSummary | null> {
    const meta = await this.ctx.storage.get<Meta>("meta");
    if (meta === undefined || meta.owner !== caller) return null;
    const jobs = [...(await this.ctx.storage.list<Job>({ prefix: "job:" })).values()];
    const counts: Record<string, number> = {};
    for (const job of jobs) counts[job.state] = (counts[job.state] ?? 0) + 1;
    const done = jobs.every((job) => job.state !== "queued" && job.state !== "submitting" && job.state !== "submitted");
    return { id: meta.id, total: meta.total, createdAt: meta.createdAt, done, counts, jobs };
  }
}

// Batches: POST /v1/batches stores the jobs in a Durable Object (one per batch) and queues one
// message per job; the queue consumer submits each job once it holds an in-flight slot (the
// Limiter). A job waiting for a slot is re-sent with a delay (waiting is not a failure and does
// not use up the message's retries); a 429 is retried with the delay the gateway asked for; an
// ambiguous create is recorded as such and never sent again.
import { createClient, type ExtendParameters } from "@vidu-extend/cloudflare";
import { DurableObject } from "cloudflare:workers";
import {
  batchStub,
  callbackUrl,
  limiterStub,
  limits,
  MAX_BATCH_BYTES,
  MAX_BATCH_JOBS,
  MAX_JOB_BYTES,
  taskStub,
  type Env,
  type JobMessage,
} from "./env.js";
import { fail, json, readJson } from "./http.js";
import { errorResponse, modelRefusal } from "./proxy.js";
import { validateParams } from "./validate.js";
import { asJson } from "./task-store.js";

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
}

const jobKey = (index: number) => `job:${String(index).padStart(6, "0")}`;
const paramsKey = (index: number) => `params:${String(index).padStart(6, "0")}`;

export class BatchStore extends DurableObject<Env> {
  async init(id: string, jobs: readonly ExtendParameters[], callback: string): Promise<void> {
    if ((await this.ctx.storage.get<Meta>("meta")) !== undefined) return;
    const entries: Record<string, unknown> = {
      meta: { id, total: jobs.length, createdAt: Date.now(), callbackUrl: callback } satisfies Meta,
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
  async claim(index: number): Promise<{ params: ExtendParameters; callbackUrl: string } | null> {
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

  async summary(): Promise<BatchSummary | null> {
    const meta = await this.ctx.storage.get<Meta>("meta");
    if (meta === undefined) return null;
    const jobs = [...(await this.ctx.storage.list<Job>({ prefix: "job:" })).values()];
    const counts: Record<string, number> = {};
    for (const job of jobs) counts[job.state] = (counts[job.state] ?? 0) + 1;
    const done = jobs.every((job) => job.state !== "queued" && job.state !== "submitting" && job.state !== "submitted");
    return { id: meta.id, total: meta.total, createdAt: meta.createdAt, done, counts, jobs };
  }
}

/** POST /v1/batches `{"jobs": [flat parameters, …]}`: every job validated first; all or nothing. */
export async function handleCreateBatch(env: Env, request: Request): Promise<Response> {
  const body = await readJson(request, MAX_BATCH_BYTES);
  if (!body.ok) return body.response;
  const jobs = (body.value as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs) || jobs.length === 0)
    return fail(400, "invalid_request", 'the body must be {"jobs": [parameters, …]} with at least one job');
  if (jobs.length > MAX_BATCH_JOBS) return fail(413, "too_many_jobs", `at most ${MAX_BATCH_JOBS} jobs per batch`);
  const invalid: { index: number; violations: unknown }[] = [];
  for (const [index, job] of jobs.entries()) {
    const refused = modelRefusal(job);
    if (refused !== undefined) {
      invalid.push({ index, violations: ((await refused.json()) as { violations: unknown }).violations });
      continue;
    }
    if (new TextEncoder().encode(JSON.stringify(job)).byteLength > MAX_JOB_BYTES) {
      invalid.push({
        index,
        violations: [
          {
            field: "body",
            rule: "maxJobBytes",
            message: `a batch job may take at most ${MAX_JOB_BYTES} bytes: use image URLs, not data URIs`,
          },
        ],
      });
      continue;
    }
    const violations = validateParams({ ...(job as object), callback_url: callbackUrl(env, request) });
    if (violations.length > 0) invalid.push({ index, violations });
  }
  if (invalid.length > 0)
    return fail(400, "invalid_parameter", `${invalid.length} of ${jobs.length} jobs are invalid; nothing was queued`, {
      jobs: invalid,
    });
  const id = crypto.randomUUID();
  await batchStub(env, id).init(id, jobs as ExtendParameters[], callbackUrl(env, request));
  const messages = jobs.map((_, index) => ({ body: { batchId: id, index } satisfies JobMessage }));
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < messages.length; i += 100) await env.JOBS.sendBatch(messages.slice(i, i + 100));
  return json(202, { id, total: jobs.length, status: `/v1/batches/${id}` });
}

export async function handleReadBatch(env: Env, id: string): Promise<Response> {
  const summary = await batchStub(env, id).summary();
  return summary === null ? fail(404, "not_found", `no batch ${id}`) : json(200, summary);
}

/** One queued job: take a slot, claim the job, submit it once, record what happened. */
async function consume(env: Env, message: Message<JobMessage>): Promise<void> {
  const { batchId, index } = message.body;
  const batch = batchStub(env, batchId);
  const job = await batch.job(index);
  if (job === null) return message.ack();
  if (job.state === "submitting") {
    // Delivered again while a create was under way (the consumer died, or its ack was lost):
    // the task may exist. Record it, never resend.
    await batch.record(index, {
      state: "ambiguous",
      error: {
        code: "consumer_interrupted",
        message: "the worker stopped while the create request was under way; the task may exist",
      },
    });
    return message.ack();
  }
  if (job.state !== "queued") return message.ack();

  const { maxInFlight, slotLeaseMs, slotWaitSeconds } = limits(env);
  const limiter = limiterStub(env);
  const slot = `batch:${batchId}:${index}`;
  if (!(await limiter.acquire(slot, maxInFlight, slotLeaseMs))) {
    // No slot: wait without spending a retry.
    await env.JOBS.send(message.body, { delaySeconds: slotWaitSeconds });
    return message.ack();
  }
  const claimed = await batch.claim(index);
  if (claimed === null) {
    await limiter.release(slot);
    return message.ack();
  }
  const params = { ...claimed.params, callback_url: claimed.callbackUrl } as ExtendParameters;
  try {
    const task = await createClient(env, { retry: { attempts: 1 } }).submit(params);
    await batch.record(index, { state: "submitted", taskId: task.id, status: task.status });
    await taskStub(env, task.id).apply(asJson(task.raw), "submit", { slot, batch: { id: batchId, index } });
    return message.ack();
  } catch (error) {
    const tag = (error as { _tag?: string })._tag;
    const answer = await errorResponse(error).json<{ error: { code: string; message: string } }>();
    if (tag === "AmbiguousSubmit") {
      // The slot stays taken until its lease ends: the task may be running.
      await batch.record(index, { state: "ambiguous", error: answer.error });
      return message.ack();
    }
    await limiter.release(slot);
    if (tag === "RateLimited" || tag === "TransportError") {
      // Nothing was created: put the job back and let the queue deliver it again later.
      const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
      const delaySeconds = Math.max(1, Math.ceil((retryAfterMs ?? 5_000) / 1000));
      await batch.record(index, { state: "queued", error: answer.error, retryDelaySeconds: delaySeconds });
      return message.retry({ delaySeconds });
    }
    await batch.record(index, { state: "rejected", error: answer.error });
    return message.ack();
  }
}

export async function handleQueue(batch: MessageBatch<JobMessage>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        await consume(env, message);
      } catch (error) {
        console.error("batch job failed", message.body, error);
        message.retry({ delaySeconds: 5 });
      }
    }),
  );
}

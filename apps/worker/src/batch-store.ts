// One Durable Object per batch: its jobs, their parameters and states, and who created it. The
// queue consumer (batch-consumer.ts) moves each job along; the task's store tells it when the
// task finished (or was given up on). Each job's progress is kept as entries of core's batch
// journal protocol (submitting before the create, the task id after, ambiguous never resent),
// folded by core's replayJournal: the same rules runBatch and the CLI's journal.jsonl follow.
import { replayJournal, type BatchJournalEntry, type ExtendParameters, type JobRecord } from "@vidu-extend/cloudflare";
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

/**
 * One job as stored: its journal entries, plus what the summary shows besides (the gateway's
 * status word, the delay asked for after a refusal).
 */
interface JobLog {
  readonly entries: readonly BatchJournalEntry[];
  readonly status?: string;
  readonly retryDelaySeconds?: number;
}

type JobEntry = Exclude<BatchJournalEntry, { type: "batch" }>;

const jobKey = (index: number) => `job:${String(index).padStart(6, "0")}`;
const paramsKey = (index: number) => `params:${String(index).padStart(6, "0")}`;

/** The summary's view of a job's journal. */
function jobOf(index: number, log: JobLog): Job {
  // One job's entries, folded as a one-job journal.
  const record = replayJournal(
    log.entries.map((entry) => ({ ...entry, job: 0 })),
    1,
  )[0] as JobRecord;
  const base = {
    index,
    attempts: log.entries.filter((entry) => entry.type === "submitting").length,
    ...(log.status === undefined ? {} : { status: log.status }),
    ...(log.retryDelaySeconds === undefined ? {} : { retryDelaySeconds: log.retryDelaySeconds }),
  };
  switch (record.phase) {
    case "new":
      return { ...base, state: "queued" };
    case "submitting":
      return { ...base, state: "submitting" };
    case "submitted":
      return { ...base, state: "submitted", taskId: record.taskId };
    case "ambiguous":
      return {
        ...base,
        state: "ambiguous",
        ...(record.taskId === undefined ? {} : { taskId: record.taskId }),
        error: { code: record.code ?? "ambiguous", message: record.message },
      };
    case "refused":
      return {
        ...base,
        state: record.retryable ? "queued" : "rejected",
        error: { code: record.code, message: record.message },
      };
    case "finished":
    case "saved":
      return {
        ...base,
        state: record.phase === "saved" || record.status === "completed" ? "completed" : "failed",
        taskId: record.taskId,
      };
  }
}

export class BatchStore extends DurableObject<Env> {
  async init(id: string, jobs: readonly ExtendParameters[], callback: string, owner: string): Promise<void> {
    if ((await this.ctx.storage.get<Meta>("meta")) !== undefined) return;
    const entries: Record<string, unknown> = {
      meta: { id, total: jobs.length, createdAt: Date.now(), callbackUrl: callback, owner } satisfies Meta,
    };
    jobs.forEach((params, index) => {
      entries[jobKey(index)] = { entries: [] } satisfies JobLog;
      entries[paramsKey(index)] = params;
    });
    // put() takes at most 128 pairs at once.
    const pairs = Object.entries(entries);
    for (let i = 0; i < pairs.length; i += 128) await this.ctx.storage.put(Object.fromEntries(pairs.slice(i, i + 128)));
  }

  /** BatchJournal's append: durable once the put resolves (the object's storage commits before answering). */
  async append(entry: JobEntry, note: Omit<JobLog, "entries"> = {}): Promise<void> {
    const log = await this.ctx.storage.get<JobLog>(jobKey(entry.job));
    if (log === undefined) return;
    await this.ctx.storage.put(jobKey(entry.job), {
      ...log,
      ...note,
      entries: [...log.entries, entry],
    } satisfies JobLog);
  }

  /** BatchJournal's replay: every job's entries. */
  async replay(): Promise<BatchJournalEntry[]> {
    const logs = await this.ctx.storage.list<JobLog>({ prefix: "job:" });
    return [...logs.values()].flatMap((log) => log.entries);
  }

  async job(index: number): Promise<Job | null> {
    const log = await this.ctx.storage.get<JobLog>(jobKey(index));
    return log === undefined ? null : jobOf(index, log);
  }

  /** queued → submitting (journaled before the create is sent), with the parameters; null when the job is not queued (a redelivery). */
  async claim(index: number): Promise<{ params: ExtendParameters; callbackUrl: string; owner: string } | null> {
    const job = await this.job(index);
    if (job?.state !== "queued") return null;
    await this.append({ type: "submitting", job: index, at: Date.now() });
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
    const at = Date.now();
    const error = outcome.error ?? { code: outcome.state, message: outcome.state };
    const note = {
      ...(outcome.status === undefined ? {} : { status: outcome.status }),
      ...(outcome.retryDelaySeconds === undefined ? {} : { retryDelaySeconds: outcome.retryDelaySeconds }),
    };
    switch (outcome.state) {
      case "submitted":
        return this.append({ type: "submitted", job: index, taskId: outcome.taskId ?? "", at }, note);
      case "ambiguous":
        return this.append({ type: "ambiguous", job: index, code: error.code, message: error.message, at }, note);
      case "queued":
      case "rejected":
        return this.append(
          {
            type: "refused",
            job: index,
            code: error.code,
            message: error.message,
            retryable: outcome.state === "queued",
            at,
          },
          note,
        );
      default:
        throw new Error(`a create's outcome cannot be ${outcome.state}`);
    }
  }

  /** From the task's store, once it finished (callback, poll or cron). */
  async taskFinished(index: number, task: { taskId: string; status: string; phase: string }): Promise<void> {
    const job = await this.job(index);
    if (job === null || job.state === "completed" || job.state === "failed") return;
    await this.append(
      {
        type: "finished",
        job: index,
        taskId: task.taskId,
        status: task.phase === "completed" ? "completed" : "failed",
        at: Date.now(),
      },
      { status: task.status },
    );
  }

  /** From the task's store, once the cron gave up reading it: what became of it is unknown. */
  async taskAbandoned(index: number, _taskId: string, reason: string): Promise<void> {
    const job = await this.job(index);
    if (job === null || job.state !== "submitted") return;
    // The journal's "ambiguous" after "submitted": the task (taskId, as submitted) exists, its end is unknown.
    await this.append({ type: "ambiguous", job: index, code: "polls_failing", message: reason, at: Date.now() });
  }

  /** The batch as its creator sees it; null when there is none, or `caller` did not create it. */
  async summary(caller: string): Promise<BatchSummary | null> {
    const meta = await this.ctx.storage.get<Meta>("meta");
    if (meta === undefined || meta.owner !== caller) return null;
    const logs = await this.ctx.storage.list<JobLog>({ prefix: "job:" });
    const jobs = [...logs.values()].map((log, index) => jobOf(index, log));
    const counts: Record<string, number> = {};
    for (const job of jobs) counts[job.state] = (counts[job.state] ?? 0) + 1;
    const done = jobs.every((job) => job.state !== "queued" && job.state !== "submitting" && job.state !== "submitted");
    return { id: meta.id, total: meta.total, createdAt: meta.createdAt, done, counts, jobs };
  }
}

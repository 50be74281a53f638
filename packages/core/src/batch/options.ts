// What a batch is given (jobs and options) and what it reports (events while it runs, a report
// at the end).
import type { ExtendParameters } from "@vidu-extend/contract";
import type * as Effect from "effect/Effect";
import type { WaitOptions } from "../client/options.js";
import type { CompletedTask } from "../task/task.js";
import type { BatchJournal } from "./journal.js";

/** One job: the flat parameters of one extension, plus an optional caller key (unique in the batch). */
export type BatchJob = ExtendParameters & { readonly key?: string };

export interface BatchOptions {
  /**
   * Tasks in flight at once (default 5, the upstream cap per organisation): a job holds its slot
   * from just before its create until its task is terminal.
   */
  readonly concurrency?: number;
  /** Where progress is written down so that a later run resumes after a crash. Default: in memory only. */
  readonly journal?: BatchJournal;
  /** Called for every change: a job submitted, finished, saved, the batch paused or stopping. */
  readonly onEvent?: (event: BatchEvent) => void;
  /**
   * Aborting stops starting jobs: creates already sent get their answer recorded (so the journal
   * stays consistent), waits stop (the tasks go on upstream: run the batch again to resume).
   */
  readonly signal?: AbortSignal;
  /** Stop starting jobs once the credits reported by finished tasks reach this. */
  readonly maxCredits?: number;
  /**
   * Send again a job whose create may already have reached the gateway (the journal says
   * "submitting" with no task id, or the answer was lost). Off by default: the API has no
   * idempotency key, so this can run, and bill, the job twice.
   */
  readonly resendAmbiguous?: boolean;
  /**
   * How long a job whose create may have reached the gateway keeps its slot (counted from when
   * the create was sent): its task may be running, unseen. Default 120000 (2 min).
   */
  readonly ambiguousSlotMs?: number;
  /** Passed to each wait (poll policy, deadline, retry overrides). */
  readonly wait?: Omit<WaitOptions, "onProgress" | "callbacks">;
  /**
   * Keeps a completed task's result (its video URLs expire): returns where it was saved. Runs
   * after the task's slot is free; recorded in the journal, so a later run saves only what is missing.
   */
  readonly save?: (task: CompletedTask, job: BatchJob, index: number) => Effect.Effect<string, unknown>;
}

export type JobStatus =
  /** Not started yet (still queued when the batch ended: maxCredits, a stop, or a refusal that stops all). */
  | "not-started"
  | "submitting"
  | "running"
  | "completed"
  | "failed"
  /** The create may have reached the gateway (a task may exist, and be billed); not sent again. */
  | "ambiguous"
  /** Its task exists and had not finished when the batch ended (a stop, or the wait deadline): run again to resume. */
  | "unfinished";

export type BatchCounts = Readonly<Record<JobStatus, number>>;

export interface JobResult {
  readonly job: number;
  readonly key?: string;
  readonly status: JobStatus;
  readonly taskId?: string;
  readonly credits?: number;
  /** Where `save` put the result. */
  readonly file?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

export type BatchEvent = (
  | { readonly type: "started"; readonly total: number; readonly resumed: boolean }
  | { readonly type: "submitting"; readonly job: number; readonly key?: string }
  | { readonly type: "submitted"; readonly job: number; readonly key?: string; readonly taskId: string }
  | {
      readonly type: "progress";
      readonly job: number;
      readonly key?: string;
      readonly taskId: string;
      readonly status: string;
      readonly progress?: number;
    }
  | { readonly type: "finished"; readonly result: JobResult }
  | { readonly type: "saved"; readonly job: number; readonly key?: string; readonly file: string }
  /** A 429 (Retry-After) paused every create of the batch until `untilMs` (Clock time). */
  | { readonly type: "paused"; readonly untilMs: number; readonly retryAfterMs: number }
  | { readonly type: "stopping"; readonly reason: StopReason; readonly message: string }
) & {
  /** Where every job stands after this event. */
  readonly counts: BatchCounts;
  /** Slots held now (jobs between create and terminal, and ambiguous creates within ambiguousSlotMs). */
  readonly slotsInUse: number;
};

export type StopReason = "max-credits" | "signal" | "refused";

export interface BatchReport {
  readonly jobs: readonly JobResult[];
  readonly counts: BatchCounts;
  /** Credits reported by finished tasks (this run and earlier ones in the journal). */
  readonly credits: number;
  /** Why jobs were left not started, when they were. */
  readonly stopped?: { readonly reason: StopReason; readonly message: string };
  /** Creates paused by a 429, and for how long in all (Clock ms). */
  readonly pauses: { readonly count: number; readonly totalMs: number };
  readonly elapsedMs: number;
}

// The batch journal: what a batch writes down, in order, so that a later run after any crash
// knows which jobs may have been created upstream. The rule that makes it crash-safe: a job's
// "submitting" entry is durable BEFORE its create request is sent, and its "submitted" entry
// (the task id) right after the answer. A job left at "submitting" may exist upstream: it is
// ambiguous, never resent unless the caller opts in.

/** One line of the journal. `job` is the index of the job in the list the batch was given. */
export type BatchJournalEntry =
  /** First entry: which job list this journal belongs to. */
  | { readonly type: "batch"; readonly jobs: number; readonly fingerprint: string; readonly at: number }
  /** Written (durably) before the create request of the job is sent. */
  | { readonly type: "submitting"; readonly job: number; readonly key?: string; readonly at: number }
  /** The create answered with this task id. */
  | { readonly type: "submitted"; readonly job: number; readonly taskId: string; readonly at: number }
  /** The create answered with an error: no task was created. `retryable`: a later run may send it again. */
  | {
      readonly type: "refused";
      readonly job: number;
      readonly code: string;
      readonly message: string;
      readonly retryable: boolean;
      readonly at: number;
    }
  /** The create may have reached the gateway and its answer was lost: a task may exist. */
  | {
      readonly type: "ambiguous";
      readonly job: number;
      readonly message: string;
      /** Why, as a code (the journal's writer names it, e.g. `ambiguous_submit`). */
      readonly code?: string;
      readonly at: number;
    }
  /** The task reached a terminal state. */
  | {
      readonly type: "finished";
      readonly job: number;
      readonly taskId: string;
      readonly status: "completed" | "failed";
      readonly credits?: number;
      readonly code?: string;
      readonly message?: string;
      readonly at: number;
    }
  /** The completed task's video was saved (by the batch's `save` step) to `file`. */
  | { readonly type: "saved"; readonly job: number; readonly file: string; readonly at: number };

/**
 * Where a batch writes its journal. `append` resolves only once the entry is durable (a file
 * journal fsyncs): the batch sends no create before its "submitting" entry is.
 */
export interface BatchJournal {
  append(entry: BatchJournalEntry): Promise<void>;
  /** Every entry appended so far, in order (after a crash: every entry that was durable). */
  replay(): Promise<readonly BatchJournalEntry[]>;
}

/** An in-memory journal: for tests, and for batches that need no recovery across processes. */
export function memoryJournal(initial: readonly BatchJournalEntry[] = []): BatchJournal & {
  readonly entries: readonly BatchJournalEntry[];
} {
  const entries = [...initial];
  return {
    entries,
    append: async (entry) => void entries.push(entry),
    replay: async () => [...entries],
  };
}

/** What the journal says about one job, after folding its entries in order. */
export type JobRecord =
  | { readonly phase: "new" }
  /** Its create was being sent when the journal ends: a task may exist. */
  | { readonly phase: "submitting"; readonly at: number }
  | {
      readonly phase: "ambiguous";
      readonly at: number;
      readonly message: string;
      readonly code?: string;
      /** When the task id was known (a store that lost track of a created task). */
      readonly taskId?: string;
    }
  | { readonly phase: "refused"; readonly code: string; readonly message: string; readonly retryable: boolean }
  | { readonly phase: "submitted"; readonly taskId: string }
  | {
      readonly phase: "finished";
      readonly taskId: string;
      readonly status: "completed" | "failed";
      readonly credits?: number;
      readonly code?: string;
      readonly message?: string;
    }
  | { readonly phase: "saved"; readonly taskId: string; readonly file: string; readonly credits?: number };

/** Folds a journal into one record per job (entries about jobs outside 0..jobs-1 are ignored). */
export function replayJournal(entries: readonly BatchJournalEntry[], jobs: number): JobRecord[] {
  const records: JobRecord[] = Array.from({ length: jobs }, () => ({ phase: "new" }));
  for (const entry of entries) {
    if (entry.type === "batch" || entry.job < 0 || entry.job >= jobs) continue;
    const before = records[entry.job] as JobRecord;
    records[entry.job] = next(before, entry);
  }
  return records;
}

function next(before: JobRecord, entry: Exclude<BatchJournalEntry, { type: "batch" }>): JobRecord {
  switch (entry.type) {
    case "submitting":
      return { phase: "submitting", at: entry.at };
    case "submitted":
      return { phase: "submitted", taskId: entry.taskId };
    case "refused":
      return {
        phase: "refused",
        code: entry.code,
        message: entry.message,
        retryable: entry.retryable,
      };
    case "ambiguous":
      return {
        phase: "ambiguous",
        at: before.phase === "submitting" ? before.at : entry.at,
        message: entry.message,
        ...(entry.code === undefined ? {} : { code: entry.code }),
        ...(before.phase === "submitted" ? { taskId: before.taskId } : {}),
      };
    case "finished":
      return {
        phase: "finished",
        taskId: entry.taskId,
        status: entry.status,
        ...(entry.credits === undefined ? {} : { credits: entry.credits }),
        ...(entry.code === undefined ? {} : { code: entry.code }),
        ...(entry.message === undefined ? {} : { message: entry.message }),
      };
    case "saved":
      return {
        phase: "saved",
        taskId: "taskId" in before ? before.taskId : "",
        file: entry.file,
        ...(before.phase === "finished" && before.credits !== undefined ? { credits: before.credits } : {}),
      };
  }
}

/** FNV-1a (32 bit) of the jobs as JSON: tells a journal written for another job list. */
export function fingerprintJobs(jobs: readonly unknown[]): string {
  const text = JSON.stringify(jobs);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${jobs.length}:${hash.toString(16).padStart(8, "0")}`;
}

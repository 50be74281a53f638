// The Promise facade of runBatch, on a Promise client (createClient from core or an adapter).
import * as Effect from "effect/Effect";
import type { ViduClient } from "../client/promise.js";
import { runToPromise } from "../client/run-to-promise.js";
import type { SubmitError, WaitError } from "../errors/index.js";
import type { BatchJob, BatchOptions, BatchReport } from "./options.js";
import { runBatchWith, type BatchClient } from "./run-batch.js";

export interface BatchPromiseOptions extends Omit<BatchOptions, "save"> {
  /** Keeps a completed task's result; resolves to where it was saved. */
  readonly save?: (...args: Parameters<NonNullable<BatchOptions["save"]>>) => Promise<string>;
}

/** The client's Promise operations as the Effects a batch runs; aborting one interrupts it. */
function effectClient(client: Pick<ViduClient, "submit" | "wait">): BatchClient {
  return {
    submit: (params, options) =>
      Effect.tryPromise({
        try: (signal) => client.submit(params, { ...options, signal }),
        catch: (error) => error as SubmitError,
      }),
    wait: (taskId, options) =>
      Effect.tryPromise({
        try: (signal) => client.wait(taskId, { ...options, signal }),
        catch: (error) => error as WaitError,
      }),
  };
}

/**
 * runBatch for Promise users: resolves with the report, rejects with BatchInvalid (nothing
 * sent) or BatchJournalError. `options.signal` stops starting jobs and keeps the journal consistent.
 */
export function runBatchPromise(
  client: Pick<ViduClient, "submit" | "wait">,
  jobs: readonly BatchJob[],
  options: BatchPromiseOptions = {},
): Promise<BatchReport> {
  const { save, ...rest } = options;
  return runToPromise(
    runBatchWith(effectClient(client), jobs, {
      ...rest,
      ...(save === undefined
        ? {}
        : { save: (task, job, index) => Effect.tryPromise({ try: () => save(task, job, index), catch: (e) => e }) }),
    }),
  );
}

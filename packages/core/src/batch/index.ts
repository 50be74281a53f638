export { BatchInvalid, BatchJournalError, type BatchViolation } from "./errors.js";
export {
  fingerprintJobs,
  memoryJournal,
  replayJournal,
  type BatchJournal,
  type BatchJournalEntry,
  type JobRecord,
} from "./journal.js";
export type {
  BatchCounts,
  BatchEvent,
  BatchJob,
  BatchOptions,
  BatchReport,
  JobResult,
  JobStatus,
  StopReason,
} from "./options.js";
export { runBatchPromise, type BatchPromiseOptions } from "./promise.js";
export {
  DEFAULT_AMBIGUOUS_SLOT_MS,
  DEFAULT_BATCH_CONCURRENCY,
  runBatch,
  runBatchWith,
  type BatchClient,
} from "./run-batch.js";
export { batchViolations } from "./validate-jobs.js";

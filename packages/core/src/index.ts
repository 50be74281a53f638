// @vidu-extend/core: the Effect service and its Promise facade, the policies as data, the
// normalised task, the tagged errors and the callback signer/verifier.
export {
  createCallbackHub,
  DEFAULT_CALLBACK_KEEP_MS,
  type CallbackHub,
  type CallbackHubOptions,
  type CallbackSource,
} from "./client/callback-hub.js";
export {
  DEFAULT_MAX_CREATES_IN_FLIGHT,
  DEFAULT_MAX_READS_IN_FLIGHT,
  DEFAULT_WAIT_TIMEOUT_MS,
  type CallOptions,
  type ClientOptions,
  type ProgressEvent,
  type WaitOptions,
} from "./client/options.js";
export { createClient, runToPromise, type Cancellable, type ViduClient } from "./client/promise.js";
export { layer, makeViduExtend, ViduExtend, type ViduExtendApi } from "./client/vidu-extend.js";
export type { WatcherDepth } from "./watcher/task-watcher.js";
export * from "./errors/index.js";
export type { LogEvent, Logger } from "./logger.js";
export {
  DEFAULT_POLL_POLICY,
  DEFAULT_SAFETY_POLL_POLICY,
  pollDelay,
  type PollPolicy,
} from "./policy/poll-policy.js";
export { parseRetryAfter } from "./policy/retry-after.js";
export {
  DEFAULT_RETRY_POLICY,
  mergeRetryPolicy,
  retryDelay,
  type RetryPolicy,
  type RetryPolicyOverrides,
} from "./policy/retry-policy.js";
export { Fetch, Jitter, Subtle, type FetchFn } from "./services.js";
export { movesForward, type TaskState } from "./task/forward.js";
export { normalizeTask } from "./task/normalize.js";
export { redactor, type Redact } from "./transport/redact.js";
export {
  isTerminal,
  type CompletedTask,
  type KnownStatus,
  type Task,
  type TaskErrorInfo,
  type TaskPhase,
  type TaskStatus,
  type TaskUsage,
  type Video,
} from "./task/task.js";
export type { ExtendParameters, ModelId, Violation, Warning } from "@vidu-extend/contract";
export * from "./callbacks/index.js";
export { ENV, withEnv, type EnvReader } from "./client/env.js";
export { pathSegment } from "./path-segment.js";
// Batches: many jobs under the concurrency cap, resumable from a journal (src/batch).
export * from "./batch/index.js";

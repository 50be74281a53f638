// @vidu-extend/core: exactly the API its README documents (the "Exports" table, checked by
// test/exports.test.ts). The provider-side signer is at @vidu-extend/core/testing.
export type { ExtendParameters, ModelId, Violation, Warning } from "@vidu-extend/contract";
export * from "./callbacks/index.js";
export {
  createCallbackHub,
  DEFAULT_CALLBACK_KEEP_MS,
  type CallbackHub,
  type CallbackHubOptions,
  type CallbackSource,
} from "./client/callback-hub.js";
export { ENV, layerFromEnv, withEnv, withEnvKey, type EnvReader } from "./client/env.js";
export {
  DEFAULT_MAX_CREATES_IN_FLIGHT,
  DEFAULT_MAX_READS_IN_FLIGHT,
  DEFAULT_WAIT_TIMEOUT_MS,
  type CallOptions,
  type ClientOptions,
  type ProgressEvent,
  type WaitOptions,
} from "./client/options.js";
export { createClient, type Cancellable, type ViduClient } from "./client/promise.js";
export { layer, ViduExtend, type ViduExtendApi } from "./client/vidu-extend.js";
export type { WatcherDepth } from "./watcher/task-watcher.js";
export { DEFAULT_MAX_VIDEO_BYTES, fetchVideo, type FetchVideoOptions } from "./download/fetch-video.js";
export * from "./errors/index.js";
export type { LogEvent, Logger } from "./logger.js";
export {
  DEFAULT_POLL_POLICY,
  DEFAULT_SAFETY_POLL_POLICY,
  pollDelay,
  type PollPolicy,
} from "./policy/poll-policy.js";
export {
  DEFAULT_RETRY_POLICY,
  retryDelay,
  type RetryPolicy,
  type RetryPolicyOverrides,
} from "./policy/retry-policy.js";
export { Fetch, Jitter, Subtle, type FetchFn, type HmacKey, type HmacSubtle } from "./services.js";
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
export { pathSegment } from "./path-segment.js";
// Batches: many jobs under the concurrency cap, resumable from a journal (src/batch).
export * from "./batch/index.js";

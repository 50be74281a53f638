// What a client is configured with, and the per-call options of each operation.
import { DEFAULT_BASE_URL } from "@vidu-extend/contract";
import { ValidationError } from "../errors/index.js";
import type { Logger } from "../logger.js";
import { DEFAULT_POLL_POLICY, DEFAULT_SAFETY_POLL_POLICY, type PollPolicy } from "../policy/poll-policy.js";
import {
  DEFAULT_RETRY_POLICY,
  mergeRetryPolicy,
  type RetryPolicy,
  type RetryPolicyOverrides,
} from "../policy/retry-policy.js";
import type { FetchFn } from "../services.js";
import type { Task } from "../task/task.js";
import type { CallbackSource } from "./callback-hub.js";

export interface ClientOptions {
  /** Sent as a bearer token; omit it only for a proxy that adds its own (the browser adapter's default). */
  // `| undefined`: `{ apiKey: process.env.VTRIX_API_KEY }` compiles under exactOptionalPropertyTypes.
  readonly apiKey?: string | undefined;
  /** Default: https://cloud.vtrix.ai, the spec's server. */
  readonly baseUrl?: string | undefined;
  /** Overrides of DEFAULT_RETRY_POLICY for every call of this client. */
  readonly retry?: RetryPolicyOverrides;
  /** Overrides of DEFAULT_POLL_POLICY for every wait of this client. */
  readonly poll?: Partial<PollPolicy>;
  /** Overrides of DEFAULT_SAFETY_POLL_POLICY: the schedule of a wait whose task has a callback source. */
  readonly safetyPoll?: Partial<PollPolicy>;
  /** Reads in flight at once, over all waits and gets of this client. Default 64. */
  readonly maxReadsInFlight?: number;
  /** Create requests in flight at once. Default 16. A create queued here has not started its timer. */
  readonly maxCreatesInFlight?: number;
  readonly logger?: Logger;
  /** The fetch this client uses. Default: the `Fetch` service (the global fetch unless provided). */
  readonly fetch?: FetchFn;
}

export interface CallOptions {
  /** Overrides of this client's retry policy for this call only. */
  readonly retry?: RetryPolicyOverrides;
}

export interface ProgressEvent {
  readonly taskId: string;
  readonly status: string;
  readonly phase: Task["phase"];
  readonly progress?: number;
  readonly task: Task;
  /** What told us: the create answer, a poll, or a verified callback (a terminal one as confirmed by the read it woke). */
  readonly source: "submit" | "poll" | "callback";
}

/** The deadline of a wait unless `wait(id, { timeoutMs })` says otherwise: 10 minutes. */
export const DEFAULT_WAIT_TIMEOUT_MS = 600_000;
export const DEFAULT_MAX_READS_IN_FLIGHT = 64;
export const DEFAULT_MAX_CREATES_IN_FLIGHT = 16;

export interface WaitOptions extends CallOptions {
  /** The wait's deadline, in ms: then it fails with WaitTimeout (the task may still finish). Default 600 000. */
  readonly timeoutMs?: number;
  readonly poll?: Partial<PollPolicy>;
  /** Called once for each change of status or progress, whichever source saw it first. A throw is logged and goes no further. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * Verified callback events for this task. A terminal one makes the task due at once and the
   * wait settles on the read that confirms it; the others feed onProgress. Meanwhile polling drops
   * to the safety schedule. With `run`, a CallbackHub's `url` is sent as the task's callback_url.
   */
  readonly callbacks?: CallbackSource;
}

export interface ResolvedOptions {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly retry: RetryPolicy;
  readonly poll: PollPolicy;
  readonly safetyPoll: PollPolicy;
  readonly maxReadsInFlight: number;
  readonly maxCreatesInFlight: number;
  readonly logger: Logger | undefined;
  readonly fetch: FetchFn | undefined;
}

function permitCount(field: "maxReadsInFlight" | "maxCreatesInFlight", value: number | undefined, fallback: number) {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value >= 1) return value;
  throw new ValidationError({
    source: "client",
    violations: [{ field, rule: "minimum", message: `${field} must be a whole number ≥ 1, got ${value}` }],
    warnings: [],
  });
}

export function resolveOptions(options: ClientOptions): ResolvedOptions {
  return {
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    apiKey: options.apiKey,
    retry: mergeRetryPolicy(DEFAULT_RETRY_POLICY, options.retry),
    poll: { ...DEFAULT_POLL_POLICY, ...options.poll },
    safetyPoll: { ...DEFAULT_SAFETY_POLL_POLICY, ...options.safetyPoll },
    maxReadsInFlight: permitCount("maxReadsInFlight", options.maxReadsInFlight, DEFAULT_MAX_READS_IN_FLIGHT),
    maxCreatesInFlight: permitCount("maxCreatesInFlight", options.maxCreatesInFlight, DEFAULT_MAX_CREATES_IN_FLIGHT),
    logger: options.logger,
    fetch: options.fetch,
  };
}

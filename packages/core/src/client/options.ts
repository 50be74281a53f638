// What a client is configured with, and the per-call options of each operation.
import { DEFAULT_BASE_URL } from "@vidu-extend/contract";
import type { Logger } from "../logger.js";
import { DEFAULT_POLL_POLICY, type PollPolicy } from "../policy/poll-policy.js";
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
  /** What told us: the create answer, a poll, or a verified callback. */
  readonly source: "submit" | "poll" | "callback";
}

export interface WaitOptions extends CallOptions {
  /** Overall deadline of the wait, in ms. Default: the poll policy's timeoutMs (10 minutes). */
  readonly timeoutMs?: number;
  readonly poll?: Partial<PollPolicy>;
  /** Called once for each change of status or progress, whichever source saw it first. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Verified callback events: the wait finishes on whichever comes first, a callback or a poll. */
  readonly callbacks?: CallbackSource;
}

export interface ResolvedOptions {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly retry: RetryPolicy;
  readonly poll: PollPolicy;
  readonly logger: Logger | undefined;
  readonly fetch: FetchFn | undefined;
}

export function resolveOptions(options: ClientOptions): ResolvedOptions {
  return {
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    apiKey: options.apiKey,
    retry: mergeRetryPolicy(DEFAULT_RETRY_POLICY, options.retry),
    poll: { ...DEFAULT_POLL_POLICY, ...options.poll },
    logger: options.logger,
    fetch: options.fetch,
  };
}

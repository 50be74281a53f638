// When and how long to retry, as plain data with every default in one place (see README).

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly attempts: number;
  /** HTTP statuses worth another attempt. */
  readonly statuses: readonly number[];
  /** Whether network failures (refused, reset, timed out) are worth another attempt. */
  readonly transportErrors: boolean;
  /** Delay before retry n (1-based): initialMs × factor^(n-1), at most maxMs, then jittered. */
  readonly backoff: { readonly initialMs: number; readonly factor: number; readonly maxMs: number };
  /** Each delay is drawn uniformly from ±jitter of itself (0.2 = ±20 %), then capped at backoff.maxMs. */
  readonly jitter: number;
  /** A Retry-After longer than this is cut to it. Retry-After is honoured first and never jittered. */
  readonly maxRetryAfterMs: number;
  /** Each attempt is abandoned (and counts as a timeout) after this long. */
  readonly requestTimeoutMs: number;
  /**
   * Resend a create request that may already have reached the gateway (a timeout after
   * sending, a dropped connection, a 5xx). Off by default: the API has no idempotency key, so a
   * resend can run, and bill, the job twice.
   */
  readonly resendAmbiguousCreates: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  statuses: [408, 429, 500, 502, 503, 504],
  transportErrors: true,
  backoff: { initialMs: 500, factor: 2, maxMs: 8_000 },
  jitter: 0.2,
  maxRetryAfterMs: 60_000,
  requestTimeoutMs: 30_000,
  resendAmbiguousCreates: false,
};

export type RetryPolicyOverrides = Partial<Omit<RetryPolicy, "backoff">> & {
  readonly backoff?: Partial<RetryPolicy["backoff"]>;
};

export function mergeRetryPolicy(base: RetryPolicy, overrides: RetryPolicyOverrides | undefined): RetryPolicy {
  if (overrides === undefined) return base;
  return { ...base, ...overrides, backoff: { ...base.backoff, ...overrides.backoff } } as RetryPolicy;
}

/**
 * The delay before retry number `retry` (1-based). `random` is uniform in [0, 1).
 * A Retry-After wins over the backoff, capped at maxRetryAfterMs, and is not jittered.
 */
export function retryDelay(policy: RetryPolicy, retry: number, random: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const { initialMs, factor, maxMs } = policy.backoff;
  const base = Math.min(maxMs, initialMs * factor ** (retry - 1));
  const jittered = base * (1 - policy.jitter + 2 * policy.jitter * random);
  return Math.round(Math.min(maxMs, jittered));
}

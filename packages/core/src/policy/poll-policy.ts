// How a wait polls: a first check after a short delay, then growing intervals up to a cap,
// all within an overall deadline. Plain data; the delays are a pure function of the check number.

export interface PollPolicy {
  /** Before the first check: a task takes ~20 s (turbo) to ~30 s (pro), so not at once. */
  readonly firstDelayMs: number;
  /** Each interval is the previous one times this. */
  readonly factor: number;
  /** Intervals grow to this and stay. */
  readonly maxIntervalMs: number;
  /** The whole wait gives up (WaitTimeout) after this long. */
  readonly timeoutMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  firstDelayMs: 2_000,
  factor: 1.5,
  maxIntervalMs: 8_000,
  timeoutMs: 600_000,
};

/** The delay before check number `check` (0-based): 2 s, 3 s, 4.5 s, 6.75 s, 8 s, 8 s, … by default. */
export function pollDelay(policy: PollPolicy, check: number): number {
  return Math.round(Math.min(policy.maxIntervalMs, policy.firstDelayMs * policy.factor ** check));
}

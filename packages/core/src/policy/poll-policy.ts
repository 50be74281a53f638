// How a wait polls: a first check after a short delay, then growing intervals up to a cap. Plain
// data; the delays are a pure function of the check number. The overall deadline is not part of
// it: it belongs to each wait (`wait(id, { timeoutMs })`), one knob in one place.
export interface PollPolicy {
  /** Before the first check: a task takes ~20 s (turbo) to ~30 s (pro), so not at once. */
  readonly firstDelayMs: number;
  /** Each interval is the previous one times this. */
  readonly factor: number;
  /** Intervals grow to this and stay. */
  readonly maxIntervalMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  firstDelayMs: 2_000,
  factor: 1.5,
  maxIntervalMs: 8_000,
};

/**
 * The safety schedule of a wait whose task has a callback source: callbacks wake the wait, so
 * polling only has to catch a lost one. The first check at 40 s comes after the slowest model's
 * usual 30 s; then every 60 s. Over tasks finishing uniformly in 5–120 s this costs 1.87 reads per
 * task, the confirming read included (bench: polling part).
 */
export const DEFAULT_SAFETY_POLL_POLICY: PollPolicy = {
  firstDelayMs: 40_000,
  factor: 1.5,
  maxIntervalMs: 60_000,
};

/** The delay before check number `check` (0-based): 2 s, 3 s, 4.5 s, 6.75 s, 8 s, 8 s, … by default. */
export function pollDelay(policy: PollPolicy, check: number): number {
  return Math.round(Math.min(policy.maxIntervalMs, policy.firstDelayMs * policy.factor ** check));
}

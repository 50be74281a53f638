// Part 3, polling efficiency, computed (no waiting): for a task that finishes at T seconds, when
// does each schedule notice, and how many reads does it make? Check times come from core's pure
// pollDelay(policy, n); request latency is left out (it adds the same to every schedule).
import { DEFAULT_POLL_POLICY, DEFAULT_SAFETY_POLL_POLICY, pollDelay, type PollPolicy } from "@vidu-extend/core";
import { MEAN_SPREAD_S } from "./polling-spread.js";
import { round } from "./stats.js";

interface ScheduleFigures {
  readonly name: string;
  /** Seconds between the task finishing and the wait noticing. */
  readonly detectionDelayS: number;
  readonly polls: number;
}

interface PollingRow {
  readonly finishS: number;
  readonly schedules: readonly ScheduleFigures[];
}

export interface PollingResult {
  readonly finishTimesS: readonly number[];
  readonly callbackLatencyMs: number;
  readonly rows: readonly PollingRow[];
  /** Means over finish times every 0.1 s across MEAN_SPREAD_S (a uniform spread). */
  readonly mean: readonly ScheduleFigures[];
  /** The SDK's wait with callbacks: mean reads per task over T uniform 5–120 s, the confirming read included. */
  readonly callbackReadsPerTask?: number;
  readonly callbackReadsBudget?: number;
  /** The safety schedule those figures come from (core's DEFAULT_SAFETY_POLL_POLICY). */
  readonly safetyPoll?: PollPolicy;
  readonly notes: readonly string[];
}

const fixed = (ms: number): PollPolicy => ({ firstDelayMs: ms, factor: 1, maxIntervalMs: ms });

const CALLBACKS_AS_BUILT = "callbacks, SDK as built (safety schedule; the callback wakes one confirming read)";

/** The first check at or after `finishMs`: its delay past the finish and how many checks were made. */
function detect(policy: PollPolicy, finishMs: number): { delayMs: number; polls: number } {
  let at = 0;
  for (let check = 0; ; check++) {
    at += pollDelay(policy, check);
    if (at >= finishMs) return { delayMs: at - finishMs, polls: check + 1 };
  }
}

/** Checks made strictly before `finishMs` (a callback arriving then ends the wait; these were spent already). */
function pollsBefore(policy: PollPolicy, finishMs: number): number {
  let at = 0;
  for (let check = 0; ; check++) {
    at += pollDelay(policy, check);
    if (at >= finishMs) return check;
  }
}

function figures(finishMs: number, callbackLatencyMs: number): ScheduleFigures[] {
  const row = (name: string, policy: PollPolicy): ScheduleFigures => {
    const { delayMs, polls } = detect(policy, finishMs);
    return { name, detectionDelayS: delayMs / 1000, polls };
  };
  return [
    row("default (2 s ×1.5 → 8 s)", DEFAULT_POLL_POLICY),
    row("fixed 5 s", fixed(5_000)),
    row("fixed 0.5 s", fixed(500)),
    // The SDK before the watcher: the poll loop kept running on the default schedule beside the callback.
    {
      name: "callback-first, earlier SDK (polls on the default schedule meanwhile)",
      detectionDelayS: callbackLatencyMs / 1000,
      polls: pollsBefore(DEFAULT_POLL_POLICY, finishMs + callbackLatencyMs),
    },
    // The SDK now: safety checks until the callback arrives, then the one read that confirms it
    // (its latency is left out, like every request's here: detection is one read after the callback).
    {
      name: CALLBACKS_AS_BUILT,
      detectionDelayS: callbackLatencyMs / 1000,
      polls: pollsBefore(DEFAULT_SAFETY_POLL_POLICY, finishMs + callbackLatencyMs) + 1,
    },
    { name: "callback-only (no polling until a timeout)", detectionDelayS: callbackLatencyMs / 1000, polls: 0 },
  ];
}

export function runPolling(callbackLatencyMs = 5): PollingResult {
  const finishTimesS = [5, 12, 20, 33, 47, 61, 90, 118];
  const rows = finishTimesS.map((finishS) => ({ finishS, schedules: figures(finishS * 1000, callbackLatencyMs) }));
  const all: ScheduleFigures[][] = [];
  for (let tenths = MEAN_SPREAD_S.from * 10; tenths <= MEAN_SPREAD_S.to * 10; tenths++)
    all.push(figures(tenths * 100, callbackLatencyMs));
  const first = all[0] ?? [];
  const mean = first.map((schedule, i) => ({
    name: schedule.name,
    detectionDelayS: round(all.reduce((sum, row) => sum + (row[i]?.detectionDelayS ?? 0), 0) / all.length, 3),
    polls: round(all.reduce((sum, row) => sum + (row[i]?.polls ?? 0), 0) / all.length, 1),
  }));
  const asBuilt = first.findIndex((schedule) => schedule.name === CALLBACKS_AS_BUILT);
  const callbackReadsPerTask =
    asBuilt < 0 ? undefined : round(all.reduce((sum, row) => sum + (row[asBuilt]?.polls ?? 0), 0) / all.length, 2);
  return {
    finishTimesS,
    callbackLatencyMs,
    ...(callbackReadsPerTask === undefined ? {} : { callbackReadsPerTask }),
    callbackReadsBudget: 2,
    safetyPoll: DEFAULT_SAFETY_POLL_POLICY,
    rows: rows.map((row) => ({
      ...row,
      schedules: row.schedules.map((s) => ({ ...s, detectionDelayS: round(s.detectionDelayS) })),
    })),
    mean,
    notes: [
      "Check times are the sums of pollDelay(policy, 0..n); request latency is ignored (it shifts every schedule alike).",
      `Callback latency is taken as ${callbackLatencyMs} ms (loopback delivery + verification; the provider's real latency is unknown).`,
      `With \`callbacks\`, the SDK polls only on its safety schedule (first check ${DEFAULT_SAFETY_POLL_POLICY.firstDelayMs / 1000} s, then every ${DEFAULT_SAFETY_POLL_POLICY.maxIntervalMs / 1000} s) to catch a lost callback; a terminal callback wakes one read that confirms it (the body is not signed), counted in its reads.`,
    ],
  };
}

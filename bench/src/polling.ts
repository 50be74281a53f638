// Part 3, polling efficiency, computed (no waiting): for a task that finishes at T seconds, when
// does each schedule notice, and how many reads does it make? Check times come from core's pure
// pollDelay(policy, n); request latency is left out (it adds the same to every schedule).
import { DEFAULT_POLL_POLICY, pollDelay, type PollPolicy } from "@vidu-extend/core";
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
  readonly notes: readonly string[];
}

const fixed = (ms: number): PollPolicy => ({
  firstDelayMs: ms,
  factor: 1,
  maxIntervalMs: ms,
  timeoutMs: DEFAULT_POLL_POLICY.timeoutMs,
});

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
    // What the SDK does today with `callbacks`: the poll loop keeps running beside the callback.
    {
      name: "callback-first, SDK as built (polls on the default schedule meanwhile)",
      detectionDelayS: callbackLatencyMs / 1000,
      polls: pollsBefore(DEFAULT_POLL_POLICY, finishMs + callbackLatencyMs),
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
  return {
    finishTimesS,
    callbackLatencyMs,
    rows: rows.map((row) => ({
      ...row,
      schedules: row.schedules.map((s) => ({ ...s, detectionDelayS: round(s.detectionDelayS) })),
    })),
    mean,
    notes: [
      "Check times are the sums of pollDelay(policy, 0..n); request latency is ignored (it shifts every schedule alike).",
      `Callback latency is taken as ${callbackLatencyMs} ms (loopback delivery + verification; the provider's real latency is unknown).`,
      "The SDK's wait with `callbacks` races the callback against the normal poll loop, so it still reads on the default schedule until the callback arrives.",
    ],
  };
}

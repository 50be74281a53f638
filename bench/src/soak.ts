// Part 6, fault soak: ≥ 1,000 tasks through an in-process simulator (so stats() can be read) with
// faults on every endpoint and on callbacks, run by the SDK's `run` with a verified callback
// receiver (createCallbackHub + node:http + callbackHandler), 50 at a time. Every task must end
// known (completed, failed, or AmbiguousSubmit), with no duplicate create caused by the client and
// no forged or replayed callback accepted.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { callbackHandler, createCallbackHub, createClient, memoryNonceStore } from "@vidu-extend/node";
import { startSimulator, type SimulatorStats } from "@vidu-extend/simulator";
import { pool } from "./stats.js";

interface SoakPhase {
  readonly tasks: number;
  readonly createRetryAfterSeconds: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly receiver: { readonly accepted: number; readonly rejected: Readonly<Record<string, number>> };
  readonly simulator: SimulatorStats;
  readonly seconds: number;
}

export interface SoakResult {
  readonly phases: readonly SoakPhase[];
  readonly totals: {
    readonly tasks: number;
    readonly known: number;
    readonly unknown: number;
    readonly completed: number;
    readonly failed: number;
    readonly ambiguous: number;
    readonly duplicateCreates: number;
    readonly missignedSent: number;
    readonly missignedRejected: number;
    readonly replaysSent: number;
    readonly replaysRejected: number;
    readonly forgedOrReplayedAccepted: number;
  };
}

const KNOWN = new Set(["completed", "TaskFailed", "AmbiguousSubmit"]);

async function phase(
  tasks: number,
  createRetryAfterSeconds: number,
  seed: number,
  concurrency: number,
): Promise<SoakPhase> {
  const hub = createCallbackHub();
  const rejected: Record<string, number> = {};
  let accepted = 0;
  let simUrl = "";
  const secret = "sim-key";
  const handle = callbackHandler({
    secret,
    hub,
    nonceStore: memoryNonceStore({ maxEntries: 100_000 }),
    onEvent: () => void accepted++,
    onRejected: (rejection) => {
      rejected[rejection.reason] = (rejected[rejection.reason] ?? 0) + 1;
    },
  });
  const receiver = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/vidu`;
  const sim = await startSimulator({
    keys: [secret],
    seed,
    failureRate: 0.05,
    maxInProgressPerKey: concurrency * 2,
    faults: {
      create: {
        rate429: 0.05,
        retryAfterSeconds: createRetryAfterSeconds,
        rate503: 0.03,
        dropBeforeRecord: 0.02,
        dropAfterRecord: 0.02,
        slowRate: 0.02,
        slowMs: 200,
      },
      read: { rate429: 0.05, retryAfterSeconds: 0, rate500: 0.03, malformedRate: 0.02, truncatedRate: 0.02 },
    },
    callbacks: { duplicateRate: 0.1, replayRate: 0.1, missignRate: 0.05, reorder: true },
  });
  simUrl = sim.url;
  const client = createClient({
    baseUrl: simUrl,
    apiKey: secret,
    poll: { firstDelayMs: 500, factor: 1.5, maxIntervalMs: 2_000, timeoutMs: 120_000 },
  });
  const outcomes: Record<string, number> = {};
  const t0 = performance.now();
  try {
    await pool(tasks, concurrency, async (i) => {
      let outcome: string;
      try {
        await client.run(
          {
            model: i % 2 === 0 ? "viduq2_turbo_extend" : "viduq2_pro_extend",
            video_url: "https://cdn.example.com/clip.mp4",
            prompt: `soak ${seed} ${i}`,
            callback_url: callbackUrl,
          },
          { callbacks: hub },
        );
        outcome = "completed";
      } catch (error) {
        outcome = (error as { _tag?: string })._tag ?? `untagged: ${String(error)}`;
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    });
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    await sim.idle();
    return {
      tasks,
      createRetryAfterSeconds,
      outcomes,
      receiver: { accepted, rejected },
      simulator: sim.stats(),
      seconds,
    };
  } finally {
    await sim.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}

export async function runSoak(options: { tasks?: number; concurrency?: number } = {}): Promise<SoakResult> {
  const total = options.tasks ?? 1_200;
  const concurrency = options.concurrency ?? 50;
  // Half the creates' 429s say Retry-After: 0, half say 1 (one simulator takes one value).
  const phases = [
    await phase(Math.ceil(total / 2), 0, 7, concurrency),
    await phase(Math.floor(total / 2), 1, 11, concurrency),
  ];
  const sum = (pick: (p: SoakPhase) => number) => phases.reduce((acc, p) => acc + pick(p), 0);
  const known = sum((p) => Object.entries(p.outcomes).reduce((acc, [k, v]) => acc + (KNOWN.has(k) ? v : 0), 0));
  const missignedRejected = sum((p) => p.receiver.rejected["bad-signature"] ?? 0);
  const replaysRejected = sum((p) => p.receiver.rejected["replayed"] ?? 0);
  const missignedSent = sum((p) => p.simulator.callbacks.missigned);
  const replaysSent = sum((p) => p.simulator.callbacks.replayed);
  return {
    phases,
    totals: {
      tasks: total,
      known,
      unknown: total - known,
      completed: sum((p) => p.outcomes["completed"] ?? 0),
      failed: sum((p) => p.outcomes["TaskFailed"] ?? 0),
      ambiguous: sum((p) => p.outcomes["AmbiguousSubmit"] ?? 0),
      duplicateCreates: sum((p) => p.simulator.duplicateCreates),
      missignedSent,
      missignedRejected,
      replaysSent,
      replaysRejected,
      // Every delivery the simulator corrupted or replayed on purpose must be refused.
      forgedOrReplayedAccepted:
        Math.max(0, missignedSent - missignedRejected) + Math.max(0, replaysSent - replaysRejected),
    },
  };
}

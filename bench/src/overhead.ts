// Part 1, overhead: submit+wait cycles through the SDK beside a minimal hand-written fetch loop
// making the same requests at the same fixed intervals, against the simulator in a child process
// (so process.cpuUsage counts the client only). Runs alternate A B A B … and medians are reported.
import { createClient, type FetchFn, type PollPolicy } from "@vidu-extend/node";
import { startChildSimulator } from "./sim-process.js";
import { baselineCreate, baselineWait } from "./baseline.js";
import { median, pool, round } from "./stats.js";

export interface OverheadResult {
  readonly cycles: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly runMs: number;
  readonly pollIntervalMs: number;
  readonly sdk: RunFigures;
  readonly baseline: RunFigures;
  readonly ratio: { readonly wall: number; readonly cpu: number; readonly requestsPerTask: number };
}

interface RunFigures {
  /** Medians over the rounds. */
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly requestsPerTask: number;
}

const RUN_MS = 50;
const INTERVAL_MS = 20;
const POLL: PollPolicy = { firstDelayMs: INTERVAL_MS, factor: 1, maxIntervalMs: INTERVAL_MS };
const PARAMS = { model: "viduq2_turbo_extend", video_url: "https://cdn.example.com/clip.mp4", duration: 5 } as const;

export async function runOverhead(
  options: { cycles?: number; concurrency?: number; rounds?: number } = {},
): Promise<OverheadResult> {
  const cycles = options.cycles ?? 300;
  const concurrency = options.concurrency ?? 10;
  const rounds = options.rounds ?? 7;
  const sim = await startChildSimulator({
    timing: { runMs: { viduq2_pro_extend: RUN_MS, viduq2_turbo_extend: RUN_MS }, tickMs: 10, callbackRetryMs: 100 },
    maxInProgressPerKey: 10_000,
  });
  try {
    let requests = 0;
    const counting: FetchFn = (request) => {
      requests++;
      return fetch(request);
    };
    const client = createClient({ baseUrl: sim.url, apiKey: sim.key, poll: POLL, fetch: counting });
    const sdkCycle = async (i: number) => {
      const task = await client.submit({ ...PARAMS, prompt: `sdk ${i}` });
      await client.wait(task.id, { timeoutMs: 60_000 });
    };
    const target = { url: sim.url, key: sim.key, fetch: counting };
    const baselineCycle = async (i: number) => {
      const id = await baselineCreate(target, { ...PARAMS, prompt: `base ${i}` });
      await baselineWait(target, id, () => INTERVAL_MS);
    };
    const measure = async (cycle: (i: number) => Promise<void>, warm = false) => {
      const n = warm ? 30 : cycles;
      requests = 0;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await pool(n, concurrency, cycle);
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, requestsPerTask: requests / n };
    };
    await measure(sdkCycle, true);
    await measure(baselineCycle, true);
    const sdkRuns: RunFigures[] = [];
    const baseRuns: RunFigures[] = [];
    for (let r = 0; r < rounds; r++) {
      globalThis.gc?.();
      // A B, then B A: alternate which goes first as well, so neither always follows the other.
      if (r % 2 === 0) {
        sdkRuns.push(await measure(sdkCycle));
        baseRuns.push(await measure(baselineCycle));
      } else {
        baseRuns.push(await measure(baselineCycle));
        sdkRuns.push(await measure(sdkCycle));
      }
    }
    const summary = (runs: RunFigures[]): RunFigures => ({
      wallMs: round(median(runs.map((x) => x.wallMs)), 1),
      cpuMs: round(median(runs.map((x) => x.cpuMs)), 1),
      requestsPerTask: round(median(runs.map((x) => x.requestsPerTask)), 2),
    });
    const sdk = summary(sdkRuns);
    const baseline = summary(baseRuns);
    return {
      cycles,
      concurrency,
      rounds,
      runMs: RUN_MS,
      pollIntervalMs: INTERVAL_MS,
      sdk,
      baseline,
      ratio: {
        wall: round(sdk.wallMs / baseline.wallMs),
        cpu: round(sdk.cpuMs / baseline.cpuMs),
        requestsPerTask: round(sdk.requestsPerTask / baseline.requestsPerTask),
      },
    };
  } finally {
    await sim.close();
  }
}

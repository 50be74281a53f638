// The measured process of part 2 (bundled by scale.ts and run with plain node, so no TypeScript
// loader sits in its memory): creates the tasks, then waits for all of them at once, sampling RSS
// and event-loop delay. Reports over IPC. Runs the SDK or the hand-written baseline (baseline.ts)
// on the same poll schedule; the baseline, and the SDK's "limited" run, through a fetch limited to
// maxInFlight requests; the SDK's "sdk" run through the same wrapper with no limit (the SDK bounds
// itself: maxReadsInFlight, maxCreatesInFlight).
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createClient, type FetchFn, type PollPolicy } from "@vidu-extend/node";
import { baselineCreate, baselineWait } from "./baseline.js";

export interface ScaleChildInput {
  readonly client: "sdk" | "sdk-limited" | "baseline";
  readonly url: string;
  readonly key: string;
  readonly tasks: number;
  readonly createConcurrency: number;
  readonly poll: PollPolicy;
  /** The deadline of each wait. */
  readonly timeoutMs: number;
  /** Requests in flight at once through the client's fetch (a semaphore); 0 = unlimited. */
  readonly maxInFlight: number;
}

export interface ScaleChildOutput {
  readonly rssAtStartMB: number;
  readonly rssAfterCreateMB: number;
  readonly peakRssMB: number;
  readonly peakHeapUsedMB: number;
  /** Heap after a forced full GC while every wait is under way (first reads in flight): the live set, garbage excluded. */
  readonly liveHeapDuringWaitsMB: number;
  readonly eventLoopDelayP99Ms: number;
  readonly eventLoopDelayMaxMs: number;
  readonly created: number;
  readonly completed: number;
  readonly failed: number;
  readonly errors: Readonly<Record<string, number>>;
  readonly createSeconds: number;
  readonly waitSeconds: number;
  readonly reads: number;
  /** From the simulator (added by scale.ts): creates recorded more than once, and creates recorded. */
  readonly duplicateCreates?: number;
  readonly recordedCreates?: number;
}

const MB = 1024 * 1024;

function limited(maxInFlight: number, onRequest: () => void): FetchFn {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (request) => {
    onRequest();
    if (maxInFlight > 0 && active >= maxInFlight) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      const response = await fetch(request);
      // Read the body inside the slot, so the socket is free for the next request.
      const body = await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

/** Submit and wait through the client being measured; only that one is built, so only it is counted. */
function clientUnderTest(input: ScaleChildInput, fetch: FetchFn) {
  const params = { model: "viduq2_turbo_extend", video_url: "https://cdn.example.com/clip.mp4", duration: 5 } as const;
  const { poll } = input;
  if (input.client !== "baseline") {
    const sdk = createClient({ baseUrl: input.url, apiKey: input.key, poll, fetch });
    return {
      submit: async (prompt: string) => (await sdk.submit({ ...params, prompt })).id,
      wait: (id: string) => sdk.wait(id, { timeoutMs: input.timeoutMs }),
    };
  }
  const target = { url: input.url, key: input.key, fetch };
  return {
    submit: (prompt: string) => baselineCreate(target, { ...params, prompt }),
    wait: (id: string) =>
      baselineWait(target, id, (check) => Math.min(poll.maxIntervalMs, poll.firstDelayMs * poll.factor ** check)),
  };
}

async function main(input: ScaleChildInput): Promise<ScaleChildOutput> {
  globalThis.gc?.();
  const rssAtStart = process.memoryUsage().rss;
  let peakRss = rssAtStart;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 50);
  let reads = 0;
  const limitedFetch = limited(input.maxInFlight, () => reads++);
  const { submit, wait } = clientUnderTest(input, limitedFetch);

  const t0 = performance.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: input.createConcurrency }, async () => {
      while (next < input.tasks) {
        const i = next++;
        ids.push(await submit(`scale ${i}`));
      }
    }),
  );
  const createSeconds = (performance.now() - t0) / 1000;
  const rssAfterCreate = process.memoryUsage().rss;
  reads = 0;

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t1 = performance.now();
  let liveHeap = 0;
  const probe = setTimeout(() => {
    globalThis.gc?.();
    liveHeap = process.memoryUsage().heapUsed;
  }, input.poll.firstDelayMs + 500);
  const errors: Record<string, number> = {};
  let completed = 0;
  let failed = 0;
  await Promise.all(
    ids.map((id) =>
      wait(id).then(
        () => void completed++,
        (error: { _tag?: string }) => {
          failed++;
          const tag = error._tag ?? String(error);
          errors[tag] = (errors[tag] ?? 0) + 1;
        },
      ),
    ),
  );
  const waitSeconds = (performance.now() - t1) / 1000;
  loop.disable();
  clearInterval(sampler);
  clearTimeout(probe);
  const final = process.memoryUsage();
  peakRss = Math.max(peakRss, final.rss);
  const r = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
  return {
    rssAtStartMB: r(rssAtStart),
    rssAfterCreateMB: r(rssAfterCreate),
    peakRssMB: r(peakRss),
    peakHeapUsedMB: r(Math.max(peakHeap, final.heapUsed)),
    liveHeapDuringWaitsMB: r(liveHeap),
    eventLoopDelayP99Ms: Math.round(loop.percentile(99) / 1e4) / 100,
    eventLoopDelayMaxMs: Math.round(loop.max / 1e4) / 100,
    created: ids.length,
    completed,
    failed,
    errors,
    createSeconds: Math.round(createSeconds * 10) / 10,
    waitSeconds: Math.round(waitSeconds * 10) / 10,
    reads,
  };
}

process.once("message", (input: ScaleChildInput) => {
  main(input).then(
    (output) => process.send?.({ ok: true, output }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }, () => process.exit(1)),
  );
});

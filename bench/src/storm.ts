// Part 7, a 429 storm: 1,000 waits through the SDK against a simulator that answers 30 % of reads
// with 429 and Retry-After. The client must pause every read while a Retry-After holds (one
// client-wide signal), so the figure is the number of reads SENT inside a window opened by a 429
// already received. Counted by a fetch wrapped around the SDK's, on the SDK's own clock (Date.now),
// in order of events: a read sent after a 429 arrived and before its Retry-After ran out counts.
import { createClient, type FetchFn, type LogEvent } from "@vidu-extend/node";
import { startChildSimulator } from "./sim-process.js";
import { pool, round } from "./stats.js";

export interface StormResult {
  readonly waits: number;
  readonly rate429: number;
  readonly retryAfterSeconds: number;
  readonly completed: number;
  readonly failed: number;
  readonly errors: Readonly<Record<string, number>>;
  readonly reads: number;
  readonly answers429: number;
  /** Pauses the SDK logged (a 429 received while a pause already held does not extend it unless it ends later). */
  readonly pauses: number;
  readonly readsSentDuringRetryAfter: number;
  readonly seconds: number;
  readonly target: number;
}

export async function runStorm(options: { waits?: number } = {}): Promise<StormResult> {
  const waits = options.waits ?? 1_000;
  const rate429 = 0.3;
  const retryAfterSeconds = 1;
  const sim = await startChildSimulator({
    timing: { runMs: { viduq2_pro_extend: 3_000, viduq2_turbo_extend: 3_000 }, tickMs: 100, callbackRetryMs: 1_000 },
    maxInProgressPerKey: waits,
    faults: { read: { rate429, retryAfterSeconds } },
  });
  try {
    let seq = 0;
    const sends: { readonly seq: number; readonly at: number }[] = [];
    const windows: { readonly seq: number; readonly end: number }[] = [];
    let answers429 = 0;
    const counting: FetchFn = async (request) => {
      const isRead = request.method === "GET";
      if (isRead) sends.push({ seq: seq++, at: Date.now() });
      const response = await fetch(request);
      if (isRead && response.status === 429) {
        answers429++;
        const at = Date.now();
        // The simulator sends Retry-After in whole seconds.
        const retryAfterMs = Number(response.headers.get("retry-after") ?? 0) * 1_000;
        windows.push({ seq: seq++, end: at + retryAfterMs });
      }
      return response;
    };
    let pauses = 0;
    const logger = (event: LogEvent) => {
      if (event.type === "pause") pauses++;
    };
    const client = createClient({
      baseUrl: sim.url,
      apiKey: sim.key,
      fetch: counting,
      logger,
      poll: { firstDelayMs: 3_000, factor: 1.5, maxIntervalMs: 4_000 },
    });
    const params = {
      model: "viduq2_turbo_extend",
      video_url: "https://cdn.example.com/clip.mp4",
      duration: 5,
    } as const;
    const ids = await pool(waits, 64, async (i) => (await client.submit({ ...params, prompt: `storm ${i}` })).id);
    const t0 = performance.now();
    const errors: Record<string, number> = {};
    let completed = 0;
    let failed = 0;
    await Promise.all(
      ids.map((id) =>
        client.wait(id, { timeoutMs: 600_000 }).then(
          () => void completed++,
          (error: { _tag?: string }) => {
            failed++;
            const tag = error._tag ?? String(error);
            errors[tag] = (errors[tag] ?? 0) + 1;
          },
        ),
      ),
    );
    const seconds = round((performance.now() - t0) / 1000, 1);
    await client.close();
    // A send inside a window: after the 429 that opened it (event order), before its end (clock).
    let inside = 0;
    for (const send of sends) {
      if (windows.some((w) => w.seq < send.seq && send.at < w.end)) inside++;
    }
    return {
      waits,
      rate429,
      retryAfterSeconds,
      completed,
      failed,
      errors,
      reads: sends.length,
      answers429,
      pauses,
      readsSentDuringRetryAfter: inside,
      seconds,
      target: 0,
    };
  } finally {
    await sim.close();
  }
}

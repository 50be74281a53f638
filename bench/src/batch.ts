// Part 7, batch: runBatch over 500 jobs against a simulator in a child process (every task runs
// ~1 s, at most 5 in progress per key, as upstream), with the Node file journal (fsync per entry
// group) on local disk. Slot utilisation compares the wall time with the ideal jobs × run time /
// concurrency; reads per job and the journal's cost per job come from the same run.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  createClient,
  fileJournal,
  runBatchPromise,
  type BatchJob,
  type BatchJournal,
  type BatchJournalEntry,
} from "@vidu-extend/node";
import { startChildSimulator } from "./sim-process.js";
import { round } from "./stats.js";

export interface BatchBenchResult {
  /** ISO time of this part's run (a partial run keeps the machine line of the last full one). */
  readonly measuredAt: string;
  readonly jobs: number;
  readonly concurrency: number;
  readonly runMs: number;
  readonly simulatorTickMs: number;
  readonly pollIntervalMs: number;
  readonly wallSeconds: number;
  readonly idealSeconds: number;
  /** ideal / wall. */
  readonly utilisation: number;
  /** (wall − ideal) × concurrency / jobs: what each job costs beyond its run time. */
  readonly overheadPerJobMs: number;
  readonly completed: number;
  readonly readsPerJob: number;
  readonly createsPerJob: number;
  readonly maxInProgressSeen: number;
  readonly duplicateCreates: number;
  /** The machine's 1-minute load average before and after: the slots' overhead is mostly scheduling delay. */
  readonly loadAverage: { readonly before: number; readonly after: number };
  readonly journal: {
    readonly entriesPerJob: number;
    readonly bytesPerJob: number;
    /** Mean time from append to durable (write + fsync), per kind of entry. */
    readonly meanAppendMs: Readonly<Record<string, number>>;
    /** On a job's critical path: its create waits until its "submitting" entry is durable. */
    readonly criticalPathPerJobMs: number;
  };
}

const JOBS = Number(process.env["BATCH_BENCH_JOBS"] ?? 500);
const CONCURRENCY = 5;
const RUN_MS = 1_000;
const TICK_MS = 5;
const POLL_MS = 20;

/** Times every append, by entry type. */
function timed(journal: BatchJournal) {
  const totals = new Map<string, { count: number; ms: number }>();
  const wrapped: BatchJournal = {
    replay: () => journal.replay(),
    append: async (entry: BatchJournalEntry) => {
      const t0 = performance.now();
      await journal.append(entry);
      const total = totals.get(entry.type) ?? { count: 0, ms: 0 };
      total.count++;
      total.ms += performance.now() - t0;
      totals.set(entry.type, total);
    },
  };
  return { wrapped, totals };
}

export async function runBatchBench(): Promise<BatchBenchResult> {
  const sim = await startChildSimulator({
    timing: {
      runMs: { viduq2_pro_extend: RUN_MS, viduq2_turbo_extend: RUN_MS },
      tickMs: TICK_MS,
      callbackRetryMs: 100,
    },
    maxInProgressPerKey: CONCURRENCY,
  });
  const dir = await mkdtemp(join(tmpdir(), "vidu-bench-batch-"));
  try {
    const path = join(dir, "journal.jsonl");
    const file = fileJournal(path);
    const { wrapped, totals } = timed(file);
    const jobs: BatchJob[] = Array.from({ length: JOBS }, (_, n) => ({
      model: n % 2 === 0 ? "viduq2_turbo_extend" : "viduq2_pro_extend",
      video_url: "https://cdn.example.com/clips/beach-5s.mp4",
      payload: `bench-${n}`,
      key: `job-${n}`,
    }));
    const client = createClient({ apiKey: sim.key, baseUrl: sim.url });
    const loadBefore = loadavg()[0] as number;
    const t0 = performance.now();
    const report = await runBatchPromise(client, jobs, {
      concurrency: CONCURRENCY,
      journal: wrapped,
      wait: { poll: { firstDelayMs: POLL_MS, factor: 1, maxIntervalMs: POLL_MS } },
    });
    const wallMs = performance.now() - t0;
    await file.close();
    const stats = await sim.stats();
    const idealMs = (JOBS * RUN_MS) / CONCURRENCY;
    const mean = (type: string) => {
      const t = totals.get(type);
      return t === undefined || t.count === 0 ? 0 : t.ms / t.count;
    };
    const entries = [...totals.values()].reduce((sum, t) => sum + t.count, 0);
    return {
      measuredAt: new Date().toISOString(),
      jobs: JOBS,
      concurrency: CONCURRENCY,
      runMs: RUN_MS,
      simulatorTickMs: TICK_MS,
      pollIntervalMs: POLL_MS,
      wallSeconds: round(wallMs / 1000),
      idealSeconds: round(idealMs / 1000),
      utilisation: round(idealMs / wallMs, 4),
      overheadPerJobMs: round(((wallMs - idealMs) * CONCURRENCY) / JOBS, 1),
      completed: report.counts.completed,
      readsPerJob: round(stats.reads / JOBS, 1),
      createsPerJob: round(stats.creates / JOBS, 3),
      maxInProgressSeen: stats.maxInProgressSeen,
      duplicateCreates: stats.duplicateCreates,
      loadAverage: { before: round(loadBefore), after: round(loadavg()[0] as number) },
      journal: {
        entriesPerJob: round(entries / JOBS, 2),
        bytesPerJob: Math.round((await stat(path)).size / JOBS),
        meanAppendMs: Object.fromEntries([...totals.keys()].map((type) => [type, round(mean(type), 2)])),
        criticalPathPerJobMs: round(mean("submitting"), 2),
      },
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

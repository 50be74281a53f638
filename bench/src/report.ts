// Writes the figures: bench/RESULTS.md (tables) and bench/results.json (everything).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { OVERHEAD_TARGETS } from "./budgets.js";
import type { BatchBenchResult } from "./batch.js";
import type { CallbacksResult } from "./callbacks.js";
import type { Machine } from "./machine.js";
import type { OverheadResult } from "./overhead.js";
import type { PollingResult } from "./polling.js";
import { MEAN_SPREAD_S } from "./polling-spread.js";
import type { ScaleResult } from "./scale.js";
import type { SizeResult } from "./size.js";
import type { SoakResult } from "./soak.js";
import type { StormResult } from "./storm.js";
import { round } from "./stats.js";

export interface Results {
  machine: Machine;
  durationSeconds?: number;
  overhead?: OverheadResult;
  scale?: ScaleResult;
  polling?: PollingResult;
  size?: SizeResult;
  callbacks?: CallbacksResult;
  soak?: SoakResult;
  storm?: StormResult;
  /** When each part was measured: a run of some parts (`--only`) keeps the others from the previous results.json. */
  measuredAt?: Record<string, string>;
  batch?: BatchBenchResult;
  errors: Record<string, string>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB (${bytes} B)`;
const mark = (ok: boolean) => (ok ? "met" : "**missed**");

function renderMarkdown(r: Results): string {
  const m = r.machine;
  const out: string[] = [
    "# Benchmark results",
    "",
    `Measured ${m.date} on ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (${m.platform})` +
      (r.durationSeconds === undefined ? "." : `; the whole run took ${r.durationSeconds} s.`),
    ...Object.entries(r.measuredAt ?? {})
      .filter(([, date]) => date !== m.date)
      .map(
        ([part, date]) =>
          `The ${part} part is from an earlier run (${date}), kept by a run of other parts (\`--only\`).`,
      ),
    "Figures, not pass/fail tests: every speed figure is a ratio against a baseline measured in the same run. Regenerate with `pnpm bench`.",
    "",
  ];
  if (r.overhead !== undefined) {
    const o = r.overhead;
    out.push(
      `## 1. Client overhead (SDK vs hand-written fetch loop; targets: wall ≤ ${OVERHEAD_TARGETS.wall}×, CPU ≤ ${OVERHEAD_TARGETS.cpu}×)`,
      "",
      `${o.cycles} submit+wait cycles per run, ${o.concurrency} at a time, simulator in a child process (runMs ${o.runMs} ms, tick 10 ms), both polling every ${o.pollIntervalMs} ms; ${o.rounds} alternating rounds (ABBA…), medians.`,
      "",
      table(
        ["", "SDK", "baseline", "SDK / baseline", "target"],
        [
          [
            "wall time (ms)",
            o.sdk.wallMs,
            o.baseline.wallMs,
            `${o.ratio.wall}×`,
            mark(o.ratio.wall <= OVERHEAD_TARGETS.wall),
          ],
          [
            "CPU time, user+system (ms)",
            o.sdk.cpuMs,
            o.baseline.cpuMs,
            `${o.ratio.cpu}×`,
            mark(o.ratio.cpu <= OVERHEAD_TARGETS.cpu),
          ],
          ["requests per task", o.sdk.requestsPerTask, o.baseline.requestsPerTask, `${o.ratio.requestsPerTask}×`, "—"],
        ],
      ),
      "",
    );
  }
  if (r.scale !== undefined) {
    const s = r.scale;
    const { sdk, baseline } = s;
    const free = s.sdkNoLimiter;
    const ratio = (a: number, b: number) => `${round(a / b)}×`;
    const outcome = (x: typeof sdk) =>
      `${x.completed} / ${s.tasks} (failed ${x.failed}${Object.keys(x.errors).length > 0 ? `: ${JSON.stringify(x.errors)}` : ""})`;
    const row = (
      figure: string,
      value: (x: typeof sdk) => string | number,
      compare?: (x: typeof sdk) => number,
      target = "—",
    ): (string | number)[] => [
      figure,
      ...(free === undefined ? [] : [value(free)]),
      value(sdk),
      value(baseline),
      compare === undefined ? "—" : ratio(compare(free ?? sdk), compare(baseline)),
      target,
    ];
    out.push(
      "## 2. Scale: 10,000 concurrent waits in one Node process (targets: all complete; peak RSS and live heap ≤ 1.0× the hand-written client; event-loop p99 no worse)",
      "",
      `${s.tasks} tasks created first (${s.createConcurrency} submits at a time), then ${s.tasks} waits at once, each against a fresh simulator in its own child process (runMs ${s.runMs} ms, maxInProgressPerKey ${s.tasks}). The client runs in another child, as bundled JS with plain node so no TS loader is counted. Poll schedule: first ${s.poll.firstDelayMs} ms, ×${s.poll.factor}, cap ${s.poll.maxIntervalMs} ms. Runs: the SDK as a user calls it, with no limiter of the bench's own (its watcher bounds reads with maxReadsInFlight, creates with maxCreatesInFlight)${free === undefined ? " (not measured in this run)" : ""}; the SDK behind the bench's fetch limiter of ${s.maxInFlight} requests (the setting of the earlier figures); the hand-written baseline (plain fetch, same requests, same schedule, no retries or timeouts) behind that limiter.`,
      "",
      table(
        [
          "figure",
          ...(free === undefined ? [] : ["SDK, no bench limiter"]),
          `SDK, bench limiter ${s.maxInFlight}`,
          `baseline, limiter ${s.maxInFlight}`,
          `${free === undefined ? "SDK" : "SDK (no limiter)"}/baseline`,
          "target",
        ],
        [
          row("tasks completed", outcome, undefined, mark((free ?? sdk).completed === s.tasks)),
          row(
            "peak RSS (MB)",
            (x) => x.peakRssMB,
            (x) => x.peakRssMB,
            mark((free ?? sdk).peakRssMB <= baseline.peakRssMB),
          ),
          row(
            "live heap during the waits, after a full GC (MB)",
            (x) => x.liveHeapDuringWaitsMB,
            (x) => x.liveHeapDuringWaitsMB,
            mark((free ?? sdk).liveHeapDuringWaitsMB <= baseline.liveHeapDuringWaitsMB),
          ),
          row(
            "peak heap used, garbage included (MB)",
            (x) => x.peakHeapUsedMB,
            (x) => x.peakHeapUsedMB,
          ),
          row("RSS at start / after creating the tasks (MB)", (x) => `${x.rssAtStartMB} / ${x.rssAfterCreateMB}`),
          row("create / wait phase (s)", (x) => `${x.createSeconds} / ${x.waitSeconds}`),
          row(
            "event-loop delay p99 / max (ms)",
            (x) => `${x.eventLoopDelayP99Ms} / ${x.eventLoopDelayMaxMs}`,
            (x) => x.eventLoopDelayP99Ms,
            mark((free ?? sdk).eventLoopDelayP99Ms <= baseline.eventLoopDelayP99Ms),
          ),
          row(
            "reads during the waits",
            (x) => x.reads,
            (x) => x.reads,
          ),
          row(
            "creates recorded / duplicates (simulator)",
            (x) => `${x.recordedCreates ?? "—"} / ${x.duplicateCreates ?? "—"}`,
            undefined,
            mark((free ?? sdk).duplicateCreates === 0 && (free ?? sdk).recordedCreates === s.tasks),
          ),
        ],
      ),
      "",
    );
  }
  if (r.polling !== undefined) {
    const p = r.polling;
    const names = p.mean.map((x) => x.name);
    out.push(
      "## 3. Polling efficiency (computed from core's `pollDelay`, simulated clock)",
      "",
      "Detection delay (s) / polls per task, for a task finishing at T:",
      "",
      table(
        ["T (s)", ...names],
        [
          ...p.rows.map((row) => [row.finishS, ...row.schedules.map((s) => `${s.detectionDelayS} / ${s.polls}`)]),
          [
            `mean, T uniform ${MEAN_SPREAD_S.from}–${MEAN_SPREAD_S.to} s`,
            ...p.mean.map((s) => `${s.detectionDelayS} / ${s.polls}`),
          ],
        ],
      ),
      "",
      ...p.notes.map((n) => `- ${n}`),
      ...(p.callbackReadsPerTask === undefined
        ? []
        : [
            `- With callbacks, the SDK's mean reads per task over T uniform 5–120 s, the confirming read included: **${p.callbackReadsPerTask}** (budget ≤ ${p.callbackReadsBudget}: ${mark(p.callbackReadsPerTask <= (p.callbackReadsBudget ?? 2))}); the wait settles one read after the callback.`,
          ]),
      "",
    );
  }
  if (r.size !== undefined) {
    out.push(
      "## 4. Size (submit+wait entry; esbuild bundle+minify ESM, gzip -9)",
      "",
      table(
        ["entry", "platform", "min", "min+gzip", "budget", "verdict"],
        r.size.rows.map((row) => [
          row.entry,
          row.platform,
          kB(row.minBytes),
          kB(row.gzipBytes),
          row.budgetBytes === undefined ? "tracked" : kB(row.budgetBytes),
          row.withinBudget === undefined ? "—" : mark(row.withinBudget),
        ]),
      ),
      "",
      ...r.size.skipped.map((s) => `- skipped ${s}`),
      "- `pnpm --filter @vidu-extend/bench size:check` exits 1 on any budget exceeded; `npm test` (and so CI) runs it after the build. The browser budget is the project's 40 kB target for a page (bench/src/budgets.ts); the others are regression guards about 10% above their size when set.",
      "",
    );
  }
  if (r.callbacks !== undefined) {
    const c = r.callbacks;
    out.push(
      `## 5. Callback verification on Node (target ≥ ${c.target.toLocaleString("en")}/s)`,
      "",
      `${c.n} deliveries signed up front with \`signCallback\`, verified with \`verifyCallback\` and a fresh \`memoryNonceStore\` sized to N; baseline: ${c.uncachedN} deliveries each signed with its own secret (key cache defeated).`,
      "",
      table(
        [
          "mode",
          "cached key (/s)",
          "new secret each time (/s)",
          "cached / uncached",
          "bare subtle.verify (/s)",
          "target",
        ],
        [
          [
            "one at a time",
            c.sequential.cachedPerSecond,
            c.sequential.uncachedPerSecond,
            `${c.sequential.ratio}×`,
            c.rawWebCrypto.sequentialPerSecond,
            mark(c.sequential.cachedPerSecond >= c.target),
          ],
          [
            `${c.concurrent.inFlight} in flight`,
            c.concurrent.cachedPerSecond,
            c.concurrent.uncachedPerSecond,
            `${c.concurrent.ratio}×`,
            c.rawWebCrypto.concurrentPerSecond,
            mark(c.concurrent.cachedPerSecond >= c.target),
          ],
        ],
      ),
      "",
    );
  }
  if (r.soak !== undefined) {
    const t = r.soak.totals;
    out.push(
      "## 6. Fault soak (target: every task known, 0 client-caused duplicate creates, 0 forged/replayed callbacks accepted)",
      "",
      table(
        ["figure", "value", "target"],
        [
          ["tasks", t.tasks, "≥ 1,000"],
          [
            "ended known (completed / TaskFailed / AmbiguousSubmit)",
            `${t.known} (${t.completed} / ${t.failed} / ${t.ambiguous})`,
            mark(t.unknown === 0 && t.tasks >= 1000),
          ],
          ["duplicate creates (simulator stats)", t.duplicateCreates, mark(t.duplicateCreates === 0)],
          [
            "mis-signed deliveries sent / rejected",
            `${t.missignedSent} / ${t.missignedRejected}`,
            mark(t.missignedSent === t.missignedRejected),
          ],
          [
            "replayed deliveries sent / rejected",
            `${t.replaysSent} / ${t.replaysRejected}`,
            mark(t.replaysSent === t.replaysRejected),
          ],
          ["forged or replayed accepted", t.forgedOrReplayedAccepted, mark(t.forgedOrReplayedAccepted === 0)],
        ],
      ),
      "",
      ...r.soak.phases.map(
        (p) =>
          `- phase (create Retry-After ${p.createRetryAfterSeconds} s): ${p.tasks} tasks in ${p.seconds} s, outcomes ${JSON.stringify(p.outcomes)}, receiver accepted ${p.receiver.accepted}, rejected ${JSON.stringify(p.receiver.rejected)}; simulator faults ${JSON.stringify(p.simulator.faults)}, callbacks ${JSON.stringify(p.simulator.callbacks)}`,
      ),
      "",
    );
  }
  if (r.storm !== undefined) {
    const t = r.storm;
    out.push(
      `## 7. 429 storm (target: ${t.target} reads sent during Retry-After windows)`,
      "",
      `${t.waits} waits through the SDK; the simulator answers ${t.rate429 * 100} % of reads with 429 and Retry-After: ${t.retryAfterSeconds} s. A fetch wrapped around the SDK's counts, on the SDK's clock and in event order, every read sent after a 429 arrived and before its Retry-After ran out.`,
      "",
      table(
        ["figure", "value", "target"],
        [
          [
            "waits completed",
            `${t.completed} / ${t.waits} (failed ${t.failed}${t.failed > 0 ? `: ${JSON.stringify(t.errors)}` : ""})`,
            mark(t.completed === t.waits),
          ],
          ["reads sent / answered 429", `${t.reads} / ${t.answers429}`, "—"],
          ["client-wide pauses logged", t.pauses, "—"],
          [
            "reads sent during a Retry-After window",
            t.readsSentDuringRetryAfter,
            mark(t.readsSentDuringRetryAfter <= t.target),
          ],
          ["wait phase (s)", t.seconds, "—"],
        ],
      ),
      "",
    );
  }
  if (r.batch !== undefined) {
    const b = r.batch;
    out.push(
      `## 8. Batch: ${b.jobs} jobs through runBatch (target: slot utilisation ≥ 95 % of the ideal)`,
      "",
      `\`runBatchPromise\` with the Node file journal (fsync before each create and after its answer) on local disk, concurrency ${b.concurrency}, against a simulator in a child process (every task runs ${b.runMs} ms, tick ${b.simulatorTickMs} ms, at most ${b.concurrency} in progress per key), reading each task every ${b.pollIntervalMs} ms. Ideal = jobs × run time / concurrency. Measured ${b.measuredAt}; machine load average (1 min) ${b.loadAverage.before} before, ${b.loadAverage.after} after.`,
      "",
      table(
        ["figure", "value", "target"],
        [
          ["jobs completed", `${b.completed} / ${b.jobs}`, mark(b.completed === b.jobs)],
          ["wall time / ideal (s)", `${b.wallSeconds} / ${b.idealSeconds}`, "—"],
          ["slot utilisation (ideal / wall)", `${round(b.utilisation * 100, 1)} %`, mark(b.utilisation >= 0.95)],
          ["overhead per job beyond its run time (ms)", b.overheadPerJobMs, "—"],
          ["reads per job", b.readsPerJob, "—"],
          [
            "creates per job / duplicate creates",
            `${b.createsPerJob} / ${b.duplicateCreates}`,
            mark(b.duplicateCreates === 0),
          ],
          [
            "most tasks in progress at once (simulator)",
            b.maxInProgressSeen,
            mark(b.maxInProgressSeen <= b.concurrency),
          ],
          ["journal entries / bytes per job", `${b.journal.entriesPerJob} / ${b.journal.bytesPerJob}`, "—"],
          [
            "journal append to durable, mean (ms)",
            Object.entries(b.journal.meanAppendMs)
              .map(([type, ms]) => `${type} ${ms}`)
              .join(", "),
            "—",
          ],
          ["journal time before each create (its entry durable, ms)", b.journal.criticalPathPerJobMs, "—"],
        ],
      ),
      "",
    );
  }
  for (const [part, error] of Object.entries(r.errors))
    out.push(`## ${part}: did not finish`, "", "```", error, "```", "");
  return out.join("\n");
}

/** The previous results.json, with every part dated (parts measured before dates were kept take its machine date). */
export function readPrevious(): Results | undefined {
  const file = join(root, "results.json");
  if (!existsSync(file)) return undefined;
  const previous = JSON.parse(readFileSync(file, "utf8")) as Results;
  const parts = ["overhead", "scale", "polling", "size", "callbacks", "soak", "storm", "batch"] as const;
  const measuredAt: Record<string, string> = { ...previous.measuredAt };
  for (const part of parts) if (previous[part] !== undefined) measuredAt[part] ??= previous.machine.date;
  return { ...previous, measuredAt, errors: {} };
}

export function writeResults(results: Results): void {
  writeFileSync(join(root, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(root, "RESULTS.md"), renderMarkdown(results));
}

// Writes the figures: bench/RESULTS.md (tables) and bench/results.json (everything).
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CallbacksResult } from "./callbacks.js";
import type { Machine } from "./machine.js";
import type { OverheadResult } from "./overhead.js";
import type { PollingResult } from "./polling.js";
import { MEAN_SPREAD_S } from "./polling-spread.js";
import type { ScaleResult } from "./scale.js";
import type { SizeResult } from "./size.js";
import type { SoakResult } from "./soak.js";
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
    "Figures, not pass/fail tests: every speed figure is a ratio against a baseline measured in the same run. Regenerate with `pnpm bench`.",
    "",
  ];
  if (r.overhead !== undefined) {
    const o = r.overhead;
    out.push(
      "## 1. Client overhead (SDK vs hand-written fetch loop; target ≤ 1.2×)",
      "",
      `${o.cycles} submit+wait cycles per run, ${o.concurrency} at a time, simulator in a child process (runMs ${o.runMs} ms, tick 10 ms), both polling every ${o.pollIntervalMs} ms; ${o.rounds} alternating rounds (ABBA…), medians.`,
      "",
      table(
        ["", "SDK", "baseline", "SDK / baseline", "target"],
        [
          ["wall time (ms)", o.sdk.wallMs, o.baseline.wallMs, `${o.ratio.wall}×`, mark(o.ratio.wall <= 1.2)],
          ["CPU time, user+system (ms)", o.sdk.cpuMs, o.baseline.cpuMs, `${o.ratio.cpu}×`, mark(o.ratio.cpu <= 1.2)],
          ["requests per task", o.sdk.requestsPerTask, o.baseline.requestsPerTask, `${o.ratio.requestsPerTask}×`, "—"],
        ],
      ),
      "",
    );
  }
  if (r.scale !== undefined) {
    const s = r.scale;
    const { sdk, baseline } = s;
    const ratio = (a: number, b: number) => `${round(a / b)}×`;
    const outcome = (x: typeof sdk) =>
      `${x.completed} / ${s.tasks} (failed ${x.failed}${Object.keys(x.errors).length > 0 ? `: ${JSON.stringify(x.errors)}` : ""})`;
    out.push(
      "## 2. Scale: 10,000 concurrent waits in one Node process (target: all complete, peak RSS ≤ 150 MB)",
      "",
      `${s.tasks} tasks created first (${s.createConcurrency} submits at a time), then ${s.tasks} waits at once; once through the SDK (\`submit\`, \`wait\`) and once through the hand-written baseline (plain fetch, same requests, same schedule, no retries or timeouts), each against a fresh simulator in its own child process (runMs ${s.runMs} ms, maxInProgressPerKey ${s.tasks}). The client runs in another child, as bundled JS with plain node so no TS loader is counted. Poll schedule: first ${s.poll.firstDelayMs} ms, ×${s.poll.factor}, cap ${s.poll.maxIntervalMs} ms (≈ 2,500–5,000 reads/s on one simulator); both clients' fetch is limited to ${s.maxInFlight} requests in flight (keep-alive sockets are reused instead of opening 10,000).`,
      "",
      table(
        ["figure", "SDK", "baseline", "SDK/baseline", "target"],
        [
          ["tasks completed", outcome(sdk), outcome(baseline), "—", mark(sdk.completed === s.tasks)],
          [
            "peak RSS (MB)",
            sdk.peakRssMB,
            baseline.peakRssMB,
            ratio(sdk.peakRssMB, baseline.peakRssMB),
            mark(sdk.peakRssMB <= s.targetRssMB),
          ],
          [
            "live heap during the waits, after a full GC (MB)",
            sdk.liveHeapDuringWaitsMB,
            baseline.liveHeapDuringWaitsMB,
            ratio(sdk.liveHeapDuringWaitsMB, baseline.liveHeapDuringWaitsMB),
            "—",
          ],
          [
            "peak heap used, garbage included (MB)",
            sdk.peakHeapUsedMB,
            baseline.peakHeapUsedMB,
            ratio(sdk.peakHeapUsedMB, baseline.peakHeapUsedMB),
            "—",
          ],
          [
            "RSS at start / after creating the tasks (MB)",
            `${sdk.rssAtStartMB} / ${sdk.rssAfterCreateMB}`,
            `${baseline.rssAtStartMB} / ${baseline.rssAfterCreateMB}`,
            "—",
            "—",
          ],
          [
            "create / wait phase (s)",
            `${sdk.createSeconds} / ${sdk.waitSeconds}`,
            `${baseline.createSeconds} / ${baseline.waitSeconds}`,
            "—",
            "—",
          ],
          [
            "event-loop delay p99 / max (ms)",
            `${sdk.eventLoopDelayP99Ms} / ${sdk.eventLoopDelayMaxMs}`,
            `${baseline.eventLoopDelayP99Ms} / ${baseline.eventLoopDelayMaxMs}`,
            "—",
            "—",
          ],
          ["reads during the waits", sdk.reads, baseline.reads, ratio(sdk.reads, baseline.reads), "—"],
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
  for (const [part, error] of Object.entries(r.errors))
    out.push(`## ${part}: did not finish`, "", "```", error, "```", "");
  return out.join("\n");
}

export function writeResults(results: Results): void {
  writeFileSync(join(root, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(root, "RESULTS.md"), renderMarkdown(results));
}

// The root README's performance table, generated from bench/results.json so that it always quotes
// the run it names. `pnpm generate` rewrites the part of README.md between the markers;
// scripts/check-generated.sh fails CI when the committed README differs from what this writes.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { OVERHEAD_TARGETS, SIZE_BUDGETS } from "./budgets.js";
import { MEAN_SPREAD_S } from "./polling-spread.js";
import type { Results } from "./report.js";

const BEGIN = "<!-- performance:begin (generated from bench/results.json by bench/src/readme-performance.ts) -->";
const END = "<!-- performance:end -->";

const count = (n: number) => n.toLocaleString("en-US");
const mb = (n: number) => `${Math.round(n)} MB`;
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const met = (ok: boolean) => (ok ? "met" : "missed");
const perSecond = (n: number) => `${count(n)}/s`;

function rows(r: Results): string[][] {
  const out: string[][] = [];
  const o = r.overhead;
  if (o !== undefined) {
    out.push([
      "submit+wait overhead vs a hand-written fetch loop (same requests)",
      `wall ${o.ratio.wall}×, CPU ${o.ratio.cpu}×, requests ${o.ratio.requestsPerTask}×`,
      `wall ≤ ${OVERHEAD_TARGETS.wall}× (${met(o.ratio.wall <= OVERHEAD_TARGETS.wall)}), CPU ≤ ${OVERHEAD_TARGETS.cpu}× (${met(o.ratio.cpu <= OVERHEAD_TARGETS.cpu)})`,
    ]);
  }
  const s = r.scale;
  if (s !== undefined) {
    // The SDK as a user calls it (no limiter of the bench's own) when measured, else behind the bench's.
    const sdk = s.sdkNoLimiter ?? s.sdk;
    const b = s.baseline;
    const all = sdk.completed === s.tasks;
    const within = sdk.peakRssMB <= b.peakRssMB && sdk.liveHeapDuringWaitsMB <= b.liveHeapDuringWaitsMB;
    out.push([
      `${count(s.tasks)} concurrent waits in one process${s.sdkNoLimiter === undefined ? "" : ", no limiter around the SDK"}`,
      `${all ? "all " : ""}${count(sdk.completed)} completed; peak RSS ${mb(sdk.peakRssMB)} (baseline ${mb(b.peakRssMB)}); live heap ${mb(sdk.liveHeapDuringWaitsMB)} (baseline ${mb(b.liveHeapDuringWaitsMB)}); event-loop p99 ${Math.round(sdk.eventLoopDelayP99Ms)} ms (baseline ${Math.round(b.eventLoopDelayP99Ms)} ms)`,
      `all complete (${met(all)}); peak RSS and live heap ≤ 1.0× the baseline's (${met(within)})`,
    ]);
  }
  const p = r.polling;
  if (p !== undefined) {
    const figures = p.mean.map((m) => `${m.name.split(" (")[0]} ${m.detectionDelayS} s / ${m.polls}`);
    out.push([
      `polling: mean detection delay / polls per task, tasks finishing at ${MEAN_SPREAD_S.from}–${MEAN_SPREAD_S.to} s`,
      figures.join("; "),
      p.callbackReadsPerTask === undefined
        ? "—"
        : `with callbacks ≤ ${p.callbackReadsBudget ?? 2} reads per task, the confirming read included (${met(p.callbackReadsPerTask <= (p.callbackReadsBudget ?? 2))})`,
    ]);
  }
  const z = r.size;
  if (z !== undefined) {
    const browserBudget = SIZE_BUDGETS["browser"];
    const browser = z.rows.find((row) => row.entry === "browser");
    out.push([
      "min+gzip of a submit+wait entry (KiB)",
      z.rows.map((row) => `${row.entry} ${kib(row.gzipBytes)}`).join(", "),
      browserBudget === undefined || browser === undefined
        ? "—"
        : `browser ≤ ${browserBudget / 1000} kB (${met(browser.gzipBytes <= browserBudget)}; CI enforces it)`,
    ]);
  }
  const c = r.callbacks;
  if (c !== undefined) {
    out.push([
      "callback verification on Node",
      `${perSecond(c.concurrent.cachedPerSecond)} with ${c.concurrent.inFlight} in flight (${c.concurrent.ratio}× the uncached-key baseline); ${perSecond(c.sequential.cachedPerSecond)} one at a time (bare \`subtle.verify\` one at a time: ${perSecond(c.rawWebCrypto.sequentialPerSecond)})`,
      `≥ ${perSecond(c.target)} (${met(c.concurrent.cachedPerSecond >= c.target)})`,
    ]);
  }
  const t = r.storm;
  if (t !== undefined) {
    out.push([
      `429 storm: ${count(t.waits)} waits, ${t.rate429 * 100} % of reads answered 429 with Retry-After`,
      `${count(t.completed)} completed; ${t.readsSentDuringRetryAfter} reads sent during a Retry-After window (${count(t.reads)} reads, ${t.answers429} answered 429, ${t.pauses} client-wide pauses)`,
      `${t.target} (${met(t.readsSentDuringRetryAfter <= t.target)})`,
    ]);
  }
  const k = r.soak?.totals;
  if (k !== undefined) {
    const ok = k.unknown === 0 && k.duplicateCreates === 0 && k.forgedOrReplayedAccepted === 0;
    out.push([
      `fault soak, ${count(k.tasks)} tasks, faults on`,
      `${k.known === k.tasks ? "every task known" : `${k.unknown} tasks unknown`} (${count(k.completed)} completed, ${k.failed} failed, ${k.ambiguous} ambiguous); ${k.duplicateCreates} duplicate creates; ${k.missignedSent - k.missignedRejected} of ${k.missignedSent} forged and ${k.replaysSent - k.replaysRejected} of ${k.replaysSent} replayed callbacks accepted`,
      met(ok),
    ]);
  }
  const b = r.batch;
  if (b !== undefined) {
    out.push([
      `batch of ${count(b.jobs)} jobs (~${b.runMs / 1000} s each, cap ${b.concurrency}) with the file journal`,
      `slot utilisation ${Math.round(b.utilisation * 1000) / 10} % of the ideal; ${b.readsPerJob} reads and ${b.journal.entriesPerJob} journal entries (${b.journal.bytesPerJob} B, ${b.journal.criticalPathPerJobMs} ms before its create) per job; ${b.duplicateCreates} duplicate creates`,
      `≥ 95 % (${met(b.utilisation >= 0.95)})`,
    ]);
  }
  return out;
}

/** The generated block, markers included. */
function performanceSection(r: Results): string {
  const m = r.machine;
  const lines = [
    BEGIN,
    `Figures from the run of ${m.date.slice(0, 10)} (${m.cpuModel}, ${m.cores} cores, Node ${m.node}):`,
    "",
    "| what | figure | target |",
    "| --- | --- | --- |",
    ...rows(r).map((row) => `| ${row.join(" | ")} |`),
    END,
  ];
  return lines.join("\n");
}

/** README.md with its block replaced; throws when the markers are missing. */
function withPerformanceSection(readme: string, r: Results): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md: the markers ${BEGIN} … ${END} are missing`);
  return readme.slice(0, start) + performanceSection(r) + readme.slice(end + END.length);
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = JSON.parse(readFileSync(join(root, "bench", "results.json"), "utf8")) as Results;
  const path = join(root, "README.md");
  const before = readFileSync(path, "utf8");
  const after = withPerformanceSection(before, results);
  if (after !== before) writeFileSync(path, after);
}

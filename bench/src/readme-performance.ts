// The root README's performance table, generated from bench/results.json so that it always quotes
// the run it names. `pnpm generate` rewrites the part of README.md between the markers;
// scripts/check-generated.sh fails CI when the committed README differs from what this writes.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SIZE_BUDGETS } from "./budgets.js";
import { MEAN_SPREAD_S } from "./polling-spread.js";
import type { Results } from "./report.js";

const BEGIN = "<!-- performance:begin (generated from bench/results.json by bench/src/readme-performance.ts) -->";
const END = "<!-- performance:end -->";

/** The overhead target, as bench/RESULTS.md states it. */
const OVERHEAD_TARGET = 1.2;

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
      `≤ ${OVERHEAD_TARGET}×: wall ${met(o.ratio.wall <= OVERHEAD_TARGET)}, CPU ${met(o.ratio.cpu <= OVERHEAD_TARGET)}`,
    ]);
  }
  const s = r.scale;
  if (s !== undefined) {
    const all = s.sdk.completed === s.tasks;
    out.push([
      `${count(s.tasks)} concurrent waits in one process`,
      `${all ? "all " : ""}${count(s.sdk.completed)} completed; peak RSS ${mb(s.sdk.peakRssMB)} (baseline ${mb(s.baseline.peakRssMB)}); live heap ${mb(s.sdk.liveHeapDuringWaitsMB)} (baseline ${mb(s.baseline.liveHeapDuringWaitsMB)}); event-loop p99 ${Math.round(s.sdk.eventLoopDelayP99Ms)} ms`,
      `all complete (${met(all)}); peak RSS ≤ ${s.targetRssMB} MB (${met(s.sdk.peakRssMB <= s.targetRssMB)})`,
    ]);
  }
  const p = r.polling;
  if (p !== undefined) {
    const figures = p.mean.map((m) => `${m.name.split(" (")[0]} ${m.detectionDelayS} s / ${m.polls}`);
    out.push([
      `polling: mean detection delay / polls per task, tasks finishing at ${MEAN_SPREAD_S.from}–${MEAN_SPREAD_S.to} s`,
      figures.join("; "),
      "—",
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
  const k = r.soak?.totals;
  if (k !== undefined) {
    const ok = k.unknown === 0 && k.duplicateCreates === 0 && k.forgedOrReplayedAccepted === 0;
    out.push([
      `fault soak, ${count(k.tasks)} tasks, faults on`,
      `${k.known === k.tasks ? "every task known" : `${k.unknown} tasks unknown`} (${count(k.completed)} completed, ${k.failed} failed, ${k.ambiguous} ambiguous); ${k.duplicateCreates} duplicate creates; ${k.missignedSent - k.missignedRejected} of ${k.missignedSent} forged and ${k.replaysSent - k.replaysRejected} of ${k.replaysSent} replayed callbacks accepted`,
      met(ok),
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

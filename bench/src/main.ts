// `pnpm bench`: every part in order (or `--only overhead,size`), then RESULTS.md and results.json.
import { parseArgs } from "node:util";
import { runBatchBench } from "./batch.js";
import { runCallbacks } from "./callbacks.js";
import { describeMachine } from "./machine.js";
import { runOverhead } from "./overhead.js";
import { runPolling } from "./polling.js";
import { readPrevious, writeResults, type Results } from "./report.js";
import { runScale } from "./scale.js";
import { runSize } from "./size.js";
import { runSoak } from "./soak.js";
import { runStorm } from "./storm.js";

const PARTS = ["overhead", "scale", "polling", "size", "callbacks", "soak", "storm", "batch"] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({ options: { only: { type: "string" } } });
const only = values.only === undefined ? [...PARTS] : values.only.split(",").map((s) => s.trim());
for (const part of only)
  if (!PARTS.includes(part as Part)) throw new Error(`--only: unknown part ${part}; parts: ${PARTS.join(", ")}`);

const machine = describeMachine();
// A run of some parts keeps the other parts' figures from the previous results.json, with their dates.
const previous = values.only === undefined ? undefined : readPrevious();
const results: Results = {
  ...previous,
  machine,
  measuredAt: { ...previous?.measuredAt },
  errors: {},
};
delete results.durationSeconds;
const started = performance.now();
const runners: Record<Part, () => Promise<unknown>> = {
  overhead: async () => (results.overhead = await runOverhead()),
  scale: async () => (results.scale = await runScale()),
  polling: async () => (results.polling = runPolling()),
  size: async () => (results.size = await runSize()),
  callbacks: async () => (results.callbacks = await runCallbacks()),
  soak: async () => (results.soak = await runSoak()),
  storm: async () => (results.storm = await runStorm()),
  batch: async () => (results.batch = await runBatchBench()),
};
for (const part of PARTS) {
  if (!only.includes(part)) continue;
  const t0 = performance.now();
  console.log(`bench: ${part}…`);
  try {
    await runners[part]();
    results.measuredAt = { ...results.measuredAt, [part]: machine.date };
    console.log(`bench: ${part} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log(JSON.stringify(results[part], null, 2));
  } catch (error) {
    results.errors[part] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`bench: ${part} failed: ${results.errors[part]}`);
  }
}
results.durationSeconds = Math.round((performance.now() - started) / 1000);
writeResults(results);
console.log("bench: wrote bench/RESULTS.md and bench/results.json");
// Sockets kept alive by fetch would hold the process open for a while.
process.exit(Object.keys(results.errors).length > 0 ? 1 : 0);

// Part 2, scale: 10,000 concurrent waits in one Node process: through the SDK as a user calls it
// (no limiter of the bench's own: the SDK bounds its requests itself), through the SDK behind the
// bench's fetch limiter (the earlier figures' setting), and through the hand-written baseline
// (baseline.ts) behind that limiter. The simulator runs in one child
// process (sim-child.ts, a fresh one per client), the client in another (scale-child.ts, bundled
// to plain JS first so that no TypeScript loader inflates its memory); only the client is measured.
import { fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { PollPolicy } from "@vidu-extend/node";
import type { ScaleChildInput, ScaleChildOutput } from "./scale-child.js";
import { startChildSimulator } from "./sim-process.js";

export interface ScaleResult {
  /** The SDK behind the bench's limiter of maxInFlight requests (as measured before the watcher). */
  readonly sdk: ScaleChildOutput;
  /** The SDK with no limiter of the bench's own: its watcher's maxReadsInFlight bounds it. */
  readonly sdkNoLimiter?: ScaleChildOutput;
  readonly baseline: ScaleChildOutput;
  readonly tasks: number;
  readonly runMs: number;
  readonly poll: PollPolicy;
  readonly timeoutMs?: number;
  readonly maxInFlight: number;
  readonly createConcurrency: number;
  readonly targetRssMB: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", ".bench-out");

export async function runScale(options: { tasks?: number } = {}): Promise<ScaleResult> {
  const tasks = options.tasks ?? 10_000;
  const runMs = 20_000;
  // 10,000 waits on one simulator process: a 2 s first check, then ×1.5 up to 4 s; a read every
  // 2–4 s per task is 2,500–5,000 reads/s in all, which one loopback simulator can still answer.
  const poll: PollPolicy = { firstDelayMs: 2_000, factor: 1.5, maxIntervalMs: 4_000 };
  const timeoutMs = 300_000;
  const maxInFlight = 256;
  const createConcurrency = 64;
  mkdirSync(outDir, { recursive: true });
  const bundle = join(outDir, "scale-child.mjs");
  // Bundled as ESM with the packages left as imports (resolved from bench/node_modules at run time).
  await build({
    entryPoints: [join(here, "scale-child.ts")],
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "node",
    outfile: bundle,
    logLevel: "silent",
  });
  const run = async (client: ScaleChildInput["client"]): Promise<ScaleChildOutput> => {
    const sim = await startChildSimulator({
      timing: { runMs: { viduq2_pro_extend: runMs, viduq2_turbo_extend: runMs }, tickMs: 250, callbackRetryMs: 1_000 },
      maxInProgressPerKey: tasks,
    });
    try {
      const child = fork(bundle, [], { execArgv: ["--expose-gc"], cwd: join(here, "..") });
      const input: ScaleChildInput = {
        client,
        url: sim.url,
        key: sim.key,
        tasks,
        createConcurrency,
        poll,
        timeoutMs,
        maxInFlight: client === "sdk" ? 0 : maxInFlight,
      };
      const answer = await new Promise<{ ok: boolean; output?: ScaleChildOutput; error?: string }>(
        (resolve, reject) => {
          child.once("message", (message: { ok: boolean; output?: ScaleChildOutput; error?: string }) =>
            resolve(message),
          );
          child.once("error", reject);
          child.once("exit", (code) =>
            reject(new Error(`the scale child (${client}) exited with code ${code} before reporting`)),
          );
          child.send(input);
        },
      );
      if (!answer.ok || answer.output === undefined)
        throw new Error(`the scale child (${client}) failed: ${answer.error}`);
      // The simulator's own count: a create recorded twice for one submit would show here.
      const stats = await sim.stats();
      return { ...answer.output, duplicateCreates: stats.duplicateCreates, recordedCreates: stats.recorded };
    } finally {
      await sim.close();
    }
  };
  const sdkNoLimiter = await run("sdk");
  const sdk = await run("sdk-limited");
  const baseline = await run("baseline");
  return {
    sdk,
    sdkNoLimiter,
    baseline,
    tasks,
    runMs,
    poll,
    timeoutMs,
    maxInFlight,
    createConcurrency,
    targetRssMB: 150,
  };
}

// Simulators started in the test process, the environment that points the cli at one, tasks
// created without the cli, and the checks every run shares (the key never printed).
import { createServer } from "node:net";
import { createClient, type Task } from "@vidu-extend/node";
import { startSimulator, type Simulator, type SimulatorOptions, type Timing } from "@vidu-extend/simulator";
import { expect } from "vitest";
import type { CliResult } from "./run-cli.js";

/** Distinctive, so that finding it anywhere in the output can only mean a leak. */
export const KEY = "vtx-e2e-SECRET-3f9a1c77d2b84e06";
export const WRONG_KEY = "vtx-e2e-WRONG-8c1d5e2fa90b7c34";
export const VIDEO_URL = "https://cdn.example.com/clips/beach-5s.mp4";

/** Tasks that finish in well under a second (the cli's first poll is at 2 s). */
const QUICK: Timing = {
  runMs: { viduq2_pro_extend: 300, viduq2_turbo_extend: 200 },
  tickMs: 20,
  callbackRetryMs: 20,
};
/** Tasks that run for a minute: still running whenever a test looks. */
export const SLOW: Timing = {
  runMs: { viduq2_pro_extend: 60_000, viduq2_turbo_extend: 60_000 },
  tickMs: 20,
  callbackRetryMs: 20,
};

const started = new Set<Simulator>();

/** A simulator accepting KEY only, QUICK unless told otherwise; closed by closeSimulators(). */
export async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ keys: [KEY], timing: QUICK, ...options });
  started.add(sim);
  return sim;
}

export async function closeSimulators(): Promise<void> {
  const all = [...started];
  started.clear();
  await Promise.all(all.map(async (sim) => sim.close()));
}

/** The environment that points the cli at `sim` (a configured gateway: no embedded simulator). */
export const gatewayEnv = (sim: Simulator | string, key = KEY) => ({
  VTRIX_API_KEY: key,
  VTRIX_BASE_URL: typeof sim === "string" ? sim : sim.url,
});

/** Creates a task without the cli, as another program would. */
export async function createTask(
  sim: Simulator,
  model: "viduq2_turbo_extend" | "viduq2_pro_extend" = "viduq2_turbo_extend",
): Promise<Task> {
  return createClient({ apiKey: KEY, baseUrl: sim.url }).submit({ model, video_url: VIDEO_URL });
}

/** Polls `condition` every few ms until it holds; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A loopback port with nothing listening on it (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Neither key appears anywhere the cli wrote. */
export function expectNoKey(result: Pick<CliResult, "stdout" | "stderr">, ...keys: readonly string[]): void {
  for (const key of keys.length === 0 ? [KEY, WRONG_KEY] : keys) {
    expect(result.stdout, "the API key on stdout").not.toContain(key);
    expect(result.stderr, "the API key on stderr").not.toContain(key);
  }
}

/** A failing run's paragraph: stderr is it, from "error: " on. */
export function errorParagraph(result: CliResult): string {
  expect(result.stderr.startsWith("error: "), `stderr is one error paragraph:\n${result.stderr}`).toBe(true);
  return result.stderr;
}

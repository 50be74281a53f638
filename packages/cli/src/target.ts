// Where requests go: the real gateway when VTRIX_API_KEY is set (VTRIX_BASE_URL to override),
// otherwise a simulator started in this process, said in one line.
import { randomInt } from "node:crypto";
import { ENV } from "@vidu-extend/node";
import { startSimulator, type Simulator } from "@vidu-extend/simulator";
import { UsageError } from "./failure.js";

/** The embedded simulator's seed; random per run unless set (tests set it, to reproduce a run). */
export const SEED_ENV = "VIDU_EXTEND_SIMULATOR_SEED";

export interface Target {
  readonly apiKey: string;
  readonly baseUrl: string | undefined;
  readonly simulator: Simulator | undefined;
  close(): Promise<void>;
}

/** True when the commands would use the embedded simulator. */
const usesEmbeddedSimulator = (env: NodeJS.ProcessEnv) => (env[ENV.apiKey]?.trim() ?? "") === "";

function seedOf(env: NodeJS.ProcessEnv): number {
  const text = env[SEED_ENV]?.trim();
  if (text === undefined || text === "") return randomInt(1, 2 ** 31);
  const seed = Number(text);
  if (!Number.isInteger(seed)) throw new UsageError(`${SEED_ENV} must be an integer, got ${JSON.stringify(text)}`);
  return seed;
}

export async function resolveTarget(env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<Target> {
  if (!usesEmbeddedSimulator(env)) {
    const baseUrl = env[ENV.baseUrl]?.trim() || undefined;
    return { apiKey: (env[ENV.apiKey] as string).trim(), baseUrl, simulator: undefined, close: async () => {} };
  }
  const simulator = await startSimulator({ timing: "fast", seed: seedOf(env) });
  say(`No ${ENV.apiKey} set: using the local gateway simulator at ${simulator.url}.`);
  return { apiKey: simulator.key, baseUrl: simulator.url, simulator, close: () => simulator.close() };
}

// Where requests go: the real gateway when VTRIX_API_KEY is set (VTRIX_BASE_URL to override),
// otherwise a simulator started in this process, said in one line.
import { ENV } from "@vidu-extend/node";
import { startSimulator, type Simulator } from "@vidu-extend/simulator";

export interface Target {
  readonly apiKey: string;
  readonly baseUrl: string | undefined;
  readonly simulator: Simulator | undefined;
  close(): Promise<void>;
}

export async function resolveTarget(env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<Target> {
  const apiKey = env[ENV.apiKey]?.trim();
  if (apiKey !== undefined && apiKey !== "") {
    const baseUrl = env[ENV.baseUrl]?.trim() || undefined;
    return { apiKey, baseUrl, simulator: undefined, close: async () => {} };
  }
  const simulator = await startSimulator({ timing: "fast" });
  say(`No ${ENV.apiKey} set: using the local gateway simulator at ${simulator.url}.`);
  return { apiKey: simulator.key, baseUrl: simulator.url, simulator, close: () => simulator.close() };
}

// A simulator fast enough for tests that run a real client in real time (a few hundred ms a task).
import { startSimulator, type SimulatorOptions } from "@vidu-extend/simulator";

const QUICK = {
  runMs: { viduq2_pro_extend: 300, viduq2_turbo_extend: 200 },
  tickMs: 20,
  callbackRetryMs: 50,
} as const;
export const QUICK_POLL = { firstDelayMs: 20, maxIntervalMs: 50, timeoutMs: 20_000 } as const;

export const quickSimulator = (options: SimulatorOptions = {}) => startSimulator({ timing: QUICK, ...options });

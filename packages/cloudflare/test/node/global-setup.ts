// Runs in Node before workerd starts: the simulated gateway, and the relay its callbacks go to.
// vitest.config.ts hands both URLs (and the key) to the Worker as bindings.
import { startCallbackRelay, startSimulator } from "@vidu-extend/simulator";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    simulatorUrl: string;
    simulatorKey: string;
    relayUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const simulator = await startSimulator({
    timing: { runMs: { viduq2_pro_extend: 300, viduq2_turbo_extend: 200 }, tickMs: 20, callbackRetryMs: 50 },
  });
  const relay = await startCallbackRelay();
  project.provide("simulatorUrl", simulator.url);
  project.provide("simulatorKey", simulator.key);
  project.provide("relayUrl", relay.url);
  return async () => {
    await simulator.close();
    await relay.close();
  };
}

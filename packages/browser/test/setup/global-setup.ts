// Runs in Node before the browser tests: the simulated gateway (with a key the page never gets
// from the library) and the proxy in front of it; the page learns both URLs through `inject`.
import { randomUUID } from "node:crypto";
import { startSimulator } from "@vidu-extend/simulator";
import type { TestProject } from "vitest/node";
import { startProxy } from "./proxy.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const apiKey = `sk-browser-test-${randomUUID()}`;
  const simulator = await startSimulator({
    keys: [apiKey],
    timing: { runMs: { viduq2_pro_extend: 400, viduq2_turbo_extend: 300 }, tickMs: 20, callbackRetryMs: 50 },
  });
  const proxy = await startProxy(simulator.url, apiKey);
  project.provide("proxyUrl", proxy.url);
  project.provide("simulatorUrl", simulator.url);
  project.provide("apiKey", apiKey);
  return async () => {
    await proxy.close();
    await simulator.close();
  };
}

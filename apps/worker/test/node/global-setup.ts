// Runs in Node before workerd starts: the simulated gateway, and the relay its callbacks go to.
// vitest.config.ts hands both URLs (and the key) to the worker as bindings. The simulator admits
// up to 50 tasks per key, so that only the worker's own cap (5) can keep the active count down.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startCallbackRelay, startSimulator } from "@vidu-extend/simulator";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    simulatorUrl: string;
    simulatorKey: string;
    relayUrl: string;
    /** Answers every create with 429 (Retry-After: 3). */
    rateLimitedUrl: string;
    /** Records every create, then drops the connection: an ambiguous submit. */
    droppingUrl: string;
    /** Answers every gateway request with a 307 to itself (a loop); GET /hits says how many it got. */
    redirectingUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const simulator = await startSimulator({
    timing: { runMs: { viduq2_pro_extend: 300, viduq2_turbo_extend: 200 }, tickMs: 20, callbackRetryMs: 50 },
    maxInProgressPerKey: 50,
  });
  const rateLimited = await startSimulator({ faults: { create: { rate429: 1, retryAfterSeconds: 3 } } });
  const dropping = await startSimulator({ faults: { create: { dropAfterRecord: 1 } } });
  let maxActive = 0;
  const sample = setInterval(() => {
    const { tasks } = simulator.stats();
    maxActive = Math.max(maxActive, tasks.pending + tasks.in_progress + tasks.processing);
  }, 5);
  let redirectHits = 0;
  const redirecting = createServer((req, res) => {
    req.resume();
    if (req.url === "/hits")
      return void res.writeHead(200, { "content-type": "application/json" }).end(String(redirectHits));
    redirectHits++;
    res.writeHead(307, { location: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}${req.url}` }).end();
  });
  await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
  const relay = await startCallbackRelay({ "/sim-stats": () => ({ maxActive, ...simulator.stats() }) });
  project.provide("simulatorUrl", simulator.url);
  project.provide("simulatorKey", simulator.key);
  project.provide("relayUrl", relay.url);
  project.provide("rateLimitedUrl", rateLimited.url);
  project.provide("droppingUrl", dropping.url);
  project.provide("redirectingUrl", `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`);
  return async () => {
    clearInterval(sample);
    await simulator.close();
    await rateLimited.close();
    await dropping.close();
    await new Promise((resolve) => redirecting.close(resolve));
    await relay.close();
  };
}

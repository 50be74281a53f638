// The test worker's bindings: the worker's own Env, and those vitest.config.ts adds.
import type { Env as WorkerEnv } from "../src/env.js";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      /** test/node/relay.ts: where the simulator's callbacks wait to be handed to the worker. */
      readonly RELAY_URL: string;
      /** Simulators whose every create is answered 429, or recorded and then dropped. */
      readonly RATE_LIMITED_URL: string;
      readonly DROPPING_URL: string;
      /** Answers every request with a 307 to itself; `/hits` counts them. */
      readonly REDIRECTING_URL: string;
    }
  }
}

// A client configured from the Worker's `env`: VTRIX_API_KEY (a secret) and VTRIX_BASE_URL (an
// optional var). Workers have no process.env; bindings arrive with each request, or from
// `import { env } from "cloudflare:workers"`.
import {
  createClient as createCoreClient,
  layerFromEnv,
  withEnvKey,
  type ClientOptions,
  type EnvReader,
  type MissingApiKey,
  type ViduClient,
  type ViduExtend,
} from "@vidu-extend/core";
import type * as Layer from "effect/Layer";

/** The bindings read here. A generated `Env` (wrangler types) with these names fits. */
export interface WorkerEnv {
  readonly VTRIX_API_KEY?: string | undefined;
  readonly VTRIX_BASE_URL?: string | undefined;
}

/** A binding that is a string, or nothing (a non-string binding such as a KV namespace is not a key). */
const reader =
  (env: WorkerEnv): EnvReader =>
  (name) => {
    const value: unknown = (env as Readonly<Record<string, unknown>>)[name];
    return typeof value === "string" ? value : undefined;
  };
const SOURCE = "the Worker's env (wrangler secret put VTRIX_API_KEY)";

export const createClient = (env: WorkerEnv, options?: ClientOptions): ViduClient =>
  createCoreClient(withEnvKey(reader(env), options, SOURCE));

/**
 * The ViduExtend service configured from `env`; building it fails with MissingApiKey without a key.
 * The Worker's fetch and Web Crypto are the core's defaults (the global `fetch` and
 * `crypto.subtle`), so nothing else is provided. Build it inside the request (or the Durable
 * Object) that uses it: its watcher lives as long as the layer.
 */
export const layer = (env: WorkerEnv, options?: ClientOptions): Layer.Layer<ViduExtend, MissingApiKey> =>
  layerFromEnv(reader(env), options, SOURCE);

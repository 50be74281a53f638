// The client and the Effect layer, configured from process.env where options say nothing.
import {
  createClient as createCoreClient,
  layerFromEnv,
  withEnvKey,
  type ClientOptions,
  type MissingApiKey,
  type ViduClient,
  type ViduExtend,
} from "@vidu-extend/core";
import type * as Layer from "effect/Layer";

const fromProcessEnv = (name: string) => process.env[name];

/** A client whose apiKey and baseUrl default to VTRIX_API_KEY and VTRIX_BASE_URL; throws MissingApiKey without a key. */
export function createClient(options: ClientOptions = {}): ViduClient {
  return createCoreClient(withEnvKey(fromProcessEnv, options, "process.env"));
}

/**
 * The ViduExtend service configured from process.env; building it fails with MissingApiKey without
 * a key. Node's fetch and Web Crypto are the core's defaults (the global `fetch` and
 * `crypto.subtle`), so nothing else is provided.
 */
export function layer(options: ClientOptions = {}): Layer.Layer<ViduExtend, MissingApiKey> {
  return layerFromEnv(fromProcessEnv, options, "process.env");
}

// The client and the Effect layer, configured from process.env where options say nothing.
import { webcrypto } from "node:crypto";
import {
  createClient as createCoreClient,
  Fetch,
  layer as coreLayer,
  type MissingApiKey,
  Subtle,
  withEnvKey,
  type ClientOptions,
  type ViduClient,
  type ViduExtend,
} from "@vidu-extend/core";
import * as Effect from "effect/Effect";
import * as Layer from "effect/Layer";

const fromProcessEnv = (name: string) => process.env[name];

/** A client whose apiKey and baseUrl default to VTRIX_API_KEY and VTRIX_BASE_URL; throws MissingApiKey without a key. */
export function createClient(options: ClientOptions = {}): ViduClient {
  return createCoreClient(withEnvKey(fromProcessEnv, options, "process.env"));
}

/** The ViduExtend service configured from process.env, with Node's fetch and Web Crypto. */
export function layer(options: ClientOptions = {}): Layer.Layer<ViduExtend, MissingApiKey> {
  return Layer.mergeAll(
    Layer.unwrap(
      Effect.try({
        try: () => coreLayer(withEnvKey(fromProcessEnv, options, "process.env")),
        catch: (e) => e as MissingApiKey,
      }),
    ),
    Layer.succeed(Fetch, (request: Request) => fetch(request)),
    Layer.succeed(Subtle, webcrypto.subtle as SubtleCrypto),
  );
}

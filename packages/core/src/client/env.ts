// The environment variables every server-side adapter reads, through a reader the adapter
// supplies (process.env, Deno.env, a Worker's env binding): no runtime detection here.
import * as Effect from "effect/Effect";
import * as Layer from "effect/Layer";
import { MissingApiKey } from "../errors/index.js";
import type { ClientOptions } from "./options.js";
import { layer, type ViduExtend } from "./vidu-extend.js";

export type EnvReader = (name: string) => string | undefined;

export const ENV = { apiKey: "VTRIX_API_KEY", baseUrl: "VTRIX_BASE_URL" } as const;

/** The error for a key that is neither an option nor in `source` (e.g. "process.env"). */
const missingApiKey = (source: string): MissingApiKey =>
  new MissingApiKey({
    variable: ENV.apiKey,
    message: `no API key: set ${ENV.apiKey} in ${source}, or pass the apiKey option`,
  });

/** Options with apiKey and baseUrl filled from the environment where the caller gave none. */
export function withEnv(read: EnvReader, options: ClientOptions = {}): ClientOptions {
  const nonEmpty = (name: string) => {
    const value = read(name)?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const apiKey = options.apiKey ?? nonEmpty(ENV.apiKey);
  const baseUrl = options.baseUrl ?? nonEmpty(ENV.baseUrl);
  return { ...options, ...(apiKey === undefined ? {} : { apiKey }), ...(baseUrl === undefined ? {} : { baseUrl }) };
}

/**
 * withEnv, for a client that must have a key: throws MissingApiKey, naming VTRIX_API_KEY and
 * `source` (e.g. "process.env"), when there is none either way. The gateway refuses every
 * request without one, so the client fails here rather than after a round of retries.
 */
export function withEnvKey(read: EnvReader, options: ClientOptions = {}, source = "the environment"): ClientOptions {
  const filled = withEnv(read, options);
  if (filled.apiKey === undefined || filled.apiKey.trim() === "") throw missingApiKey(source);
  return filled;
}

/**
 * The ViduExtend layer configured by withEnvKey when it is built (not when it is declared): it
 * fails with MissingApiKey without a key; anything else the reader throws is a defect.
 */
export const layerFromEnv = (
  read: EnvReader,
  options: ClientOptions = {},
  source = "the environment",
): Layer.Layer<ViduExtend, MissingApiKey> =>
  Layer.unwrap(
    Effect.suspend(() => {
      try {
        return Effect.succeed(layer(withEnvKey(read, options, source)));
      } catch (error) {
        return error instanceof MissingApiKey ? Effect.fail(error) : Effect.die(error);
      }
    }),
  );

// The environment variables every server-side adapter reads, through a reader the adapter
// supplies (process.env, Deno.env, a Worker's env binding): no runtime detection here.
import { MissingApiKey } from "../errors/index.js";
import type { ClientOptions } from "./options.js";

export type EnvReader = (name: string) => string | undefined;

export const ENV = { apiKey: "VTRIX_API_KEY", baseUrl: "VTRIX_BASE_URL" } as const;

/** The error for a key that is neither an option nor in `source` (e.g. "process.env"). */
export const missingApiKey = (source: string, option = "apiKey"): MissingApiKey =>
  new MissingApiKey({
    variable: ENV.apiKey,
    message: `no API key: set ${ENV.apiKey} in ${source}, or pass the ${option} option`,
  });

/**
 * Options with apiKey and baseUrl filled from the environment where the caller gave none.
 * Throws MissingApiKey when there is no key either way: the gateway refuses every request
 * without one, so the client fails here rather than after a round of retries.
 */
export function withEnv(read: EnvReader, options: ClientOptions = {}, source = "the environment"): ClientOptions {
  const nonEmpty = (name: string) => {
    const value = read(name)?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const apiKey = options.apiKey ?? nonEmpty(ENV.apiKey);
  if (apiKey === undefined || apiKey.trim() === "") throw missingApiKey(source);
  const baseUrl = options.baseUrl ?? nonEmpty(ENV.baseUrl);
  return { ...options, apiKey, ...(baseUrl === undefined ? {} : { baseUrl }) };
}

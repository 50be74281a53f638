// The environment variables every server-side adapter reads, through a reader the adapter
// supplies (process.env, Deno.env, a Worker's env binding): no runtime detection here.
import type { ClientOptions } from "./options.js";

export type EnvReader = (name: string) => string | undefined;

export const ENV = { apiKey: "VTRIX_API_KEY", baseUrl: "VTRIX_BASE_URL" } as const;

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

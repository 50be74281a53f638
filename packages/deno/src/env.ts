// Configuration from Deno.env. A read without the env permission fails with an error that names
// the variable and the flag to add, rather than Deno's generic NotCapable.
import { withEnvKey, type ClientOptions, type EnvReader } from "@vidu-extend/core";
import { deno } from "./deno.ts";
import { EnvAccessDenied } from "./env-access-denied.ts";

export const readDenoEnv: EnvReader = (name) => {
  try {
    return deno().env.get(name);
  } catch (error) {
    if (!(error instanceof deno().errors.NotCapable)) throw error;
    throw new EnvAccessDenied(name);
  }
};

/** Options with apiKey and baseUrl filled from VTRIX_API_KEY and VTRIX_BASE_URL where not given; throws MissingApiKey without a key. */
export const fromDenoEnv = (options: ClientOptions = {}): ClientOptions => withEnvKey(readDenoEnv, options, "Deno.env");

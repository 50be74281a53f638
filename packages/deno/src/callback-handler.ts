// A callback receiver ready for `Deno.serve(callbackHandler())`: the core handler, with the
// secret from VTRIX_API_KEY when not given, read once so that a missing key fails at startup.
import { createCallbackHandler, ENV, MissingApiKey, type CallbackHandlerOptions } from "@vidu-extend/core";
import { readDenoEnv } from "./env.ts";

export interface DenoCallbackHandlerOptions extends Omit<CallbackHandlerOptions, "secret"> {
  /** The API key that created the tasks (the provider signs with it). Default: VTRIX_API_KEY. */
  readonly secret?: string;
}

export function callbackHandler(options: DenoCallbackHandlerOptions = {}): (request: Request) => Promise<Response> {
  const secret = options.secret ?? readDenoEnv(ENV.apiKey)?.trim();
  if (secret === undefined || secret === "") {
    throw new MissingApiKey({
      variable: ENV.apiKey,
      message: `callbackHandler needs the API key that created the tasks: set ${ENV.apiKey} in Deno.env, or pass the secret option`,
    });
  }
  return createCallbackHandler({ ...options, secret });
}

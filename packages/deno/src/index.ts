// @vidu-extend/deno: the core, configured from Deno.env, and a callback receiver for Deno.serve.
// Everything else is the core's, re-exported unchanged.
export * from "@vidu-extend/core";
export { callbackHandler, type DenoCallbackHandlerOptions } from "./callback-handler.ts";
export { createClient } from "./client.ts";
export { EnvAccessDenied } from "./env-access-denied.ts";
export { layer } from "./layer.ts";

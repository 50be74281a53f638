// @vidu-extend/cloudflare: the core, plus what a Cloudflare Worker adds (configuration from its
// env bindings, a fetch-handler callback receiver, nonces in KV).
export * from "@vidu-extend/core";
export { callbackHandler, type WaitUntil, type WorkerCallbackOptions } from "./callback-handler.js";
export { kvNonceStore, type KvNonceStoreOptions, type NonceKv } from "./kv-nonce-store.js";
export { createClient, layer, type WorkerEnv } from "./worker-env.js";

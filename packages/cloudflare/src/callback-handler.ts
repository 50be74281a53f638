// A callback receiver shaped as a Worker's fetch handler. What Workers add to the core handler:
// the secret from `env`, nonces in KV, and `ctx.waitUntil` for work that need not hold the answer.
import {
  createCallbackHandler,
  ENV,
  MissingApiKey,
  type CallbackEvent,
  type CallbackHandlerOptions,
  type NonceStore,
} from "@vidu-extend/core";
import { kvNonceStore, type NonceKv } from "./kv-nonce-store.js";
import type { WorkerEnv } from "./worker-env.js";

/** What the handler uses of a Worker's ExecutionContext. */
export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

export interface WorkerCallbackOptions extends Omit<CallbackHandlerOptions, "secret" | "nonceStore"> {
  /** Default: the VTRIX_API_KEY binding. */
  readonly secret?: string;
  /**
   * Where accepted nonces are remembered: a KV namespace binding (see kvNonceStore for what it
   * guarantees) or any NonceStore. Default: the core's memory store, which lasts one isolate only.
   */
  readonly nonces?: NonceKv | NonceStore;
  /**
   * Work started once the event is verified, which the answer does not wait for (it runs under
   * `ctx.waitUntil`): storing the task, publishing it to a queue. The provider has its 2xx by
   * then and will not resend, so a failure here is only logged by the runtime; make it retry on
   * its own (a Queue) if it must not be lost. Use `onEvent` for work that must succeed first.
   * Without a `ctx`, it is awaited before answering, and a failure answers 500.
   */
  readonly afterResponse?: (event: CallbackEvent) => Promise<unknown>;
}

const isNonceStore = (nonces: NonceKv | NonceStore): nonces is NonceStore =>
  typeof (nonces as NonceStore).claim === "function";

/**
 * `(request, env, ctx) => Response`, to use as a Worker's `fetch` or call from it. `env` is read
 * once, here; the handler ignores the `env` it is called with.
 */
export function callbackHandler(
  env: WorkerEnv,
  options: WorkerCallbackOptions = {},
): (request: Request, env?: unknown, ctx?: WaitUntil) => Promise<Response> {
  const { secret: given, nonces, afterResponse, onEvent, ...rest } = options;
  const secret = given ?? (typeof env.VTRIX_API_KEY === "string" ? env.VTRIX_API_KEY.trim() : undefined);
  if (secret === undefined || secret === "") {
    throw new MissingApiKey({
      variable: ENV.apiKey,
      message:
        "callbackHandler needs the API key that created the tasks: set the VTRIX_API_KEY secret (wrangler secret put VTRIX_API_KEY), or pass the secret option",
    });
  }
  const nonceStore = nonces === undefined ? undefined : isNonceStore(nonces) ? nonces : kvNonceStore(nonces);
  const base = { ...rest, secret, ...(nonceStore === undefined ? {} : { nonceStore }) };
  return (request, _env, ctx) =>
    createCallbackHandler({
      ...base,
      onEvent: async (event) => {
        await onEvent?.(event);
        if (afterResponse === undefined) return;
        if (ctx === undefined) await afterResponse(event);
        else ctx.waitUntil(afterResponse(event));
      },
    })(request);
}

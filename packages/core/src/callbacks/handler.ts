// A callback receiver as a Web `fetch` handler, `(Request) => Promise<Response>`: what
// Deno.serve and a Worker's fetch take, and what the Node adapter wraps. It verifies each
// delivery, hands verified events on, and answers so that the provider retries only what a
// retry can fix.
import type { CallbackHub } from "../client/callback-hub.js";
import { CallbackRejected, type CallbackRejection } from "../errors/index.js";
import { defaultNonceStore, type CallbackEvent } from "./verify.js";
import { verifyCallback, type VerifyCallbackOptions } from "./verify-promise.js";

export interface CallbackHandlerOptions extends VerifyCallbackOptions {
  /** Verified events are published here, so that waits for their task hear of them. */
  readonly hub?: CallbackHub;
  /** Called with each verified event before the answer is sent; a throw answers 500 (the provider retries). */
  readonly onEvent?: (event: CallbackEvent) => void | Promise<void>;
  /** Called with each refused delivery, e.g. to log it. A throw changes nothing in the answer (see onCallbackError). */
  readonly onRejected?: (rejection: CallbackRejected, request: Request) => void;
  /**
   * Told when a caller's function other than onEvent throws: onRejected, or a wait's onProgress
   * reached through the hub. Such a throw never changes the answer: the delivery itself was
   * handled, and a resend would meet the same throw. Default: console.error.
   */
  readonly onCallbackError?: (error: unknown, where: "onRejected" | "hub") => void;
}

/**
 * The answer to a refused delivery. A replay is acknowledged (2xx) so that the provider stops
 * resending what was already handled; the others are refused with a 4xx that no retry can fix.
 */
export const REJECTION_STATUS: Readonly<Record<CallbackRejection, number>> = {
  replayed: 200,
  "too-large": 413,
  "malformed-body": 400,
  "body-mismatch": 409,
  "missing-header": 401,
  "malformed-header": 401,
  "unknown-algorithm": 401,
  "unknown-access-key": 401,
  "bad-signature": 401,
  stale: 401,
  future: 401,
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const reportToConsole = (error: unknown, where: string) =>
  console.error(`vidu-extend callback receiver: the ${where} callback threw`, error);

export function createCallbackHandler(options: CallbackHandlerOptions): (request: Request) => Promise<Response> {
  const nonceStore = options.nonceStore ?? defaultNonceStore();
  const reportError = options.onCallbackError ?? reportToConsole;
  /** Runs a caller's function so that its throw reaches onCallbackError, never the receiver. */
  const isolated = (where: "onRejected" | "hub", run: () => void) => {
    try {
      run();
    } catch (error) {
      try {
        reportError(error, where);
      } catch {
        // The error reporter itself threw: nothing is left to tell.
      }
    }
  };
  return async (request) => {
    if (request.method !== "POST") return json(405, { error: "callbacks are POSTed" });
    let event: CallbackEvent;
    try {
      event = await verifyCallback(request, { ...options, nonceStore });
    } catch (error) {
      if (!(error instanceof CallbackRejected)) {
        // confirm could not read the task (network, gateway down): a retry may succeed.
        return json(503, { error: "the delivery could not be confirmed now; send it again later" });
      }
      const rejected = error;
      isolated("onRejected", () => options.onRejected?.(rejected, request));
      return json(REJECTION_STATUS[error.reason], { error: error.reason, message: error.message });
    }
    try {
      await options.onEvent?.(event);
    } catch {
      // Not handled: the resend of this very delivery must be accepted, not taken for a replay.
      // A store that cannot release either still gets the 500: the provider resends, and is refused
      // as a replay at worst.
      await Promise.resolve()
        .then(() => nonceStore.release?.(event.nonce))
        .catch(() => undefined);
      return json(500, { error: "the receiver failed to handle the event; send it again later" });
    }
    isolated("hub", () => options.hub?.publish(event.task));
    return json(200, { ok: true, task: event.task.id, status: event.task.status });
  };
}

// The same signer and verifier for code that does not use Effect. Rejections are the
// CallbackRejected instances themselves, so `error.reason` works in a plain catch.
import * as Effect from "effect/Effect";
import type { Task } from "../task/task.js";
import { bodyTooLarge } from "./body.js";
import { readBounded } from "./bounded-body.js";
import { type SignCallbackOptions, type SignedCallback, signCallbackEffect } from "./sign.js";
import {
  type CallbackEvent,
  type CallbackRequest,
  DEFAULT_MAX_BODY_BYTES,
  type VerifyOptions,
  verifyCallbackEffect,
} from "./verify.js";

export interface VerifyCallbackOptions extends Omit<VerifyOptions, "confirm"> {
  /** Re-reads the task from the API; see VerifyOptions.confirm. Its rejections pass through unchanged. */
  readonly confirm?: (taskId: string) => Promise<Task>;
}

/**
 * Verifies a delivery given as a fetch `Request` (its body is read here, and reading stops as soon
 * as it passes `maxBodyBytes`) or as a CallbackRequest whose body is already read.
 */
export async function verifyCallback(
  request: Request | CallbackRequest,
  options: VerifyCallbackOptions,
): Promise<CallbackEvent> {
  const { confirm, ...rest } = options;
  const callback = isCallbackRequest(request)
    ? request
    : await readRequest(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const effectOptions: VerifyOptions<unknown> =
    confirm === undefined
      ? rest
      : { ...rest, confirm: (taskId) => Effect.tryPromise({ try: () => confirm(taskId), catch: (error) => error }) };
  return Effect.runPromise(verifyCallbackEffect(callback, effectOptions));
}

export const signCallback = (options: SignCallbackOptions): Promise<SignedCallback> =>
  Effect.runPromise(signCallbackEffect(options));

const isCallbackRequest = (request: Request | CallbackRequest): request is CallbackRequest =>
  typeof request.body === "string" || request.body instanceof Uint8Array;

async function readRequest(request: Request, maxBytes: number): Promise<CallbackRequest> {
  const body = await readBounded(request, maxBytes);
  if (body === undefined) throw bodyTooLarge(maxBytes);
  return { method: request.method, url: request.url, headers: request.headers, body };
}

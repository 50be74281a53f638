// What went wrong with one attempt, before it becomes a public error: the retry decision is
// made on this, and only the final failure is turned into a tagged error.
import { seedCodeField, type Violation } from "@vidu-extend/contract";
import {
  AmbiguousSubmit,
  InsufficientBalance,
  PermissionDenied,
  RateLimited,
  ServerError,
  TaskNotFound,
  TransportError,
  Unauthorized,
  UnexpectedResponse,
  ValidationError,
  type ReadError,
  type SubmitError,
  type TransportFailure,
} from "../errors/index.js";
import type { RetryPolicy } from "../policy/retry-policy.js";
import type { ErrorBody } from "./error-body.js";
import { NEVER_SENT } from "./fetch-failure.js";

export type AttemptFailure =
  | { readonly kind: "transport"; readonly reason: TransportFailure; readonly detail: string }
  | {
      readonly kind: "http";
      readonly status: number;
      readonly body: ErrorBody;
      readonly retryAfterMs: number | undefined;
    }
  /** A 2xx whose body is not a task. */
  | { readonly kind: "unreadable"; readonly status: number; readonly detail: string }
  /** A 3xx (status 0: a browser's opaque redirect, code unknown), never followed; `location` redacted, may be "". */
  | { readonly kind: "redirect"; readonly status: number; readonly location: string };

export type Operation =
  | { readonly kind: "create"; readonly model: string }
  | { readonly kind: "read"; readonly taskId: string };

/** Whether the create may already have reached the gateway and been recorded. */
export function mayHaveCreated(failure: AttemptFailure): boolean {
  switch (failure.kind) {
    case "transport":
      return !NEVER_SENT.has(failure.reason);
    case "http":
      return failure.status >= 500;
    case "unreadable":
      return true;
    case "redirect":
      return redirectMayHaveCreated(failure.status);
  }
}

/**
 * A 303 (See Other) is how a server says it did the work and the result is elsewhere, and an
 * opaque redirect (status 0) may be a 303; any other redirect answers instead of doing the work.
 */
const redirectMayHaveCreated = (status: number): boolean => status === 303 || status === 0;

/** Whether another attempt is allowed by the policy and, for a create, cannot bill twice. */
export function isRetryable(policy: RetryPolicy, operation: Operation, failure: AttemptFailure): boolean {
  if (operation.kind === "create" && mayHaveCreated(failure) && !policy.resendAmbiguousCreates) return false;
  switch (failure.kind) {
    case "transport":
      return policy.transportErrors;
    case "http":
      return policy.statuses.includes(failure.status);
    case "unreadable":
      return policy.transportErrors;
    case "redirect":
      return false;
  }
}

export function describeFailure(failure: AttemptFailure): string {
  switch (failure.kind) {
    case "transport":
      return `transport ${failure.reason}`;
    case "http":
      return `status ${failure.status}`;
    case "unreadable":
      return `unreadable ${failure.status} answer`;
    case "redirect":
      return `redirect ${failure.status}`;
  }
}

/** A redirect in words: its status (or that the browser hid it) and where it pointed. */
const redirectText = (failure: { readonly status: number; readonly location: string }): string =>
  `${failure.status === 0 ? "a redirect (the browser hides its status and target)" : `a ${failure.status} redirect`}${failure.location === "" ? "" : ` to ${failure.location}`}`;

const BALANCE = /balance|credit|insufficient|quota|payment|billing/i;
const gatewaySays = (body: ErrorBody, fallback: string) =>
  `${body.message ?? fallback}${body.code === undefined ? "" : ` (code ${body.code})`}`;

function gatewayRefusal(body: ErrorBody): ValidationError {
  const field = body.code === undefined ? undefined : seedCodeField(body.code);
  const violation: Violation = {
    field: field ?? "",
    rule: "gateway",
    message: body.message ?? "the gateway refused the parameters",
    ...(body.code === undefined ? {} : { code: body.code }),
  };
  return new ValidationError({ source: "gateway", violations: [violation], warnings: [] });
}

function ambiguous(
  operation: Extract<Operation, { kind: "create" }>,
  failure: AttemptFailure,
  attempts: number,
): AmbiguousSubmit {
  const what =
    failure.kind === "transport"
      ? `the connection failed after the request may have been sent (${failure.reason}: ${failure.detail})`
      : failure.kind === "http"
        ? `the gateway answered ${failure.status}: ${gatewaySays(failure.body, "server error")}`
        : failure.kind === "redirect"
          ? `the gateway answered ${redirectText(failure)}, which may mean it handled the create and points at the result; it was not followed`
          : `the gateway's answer could not be read (${failure.detail})`;
  return new AmbiguousSubmit({
    reason:
      failure.kind === "transport"
        ? failure.reason
        : failure.kind === "http"
          ? "server-error"
          : failure.kind === "redirect"
            ? "redirect"
            : "unreadable-answer",
    status: failure.kind === "transport" ? undefined : failure.status,
    model: operation.model,
    message:
      `The create request for ${operation.model} may have reached the gateway: ${what}. ` +
      `A task may exist and may be billed, so it was not sent again${attempts > 1 ? ` (after ${attempts} attempts)` : ""}. ` +
      "Look for the task (its callback, or your gateway task list) before submitting again; " +
      "to resend automatically anyway, set retry.resendAmbiguousCreates.",
  });
}

/** The public error for the last failed attempt: a create fails with a SubmitError, a read with a ReadError. */
export function toError(
  operation: Extract<Operation, { kind: "create" }>,
  failure: AttemptFailure,
  attempts: number,
): SubmitError;
export function toError(
  operation: Extract<Operation, { kind: "read" }>,
  failure: AttemptFailure,
  attempts: number,
): ReadError;
export function toError(operation: Operation, failure: AttemptFailure, attempts: number): SubmitError | ReadError;
export function toError(operation: Operation, failure: AttemptFailure, attempts: number): SubmitError | ReadError {
  if (operation.kind === "create" && mayHaveCreated(failure)) return ambiguous(operation, failure, attempts);
  const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
  if (failure.kind === "transport") {
    return new TransportError({
      reason: failure.reason,
      attempts,
      message: `request failed${tries}: ${failure.reason} (${failure.detail})`,
    });
  }
  if (failure.kind === "redirect") {
    return new UnexpectedResponse({
      status: failure.status,
      message:
        `the gateway answered ${redirectText(failure)}; redirects are not followed (a create is sent once, and the key ` +
        `only to the configured origin)${operation.kind === "create" ? ", and this one means the create was not handled: nothing was created" : ""}. ` +
        "Set baseUrl to the address the gateway really answers at.",
    });
  }
  if (failure.kind === "unreadable") {
    return new UnexpectedResponse({
      status: failure.status,
      message: `the gateway answered ${failure.status} with no task: ${failure.detail}`,
    });
  }
  const { status, body } = failure;
  switch (status) {
    case 400:
      if (operation.kind === "create") return gatewayRefusal(body);
      break;
    case 401:
      return new Unauthorized({
        status,
        code: body.code,
        message: `unauthorized: ${gatewaySays(body, "the API key is missing or invalid")}; check the API key`,
      });
    case 403:
      return BALANCE.test(`${body.message ?? ""} ${body.code ?? ""}`)
        ? new InsufficientBalance({
            status,
            code: body.code,
            message: `insufficient balance: ${gatewaySays(body, "top up the account")}`,
          })
        : new PermissionDenied({
            status,
            code: body.code,
            message: `forbidden: ${gatewaySays(body, "this key may not do this")}`,
          });
    case 404:
      if (operation.kind === "read") {
        return new TaskNotFound({
          taskId: operation.taskId,
          message: `no task ${operation.taskId} for this key: ${gatewaySays(body, "not found")}`,
        });
      }
      break;
    case 429:
      return new RateLimited({
        retryAfterMs: failure.retryAfterMs,
        attempts,
        message: `rate limited${tries}: ${gatewaySays(body, "too many requests")}${(failure.retryAfterMs ?? 0) > 0 ? `; the gateway asks to wait ${Math.ceil((failure.retryAfterMs ?? 0) / 1000)} s` : ""}`,
      });
  }
  if (status >= 500 || status === 408) {
    return new ServerError({
      status,
      code: body.code,
      attempts,
      message: `the gateway answered ${status}${tries}: ${gatewaySays(body, "server error")}`,
    });
  }
  return new UnexpectedResponse({
    status,
    message: `the gateway answered ${status}, which the contract does not describe: ${gatewaySays(body, "no details")}`,
  });
}

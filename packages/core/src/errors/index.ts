// One tagged error per failure kind, each carrying what a caller needs to act on it. Messages
// are built from gateway text that has already been redacted (see redact.ts): no error ever
// holds the API key.
import type { Violation, Warning } from "@vidu-extend/contract";
import * as Data from "effect/Data";
import type { Task } from "../task/task.js";

/**
 * The parameters break a rule: found by the client before anything was sent (`source:
 * "client"`), or refused by the gateway with a seed code (`source: "gateway"`). Nothing was
 * created, nothing is billed.
 */
export class ValidationError extends Data.TaggedError("ValidationError")<{
  readonly source: "client" | "gateway";
  readonly violations: readonly Violation[];
  readonly warnings: readonly Warning[];
}> {
  override get message(): string {
    const what =
      this.source === "client"
        ? "invalid parameters, nothing was sent"
        : "the gateway refused the parameters, nothing was created";
    return `${what}:\n${this.violations
      .map(
        (v) =>
          `  - ${v.field === "" ? "(parameters)" : v.field}: ${v.message}${v.code === undefined ? "" : ` [${v.code}]`}`,
      )
      .join("\n")}`;
  }
}

/** HTTP 401: the API key is missing or invalid. */
export class Unauthorized extends Data.TaggedError("Unauthorized")<{
  readonly status: 401;
  readonly code: string | undefined;
  readonly message: string;
}> {}

/** HTTP 403 about money: top up the balance; nothing was created. */
export class InsufficientBalance extends Data.TaggedError("InsufficientBalance")<{
  readonly status: 403;
  readonly code: string | undefined;
  readonly message: string;
}> {}

/** HTTP 403 for another reason: the key may not use this model or task. */
export class PermissionDenied extends Data.TaggedError("PermissionDenied")<{
  readonly status: 403;
  readonly code: string | undefined;
  readonly message: string;
}> {}

/** HTTP 404 on a read: no task with this id is visible to this key. */
export class TaskNotFound extends Data.TaggedError("TaskNotFound")<{
  readonly taskId: string;
  readonly message: string;
}> {}

/** HTTP 429 after the retries allowed: wait `retryAfterMs` (when the gateway said) and try again. */
export class RateLimited extends Data.TaggedError("RateLimited")<{
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;
  readonly message: string;
}> {}

/**
 * HTTP 5xx on a read, or 408 on a read or a create, after the retries allowed. (A create answered
 * 5xx may have been recorded: that is AmbiguousSubmit. A status the contract does not describe is
 * UnexpectedResponse.)
 */
export class ServerError extends Data.TaggedError("ServerError")<{
  readonly status: number;
  readonly code: string | undefined;
  readonly attempts: number;
  readonly message: string;
}> {}

/** The request could not be completed at the network level (refused, reset, timed out), after the retries allowed. */
export class TransportError extends Data.TaggedError("TransportError")<{
  readonly reason: TransportFailure;
  readonly attempts: number;
  readonly message: string;
}> {}

/**
 * An answer the contract does not describe: a status it gives no meaning for that request (a 4xx
 * other than those with their own error, e.g. 404 on a create or 418), a read answered without a
 * task (not JSON, no id), or a completed task without a video. (A create answered without a task
 * may have been recorded: that is AmbiguousSubmit.)
 */
export class UnexpectedResponse extends Data.TaggedError("UnexpectedResponse")<{
  readonly status: number;
  readonly message: string;
}> {}

/**
 * The create request may have reached the gateway, and the answer was lost (a timeout after
 * sending, a dropped connection, a 5xx, a 303 or a redirect a browser hides). The task may exist and may be billed: it was NOT sent
 * again, because the API has no idempotency key and a resend can run the job twice.
 */
export class AmbiguousSubmit extends Data.TaggedError("AmbiguousSubmit")<{
  readonly reason: TransportFailure | "server-error" | "unreadable-answer" | "redirect";
  readonly status: number | undefined;
  readonly model: string;
  readonly message: string;
}> {}

/** The task finished as failed; `code` is the normalised seed or gateway code. */
export class TaskFailed extends Data.TaggedError("TaskFailed")<{
  readonly taskId: string;
  readonly code: string;
  readonly task: Task;
  readonly message: string;
}> {}

/** The task did not finish before the deadline; it may still finish: wait for it again later. */
export class WaitTimeout extends Data.TaggedError("WaitTimeout")<{
  readonly taskId: string;
  readonly lastStatus: string | undefined;
  readonly timeoutMs: number;
  readonly message: string;
}> {}

export type CallbackRejection =
  | "missing-header"
  | "malformed-header"
  | "unknown-algorithm"
  | "unknown-access-key"
  | "bad-signature"
  | "stale"
  | "future"
  | "replayed"
  | "too-large"
  | "malformed-body"
  | "body-mismatch";

/** A callback delivery that must not be trusted, and why. */
export class CallbackRejected extends Data.TaggedError("CallbackRejected")<{
  readonly reason: CallbackRejection;
  readonly message: string;
}> {}

/**
 * How a request failed below HTTP. `refused`, `dns` and `connect-timeout` mean it never left
 * this machine: always safe to resend. The others may have reached the server.
 */
export type TransportFailure = "refused" | "dns" | "connect-timeout" | "timeout" | "reset" | "network";

/** Errors of a read (`get`), after its retries; ValidationError for an empty task id. */
export type ReadError =
  | ValidationError
  | Unauthorized
  | InsufficientBalance
  | PermissionDenied
  | TaskNotFound
  | RateLimited
  | ServerError
  | TransportError
  | UnexpectedResponse;

/** Errors of a create (`submit`). */
export type SubmitError =
  | ValidationError
  | Unauthorized
  | InsufficientBalance
  | PermissionDenied
  | RateLimited
  | ServerError
  | TransportError
  | UnexpectedResponse
  | AmbiguousSubmit;

export type WaitError = ReadError | TaskFailed | WaitTimeout;
export type RunError = SubmitError | WaitError;

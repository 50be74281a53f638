// One tagged error per failure kind, each carrying what a caller needs to act on it. Messages
// are built from gateway text that has already been redacted (see redact.ts): no error ever
// holds the API key.
import type { Violation, Warning } from "@vidu-extend/contract";
import type { Task } from "../task/task.js";
import { TaggedViduError } from "./base.js";

export { isViduExtendError, TaggedViduError, ViduExtendError } from "./base.js";

/**
 * The parameters break a rule: found by the client before anything was sent (`source:
 * "client"`), or refused by the gateway with a seed code (`source: "gateway"`). Nothing was
 * created, nothing is billed.
 */
export class ValidationError extends TaggedViduError("ValidationError")<{
  readonly source: "client" | "gateway";
  readonly violations: readonly Violation[];
  readonly warnings: readonly Warning[];
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = false;
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
export class Unauthorized extends TaggedViduError("Unauthorized")<{
  readonly status: 401;
  readonly code: string | undefined;
  readonly message: string;
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = false;
}

/** HTTP 403 about money: top up the balance; nothing was created. */
export class InsufficientBalance extends TaggedViduError("InsufficientBalance")<{
  readonly status: 403;
  readonly code: string | undefined;
  readonly message: string;
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = false;
}

/** HTTP 403 for another reason: the key may not use this model or task. */
export class PermissionDenied extends TaggedViduError("PermissionDenied")<{
  readonly status: 403;
  readonly code: string | undefined;
  readonly message: string;
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = false;
}

/** HTTP 404 on a read: no task with this id is visible to this key. */
export class TaskNotFound extends TaggedViduError("TaskNotFound")<{
  readonly taskId: string;
  readonly message: string;
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = false;
}

/** HTTP 429 after the retries allowed: wait `retryAfterMs` (when the gateway said) and try again. */
export class RateLimited extends TaggedViduError("RateLimited")<{
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;
  readonly message: string;
}> {
  readonly retryable: boolean = true;
  readonly mayHaveBilled: boolean = false;
}

/**
 * HTTP 5xx on a read, or 408 on a read or a create, after the retries allowed. (A create answered
 * 5xx may have been recorded: that is AmbiguousSubmit. A status the contract does not describe is
 * UnexpectedResponse.)
 */
export class ServerError extends TaggedViduError("ServerError")<{
  readonly status: number;
  readonly code: string | undefined;
  readonly attempts: number;
  readonly message: string;
}> {
  readonly retryable: boolean = this.status >= 500 || this.status === 408;
  readonly mayHaveBilled: boolean = false;
}

/** The request could not be completed at the network level (refused, reset, timed out), after the retries allowed. */
export class TransportError extends TaggedViduError("TransportError")<{
  readonly reason: TransportFailure;
  readonly attempts: number;
  readonly message: string;
}> {
  readonly retryable: boolean = true;
  readonly mayHaveBilled: boolean = false;
}

/**
 * An answer the contract does not describe: a status it gives no meaning for that request (a 4xx
 * other than those with their own error, e.g. 404 on a create or 418), a read answered without a
 * task (not JSON, no id), or a completed task without a video. (A create answered without a task
 * may have been recorded: that is AmbiguousSubmit.)
 */
export class UnexpectedResponse extends TaggedViduError("UnexpectedResponse")<{
  readonly status: number;
  readonly message: string;
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = this.status >= 200 && this.status < 300;
}

/**
 * The create request may have reached the gateway, and the answer was lost (a timeout after
 * sending, a dropped connection, a 5xx, a 303 or a redirect a browser hides). The task may exist and may be billed: it was NOT sent
 * again, because the API has no idempotency key and a resend can run the job twice.
 */
export class AmbiguousSubmit extends TaggedViduError("AmbiguousSubmit")<{
  readonly reason: TransportFailure | "server-error" | "unreadable-answer" | "redirect";
  readonly status: number | undefined;
  readonly model: string;
  readonly message: string;
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = true;
}

/** The task finished as failed; `code` is the normalised seed or gateway code. */
export class TaskFailed extends TaggedViduError("TaskFailed")<{
  readonly taskId: string;
  readonly code: string;
  readonly task: Task;
  readonly message: string;
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = true;
}

/** The task did not finish before the deadline; it may still finish: wait for it again later. */
export class WaitTimeout extends TaggedViduError("WaitTimeout")<{
  readonly taskId: string;
  readonly lastStatus: string | undefined;
  readonly timeoutMs: number;
  readonly message: string;
}> {
  readonly retryable: boolean = true;
  readonly mayHaveBilled: boolean = true;
}

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
export class CallbackRejected extends TaggedViduError("CallbackRejected")<{
  readonly reason: CallbackRejection;
  readonly message: string;
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = false;
}

/**
 * No API key was given, neither as the option nor in the environment: raised when the client is
 * created, before any request (the gateway would only answer 401, after the retries).
 */
export class MissingApiKey extends TaggedViduError("MissingApiKey")<{
  /** The environment variable that was read (VTRIX_API_KEY). */
  readonly variable: string;
  readonly message: string;
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = false;
}

/**
 * A result video could not be downloaded. `expired`: the link answered 403, 404 or 410, which is
 * what a result URL does after its lifetime (24 h upstream): get the task again for a fresh one.
 * `too-large`: the file is over the size cap given. `http` and `network`: any other failure.
 */
export class DownloadFailed extends TaggedViduError("DownloadFailed")<{
  readonly reason: "expired" | "too-large" | "http" | "network";
  readonly url: string;
  readonly status: number | undefined;
  readonly message: string;
}> {
  readonly retryable: boolean = this.reason === "network" || (this.reason === "http" && (this.status ?? 0) >= 500);
  readonly mayHaveBilled: boolean = false;
}

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

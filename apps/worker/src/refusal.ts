// What the worker refuses or reports, as plain data: a status, a code, a message. The domain
// (tasks, batches, the consumer) works with these; only the HTTP handlers render them (http.ts).
import type { Violation } from "@vidu-extend/cloudflare";
import { gatewayRefusal } from "@vidu-extend/contract";

export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Sent as Retry-After (whole seconds, at least 1). */
  readonly retryAfterMs?: number;
  /** Extra members of the JSON answer (e.g. `violations`). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Validation refused: the gateway's own 400 (first seed code, every violation in the message), and the list. */
export function violationsRefusal(violations: readonly Violation[]): Refusal {
  const { error } = gatewayRefusal(violations);
  return { status: 400, code: error.code, message: error.message, extra: { violations } };
}

/** A core client error as the answer the gateway would have given, minus anything about the key. */
export function classifyError(error: unknown): Refusal {
  const tagged = error as { _tag?: string; retryAfterMs?: number; violations?: readonly Violation[]; code?: string };
  switch (tagged._tag) {
    case "ValidationError":
      return violationsRefusal(tagged.violations ?? []);
    case "RateLimited":
      return {
        status: 429,
        code: "rate_limit_exceeded",
        message: "the gateway is rate limiting; retry later",
        retryAfterMs: tagged.retryAfterMs ?? 5_000,
      };
    case "InsufficientBalance":
      return {
        status: 403,
        code: tagged.code ?? "insufficient_balance",
        message: "insufficient balance on the gateway account",
      };
    case "PermissionDenied":
      return { status: 403, code: tagged.code ?? "forbidden", message: "the gateway refused this operation" };
    case "Unauthorized":
      // The worker's key was refused: the caller can do nothing about it, and must not learn more.
      return {
        status: 502,
        code: "upstream_unauthorized",
        message: "the proxy's gateway credentials were refused; tell its operator",
      };
    case "TaskNotFound":
      return { status: 404, code: "not_found", message: "no such task" };
    case "AmbiguousSubmit":
      return {
        status: 502,
        code: "ambiguous_submit",
        message:
          "the create request may have reached the gateway and its answer was lost; the task may exist: do not resend blindly",
      };
    case "TransportError":
      return {
        status: 503,
        code: "upstream_unavailable",
        message: "the gateway could not be reached; retry later",
        retryAfterMs: 5_000,
      };
    default:
      return { status: 502, code: "upstream_error", message: "the gateway answered unexpectedly" };
  }
}

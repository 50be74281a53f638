// What a rejected fetch says about whether the request left this machine. Runtimes differ:
// undici (Node) puts a code on `cause`, Deno puts it in the message, browsers say nothing
// (and so count as "network": possibly sent).
import type { TransportFailure } from "../errors/index.js";

/** Failures where the request never left: resending cannot duplicate anything. */
export const NEVER_SENT: ReadonlySet<TransportFailure> = new Set(["refused", "dns", "connect-timeout"]);

const BY_CODE: Readonly<Record<string, TransportFailure>> = {
  ECONNREFUSED: "refused",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  UND_ERR_CONNECT_TIMEOUT: "connect-timeout",
  ECONNRESET: "reset",
  EPIPE: "reset",
  UND_ERR_SOCKET: "reset",
  ETIMEDOUT: "timeout",
  UND_ERR_HEADERS_TIMEOUT: "timeout",
  UND_ERR_BODY_TIMEOUT: "timeout",
};

const BY_MESSAGE: readonly (readonly [RegExp, TransportFailure])[] = [
  [/connection refused/i, "refused"],
  [/dns error|failed to lookup|name or service not known|getaddrinfo/i, "dns"],
  [/connection reset|broken pipe|socket hang up|other side closed/i, "reset"],
];

/** Every error in the cause chain (and inside AggregateErrors). */
function* causes(error: unknown, depth = 0): Generator<unknown> {
  if (error === undefined || error === null || depth > 5) return;
  yield error;
  if (error instanceof AggregateError) for (const inner of error.errors) yield* causes(inner, depth + 1);
  if (typeof error === "object" && "cause" in error) yield* causes(error.cause, depth + 1);
}

export function classifyFetchFailure(error: unknown): TransportFailure {
  for (const cause of causes(error)) {
    const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : undefined;
    if (code !== undefined && BY_CODE[code] !== undefined) return BY_CODE[code];
    const message = cause instanceof Error ? cause.message : typeof cause === "string" ? cause : "";
    for (const [pattern, failure] of BY_MESSAGE) if (pattern.test(message)) return failure;
  }
  return "network";
}

export function describeFetchFailure(error: unknown): string {
  const messages = [...causes(error)].map((cause) => (cause instanceof Error ? cause.message : String(cause)));
  return [...new Set(messages)].join(": ");
}

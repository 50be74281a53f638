// Violations as the gateway's own 400 answer, `{"error": {"code", "message"}}`: what the
// simulator and the worker send, so that clients read both as they read the gateway.
import type { Violation } from "./violation.js";

export interface GatewayRefusal {
  readonly error: { readonly code: string; readonly message: string };
}

/** The first seed code among the violations (or `invalid_parameter`), and every violation in one sentence. */
export function gatewayRefusal(violations: readonly Violation[]): GatewayRefusal {
  const first = violations.find((v) => v.code !== undefined) ?? violations[0];
  const message = violations.map((v) => `${v.field === "" ? "params" : v.field}: ${v.message}`).join("; ");
  return { error: { code: first?.code ?? "invalid_parameter", message } };
}

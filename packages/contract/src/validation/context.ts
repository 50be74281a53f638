// Where checks put what they find, and how a finding gets its seed code.
import type { ErrorCodesByModel } from "../contract-data-types.js";
import type { Violation, Warning } from "./violation.js";

export interface CheckContext {
  /** The model whose seed codes apply, when the request names a known one. */
  readonly model: string | undefined;
  readonly violations: Violation[];
  readonly warnings: Warning[];
}

export function report(
  ctx: CheckContext,
  codes: ErrorCodesByModel | undefined,
  violation: Omit<Violation, "code">,
): void {
  const code = ctx.model === undefined ? undefined : codes?.[ctx.model];
  ctx.violations.push(code === undefined ? violation : { ...violation, code });
}

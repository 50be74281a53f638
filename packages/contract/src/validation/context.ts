// Where checks put what they find, and how a finding gets its seed code.
import type { ErrorCodesByModel } from "../contract-data-types.js";
import type { Violation, Warning } from "./violation.js";

export interface CheckContext {
  /** The model whose seed codes apply, when the request names a known one. */
  readonly model: string | undefined;
  readonly violations: Violation[];
  readonly warnings: Warning[];
  /** Violations found beyond MAX_VIOLATIONS: counted, not kept (an answer must stay small). */
  omitted?: number;
}

/**
 * At most this many violations are kept; the rest are counted and summed up in one last entry.
 * A hostile request can break a rule per item or per key; its answer must not grow with it.
 */
export const MAX_VIOLATIONS = 20;

/** Keeps `violation` unless MAX_VIOLATIONS are kept already (then it is only counted). */
export function add(ctx: CheckContext, violation: Violation): void {
  if (ctx.violations.length < MAX_VIOLATIONS) ctx.violations.push(violation);
  else ctx.omitted = (ctx.omitted ?? 0) + 1;
}

/** The kept violations, and `… and N more` when some were only counted. */
export function reported(ctx: CheckContext): Violation[] {
  const omitted = ctx.omitted ?? 0;
  if (omitted === 0) return ctx.violations;
  return [
    ...ctx.violations,
    {
      field: "",
      rule: "maxViolations",
      message: `… and ${omitted} more violation${omitted === 1 ? "" : "s"} (only the first ${MAX_VIOLATIONS} are listed)`,
    },
  ];
}

export function report(
  ctx: CheckContext,
  codes: ErrorCodesByModel | undefined,
  violation: Omit<Violation, "code">,
): void {
  const code = ctx.model === undefined ? undefined : codes?.[ctx.model];
  add(ctx, code === undefined ? violation : { ...violation, code });
}

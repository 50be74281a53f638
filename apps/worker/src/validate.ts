// The contract's spec-driven validation, before anything reaches the gateway: every violation,
// with the seed codes of the model named.
import { validateExtendParams, type Violation } from "@vidu-extend/contract";

/** The violations, or none when the parameters are valid. */
export function validateParams(params: unknown): readonly Violation[] {
  const checked = validateExtendParams(params);
  return checked.ok ? [] : checked.violations;
}

// What is checked before anything reaches the gateway: the model (only the extension models the
// generated contract names), then the contract's spec-driven validation (every violation, with
// the seed codes of the model named).
import { contractData, validateExtendParams, type Violation } from "@vidu-extend/contract";

/** The models this proxy serves: the contract's, so a model added to the spec is served with no other edit. */
const MODELS: readonly string[] = contractData.models;

/** The violation for a model other than the extension models, looked at before anything else. */
export function modelViolation(params: unknown): Violation | undefined {
  const model =
    typeof params === "object" && params !== null && Object.hasOwn(params, "model")
      ? (params as Record<string, unknown>)["model"]
      : undefined;
  if (typeof model === "string" && MODELS.includes(model)) return undefined;
  return {
    field: "model",
    rule: "enum",
    message: `model must be one of ${MODELS.join(", ")}; this proxy serves nothing else`,
  };
}

/** The violations, or none when the parameters are valid. */
export function validateParams(params: unknown): readonly Violation[] {
  const checked = validateExtendParams(params);
  return checked.ok ? [] : checked.violations;
}

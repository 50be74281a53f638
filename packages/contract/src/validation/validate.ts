// Validates flat extension parameters against the rules generated from the spec, reporting
// every violation at once with the seed code of the model the request names.
import type { ContractData } from "../contract-data-types.js";
import { contractData } from "../generated/contract-data.js";
import { toCreateRequest } from "../envelope.js";
import type { ExtendParameters } from "../types.js";
import { checkSchema } from "./check-schema.js";
import { reported, report, type CheckContext } from "./context.js";
import { MAX_DEPTH, tooDeep } from "./depth.js";
import { describe } from "./describe.js";
import { utf8ByteLength } from "./text.js";
import type { ValidationResult } from "./violation.js";

export type Validator = (input: unknown) => ValidationResult<ExtendParameters>;

export function createValidator(data: ContractData): Validator {
  return (input) => {
    const ctx: CheckContext & { model: string | undefined } = { model: undefined, violations: [], warnings: [] };
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      ctx.violations.push({
        field: "",
        rule: "type",
        message: `parameters must be an object, got ${describe.value(input)}`,
      });
      return { ok: false, violations: ctx.violations, warnings: ctx.warnings };
    }
    // Before anything walks the value (the checks, JSON.stringify for the body size).
    const deep = tooDeep(input, MAX_DEPTH + 1);
    if (deep !== undefined) {
      ctx.violations.push({
        field: describe.name(deep.split(/[.[]/)[0] ?? ""),
        rule: "maxDepth",
        message: `${describe.name(deep)} nests deeper than ${MAX_DEPTH} levels; no parameter nests more than a few`,
      });
      return { ok: false, violations: ctx.violations, warnings: ctx.warnings };
    }
    const { model, ...params } = input as Record<string, unknown>;
    if (model === undefined) {
      ctx.violations.push({
        field: "model",
        rule: "required",
        message: `model is required: one of ${data.models.join(", ")}`,
      });
    } else if (typeof model !== "string" || !data.models.includes(model)) {
      ctx.violations.push({
        field: "model",
        rule: "enum",
        message: `model must be one of ${data.models.join(", ")}, got ${describe.value(model)}`,
      });
    } else {
      ctx.model = model;
    }
    checkSchema(data.params, params, "", ctx);
    if (data.maxBody !== undefined) checkBodySize(data.maxBody, input as ExtendParameters, ctx);

    return ctx.violations.length === 0
      ? { ok: true, value: input as ExtendParameters, warnings: ctx.warnings }
      : { ok: false, violations: reported(ctx), warnings: ctx.warnings };
  };
}

function checkBodySize(
  limit: NonNullable<ContractData["maxBody"]>,
  parameters: ExtendParameters,
  ctx: CheckContext,
): void {
  const bytes = utf8ByteLength(JSON.stringify(toCreateRequest(parameters)));
  if (bytes <= limit.limit) return;
  report(ctx, limit["x-error-codes"], {
    field: "body",
    rule: "maxBodyBytes",
    message: `the request body would be ${describe.bytes(bytes)}; at most ${describe.bytes(limit.limit)} is allowed (use an image URL instead of a data URI)`,
  });
}

/** Validates flat parameters against the spec's rules: every violation, with its seed code. */
export const validateExtendParams: Validator = /* @__PURE__ */ createValidator(contractData);

// One parameter checked against its own rules in the spec, without a whole request around it:
// for tools that prepare a value before the request exists (e.g. a local image file).
import { contractData } from "../generated/contract-data.js";
import type { ExtendParameters, ModelId } from "../types.js";
import { checkSchema } from "./check-schema.js";
import { reported, type CheckContext } from "./context.js";
import type { Violation } from "./violation.js";

type ParameterName = Exclude<keyof ExtendParameters, "model">;

/** Every violation of `name`'s rules by `value`, with `model`'s seed codes when a model is given. */
export function checkParameter(name: ParameterName, value: unknown, model?: ModelId): readonly Violation[] {
  const schema = contractData.params.properties[name];
  const ctx: CheckContext = { model, violations: [], warnings: [] };
  checkSchema(schema, value, name, ctx);
  return reported(ctx);
}

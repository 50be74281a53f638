// The one place where flat parameters become the gateway's create envelope.
import type { ExtendParameters, ExtendRequest } from "./types.js";

/**
 * `{model, …params}` → `{"model": model, "input": [{"params": params}]}`. `model` travels in the
 * envelope only (an assumption marked in the spec).
 */
export function toCreateRequest(parameters: ExtendParameters): ExtendRequest {
  const { model, ...params } = parameters;
  return { model, input: [{ params }] } as ExtendRequest;
}

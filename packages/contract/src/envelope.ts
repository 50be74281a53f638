// The one place where flat parameters and the gateway's create envelope turn into each other.
import type { ExtendParameters, ExtendRequest } from "./types.js";

/**
 * `{model, …params}` → `{"model": model, "input": [{"params": params}]}`. `model` travels in the
 * envelope only (an assumption marked in the spec).
 */
export function toCreateRequest(parameters: ExtendParameters): ExtendRequest {
  const { model, ...params } = parameters;
  return { model, input: [{ params }] } as ExtendRequest;
}

/**
 * `{"model", "input": [{"params"}]}` → the flat parameters (not yet validated), or what is wrong
 * with the envelope itself. For servers that receive creates: the simulator and the worker.
 */
export function fromCreateRequest(
  body: unknown,
): { readonly params: Record<string, unknown> } | { readonly problem: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { problem: "the body must be a JSON object" };
  const { model, input, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return { problem: `unknown field ${unknown} in the request` };
  if (!Array.isArray(input) || input.length !== 1) return { problem: "input must be a list of exactly one job" };
  const job: unknown = input[0];
  if (
    typeof job !== "object" ||
    job === null ||
    Array.isArray(job) ||
    Object.keys(job).some((key) => key !== "params")
  ) {
    return { problem: 'input[0] must be {"params": {…}}' };
  }
  const params = (job as { params?: unknown }).params;
  if (typeof params !== "object" || params === null || Array.isArray(params))
    return { problem: "input[0].params must be an object" };
  if ("model" in params) return { problem: "model belongs in the envelope, not in params" };
  return { params: { model, ...params } };
}

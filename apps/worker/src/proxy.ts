// The keyless proxy's HTTP side: browsers (and any caller with a token) create and read tasks
// here. Two shapes: `/v1/extend` (flat parameters) and `/gateway/model/v1/generation…` (the
// gateway's own paths and envelope, so that @vidu-extend/browser's createClient({ baseUrl:
// worker + "/gateway" }) works). What happens to a task is tasks.ts's business.
import { fromCreateRequest } from "@vidu-extend/contract";
import { MAX_EXTEND_BYTES, type Env } from "./env.js";
import { fail, json, readJson, refuse } from "./http.js";
import { createTask, describeTask, readTask } from "./tasks.js";

export async function handleExtend(
  env: Env,
  request: Request,
  caller: string,
  shape: "flat" | "gateway",
): Promise<Response> {
  const body = await readJson(request, MAX_EXTEND_BYTES);
  if (!body.ok) return body.response;
  let params: Record<string, unknown>;
  if (shape === "gateway") {
    const unwrapped = fromCreateRequest(body.value);
    if ("problem" in unwrapped) return fail(400, "invalid_request", unwrapped.problem);
    params = unwrapped.params;
  } else {
    if (typeof body.value !== "object" || body.value === null || Array.isArray(body.value))
      return fail(400, "invalid_request", "the body must be a JSON object of extension parameters");
    params = body.value as Record<string, unknown>;
  }
  const created = await createTask(env, caller, params);
  if (!created.ok) return refuse(created.refusal);
  return shape === "gateway" ? json(200, created.task.raw) : json(201, describeTask(created.task));
}

export async function handleRead(env: Env, caller: string, id: string, shape: "flat" | "gateway"): Promise<Response> {
  const read = await readTask(env, caller, id);
  if (!read.ok) return refuse(read.refusal);
  return json(200, shape === "gateway" ? read.task.raw : describeTask(read.task));
}

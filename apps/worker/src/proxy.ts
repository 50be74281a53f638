// The keyless proxy: browsers (and any caller with a token) create and read tasks here; the
// worker checks the request, adds the API key and points the callback at itself. Two shapes:
// `/v1/extend` (flat parameters) and `/gateway/model/v1/generation…` (the gateway's own paths and
// envelope, so that @vidu-extend/browser's createClient({ baseUrl: worker + "/gateway" }) works).
import {
  createClient,
  isTerminal,
  normalizeTask,
  type ExtendParameters,
  type Task,
  type Violation,
} from "@vidu-extend/cloudflare";
import { callbackUrl, limiterStub, limits, MAX_EXTEND_BYTES, taskStub, type Env } from "./env.js";
import { fail, json, readJson } from "./http.js";
import { fromCreateRequest } from "@vidu-extend/contract";
import { validateParams } from "./validate.js";
import { asJson, asTask, type StoredTask } from "./task-store.js";

const MODELS: readonly string[] = ["viduq2_pro_extend", "viduq2_turbo_extend"];

/** 400 for a model other than the two extension models, before anything else is looked at. */
export function modelRefusal(params: unknown): Response | undefined {
  const model =
    typeof params === "object" && params !== null ? (params as Record<string, unknown>)["model"] : undefined;
  if (typeof model === "string" && MODELS.includes(model)) return undefined;
  const violation: Violation = {
    field: "model",
    rule: "enum",
    message: `model must be one of ${MODELS.join(", ")}; this proxy serves nothing else`,
  };
  return fail(400, "model_not_allowed", violation.message, { violations: [violation] });
}

const violationsResponse = (violations: readonly Violation[]): Response => {
  const first = violations.find((v) => v.code !== undefined) ?? violations[0];
  const message = violations.map((v) => `${v.field === "" ? "params" : v.field}: ${v.message}`).join("; ");
  return fail(400, first?.code ?? "invalid_parameter", message, { violations });
};

/** A core client error as the answer the gateway would have given, minus anything about the key. */
export function errorResponse(error: unknown): Response {
  const tagged = error as {
    _tag?: string;
    message?: string;
    retryAfterMs?: number;
    violations?: readonly Violation[];
    code?: string;
    status?: number;
  };
  switch (tagged._tag) {
    case "ValidationError":
      return violationsResponse(tagged.violations ?? []);
    case "RateLimited":
      return fail(
        429,
        "rate_limit_exceeded",
        "the gateway is rate limiting; retry later",
        {},
        { "retry-after": String(Math.max(1, Math.ceil((tagged.retryAfterMs ?? 5_000) / 1000))) },
      );
    case "InsufficientBalance":
      return fail(403, tagged.code ?? "insufficient_balance", "insufficient balance on the gateway account");
    case "PermissionDenied":
      return fail(403, tagged.code ?? "forbidden", "the gateway refused this operation");
    case "Unauthorized":
      // The worker's key was refused: the caller can do nothing about it, and must not learn more.
      return fail(502, "upstream_unauthorized", "the proxy's gateway credentials were refused; tell its operator");
    case "TaskNotFound":
      return fail(404, "not_found", "no such task");
    case "AmbiguousSubmit":
      return fail(
        502,
        "ambiguous_submit",
        "the create request may have reached the gateway and its answer was lost; the task may exist: do not resend blindly",
      );
    case "TransportError":
      return fail(
        503,
        "upstream_unavailable",
        "the gateway could not be reached; retry later",
        {},
        { "retry-after": "5" },
      );
    default:
      return fail(502, "upstream_error", "the gateway answered unexpectedly");
  }
}

/** Validates, takes an in-flight slot, submits with the worker's key and its own callback URL, stores the task. */
async function createTask(
  env: Env,
  request: Request,
  params: Record<string, unknown>,
): Promise<{ ok: true; task: StoredTask } | { ok: false; response: Response }> {
  const refused = modelRefusal(params);
  if (refused !== undefined) return { ok: false, response: refused };
  const client = createClient(env, { retry: { attempts: 1 } });
  const { maxInFlight, slotLeaseMs, slotWaitSeconds } = limits(env);
  // The callback goes to this worker whatever the caller asked: it holds the key that signs it.
  const withCallback = { ...params, callback_url: callbackUrl(env, request) } as ExtendParameters;
  // Checked before a slot is taken (submit validates again, but a refusal must not hold a slot).
  const slot = `proxy:${crypto.randomUUID()}`;
  const limiter = limiterStub(env);
  const violations = validateParams(withCallback);
  if (violations.length > 0) return { ok: false, response: violationsResponse(violations) };
  let task: Task;
  if (!(await limiter.acquire(slot, maxInFlight, slotLeaseMs))) {
    return {
      ok: false,
      response: fail(
        429,
        "rate_limit_exceeded",
        `${maxInFlight} tasks are in flight, the account's limit; retry later`,
        {},
        { "retry-after": String(Math.max(1, slotWaitSeconds)) },
      ),
    };
  }
  try {
    task = await client.submit(withCallback);
  } catch (error) {
    // An ambiguous create may be running upstream: its slot stays taken until the lease ends.
    if ((error as { _tag?: string })._tag !== "AmbiguousSubmit") await limiter.release(slot);
    return { ok: false, response: errorResponse(error) };
  }
  const stored = await taskStub(env, task.id).apply(asJson(task.raw), "submit", { slot });
  return { ok: true, task: stored.task };
}

function describeTask(task: StoredTask): Record<string, unknown> {
  const normalized = normalizeTask(asTask(task.raw));
  return {
    id: task.id,
    status: task.status,
    phase: task.phase,
    ...(task.progress === undefined ? {} : { progress: task.progress }),
    videos: normalized.videos,
    ...(normalized.error === undefined ? {} : { error: normalized.error }),
    source: task.source,
    updatedAt: task.updatedAt,
    ...(task.batch === undefined ? {} : { batch: task.batch }),
    raw: task.raw,
  };
}

/** The stored task when it is finished; otherwise a read from the gateway, applied. Only tasks created here. */
async function readTask(
  env: Env,
  id: string,
): Promise<{ ok: true; task: StoredTask } | { ok: false; response: Response }> {
  const stub = taskStub(env, id);
  const stored = await stub.snapshot();
  if (stored === null)
    return { ok: false, response: fail(404, "not_found", `no task ${id} was created through this proxy`) };
  if (isTerminal(stored)) return { ok: true, task: stored };
  try {
    const task = await createClient(env, { retry: { attempts: 2 } }).get(id);
    return { ok: true, task: (await stub.apply(asJson(task.raw), "poll")).task };
  } catch (error) {
    return { ok: false, response: errorResponse(error) };
  }
}

export async function handleExtend(env: Env, request: Request, shape: "flat" | "gateway"): Promise<Response> {
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
  const created = await createTask(env, request, params);
  if (!created.ok) return created.response;
  return shape === "gateway" ? json(200, created.task.raw) : json(201, describeTask(created.task));
}

export async function handleRead(env: Env, id: string, shape: "flat" | "gateway"): Promise<Response> {
  const read = await readTask(env, id);
  if (!read.ok) return read.response;
  return json(200, shape === "gateway" ? read.task.raw : describeTask(read.task));
}

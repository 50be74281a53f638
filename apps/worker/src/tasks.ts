// Creating and reading tasks through the proxy, as plain results: a stored task, or a Refusal that
// the HTTP handlers (proxy.ts) render. Every task records the caller that created it, and only
// that caller reads it.
import { createClient, isTerminal, normalizeTask, type ExtendParameters, type Task } from "@vidu-extend/cloudflare";
import { callbackUrl, limiterStub, limits, taskStub, type Env } from "./env.js";
import { classifyError, type Refusal, violationsRefusal } from "./refusal.js";
import { type Applied, asJson, asTask, type StoredTask } from "./task-store.js";
import { modelViolation, validateParams } from "./validate.js";

export type Outcome =
  | { readonly ok: true; readonly task: StoredTask }
  | { readonly ok: false; readonly refusal: Refusal };

/** The stored task, or a 502 when the gateway's answer was refused (see TaskStore.apply). */
const outcome = (applied: Applied): Outcome =>
  "refused" in applied
    ? { ok: false, refusal: { status: 502, code: "upstream_error", message: applied.refused } }
    : { ok: true, task: applied.task };

/** Without PUBLIC_URL the worker cannot say where callbacks go, and creates nothing. */
export const publicUrlMissing: Refusal = {
  status: 503,
  code: "public_url_missing",
  message: "this worker creates no tasks until its operator sets PUBLIC_URL (its public https origin) for callback_url",
};

/** Validates, takes an in-flight slot, submits with the worker's key and its own callback URL, stores the task. */
export async function createTask(env: Env, caller: string, params: Record<string, unknown>): Promise<Outcome> {
  const model = modelViolation(params);
  if (model !== undefined)
    return {
      ok: false,
      refusal: { status: 400, code: "model_not_allowed", message: model.message, extra: { violations: [model] } },
    };
  // The callback goes to this worker whatever the caller asked: it holds the key that signs it.
  const callback = callbackUrl(env);
  if (callback === undefined) return { ok: false, refusal: publicUrlMissing };
  const withCallback = { ...params, callback_url: callback } as ExtendParameters;
  // Checked before a slot is taken (submit validates again, but a refusal must not hold a slot).
  const violations = validateParams(withCallback);
  if (violations.length > 0) return { ok: false, refusal: violationsRefusal(violations) };
  const { maxInFlight, slotLeaseMs, slotWaitSeconds } = limits(env);
  const slot = `proxy:${crypto.randomUUID()}`;
  const limiter = limiterStub(env);
  if (!(await limiter.acquire(slot, maxInFlight, slotLeaseMs))) {
    return {
      ok: false,
      refusal: {
        status: 429,
        code: "rate_limit_exceeded",
        message: `${maxInFlight} tasks are in flight, the account's limit; retry later`,
        retryAfterMs: Math.max(1, slotWaitSeconds) * 1000,
      },
    };
  }
  let task: Task;
  try {
    task = await createClient(env, { retry: { attempts: 1 } }).submit(withCallback);
  } catch (error) {
    // An ambiguous create may be running upstream: its slot stays taken until the lease ends.
    if ((error as { _tag?: string })._tag !== "AmbiguousSubmit") await limiter.release(slot);
    return { ok: false, refusal: classifyError(error) };
  }
  return outcome(await taskStub(env, task.id).apply(asJson(task.raw), "submit", { owner: caller, slot }));
}

export function describeTask(task: StoredTask): Record<string, unknown> {
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
    ...(task.abandoned === undefined ? {} : { abandoned: task.abandoned }),
    raw: task.raw,
  };
}

/**
 * The stored task when it is finished; otherwise a read from the gateway, applied. Only tasks the
 * caller created here: any other id is answered as unknown, whether it exists or not.
 */
export async function readTask(env: Env, caller: string, id: string): Promise<Outcome> {
  const stub = taskStub(env, id);
  const stored = await stub.snapshot();
  if (stored === null || stored.owner !== caller)
    return {
      ok: false,
      refusal: { status: 404, code: "not_found", message: `no task ${id} was created through this proxy by you` },
    };
  if (isTerminal(stored)) return { ok: true, task: stored };
  try {
    const task = await createClient(env, { retry: { attempts: 2 } }).get(id);
    return outcome(await stub.apply(asJson(task.raw), "poll"));
  } catch (error) {
    return { ok: false, refusal: classifyError(error) };
  }
}

// The worker's bindings (wrangler.jsonc), and the numbers read from its vars.
import type { BatchStore } from "./batch-store.js";
import type { Limiter } from "./limiter.js";
import type { TaskStore } from "./task-store.js";

/** A queued batch job: which batch, which job. The parameters stay in the batch's Durable Object. */
export interface JobMessage {
  readonly batchId: string;
  readonly index: number;
}

export interface Env {
  /** Secret. The gateway key: added to upstream requests here, never returned. */
  readonly VTRIX_API_KEY: string;
  readonly VTRIX_BASE_URL?: string;
  /** Secret. Comma-separated bearer tokens of the callers allowed to use the API. */
  readonly CALLER_TOKENS?: string;
  readonly ALLOWED_ORIGINS?: string;
  readonly PUBLIC_URL?: string;
  readonly MAX_IN_FLIGHT?: string;
  readonly SLOT_WAIT_SECONDS?: string;
  readonly SLOT_LEASE_SECONDS?: string;
  readonly CALLBACK_GRACE_SECONDS?: string;
  readonly CALLBACK_NONCES: KVNamespace;
  readonly OPEN_TASKS: KVNamespace;
  readonly TASKS: DurableObjectNamespace<TaskStore>;
  readonly BATCHES: DurableObjectNamespace<BatchStore>;
  readonly LIMITER: DurableObjectNamespace<Limiter>;
  readonly JOBS: Queue<JobMessage>;
  readonly ASSETS?: Fetcher;
}

const num = (value: string | undefined, fallback: number, min = 0): number => {
  const n = Number(value);
  return value === undefined || value.trim() === "" || !Number.isFinite(n) || n < min ? fallback : n;
};

export const limits = (env: Env) => ({
  maxInFlight: num(env.MAX_IN_FLIGHT, 5, 1),
  slotWaitSeconds: num(env.SLOT_WAIT_SECONDS, 10, 0),
  slotLeaseMs: num(env.SLOT_LEASE_SECONDS, 1800, 1) * 1000,
  callbackGraceMs: num(env.CALLBACK_GRACE_SECONDS, 120, 0) * 1000,
});

/** Request size limits. The contract allows a 20 MiB create body (data-URI images); a little slack for the envelope. */
export const MAX_EXTEND_BYTES = 20 * 1024 * 1024 + 64 * 1024;
/** A batch carries URLs, not data URIs: each job is kept under the 128 KiB a queue message or DO value may hold. */
export const MAX_BATCH_BYTES = 2 * 1024 * 1024;
export const MAX_BATCH_JOBS = 500;
export const MAX_JOB_BYTES = 100 * 1024;

/**
 * This worker's callback URL, from PUBLIC_URL only; undefined when PUBLIC_URL is unset or not an
 * http(s) URL. Never from the request: its Host is the caller's to choose, and the gateway would
 * send the signed deliveries of the task wherever it points.
 */
export const callbackUrl = (env: Env): string | undefined => {
  const base = (env.PUBLIC_URL ?? "").trim().replace(/\/+$/, "");
  if (base === "") return undefined;
  try {
    const url = new URL(`${base}/callbacks/vidu`);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/** The cap is per API key: one limiter object for the key the worker uses. */
export const limiterStub = (env: Env) => env.LIMITER.get(env.LIMITER.idFromName("gateway"));
export const taskStub = (env: Env, id: string) => env.TASKS.get(env.TASKS.idFromName(id));
export const batchStub = (env: Env, id: string) => env.BATCHES.get(env.BATCHES.idFromName(id));

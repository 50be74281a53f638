// POST /v1/batches and GET /v1/batches/:id: the HTTP side of batches. The jobs are checked here
// (all or nothing), stored in a BatchStore and queued one message each; batch-consumer.ts runs them.
import type { ExtendParameters } from "@vidu-extend/cloudflare";
import {
  batchStub,
  callbackUrl,
  MAX_BATCH_BYTES,
  MAX_BATCH_JOBS,
  MAX_JOB_BYTES,
  type Env,
  type JobMessage,
} from "./env.js";
import { fail, json, readJson, refuse } from "./http.js";
import { publicUrlMissing } from "./tasks.js";
import { modelViolation, validateParams } from "./validate.js";

/** The violations of one job: the model first, then the contract (depth bounded there), then its stored size. */
function jobViolations(job: unknown, callback: string): readonly unknown[] {
  const model = modelViolation(job);
  if (model !== undefined) return [model];
  const violations = validateParams({ ...(job as object), callback_url: callback });
  if (violations.length > 0) return violations;
  if (new TextEncoder().encode(JSON.stringify(job)).byteLength > MAX_JOB_BYTES)
    return [
      {
        field: "body",
        rule: "maxJobBytes",
        message: `a batch job may take at most ${MAX_JOB_BYTES} bytes: use image URLs, not data URIs`,
      },
    ];
  return [];
}

/** POST /v1/batches `{"jobs": [flat parameters, …]}`: every job validated first; all or nothing. */
export async function handleCreateBatch(env: Env, request: Request, caller: string): Promise<Response> {
  const callback = callbackUrl(env);
  if (callback === undefined) return refuse(publicUrlMissing);
  const body = await readJson(request, MAX_BATCH_BYTES);
  if (!body.ok) return body.response;
  const jobs = (body.value as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs) || jobs.length === 0)
    return fail(400, "invalid_request", 'the body must be {"jobs": [parameters, …]} with at least one job');
  if (jobs.length > MAX_BATCH_JOBS) return fail(413, "too_many_jobs", `at most ${MAX_BATCH_JOBS} jobs per batch`);
  const invalid: { index: number; violations: readonly unknown[] }[] = [];
  for (const [index, job] of jobs.entries()) {
    const violations = jobViolations(job, callback);
    if (violations.length > 0) invalid.push({ index, violations });
  }
  if (invalid.length > 0)
    return fail(400, "invalid_parameter", `${invalid.length} of ${jobs.length} jobs are invalid; nothing was queued`, {
      // Every job may be wrong: the answer lists the first few, like the violations of one job.
      jobs: invalid.slice(0, MAX_INVALID_JOBS_SHOWN),
      ...(invalid.length > MAX_INVALID_JOBS_SHOWN ? { more: invalid.length - MAX_INVALID_JOBS_SHOWN } : {}),
    });
  const id = crypto.randomUUID();
  await batchStub(env, id).init(id, jobs as ExtendParameters[], callback, caller);
  const messages = jobs.map((_, index) => ({ body: { batchId: id, index } satisfies JobMessage }));
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < messages.length; i += 100) await env.JOBS.sendBatch(messages.slice(i, i + 100));
  return json(202, { id, total: jobs.length, status: `/v1/batches/${id}` });
}

/** The invalid jobs an answer lists (the count of the others is given). */
const MAX_INVALID_JOBS_SHOWN = 20;

/** The batch, to the caller that created it; 404 to anyone else, as for a batch that does not exist. */
export async function handleReadBatch(env: Env, id: string, caller: string): Promise<Response> {
  const summary = await batchStub(env, id).summary(caller);
  return summary === null ? fail(404, "not_found", `no batch ${id}`) : json(200, summary);
}

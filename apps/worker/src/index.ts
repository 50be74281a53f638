// vidu-extend worker: a keyless proxy for browsers, a verified callback receiver, per-task state in
// Durable Objects, batches through a Queue under the in-flight cap, a cron fallback for lost
// callbacks, and a demo page (static assets). See README.md.
import { pathSegment } from "@vidu-extend/cloudflare";
import { handleQueue } from "./batch-consumer.js";
import { handleCreateBatch, handleReadBatch } from "./batch-routes.js";
import { receiveCallback } from "./callbacks.js";
import { pollOverdue } from "./cron.js";
import { limiterStub, limits, type Env, type JobMessage } from "./env.js";
import { authenticate, corsHeaders, fail, json, withHeaders } from "./http.js";
import { handleExtend, handleRead } from "./proxy.js";

export { BatchStore } from "./batch-store.js";
export { Limiter } from "./limiter.js";
export { TaskStore } from "./task-store.js";
export type { Env, JobMessage } from "./env.js";

const TASK_PATH = /^\/(?:v1\/tasks|gateway\/model\/v1\/generation\/task)\/([^/]+)$/;
const BATCH_PATH = /^\/v1\/batches\/([^/]+)$/;

async function api(request: Request, env: Env, url: URL): Promise<Response> {
  const auth = await authenticate(env, request);
  if ("denied" in auth) return auth.denied;
  const { caller } = auth;
  const { pathname } = url;
  const method = request.method;
  if (method === "POST" && pathname === "/v1/extend") return handleExtend(env, request, caller, "flat");
  if (method === "POST" && pathname === "/gateway/model/v1/generation")
    return handleExtend(env, request, caller, "gateway");
  if (method === "POST" && pathname === "/v1/batches") return handleCreateBatch(env, request, caller);
  if (method === "GET" && pathname === "/v1/limiter") {
    // Counts only: holder names (batch ids, job numbers) belong to other callers.
    const { holders: _, ...counts } = await limiterStub(env).stats(limits(env).maxInFlight);
    return json(200, counts);
  }
  const task = TASK_PATH.exec(pathname);
  if (task !== null && method === "GET") {
    const id = pathSegment(task[1] as string);
    return id === undefined
      ? fail(404, "not_found", "no such task")
      : handleRead(env, caller, id, pathname.startsWith("/gateway/") ? "gateway" : "flat");
  }
  const batch = BATCH_PATH.exec(pathname);
  if (batch !== null && method === "GET") {
    const id = pathSegment(batch[1] as string);
    return id === undefined ? fail(404, "not_found", "no such batch") : handleReadBatch(env, id, caller);
  }
  return fail(404, "not_found", `no route ${method} ${pathname}`);
}

const isApi = (pathname: string) => pathname.startsWith("/v1/") || pathname.startsWith("/gateway/");

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/callbacks/vidu") return receiveCallback(request, env, ctx);
    if (isApi(url.pathname)) {
      const cors = corsHeaders(env, request);
      if (request.method === "OPTIONS")
        return new Response(null, { status: Object.keys(cors).length > 0 ? 204 : 403, headers: cors });
      try {
        return withHeaders(await api(request, env, url), cors);
      } catch (error) {
        console.error("api error", error);
        return withHeaders(fail(500, "internal_error", "the worker failed to handle the request"), cors);
      }
    }
    if (url.pathname === "/health") return json(200, { ok: true });
    if (env.ASSETS !== undefined) return env.ASSETS.fetch(request);
    return fail(404, "not_found", `no route ${request.method} ${url.pathname}`);
  },

  async queue(batch, env, _ctx): Promise<void> {
    await handleQueue(batch, env);
  },

  async scheduled(_controller, env, ctx): Promise<void> {
    ctx.waitUntil(pollOverdue(env).then((result) => console.log("cron", result)));
  },
} satisfies ExportedHandler<Env, JobMessage>;

// The gateway's two endpoints (and the result files) over node:http, as the spec describes them:
// routing, bearer auth, the create envelope validated with the seed's codes, per-key task
// visibility. What faults do to an answer is fault-response.ts; the video download, video-file.ts.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  contractData,
  fromCreateRequest,
  gatewayRefusal,
  validateExtendParams,
  type ExtendParameters,
} from "@vidu-extend/contract";
import { pathSegment, readBoundedChunks } from "@vidu-extend/core";
import { faultAfter, faultBefore, faultLabel } from "./fault-response.js";
import type { FaultDraw } from "./faults.js";
import { CORS, error, send } from "./http.js";
import { taskBody } from "./task-body.js";
import type { TaskStore } from "./tasks.js";
import { serveVideo } from "./video-file.js";

export interface Counters {
  creates: number;
  /** Creates that became a task. */
  recorded: number;
  /** Creates whose body repeats an earlier create of the same key: a client that resent. */
  duplicateCreates: number;
  reads: number;
  refused: number;
  faults: Record<string, number>;
}

/** One create request as the simulator saw it (wall-clock ms), for tests that check what a client sent. */
export interface CreateLogEntry {
  readonly receivedAt: number;
  /** When the answer (or the fault that replaced it) was given. */
  answeredAt?: number;
  /** `recorded` (answered 200), `refused` (4xx), a fault label (`drop-after-record`, `status-429`, …). */
  outcome?: string;
  /** Whether a task was created: true for `recorded` and for faults after recording. */
  created?: boolean;
  taskId?: string;
  /** The request's `payload` parameter, which tests use to tell jobs apart. */
  payload?: string;
}

export interface RouteContext {
  readonly store: TaskStore;
  readonly keys: ReadonlySet<string>;
  readonly baseUrl: () => string;
  readonly createFault: () => FaultDraw;
  readonly readFault: () => FaultDraw;
  readonly charge: (key: string, credits: number) => boolean;
  readonly counters: Counters;
  readonly seenBodies: Set<string>;
  readonly createLog: CreateLogEntry[];
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** What a create costs when it names no duration: the spec's default. */
const DEFAULT_DURATION = contractData.params.properties.duration.default;

function bearer(req: IncomingMessage, keys: ReadonlySet<string>): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  const key = match?.[1]?.trim();
  return key !== undefined && keys.has(key) ? key : undefined;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const bytes = await readBoundedChunks(req, MAX_BODY_BYTES);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

async function create(req: IncomingMessage, res: ServerResponse, key: string, ctx: RouteContext): Promise<void> {
  const entry: CreateLogEntry = { receivedAt: Date.now() };
  ctx.createLog.push(entry);
  try {
    await createTask(req, res, key, ctx, entry);
  } finally {
    entry.answeredAt = Date.now();
    entry.created = entry.taskId !== undefined;
    entry.outcome ??= res.statusCode >= 400 ? "refused" : "recorded";
  }
}

async function createTask(
  req: IncomingMessage,
  res: ServerResponse,
  key: string,
  ctx: RouteContext,
  entry: CreateLogEntry,
): Promise<void> {
  ctx.counters.creates++;
  const { fault, slowMs } = ctx.createFault();
  if (slowMs > 0) await delay(slowMs);
  if (faultBefore(fault, res, ctx.counters.faults)) {
    entry.outcome = faultLabel(fault);
    return;
  }
  const raw = await readBody(req);
  if (raw === undefined) {
    ctx.counters.refused++;
    // The client may still be uploading: close the connection rather than leave it unusable.
    return error(res, 400, "body_too_large", `the request body exceeds ${MAX_BODY_BYTES} bytes`, {
      connection: "close",
    });
  }
  const fingerprint = createHash("sha256").update(key).update("\n").update(raw).digest("base64");
  if (ctx.seenBodies.has(fingerprint)) ctx.counters.duplicateCreates++;
  ctx.seenBodies.add(fingerprint);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    ctx.counters.refused++;
    return error(res, 400, "invalid_json", "the request body is not JSON");
  }
  const unwrapped = fromCreateRequest(parsed);
  if ("problem" in unwrapped) {
    ctx.counters.refused++;
    return error(res, 400, "invalid_request", unwrapped.problem);
  }
  const checked = validateExtendParams(unwrapped.params);
  if (!checked.ok) {
    ctx.counters.refused++;
    const refusal = gatewayRefusal(checked.violations);
    return error(res, 400, refusal.error.code, refusal.error.message);
  }
  const params: ExtendParameters = checked.value;
  if (params.payload !== undefined) entry.payload = params.payload;
  if (!ctx.charge(key, params.duration ?? DEFAULT_DURATION)) {
    ctx.counters.refused++;
    return error(res, 403, "insufficient_balance", "Insufficient balance: top up the account");
  }
  const task = ctx.store.create(key, params);
  ctx.counters.recorded++;
  entry.taskId = task.id;
  if (faultAfter(fault, res, ctx.counters.faults, task, ctx.baseUrl())) {
    entry.outcome = faultLabel(fault);
    return;
  }
  send(res, 200, taskBody(task, ctx.baseUrl()));
}

async function read(res: ServerResponse, key: string, id: string, ctx: RouteContext): Promise<void> {
  ctx.counters.reads++;
  const { fault, slowMs } = ctx.readFault();
  if (slowMs > 0) await delay(slowMs);
  if (faultBefore(fault, res, ctx.counters.faults)) return;
  const task = ctx.store.get(id, key);
  if (task === undefined) return error(res, 404, "not_found", `task ${id} not found`);
  if (faultAfter(fault, res, ctx.counters.faults, task, ctx.baseUrl())) return;
  send(res, 200, taskBody(task, ctx.baseUrl()));
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function handler(ctx: RouteContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? "/", "http://simulator");
      if (req.method === "OPTIONS") {
        res.writeHead(204, CORS);
        return void res.end();
      }
      const video = /^\/files\/([^/]+)\/extended\.mp4$/.exec(url.pathname);
      if (video !== null && (req.method === "GET" || req.method === "HEAD")) {
        const id = pathSegment(video[1] as string);
        if (id === undefined) return error(res, 404, "not_found", "no such video");
        const result = ctx.store.result(id);
        if (result === "expired") return error(res, 403, "expired", `the link to the video of task ${id} has expired`);
        if (result === undefined) return error(res, 404, "not_found", `no video for task ${id}`);
        return await serveVideo(req, res);
      }
      const taskPath = /^\/model\/v1\/generation\/task\/([^/]+)$/.exec(url.pathname);
      const known = url.pathname === "/model/v1/generation" || taskPath !== null;
      if (!known) return error(res, 404, "not_found", `no route ${req.method} ${url.pathname}`);
      const key = bearer(req, ctx.keys);
      if (key === undefined) return error(res, 401, "unauthorized", "Invalid API key");
      if (url.pathname === "/model/v1/generation" && req.method === "POST") return await create(req, res, key, ctx);
      if (taskPath !== null && req.method === "GET") {
        const id = pathSegment(taskPath[1] as string);
        return id === undefined ? error(res, 404, "not_found", "no such task") : await read(res, key, id, ctx);
      }
      return error(res, 404, "not_found", `no route ${req.method} ${url.pathname}`);
    } catch (cause) {
      if (!res.headersSent)
        error(res, 500, "internal_error", `simulator error: ${cause instanceof Error ? cause.message : String(cause)}`);
      else res.destroy();
    }
  };
}

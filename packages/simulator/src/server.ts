// The gateway's two endpoints (and the result files) over node:http, as the spec describes them:
// bearer auth, the create envelope validated with the seed's codes, per-key task visibility,
// CORS for browser pages, and the configured faults.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fromCreateRequest, validateExtendParams, type ExtendParameters } from "@vidu-extend/contract";
import type { Fault, FaultDraw } from "./faults.js";
import { taskBody } from "./task-body.js";
import type { SimTask, TaskStore } from "./tasks.js";

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

export interface RouteContext {
  readonly store: TaskStore;
  readonly keys: ReadonlySet<string>;
  readonly baseUrl: () => string;
  readonly createFault: () => FaultDraw;
  readonly readFault: () => FaultDraw;
  readonly charge: (key: string, credits: number) => boolean;
  readonly counters: Counters;
  readonly seenBodies: Set<string>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const CLIP = new URL("../assets/extended.mp4", import.meta.url);
let clip: Promise<Buffer> | undefined;

const CORS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, prefer, range",
  "access-control-expose-headers": "retry-after, content-length, content-range",
  "access-control-max-age": "600",
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

const error = (res: ServerResponse, status: number, code: string, message: string, headers?: Record<string, string>) =>
  send(res, status, { error: { code, message } }, headers);

function bearer(req: IncomingMessage, keys: ReadonlySet<string>): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  const key = match?.[1]?.trim();
  return key !== undefined && keys.has(key) ? key : undefined;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Answers a fault that replaces the answer; false when the request goes on. */
function applyFault(
  fault: Fault,
  res: ServerResponse,
  counters: Counters,
  phase: "before" | "after",
  task?: SimTask,
  baseUrl?: string,
): boolean {
  const label = fault.kind === "status" ? `status-${fault.status}` : fault.kind;
  const count = () => (counters.faults[label] = (counters.faults[label] ?? 0) + 1);
  if (phase === "before") {
    if (fault.kind === "status") {
      count();
      const retry = fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      const messages = {
        429: "Rate limit exceeded, retry later",
        500: "Internal server error",
        502: "Bad gateway",
        503: "Service temporarily unavailable",
        504: "Upstream request timeout",
      } as const;
      error(
        res,
        fault.status,
        fault.status === 429 ? "rate_limit_exceeded" : "server_error",
        messages[fault.status],
        retry,
      );
      return true;
    }
    if (fault.kind === "drop-before-record") {
      count();
      res.socket?.destroy();
      return true;
    }
    return false;
  }
  switch (fault.kind) {
    case "drop-after-record":
      count();
      res.socket?.destroy();
      return true;
    case "malformed": {
      count();
      const text = "<html><body>upstream error</body></html>";
      res.writeHead(200, { ...CORS, "content-type": "application/json", "content-length": String(text.length) });
      res.end(text);
      return true;
    }
    case "truncated": {
      count();
      const text = JSON.stringify(task === undefined || baseUrl === undefined ? {} : taskBody(task, baseUrl));
      res.writeHead(200, {
        ...CORS,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(text)),
      });
      // The half must reach the client before the connection goes: destroy once it is flushed.
      res.write(text.slice(0, Math.floor(text.length / 2)), () => res.socket?.destroy());
      return true;
    }
    default:
      return false;
  }
}

async function create(req: IncomingMessage, res: ServerResponse, key: string, ctx: RouteContext): Promise<void> {
  ctx.counters.creates++;
  const { fault, slowMs } = ctx.createFault();
  if (slowMs > 0) await delay(slowMs);
  if (applyFault(fault, res, ctx.counters, "before")) return;
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
    const first = checked.violations.find((v) => v.code !== undefined) ?? checked.violations[0];
    const message = checked.violations.map((v) => `${v.field === "" ? "params" : v.field}: ${v.message}`).join("; ");
    return error(res, 400, first?.code ?? "invalid_parameter", message);
  }
  const params: ExtendParameters = checked.value;
  if (!ctx.charge(key, params.duration ?? 5)) {
    ctx.counters.refused++;
    return error(res, 403, "insufficient_balance", "Insufficient balance: top up the account");
  }
  const task = ctx.store.create(key, params);
  ctx.counters.recorded++;
  if (applyFault(fault, res, ctx.counters, "after", task, ctx.baseUrl())) return;
  send(res, 200, taskBody(task, ctx.baseUrl()));
}

async function read(res: ServerResponse, key: string, id: string, ctx: RouteContext): Promise<void> {
  ctx.counters.reads++;
  const { fault, slowMs } = ctx.readFault();
  if (slowMs > 0) await delay(slowMs);
  if (applyFault(fault, res, ctx.counters, "before")) return;
  const task = ctx.store.get(id, key);
  if (task === undefined) return error(res, 404, "not_found", `task ${id} not found`);
  if (applyFault(fault, res, ctx.counters, "after", task, ctx.baseUrl())) return;
  send(res, 200, taskBody(task, ctx.baseUrl()));
}

/** The result video, with byte ranges so that a <video> element can seek. */
async function file(req: IncomingMessage, res: ServerResponse, id: string, ctx: RouteContext): Promise<void> {
  const task = ctx.store.result(id);
  if (task === "expired") return error(res, 403, "expired", `the link to the video of task ${id} has expired`);
  if (task === undefined) return error(res, 404, "not_found", `no video for task ${id}`);
  const bytes = await (clip ??= readFile(CLIP));
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
  const headers = {
    ...CORS,
    "content-type": "video/mp4",
    "accept-ranges": "bytes",
    "cache-control": "private, max-age=86400",
  };
  if (range === null) {
    res.writeHead(200, { ...headers, "content-length": String(bytes.length) });
    return void res.end(req.method === "HEAD" ? undefined : bytes);
  }
  const start = range[1] === "" ? Math.max(0, bytes.length - Number(range[2])) : Number(range[1]);
  const end = range[1] !== "" && range[2] !== "" ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
  if (start > end || start >= bytes.length) {
    res.writeHead(416, { ...headers, "content-range": `bytes */${bytes.length}` });
    return void res.end();
  }
  res.writeHead(206, {
    ...headers,
    "content-range": `bytes ${start}-${end}/${bytes.length}`,
    "content-length": String(end - start + 1),
  });
  res.end(req.method === "HEAD" ? undefined : bytes.subarray(start, end + 1));
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A path segment, or undefined when its percent-encoding is broken (answered 404, not 500). */
function segment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

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
        const id = segment(video[1] as string);
        return id === undefined ? error(res, 404, "not_found", "no such video") : await file(req, res, id, ctx);
      }
      const taskPath = /^\/model\/v1\/generation\/task\/([^/]+)$/.exec(url.pathname);
      const known = url.pathname === "/model/v1/generation" || taskPath !== null;
      if (!known) return error(res, 404, "not_found", `no route ${req.method} ${url.pathname}`);
      const key = bearer(req, ctx.keys);
      if (key === undefined) return error(res, 401, "unauthorized", "Invalid API key");
      if (url.pathname === "/model/v1/generation" && req.method === "POST") return await create(req, res, key, ctx);
      if (taskPath !== null && req.method === "GET") {
        const id = segment(taskPath[1] as string);
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

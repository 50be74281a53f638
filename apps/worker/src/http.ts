// What every API route shares: JSON answers in the gateway's error shape, CORS for the allowed
// origins, caller authentication, and bodies read under a size limit.
import { readBounded } from "@vidu-extend/cloudflare";
import type { Env } from "./env.js";
import type { Refusal } from "./refusal.js";

/** `{"error": {"code", "message"}}`: the gateway's own shape, so the core client reads it as it reads the gateway's. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...headers,
    },
  });

export const fail = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response => json(status, { error: { code, message }, ...extra }, headers);

/** A refusal as HTTP: its status, `{"error": {code, message}, …extra}`, and Retry-After when it has one. */
export const refuse = (refusal: Refusal): Response =>
  fail(
    refusal.status,
    refusal.code,
    refusal.message,
    refusal.extra ?? {},
    refusal.retryAfterMs === undefined
      ? {}
      : { "retry-after": String(Math.max(1, Math.ceil(refusal.retryAfterMs / 1000))) },
  );

const list = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");

/** CORS headers for a request from an allowed origin; none for others (the browser then refuses to read the answer). */
export function corsHeaders(env: Env, request: Request): Record<string, string> {
  const origin = request.headers.get("origin");
  if (origin === null) return {};
  const allowed = list(env.ALLOWED_ORIGINS);
  if (!allowed.includes(origin) && !allowed.includes("*")) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": "authorization, content-type",
    "access-control-expose-headers": "retry-after",
    "access-control-max-age": "600",
    vary: "origin",
  };
}

export function withHeaders(response: Response, headers: Record<string, string>): Response {
  if (Object.keys(headers).length === 0) return response;
  const copy = new Response(response.body, response);
  for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
  return copy;
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

/** Compares digests, so the time taken does not depend on where a guess first differs. */
function same(x: Uint8Array, y: Uint8Array): boolean {
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] as number) ^ (y[i] as number);
  return diff === 0;
}

/**
 * Who is calling: the SHA-256 of the caller token presented (one of CALLER_TOKENS), recorded as
 * the owner of what it creates; never the token itself. Otherwise the 401 to answer.
 */
export async function authenticate(env: Env, request: Request): Promise<{ caller: string } | { denied: Response }> {
  const tokens = list(env.CALLER_TOKENS);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  const presented = match?.[1];
  if (tokens.length === 0)
    return { denied: fail(401, "unauthorized", "no caller tokens are configured (set the CALLER_TOKENS secret)") };
  if (presented === undefined)
    return {
      denied: fail(
        401,
        "unauthorized",
        "send Authorization: Bearer <caller token>",
        {},
        { "www-authenticate": "Bearer" },
      ),
    };
  const mine = await digest(presented);
  let ok = false;
  for (const token of tokens) if (same(mine, await digest(token))) ok = true;
  return ok
    ? { caller: hex(mine) }
    : { denied: fail(401, "unauthorized", "unknown caller token", {}, { "www-authenticate": "Bearer" }) };
}

class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the request body exceeds ${limit} bytes`);
  }
}

/** The body as text, refusing (BodyTooLarge) once more than `limit` bytes have arrived, whatever Content-Length said. */
async function readText(request: Request, limit: number): Promise<string> {
  const body = await readBounded(request, limit);
  if (body === undefined) throw new BodyTooLarge(limit);
  return new TextDecoder().decode(body);
}

const isJson = (contentType: string | null): boolean => {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
};

/**
 * Parsed JSON, or the 4xx to answer. The body must say it is JSON: a `text/plain` POST is one a
 * browser sends cross-origin without a preflight, so accepting it would let any page post here.
 */
export async function readJson(
  request: Request,
  limit: number,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (!isJson(request.headers.get("content-type")))
    return {
      ok: false,
      response: fail(
        415,
        "unsupported_media_type",
        `send the body as Content-Type: application/json (got ${JSON.stringify((request.headers.get("content-type") ?? "none").slice(0, 60))})`,
      ),
    };
  let text: string;
  try {
    text = await readText(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) return { ok: false, response: fail(413, "body_too_large", error.message) };
    throw error;
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: fail(400, "invalid_json", "the request body is not JSON") };
  }
}

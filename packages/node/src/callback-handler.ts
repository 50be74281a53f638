// Core's callback receiver for node:http and Express-style `(req, res)`: reads the raw body
// (within the size limit), verifies the delivery, and answers as core's handler decides.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  createCallbackHandler,
  DEFAULT_MAX_BODY_BYTES,
  ENV,
  MissingApiKey,
  readBoundedChunks,
  type CallbackHandlerOptions,
} from "@vidu-extend/core";

export type NodeCallbackHandlerOptions = Omit<CallbackHandlerOptions, "secret"> & {
  /** Default: VTRIX_API_KEY, the key that created the tasks. */
  readonly secret?: string;
};

/** What body-parsing middleware may have left on the request. */
type MaybeParsed = IncomingMessage & { body?: unknown };

async function rawBody(req: MaybeParsed, limit: number): Promise<string | Uint8Array | undefined> {
  if (Buffer.isBuffer(req.body) || typeof req.body === "string") return req.body;
  // A JSON parser already consumed the stream; the body is not signed, so its JSON text serves.
  if (req.body !== undefined && req.readableEnded) return JSON.stringify(req.body);
  return readBoundedChunks(req, limit);
}

function send(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

const answer = (res: ServerResponse, status: number, error: string, message: string) =>
  send(res, status, JSON.stringify({ error, message }));

/** The origin every delivery is given, whatever its Host says (`.invalid` can never resolve). */
const FIXED_ORIGIN = "http://callback-receiver.invalid";

/**
 * The request as a Web Request on a fixed origin. The Host header and an absolute request line
 * (`POST http://elsewhere/x`) are the sender's to choose, so only the path and query are kept:
 * the signature covers those (or the configured publicUrl), never the host. Undefined when the
 * target cannot be read as a path.
 */
function toRequest(req: IncomingMessage, text: string): Request | undefined {
  const raw = req.url ?? "/";
  let target: URL;
  try {
    // Prefixed, not resolved: `//a/b` stays a path rather than naming host `a`.
    target = new URL(raw.startsWith("/") ? `${FIXED_ORIGIN}${raw}` : raw);
  } catch {
    return undefined;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  const method = req.method ?? "POST";
  return new Request(`${FIXED_ORIGIN}${target.pathname}${target.search}`, {
    method,
    headers,
    ...(method === "GET" || method === "HEAD" ? {} : { body: text }),
  });
}

/**
 * `(req, res) => Promise<void>` for `http.createServer(…)` or an Express route (with or without a raw
 * body parser). It always answers and never rejects: 400 for a request it cannot read, 413 for a
 * body over the limit, 500 when its own work fails (the nonce is then released, so the provider's
 * resend is accepted), and the caller's functions (onRejected, a wait's onProgress via the hub)
 * are isolated from it (see onCallbackError).
 */
export function callbackHandler(
  options: NodeCallbackHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const secret = options.secret ?? process.env[ENV.apiKey];
  if (secret === undefined || secret === "") {
    throw new MissingApiKey({
      variable: ENV.apiKey,
      message: `callbackHandler needs the API key that signs the callbacks: set ${ENV.apiKey} in process.env, or pass the secret option`,
    });
  }
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const handle = createCallbackHandler({ ...options, secret });
  return async (req, res) => {
    let body: string | Uint8Array | undefined;
    try {
      const declared = Number(req.headers["content-length"] ?? 0);
      body = declared > limit ? undefined : await rawBody(req, limit);
    } catch {
      // The sender broke off (or the stream failed) mid-body.
      return answer(res, 400, "malformed-body", "the request body could not be read");
    }
    if (body === undefined) {
      answer(res, 413, "too-large", `callback bodies may be at most ${limit} bytes`);
      req.resume();
      return;
    }
    let request: Request | undefined;
    try {
      request = toRequest(req, typeof body === "string" ? body : new TextDecoder().decode(body)); // callback bodies are JSON text
    } catch {
      request = undefined;
    }
    if (request === undefined)
      return answer(res, 400, "malformed-request", "the request target or its headers cannot be read");
    try {
      const response = await handle(request);
      send(res, response.status, await response.text());
    } catch {
      answer(res, 500, "receiver-error", "the receiver failed to handle the delivery; send it again later");
    }
  };
}

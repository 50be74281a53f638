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
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

/** `(req, res) => Promise<void>` for `http.createServer(…)` or an Express route (with or without a raw body parser). */
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
    const declared = Number(req.headers["content-length"] ?? 0);
    const body = declared > limit ? undefined : await rawBody(req, limit);
    if (body === undefined) {
      send(res, 413, JSON.stringify({ error: "too-large", message: `callback bodies may be at most ${limit} bytes` }));
      req.resume();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
    }
    const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
    const method = req.method ?? "POST";
    const text = typeof body === "string" ? body : new TextDecoder().decode(body); // callback bodies are JSON text
    const request = new Request(url, {
      method,
      headers,
      ...(method === "GET" || method === "HEAD" ? {} : { body: text }),
    });
    const response = await handle(request);
    send(res, response.status, await response.text());
  };
}

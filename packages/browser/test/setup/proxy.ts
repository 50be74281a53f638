// A stand-in for the project's Worker proxy, run in Node by the global setup: it forwards the
// gateway routes to the simulator with the API key added server-side, answers CORS, and records
// every request the page sends so that the browser tests can check what left the page.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

export interface Proxy {
  readonly url: string;
  readonly close: () => Promise<void>;
}

const CORS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-expose-headers": "retry-after, content-length, content-range",
};
const FORWARDED = /^\/(model\/v1\/generation(\/.*)?|files\/.*)$/;
/** The test-only route that lists what was recorded; it is not recorded itself. */
const REQUESTS_ROUTE = "/__requests";

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  upstream: string,
  apiKey: string,
): Promise<void> {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  for (const name of ["content-type", "accept", "range"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const answer = await fetch(new URL(req.url ?? "/", upstream), {
    method: req.method ?? "GET",
    headers,
    ...(body.length === 0 ? {} : { body: Uint8Array.from(body) }),
  });
  const out: Record<string, string> = { ...CORS };
  for (const name of ["content-type", "content-length", "content-range", "accept-ranges", "retry-after"]) {
    const value = answer.headers.get(name);
    if (value !== null) out[name] = value;
  }
  res.writeHead(answer.status, out);
  res.end(Buffer.from(await answer.arrayBuffer()));
}

export async function startProxy(upstream: string, apiKey: string): Promise<Proxy> {
  const recorded: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://proxy").pathname;
    if (path === REQUESTS_ROUTE) {
      res.writeHead(200, { ...CORS, "content-type": "application/json", "cache-control": "no-store" });
      return void res.end(JSON.stringify(recorded));
    }
    // Recorded on arrival, before the body is read: a request the page aborts mid-way still counts.
    const entry: RecordedRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: { ...req.headers },
      body: "",
    };
    recorded.push(entry);
    try {
      const body = await readBody(req);
      entry.body = body.toString("utf8");
      if (req.method === "OPTIONS") {
        res.writeHead(204, { ...CORS, "access-control-max-age": "0" });
        return void res.end();
      }
      if (!FORWARDED.test(path)) {
        res.writeHead(404, { ...CORS, "content-type": "application/json" });
        return void res.end(
          JSON.stringify({ error: { code: "not_found", message: `the proxy does not forward ${path}` } }),
        );
      }
      await forward(req, res, body, upstream, apiKey);
    } catch (cause) {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { ...CORS, "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "bad_gateway", message: String(cause) } }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

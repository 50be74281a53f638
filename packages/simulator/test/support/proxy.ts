// Seeing what comes back through Prism's validating proxy: a fetch that records every exchange
// (for the core client, or raw), what Prism said about it, and a canned upstream that answers
// whatever a test puts in it, so that Prism can judge a recorded simulator answer.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly violations: string | null;
  readonly retryAfter: string | null;
  readonly contentType: string | null;
  readonly body: string;
}

export interface Recorder {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly exchanges: Exchange[];
  /** Exchanges Prism found fault with: an sl-violations header, or its 500 VIOLATIONS problem. */
  readonly faulted: () => Exchange[];
}

const isViolationsProblem = (exchange: Pick<Exchange, "status" | "body">) =>
  exchange.status === 500 && exchange.body.includes("https://stoplight.io/prism/errors#VIOLATIONS");

export function recorder(): Recorder {
  const exchanges: Exchange[] = [];
  const record = async (request: Request): Promise<Response> => {
    const response = await globalThis.fetch(request);
    exchanges.push({
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      violations: response.headers.get("sl-violations"),
      retryAfter: response.headers.get("retry-after"),
      contentType: response.headers.get("content-type"),
      body: await response.clone().text(),
    });
    return response;
  };
  return {
    fetch: record,
    exchanges,
    faulted: () => exchanges.filter((exchange) => exchange.violations !== null || isViolationsProblem(exchange)),
  };
}

export interface CannedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface CannedUpstream {
  readonly url: string;
  /** What the next request is answered with. */
  answer: CannedAnswer;
  readonly close: () => Promise<void>;
}

export async function cannedUpstream(): Promise<CannedUpstream> {
  let server: Server | undefined;
  const upstream: CannedUpstream = {
    url: "",
    answer: {
      status: 500,
      headers: { "content-type": "application/json" },
      body: '{"error":{"code":"unset","message":"no answer set"}}',
    },
    close: () =>
      new Promise<void>((resolve) => {
        server?.close(() => resolve());
        server?.closeAllConnections();
      }),
  };
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const { status, headers, body } = upstream.answer;
      res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) }).end(body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", () => resolve()));
  (upstream as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return upstream;
}

/** A response as the canned upstream can replay it. */
export async function capture(response: Response): Promise<CannedAnswer> {
  const headers: Record<string, string> = {};
  for (const name of ["content-type", "retry-after"]) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: response.status, headers, body: await response.text() };
}

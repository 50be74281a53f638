// A callback receiver on 127.0.0.1:0: verifies every delivery with the core's verifyCallback
// (one nonce store per receiver), records what it saw, and answers as the test scripts it.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CallbackRejected,
  memoryNonceStore,
  verifyCallback,
  type CallbackHub,
  type MemoryNonceStore,
} from "@vidu-extend/core";

interface Delivery {
  /** Arrival order at the receiver, from 0. */
  readonly index: number;
  /** What the (unsigned) body says. */
  readonly taskId: string;
  readonly status: string;
  readonly nonce: string | undefined;
  /** Verified, or why not. */
  readonly verdict: "ok" | CallbackRejected["reason"];
  /** What the receiver answered. */
  readonly answered: number;
}

export interface ReceiverOptions {
  /** The callback signing secret: the API key that created the task. */
  readonly secret: string;
  /** The status to answer a verified delivery with; default 200. `previous` counts earlier deliveries of the same task and status. */
  readonly answer?: (delivery: {
    readonly taskId: string;
    readonly status: string;
    readonly previous: number;
  }) => number;
  /** Verified tasks are published here. */
  readonly hub?: CallbackHub;
  /** Answer rejected deliveries with this (default 401, as the spec's webhook says). */
  readonly rejectedStatus?: number;
}

export interface Receiver {
  /** The callback_url to give; it carries a query, so that path and query are both signed. */
  readonly url: string;
  readonly deliveries: Delivery[];
  readonly nonces: MemoryNonceStore;
  readonly statuses: (taskId?: string) => string[];
  readonly close: () => Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const nonces = memoryNonceStore();
  const server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      const claimed = JSON.parse(body) as { id: string; status: string };
      const nonceHeader = req.headers["x-request-nonce"];
      const nonce = typeof nonceHeader === "string" ? nonceHeader : undefined;
      const index = deliveries.length;
      let verdict: Delivery["verdict"];
      try {
        const event = await verifyCallback(
          { method: req.method ?? "POST", url: req.url ?? "/", headers: req.headers, body },
          { secret: options.secret, nonceStore: nonces },
        );
        verdict = "ok";
        options.hub?.publish(event.task);
      } catch (error) {
        if (!(error instanceof CallbackRejected)) throw error;
        verdict = error.reason;
      }
      const previous = deliveries.filter((d) => d.taskId === claimed.id && d.status === claimed.status).length;
      const answered =
        verdict === "ok"
          ? (options.answer?.({ taskId: claimed.id, status: claimed.status, previous }) ?? 200)
          : (options.rejectedStatus ?? 401);
      deliveries.push({ index, taskId: claimed.id, status: claimed.status, nonce, verdict, answered });
      res.writeHead(answered, { "content-type": "application/json" }).end("{}");
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/vidu?source=simulator`,
    deliveries,
    nonces,
    statuses: (taskId) => deliveries.filter((d) => taskId === undefined || d.taskId === taskId).map((d) => d.status),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

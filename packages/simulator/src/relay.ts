// A callback relay for tests of runtimes the simulator cannot reach directly (workerd): it stands
// in for a deployed receiver's public URL, keeps every delivery the simulator makes to it, and
// answers GET /received with them, so that the test can hand each one to the code under test
// with the URL it was signed for. Extra GET routes can report anything else (e.g. the simulator's stats).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A callback delivery as the relay received it. */
export interface RelayedDelivery {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface CallbackRelay {
  readonly url: string;
  close(): Promise<void>;
}

// Belong to the hop to the relay, not to the delivery.
const HOP_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

export async function startCallbackRelay(routes: Readonly<Record<string, () => unknown>> = {}): Promise<CallbackRelay> {
  const received: RelayedDelivery[] = [];
  const answers: Record<string, () => unknown> = { ...routes, "/received": () => received };
  let url = "";
  const server = createServer((request, response) => {
    const answer = request.method === "GET" ? answers[request.url ?? ""] : undefined;
    if (answer !== undefined) {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(answer()));
      return;
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === "string" && !HOP_HEADERS.has(name)) headers[name] = value;
      }
      received.push({ url: `${url}${request.url ?? "/"}`, headers, body: Buffer.concat(chunks).toString("utf8") });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

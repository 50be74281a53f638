// Stands in for the public URL a deployed worker has: the simulator delivers its callbacks here,
// and the workerd tests fetch them (GET /received) to hand them to the worker under test with the
// URL they were signed for. GET /sim-stats reports the simulator's counters and the most tasks it
// ever had active at once (sampled), for the in-flight cap test.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import type { Relayed } from "../relayed.js";

// Belong to the hop to the relay, not to the delivery.
const HOP_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

export async function startRelay(stats: () => unknown): Promise<{ readonly url: string; close(): Promise<void> }> {
  const received: Relayed[] = [];
  let url = "";
  const server = createServer((request, response) => {
    if (request.method === "GET" && (request.url === "/received" || request.url === "/sim-stats")) {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(request.url === "/received" ? received : stats()));
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

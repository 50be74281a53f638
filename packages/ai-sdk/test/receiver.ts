// A user's webhook endpoint as the AI SDK expects one: a URL, and a `received` promise that the
// test settles with a delivery of its choosing (a real one, or one it forged or altered).
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { JSONValue } from "@ai-sdk/provider";
import { afterEach } from "vitest";

export interface Delivery {
  readonly headers: Record<string, string>;
  readonly body: JSONValue;
}

export interface Receiver {
  /** What experimental_generateVideo's `webhook` option is given. */
  readonly webhook: () => Promise<{ url: string; received: Promise<Delivery> }>;
  readonly url: () => string;
  /** Every real delivery, in arrival order. */
  readonly deliveries: Delivery[];
}

const servers: { close(): void; closeAllConnections(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.close();
    server.closeAllConnections();
  }
});

const flat = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]],
    ),
  );

/**
 * Starts an endpoint on loopback. Each real delivery is answered 200 and offered to `choose`,
 * which returns the delivery the call should receive, or undefined to keep waiting.
 */
export async function receiver(
  choose: (delivery: Delivery, url: string) => Delivery | undefined | Promise<Delivery | undefined>,
): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  let settle: ((delivery: Delivery) => void) | undefined;
  // A delivery chosen before the call asked for the endpoint is kept for it.
  let early: Delivery | undefined;
  let url = "";
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      response.end();
      const delivery = { headers: flat(request.headers), body: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
      deliveries.push(delivery);
      const chosen = await choose(delivery, url);
      if (chosen === undefined) return;
      if (settle === undefined) early ??= chosen;
      else settle(chosen);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/vidu?call=1`;
  return {
    deliveries,
    url: () => url,
    webhook: async () => ({
      url,
      received: new Promise<Delivery>((resolve) => {
        if (early === undefined) settle = resolve;
        else resolve(early);
      }),
    }),
  };
}

/** The status a delivery's (unsigned) body claims. */
export const claimedStatus = (delivery: Delivery): unknown => (delivery.body as { status?: unknown }).status;

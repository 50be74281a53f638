import { env, SELF } from "cloudflare:test";
import type { Relayed } from "./relayed.js";

const TOKEN = "test-caller-token";
export const auth = { authorization: `Bearer ${TOKEN}` };
export const BASE = "https://worker.example.com";
export const VIDEO = "https://cdn.example.com/source.mp4";

export const api = (path: string, init: RequestInit = {}) =>
  SELF.fetch(`${BASE}${path}`, {
    ...init,
    headers: { ...auth, "content-type": "application/json", ...(init.headers as Record<string, string> | undefined) },
  });

export const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  api(path, { method: "POST", body: JSON.stringify(body), headers });

/** Polls until `read` gives a value. */
export async function eventually<T>(
  read: () => Promise<T | null | undefined>,
  timeoutMs = 10_000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Hands the callbacks the relay received since the last call on to the worker, as the gateway would have. */
export function callbackPump(filter: (delivery: Relayed) => boolean = () => true) {
  let seen = 0;
  return async (): Promise<number> => {
    const received = (await (await fetch(`${env.RELAY_URL}/received`)).json()) as Relayed[];
    const fresh = received.slice(seen);
    seen = received.length;
    await Promise.all(
      fresh.filter(filter).map(async (delivery) => {
        const response = await SELF.fetch(delivery.url, {
          method: "POST",
          headers: delivery.headers,
          body: delivery.body,
        });
        await response.arrayBuffer();
      }),
    );
    return fresh.length;
  };
}

export const simStats = async () =>
  (await (await fetch(`${env.RELAY_URL}/sim-stats`)).json()) as {
    maxActive: number;
    creates: number;
    recorded: number;
    reads: number;
    duplicateCreates: number;
    tasks: Record<string, number>;
  };

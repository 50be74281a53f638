import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signCallback } from "@vidu-extend/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callbackHandler,
  createCallbackHub,
  createClient,
  memoryNonceStore,
  MissingApiKey,
  type CallbackEvent,
  type ProgressEvent,
} from "../src/index.js";
import { QUICK_POLL, quickSimulator } from "./support/simulator.js";

let sim: Awaited<ReturnType<typeof quickSimulator>>;
beforeAll(async () => {
  sim = await quickSimulator();
});
afterAll(() => sim.close());

async function listen(listener: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/vidu/callback` };
}

describe("callbackHandler for node:http", () => {
  it("verifies the simulator's deliveries, and the wait finishes on the verified callback", async () => {
    const hub = createCallbackHub();
    const events: CallbackEvent[] = [];
    const { server, url } = await listen(
      callbackHandler({ secret: sim.key, hub, nonceStore: memoryNonceStore(), onEvent: (e) => void events.push(e) }),
    );
    try {
      const client = createClient({
        apiKey: sim.key,
        baseUrl: sim.url,
        poll: { ...QUICK_POLL, firstDelayMs: 60_000, maxIntervalMs: 60_000 },
      });
      const seen: ProgressEvent[] = [];
      const task = await client.run(
        { model: "viduq2_turbo_extend", video_url: "https://cdn.example.com/beach.mp4", callback_url: url },
        { callbacks: hub, onProgress: (e) => seen.push(e) },
      );
      expect(task.status).toBe("completed");
      expect(seen.at(-1)?.source).toBe("callback");
      await sim.idle();
      expect(events.map((e) => e.task.status)).toEqual(["pending", "processing", "completed"]);
      // No poll (the safety schedule's first check is at 40 s): one read, the one that confirms the callback.
      expect(sim.stats().reads).toBe(1);
    } finally {
      server.close();
    }
  });

  it("refuses a forged delivery with 401", async () => {
    const { server, url } = await listen(callbackHandler({ secret: sim.key, nonceStore: memoryNonceStore() }));
    try {
      const signed = await signCallback({
        url,
        body: JSON.stringify({ id: "t1", status: "completed" }),
        secret: "not-the-key",
      });
      const response = await fetch(url, { method: "POST", headers: signed.headers, body: signed.body });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "bad-signature" });
    } finally {
      server.close();
    }
  });

  it("works behind Express-style body parsers that already read the stream (raw Buffer or parsed JSON)", async () => {
    const verified: string[] = [];
    const handle = callbackHandler({
      secret: sim.key,
      nonceStore: memoryNonceStore(),
      onEvent: (e) => void verified.push(e.task.status),
    });
    const parseFirst =
      (as: "raw" | "json"): RequestListener =>
      async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
        const raw = Buffer.concat(chunks);
        (req as IncomingMessage & { body?: unknown }).body = as === "raw" ? raw : JSON.parse(raw.toString("utf8"));
        await handle(req, res);
      };
    for (const as of ["raw", "json"] as const) {
      const { server, url } = await listen(parseFirst(as));
      try {
        const signed = await signCallback({
          url,
          body: JSON.stringify({ id: `t-${as}`, status: "in_progress" }),
          secret: sim.key,
        });
        const response = await fetch(url, { method: "POST", headers: signed.headers, body: signed.body });
        expect(response.status).toBe(200);
      } finally {
        server.close();
      }
    }
    expect(verified).toEqual(["in_progress", "in_progress"]);
  });

  it("answers 413 to a body over the limit without reading it all", async () => {
    const { server, url } = await listen(callbackHandler({ secret: sim.key, maxBodyBytes: 1024 }));
    try {
      const response = await fetch(url, { method: "POST", body: "x".repeat(4096) });
      expect(response.status).toBe(413);
    } finally {
      server.close();
    }
  });

  it("needs a secret: the option or VTRIX_API_KEY", () => {
    expect(() => callbackHandler({ secret: "" })).toThrow(MissingApiKey);
    expect(() => callbackHandler({ secret: "" })).toThrow(/VTRIX_API_KEY/);
  });
});

import { describe, expect, it } from "vitest";
import { createCallbackHub } from "../client/callback-hub.js";
import { normalizeTask } from "../task/normalize.js";
import type { Task } from "../task/task.js";
import { createCallbackHandler } from "./handler.js";
import { memoryNonceStore } from "./nonce-store.js";
import { signCallback } from "./verify-promise.js";

const SECRET = "sk-handler-secret-1234";
const URL_ = "https://receiver.example.com/vidu/callback?tenant=acme";
const body = (status: string) =>
  JSON.stringify({
    id: "t1",
    status,
    ...(status === "completed" ? { output: [{ url: "https://cdn.example.com/v.mp4" }] } : {}),
  });

async function delivery(status: string, change: (headers: Record<string, string>) => void = () => {}) {
  const signed = await signCallback({ url: URL_, body: body(status), secret: SECRET, date: new Date() });
  const headers = { ...signed.headers, "content-type": "application/json" };
  change(headers);
  return new Request(URL_, { method: "POST", headers, body: signed.body });
}

/** Another first character: still base64, never the right signature. */
const forge = (signature: string) => `${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;

describe("createCallbackHandler", () => {
  it("answers 200 to a verified delivery and publishes its task to the hub", async () => {
    const hub = createCallbackHub();
    const seen: Task[] = [];
    hub.subscribe("t1", (task) => seen.push(task));
    const handle = createCallbackHandler({ secret: SECRET, hub, nonceStore: memoryNonceStore() });
    const response = await handle(await delivery("completed"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, task: "t1", status: "completed" });
    expect(seen.map((t) => t.status)).toEqual(["completed"]);
  });

  it("refuses a forged delivery with 401 and hands nothing on", async () => {
    const hub = createCallbackHub();
    const seen: Task[] = [];
    hub.subscribe("t1", (task) => seen.push(task));
    const rejected: string[] = [];
    const handle = createCallbackHandler({
      secret: SECRET,
      hub,
      nonceStore: memoryNonceStore(),
      onRejected: (e) => rejected.push(e.reason),
    });
    const response = await handle(
      await delivery("completed", (h) => (h["X-HMAC-SIGNATURE"] = forge(h["X-HMAC-SIGNATURE"] ?? ""))),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "bad-signature" });
    expect(seen).toEqual([]);
    expect(rejected).toEqual(["bad-signature"]);
  });

  it("acknowledges a replay with 200 without handing it on again", async () => {
    const events: string[] = [];
    const handle = createCallbackHandler({
      secret: SECRET,
      nonceStore: memoryNonceStore(),
      onEvent: (e) => void events.push(e.nonce),
    });
    const request = await delivery("completed");
    expect((await handle(request.clone())).status).toBe(200);
    const replay = await handle(request);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ error: "replayed" });
    expect(events).toHaveLength(1);
  });

  it("answers 503 when the body cannot be confirmed now, so that the provider retries", async () => {
    const handle = createCallbackHandler({
      secret: SECRET,
      nonceStore: memoryNonceStore(),
      confirm: () => Promise.reject(new TypeError("fetch failed")),
    });
    expect((await handle(await delivery("completed"))).status).toBe(503);
  });

  it("answers 409 when the API contradicts the unsigned body", async () => {
    const handle = createCallbackHandler({
      secret: SECRET,
      nonceStore: memoryNonceStore(),
      confirm: async () => normalizeTask({ id: "t1", status: "in_progress" }),
    });
    expect((await handle(await delivery("completed"))).status).toBe(409);
  });

  it("answers 500 when the receiver's own handling fails, and 405 to anything but POST", async () => {
    const handle = createCallbackHandler({
      secret: SECRET,
      nonceStore: memoryNonceStore(),
      onEvent: () => Promise.reject(new Error("db down")),
    });
    expect((await handle(await delivery("completed"))).status).toBe(500);
    expect((await handle(new Request(URL_))).status).toBe(405);
  });
});

describe("a delivery the receiver could not handle", () => {
  it("is accepted when the provider resends it: the nonce is released, not spent", async () => {
    let failing = true;
    const handled: string[] = [];
    const handle = createCallbackHandler({
      secret: SECRET,
      nonceStore: memoryNonceStore(),
      onEvent: (e) => {
        if (failing) throw new Error("db down");
        handled.push(e.nonce);
      },
    });
    const request = await delivery("completed");
    expect((await handle(request.clone())).status).toBe(500);
    failing = false;
    expect((await handle(request.clone())).status).toBe(200);
    expect(handled).toHaveLength(1);
    expect(await (await handle(request)).json()).toMatchObject({ error: "replayed" });
  });

  it("is accepted on resend when confirm could not read the task the first time", async () => {
    let reachable = false;
    const handle = createCallbackHandler({
      secret: SECRET,
      nonceStore: memoryNonceStore(),
      confirm: async () => {
        if (!reachable) throw new TypeError("fetch failed");
        return normalizeTask({ id: "t1", status: "completed", output: [{ url: "https://cdn.example.com/v.mp4" }] });
      },
    });
    const request = await delivery("completed");
    expect((await handle(request.clone())).status).toBe(503);
    reachable = true;
    expect((await handle(request)).status).toBe(200);
  });

  it("refuses a nonce longer than stores can key on", async () => {
    const handle = createCallbackHandler({ secret: SECRET, nonceStore: memoryNonceStore() });
    const response = await handle(await delivery("completed", (h) => (h["x-request-nonce"] = "n".repeat(257))));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "malformed-header" });
  });
});

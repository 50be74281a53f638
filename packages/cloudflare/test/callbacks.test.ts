import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { signCallback } from "@vidu-extend/core/testing";
import { CALLBACK_HEADERS, callbackHandler, kvNonceStore, MissingApiKey } from "../src/index.js";
import { eventually } from "./eventually.js";

const URL_ = "https://receiver.example.com/vidu/callback";

const taskBody = (id: string) =>
  JSON.stringify({ id, status: "completed", output: [{ url: "https://cdn.example.com/v.mp4" }] });

/**
 * A fence: a valid delivery for `id`, sent after the request under test and awaited until stored. Had that
 * request started storing its task, the write was issued before it answered, so before this one.
 */
async function fenceAfter(id: string): Promise<void> {
  expect((await SELF.fetch(await delivery(id))).status).toBe(200);
  await eventually(() => env.TASKS.get(id));
}

async function delivery(id: string, options: { nonce?: string; secret?: string } = {}) {
  const signed = await signCallback({
    url: URL_,
    body: taskBody(id),
    secret: options.secret ?? env.VTRIX_API_KEY,
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
  });
  return new Request(URL_, {
    method: "POST",
    headers: { ...signed.headers, "content-type": "application/json" },
    body: signed.body,
  });
}

describe("callbackHandler in a Worker (test/worker.ts)", () => {
  it("accepts a signed delivery, remembers its nonce in KV and stores the task under waitUntil", async () => {
    const request = await delivery("task-accepted");
    const nonce = request.headers.get(CALLBACK_HEADERS.nonce);
    const response = await SELF.fetch(request);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, task: "task-accepted", status: "completed" });
    expect(await env.CALLBACK_NONCES.get(`vidu-nonce:${nonce}`)).toBe("1");
    expect(JSON.parse(await eventually(() => env.TASKS.get("task-accepted")))).toMatchObject({
      id: "task-accepted",
      status: "completed",
    });
  });

  it("acknowledges the same delivery sent again, in a separate request, as replayed", async () => {
    const request = await delivery("task-replayed");
    expect((await SELF.fetch(request.clone())).status).toBe(200);
    await eventually(() => env.TASKS.get("task-replayed"));
    await env.TASKS.delete("task-replayed");
    const replay = await SELF.fetch(request);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ error: "replayed" });
    // Handed on once only: the replay stored nothing.
    await fenceAfter("task-replayed-fence");
    expect(await env.TASKS.get("task-replayed")).toBeNull();
  });

  it("refuses a nonce that is already in KV, whichever isolate wrote it", async () => {
    await env.CALLBACK_NONCES.put("vidu-nonce:seen-elsewhere", "1", { expirationTtl: 60 });
    const response = await SELF.fetch(await delivery("task-elsewhere", { nonce: "seen-elsewhere" }));
    expect(await response.json()).toMatchObject({ error: "replayed" });
  });

  it("refuses a delivery signed with another secret with 401, and stores nothing", async () => {
    const request = await delivery("task-forged", { secret: "not-the-api-key" });
    const response = await SELF.fetch(request);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "bad-signature" });
    expect(await env.CALLBACK_NONCES.get(`vidu-nonce:${request.headers.get(CALLBACK_HEADERS.nonce)}`)).toBeNull();
    await fenceAfter("task-forged-fence");
    expect(await env.TASKS.get("task-forged")).toBeNull();
  });

  it("answers before afterResponse has finished; waitUntil keeps it running", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const receive = callbackHandler(env, {
      nonces: env.CALLBACK_NONCES,
      afterResponse: async (event) => {
        await gate;
        await env.TASKS.put(event.task.id, event.task.status);
      },
    });
    const ctx = createExecutionContext();
    const response = await receive(await delivery("task-later"), env, ctx);
    expect(response.status).toBe(200);
    expect(await env.TASKS.get("task-later")).toBeNull();
    release();
    await waitOnExecutionContext(ctx);
    expect(await env.TASKS.get("task-later")).toBe("completed");
  });

  it("without a ctx, awaits afterResponse and answers 500 when it fails, so that the provider resends", async () => {
    const receive = callbackHandler(env, { afterResponse: () => Promise.reject(new Error("queue unavailable")) });
    expect((await receive(await delivery("task-failing"))).status).toBe(500);
  });

  it("answers 503 when KV cannot be read, so that the provider resends later", async () => {
    const unavailable = {
      get: () => Promise.reject(new Error("KV GET failed: 429 Too Many Requests")),
      put: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    };
    const response = await callbackHandler(env, { nonces: unavailable })(await delivery("task-kv-down"));
    expect(response.status).toBe(503);
  });

  it("refuses to start without a secret", () => {
    expect(() => callbackHandler({})).toThrow(MissingApiKey);
    expect(() => callbackHandler({})).toThrow(/VTRIX_API_KEY/);
  });
});

describe("kvNonceStore", () => {
  it("keeps a nonce whose window ends in under a minute for KV's minimum of 60 s", async () => {
    const store = kvNonceStore(env.CALLBACK_NONCES, { prefix: "short:" });
    const now = Date.now();
    expect(await store.claim("n1", now + 1_000, now)).toBe(true);
    expect(await store.claim("n1", now + 1_000, now)).toBe(false);
    expect((await env.CALLBACK_NONCES.getWithMetadata("short:n1")).value).toBe("1");
  });
});

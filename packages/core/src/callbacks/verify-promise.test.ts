// The Promise facade runs on the real clock: deliveries are signed just before they are verified.
import { describe, expect, it } from "@effect/vitest";
import type { GatewayTask } from "@vidu-extend/contract";
import { SECRET, taskBody } from "../../test/callbacks/helpers.js";
import { CallbackRejected } from "../errors/index.js";
import { normalizeTask } from "../task/normalize.js";
import { memoryNonceStore } from "./nonce-store.js";
import { signCallback, verifyCallback } from "./verify-promise.js";

const URL_ = "https://hooks.example.com/vidu/callback?tenant=7";

/** A body that never ends, in 1 KiB chunks, counting what was pulled and whether it was cancelled. */
function endless() {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += 1024;
      controller.enqueue(new TextEncoder().encode(" ".repeat(1024)));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

// Node's Request needs `duplex` for a stream body; the DOM typings do not know it.
const streamed = (headers: Record<string, string>, body: ReadableStream<Uint8Array>): Request =>
  new Request(URL_, { method: "POST", headers, body, duplex: "half" } as RequestInit);

describe("verifyCallback (Promise)", () => {
  it("verifies a standard Request", async () => {
    const signed = await signCallback({ url: URL_, body: taskBody(), secret: SECRET });
    const event = await verifyCallback(
      new Request(URL_, { method: "POST", headers: signed.headers, body: signed.body }),
      { secret: SECRET, nonceStore: memoryNonceStore() },
    );
    expect(event).toMatchObject({ confirmed: false, task: { id: "d758n65e878c73cmdg20" } });
  });

  it("verifies a Request whose body is streamed, up to exactly maxBodyBytes", async () => {
    const signed = await signCallback({ url: URL_, body: taskBody(), secret: SECRET });
    const bytes = new TextEncoder().encode(signed.body);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    const event = await verifyCallback(streamed(signed.headers, body), {
      secret: SECRET,
      maxBodyBytes: bytes.byteLength,
      nonceStore: memoryNonceStore(),
    });
    expect(event.task.id).toBe("d758n65e878c73cmdg20");
  });

  it("verifies a CallbackRequest, with a string or a Buffer body", async () => {
    const signed = await signCallback({ url: URL_, body: taskBody(), secret: SECRET });
    const nonceStore = memoryNonceStore();
    const request = { method: "POST", url: "/vidu/callback?tenant=7", headers: signed.headers };
    await expect(
      verifyCallback({ ...request, body: signed.body }, { secret: SECRET, nonceStore }),
    ).resolves.toMatchObject({ nonce: signed.headers["x-request-nonce"] });
    const again = await verifyCallback(
      { ...request, body: Buffer.from(signed.body) },
      { secret: SECRET, nonceStore },
    ).catch((error: unknown) => error);
    expect(again).toMatchObject({ reason: "replayed" });
  });

  it("stops reading a streamed body once it passes maxBodyBytes, and rejects with the CallbackRejected itself", async () => {
    const signed = await signCallback({ url: URL_, body: taskBody(), secret: SECRET });
    const { stream, state } = endless();
    const error = await verifyCallback(streamed(signed.headers, stream), {
      secret: SECRET,
      maxBodyBytes: 10_000,
    }).catch((error: unknown) => error);
    expect(error).toBeInstanceOf(CallbackRejected);
    expect(error).toMatchObject({
      reason: "too-large",
      message: expect.stringContaining("maxBodyBytes (10000 bytes)"),
    });
    expect(state.pulled).toBeLessThanOrEqual(10_000 + 2 * 1024);
    expect(state.cancelled).toBe(true);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const signed = await signCallback({ url: URL_, body: taskBody(), secret: SECRET });
    const { stream, state } = endless();
    const request = streamed({ ...signed.headers, "content-length": "10001" }, stream);
    await expect(verifyCallback(request, { secret: SECRET, maxBodyBytes: 10_000 })).rejects.toMatchObject({
      reason: "too-large",
    });
    // At most the one chunk a stream pulls to fill its queue when created.
    expect(state.pulled).toBeLessThanOrEqual(1024);
  });

  it("rejects with CallbackRejected for a bad signature, naming the header and not the secret", async () => {
    const signed = await signCallback({ url: URL_, body: taskBody(), secret: "vtx-sk-someone-else-0000000000" });
    const error = await verifyCallback(
      new Request(URL_, { method: "POST", headers: signed.headers, body: signed.body }),
      { secret: SECRET },
    ).catch((error: unknown) => error);
    expect(error).toBeInstanceOf(CallbackRejected);
    expect((error as CallbackRejected).reason).toBe("bad-signature");
    expect((error as CallbackRejected).message).toContain("X-HMAC-SIGNATURE");
    expect((error as CallbackRejected).message).not.toContain(SECRET);
  });

  it("confirms with a Promise, and passes its rejection through unchanged", async () => {
    const reread = normalizeTask(
      JSON.parse(
        taskBody({ status: "completed", output: [{ type: "video", url: "https://cdn.example/v.mp4" }] }),
      ) as GatewayTask,
    );
    const first = await signCallback({ url: URL_, body: taskBody(), secret: SECRET });
    const event = await verifyCallback(
      { method: "POST", url: URL_, headers: first.headers, body: first.body },
      { secret: SECRET, confirm: async () => reread },
    );
    expect(event).toMatchObject({ confirmed: true, task: reread });

    const offline = new Error("connect ECONNREFUSED");
    const second = await signCallback({ url: URL_, body: taskBody(), secret: SECRET });
    const error = await verifyCallback(
      { method: "POST", url: URL_, headers: second.headers, body: second.body },
      { secret: SECRET, confirm: () => Promise.reject(offline) },
    ).catch((error: unknown) => error);
    expect(error).toBe(offline);
  });
});

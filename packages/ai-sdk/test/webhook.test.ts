// The webhook flow of experimental_generateVideo: the provider trusts a delivery only after the
// core's verifier (signature, Date window, nonce) and a confirming read of the task it names.
import type { Experimental_VideoModelV4OperationWebhook, JSONValue } from "@ai-sdk/provider";
import { signCallback } from "@vidu-extend/core/testing";
import { experimental_generateVideo as generateVideo, experimental_startVideo as startVideo } from "ai";
import { describe, expect, it } from "vitest";
import { claimedStatus, type Delivery, receiver } from "./receiver.js";
import { download, harness, isMp4, SOURCE } from "./support.js";

// Tasks that stay in progress for a minute: a refused delivery is judged against a task that has
// certainly not finished, whatever the machine's load.
const SLOW = { runMs: { viduq2_pro_extend: 60_000, viduq2_turbo_extend: 60_000 }, tickMs: 100, callbackRetryMs: 100 };
const POLL = { intervalMs: 100, timeoutMs: 20_000 };

const webhookCall = (model: Parameters<typeof generateVideo>[0]["model"], webhook: () => Promise<unknown>) =>
  generateVideo({
    model,
    prompt: "Pull back to the sunset.",
    providerOptions: { vidu: SOURCE },
    poll: POLL,
    webhook: webhook as () => Promise<{ url: string; received: Promise<Experimental_VideoModelV4OperationWebhook> }>,
    download,
  });

const forge = async (url: string, secret: string, body: JSONValue, date?: Date) => {
  const signed = await signCallback({
    url,
    body: JSON.stringify(body),
    secret,
    ...(date === undefined ? {} : { date }),
  });
  return { headers: { ...signed.headers }, body };
};

describe("webhooks", () => {
  it.each(["viduq2_pro_extend", "viduq2_turbo_extend"] as const)(
    "%s: a real terminal delivery is accepted after one confirming read, without polling",
    async (id) => {
      const { vidu, requests, sim } = await harness();
      const hook = await receiver((delivery) => (claimedStatus(delivery) === "completed" ? delivery : undefined));

      const result = await webhookCall(vidu.video(id), hook.webhook);

      expect(isMp4(result.video.uint8Array)).toBe(true);
      expect(sim.tasks()[0]?.params.callback_url).toMatch(/\/hooks\/vidu\?call=1$/);
      // The create, the confirming read of the delivery, then the AI SDK's one status read.
      expect(requests.map((request) => request.method)).toEqual(["POST", "GET", "GET"]);
    },
  );

  it("an early delivery (task still running) is verified, then the task is waited for with the core's engine", async () => {
    const { vidu, requests } = await harness();
    const hook = await receiver((delivery) => delivery);

    const result = await webhookCall(vidu.video("turbo"), hook.webhook);

    expect(claimedStatus(hook.deliveries[0] as Delivery)).not.toBe("completed");
    expect(isMp4(result.video.uint8Array)).toBe(true);
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(1);
  });

  it("a forged delivery (signed with another secret) is refused before any read", async () => {
    const { vidu, requests } = await harness({ timing: SLOW });
    const hook = await receiver((delivery, url) =>
      forge(url, "not-the-key", { ...(delivery.body as object), status: "completed" }),
    );

    const failure = await webhookCall(vidu.video("turbo"), hook.webhook).catch((error: unknown) => error);

    expect(failure).toMatchObject({
      name: "AI_ViduWebhookRejectedError",
      cause: { _tag: "CallbackRejected", reason: "bad-signature" },
    });
    expect(requests.map((request) => request.method)).toEqual(["POST"]);
  });

  it("a real signature over a body altered to 'completed' is refused by the confirming read", async () => {
    const { vidu, requests } = await harness({ timing: SLOW });
    const hook = await receiver((delivery) => ({
      ...delivery,
      body: { ...(delivery.body as object), status: "completed" },
    }));

    const failure = await webhookCall(vidu.video("pro"), hook.webhook).catch((error: unknown) => error);

    expect(failure).toMatchObject({
      name: "AI_ViduWebhookRejectedError",
      cause: { _tag: "CallbackRejected", reason: "body-mismatch" },
    });
    expect(requests.map((request) => request.method)).toEqual(["POST", "GET"]);
  });

  it("a real delivery about another task (same endpoint, same key) is refused before any read", async () => {
    const { vidu, requests, sim } = await harness({ timing: SLOW });
    let other = "";
    const hook = await receiver((delivery) => ((delivery.body as { id?: string }).id === other ? delivery : undefined));
    const started = await startVideo({
      model: vidu.video("turbo"),
      prompt: "Another clip.",
      webhookUrl: hook.url(),
      providerOptions: { vidu: SOURCE },
    });
    other = (started.operation as { taskId: string }).taskId;

    const failure = await webhookCall(vidu.video("turbo"), hook.webhook).catch((error: unknown) => error);

    expect(failure).toMatchObject({
      cause: {
        _tag: "CallbackRejected",
        reason: "body-mismatch",
        message: expect.stringContaining("this call started"),
      },
    });
    expect(sim.tasks()).toHaveLength(2);
    expect(requests.map((request) => request.method)).toEqual(["POST", "POST"]);
  });

  it("a delivery signed with the right key but a Date outside the window is refused", async () => {
    const { vidu, requests, sim } = await harness({ timing: SLOW });
    const hook = await receiver((delivery, url) =>
      forge(url, sim.key, delivery.body, new Date(Date.now() - 10 * 60_000)),
    );

    const failure = await webhookCall(vidu.video("turbo"), hook.webhook).catch((error: unknown) => error);

    expect(failure).toMatchObject({ cause: { _tag: "CallbackRejected", reason: "stale" } });
    expect(requests.map((request) => request.method)).toEqual(["POST"]);
  });

  it("a delivery already accepted is refused when presented again (its nonce is spent)", async () => {
    const { vidu, requests } = await harness();
    const first = await receiver((delivery) => (claimedStatus(delivery) === "completed" ? delivery : undefined));
    await webhookCall(vidu.video("turbo"), first.webhook);
    const accepted = first.deliveries.find((delivery) => claimedStatus(delivery) === "completed") as Delivery;
    requests.length = 0;

    const replay = await receiver(() => accepted);
    const failure = await webhookCall(vidu.video("turbo"), replay.webhook).catch((error: unknown) => error);

    expect(failure).toMatchObject({ cause: { _tag: "CallbackRejected", reason: "replayed" } });
    expect(requests.map((request) => request.method)).toEqual(["POST"]);
  });
});

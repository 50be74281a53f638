import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { JobMessage } from "../src/env.js";
import worker from "../src/index.js";
import { VIDEO } from "./helpers.js";

const limiter = () => env.LIMITER.get(env.LIMITER.idFromName("gateway"));

async function runJob(batchId: string, gateway: string) {
  const batch = env.BATCHES.get(env.BATCHES.idFromName(batchId));
  await batch.init(
    batchId,
    [{ model: "viduq2_turbo_extend", video_url: VIDEO }],
    `${env.RELAY_URL}/callbacks/vidu`,
    "a-caller",
  );
  const messages = createMessageBatch<JobMessage>("vidu-extend-jobs", [
    { id: `${batchId}-0`, timestamp: new Date(), attempts: 1, body: { batchId, index: 0 } },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(messages, { ...env, VTRIX_BASE_URL: gateway }, ctx);
  return { result: await getQueueResult(messages, ctx), job: await batch.job(0) };
}

describe("the queue consumer", () => {
  it("backs off on 429: the job goes back to queued and the message is retried with the gateway's delay", async () => {
    const { result, job } = await runJob("b-429", env.RATE_LIMITED_URL);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["b-429-0"]);
    expect(result.explicitAcks).toEqual([]);
    expect(job).toMatchObject({
      state: "queued",
      attempts: 1,
      retryDelaySeconds: 3,
      error: { code: "rate_limit_exceeded" },
    });
    expect((await limiter().stats(5)).inFlight).toBe(0);
  });

  it("records an ambiguous create as such, acknowledges it, and never sends it again", async () => {
    const { result, job } = await runJob("b-drop", env.DROPPING_URL);
    expect(result.explicitAcks).toEqual(["b-drop-0"]);
    expect(job).toMatchObject({ state: "ambiguous", attempts: 1, error: { code: "ambiguous_submit" } });
    // Delivered again: still ambiguous, nothing sent.
    const messages = createMessageBatch<JobMessage>("vidu-extend-jobs", [
      { id: "again", timestamp: new Date(), attempts: 2, body: { batchId: "b-drop", index: 0 } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(messages, { ...env, VTRIX_BASE_URL: env.DROPPING_URL }, ctx);
    expect((await getQueueResult(messages, ctx)).explicitAcks).toEqual(["again"]);
    expect(await env.BATCHES.get(env.BATCHES.idFromName("b-drop")).job(0)).toMatchObject({
      state: "ambiguous",
      attempts: 1,
    });
    // Its slot stays taken until the lease ends: the task may be running upstream.
    expect((await limiter().stats(5)).holders).toContain("batch:b-drop:0");
  });

  it("records a job found mid-submit on redelivery as ambiguous, without sending it", async () => {
    const batch = env.BATCHES.get(env.BATCHES.idFromName("b-crash"));
    await batch.init(
      "b-crash",
      [{ model: "viduq2_turbo_extend", video_url: VIDEO }],
      `${env.RELAY_URL}/callbacks/vidu`,
      "a-caller",
    );
    await batch.claim(0);
    const messages = createMessageBatch<JobMessage>("vidu-extend-jobs", [
      { id: "m", timestamp: new Date(), attempts: 2, body: { batchId: "b-crash", index: 0 } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(messages, { ...env, VTRIX_BASE_URL: "http://127.0.0.1:1" }, ctx);
    expect(await batch.job(0)).toMatchObject({ state: "ambiguous", error: { code: "consumer_interrupted" } });
  });
});

import { signCallback } from "@vidu-extend/core/testing";
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, callbackPump, eventually, post, simStats, VIDEO } from "./helpers.js";

const URL_ = () => `${env.RELAY_URL}/callbacks/vidu`;

const body = (id: string, status: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    model: "viduq2_turbo_extend",
    status,
    ...(status === "completed" ? { output: [{ type: "video", url: "https://cdn.example.com/v.mp4" }] } : {}),
    ...extra,
  });

async function delivery(
  text: string,
  options: { secret?: string; date?: Date; nonce?: string } = {},
): Promise<Request> {
  const signed = await signCallback({
    url: URL_(),
    body: text,
    secret: options.secret ?? env.VTRIX_API_KEY,
    ...(options.date === undefined ? {} : { date: options.date }),
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
  });
  return new Request(URL_(), {
    method: "POST",
    headers: { ...signed.headers, "content-type": "application/json" },
    body: signed.body,
  });
}

const stored = (id: string) => env.TASKS.get(env.TASKS.idFromName(id)).snapshot();

describe("POST /callbacks/vidu", () => {
  it("stores a verified delivery in the task's Durable Object", async () => {
    const response = await SELF.fetch(await delivery(body("cb-ok", "in_progress", { progress: 0.5 })));
    expect(response.status).toBe(200);
    expect(await stored("cb-ok")).toMatchObject({
      id: "cb-ok",
      status: "in_progress",
      phase: "running",
      progress: 0.5,
      source: "callback",
    });
  });

  it("refuses a forged delivery (another secret) with 401 and stores nothing", async () => {
    const response = await SELF.fetch(await delivery(body("cb-forged", "completed"), { secret: "not-the-key" }));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "bad-signature" });
    expect(await stored("cb-forged")).toBeNull();
  });

  it("refuses a stale delivery (signed 10 minutes ago) with 401", async () => {
    const response = await SELF.fetch(
      await delivery(body("cb-stale", "completed"), { date: new Date(Date.now() - 10 * 60_000) }),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "stale" });
    expect(await stored("cb-stale")).toBeNull();
  });

  it("acknowledges a replayed delivery without applying it again", async () => {
    const first = await delivery(body("cb-replay", "in_progress", { progress: 0.2 }));
    const replay = first.clone();
    expect((await SELF.fetch(first)).status).toBe(200);
    const response = await SELF.fetch(replay);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ error: "replayed" });
    expect(await stored("cb-replay")).toMatchObject({ received: 1, applied: 1 });
  });

  it("keeps `completed` when a late `in_progress` arrives, and ignores duplicates", async () => {
    const id = "cb-order";
    for (const text of [
      body(id, "completed"),
      body(id, "in_progress", { progress: 0.9 }),
      body(id, "pending"),
      body(id, "completed"),
      body(id, "failed", { error: { code: "x", message: "late" } }),
    ]) {
      expect((await SELF.fetch(await delivery(text))).status).toBe(200);
    }
    expect(await stored(id)).toMatchObject({ status: "completed", phase: "completed", received: 5, applied: 1 });
    // Read without the gateway: the simulator has never heard of this task.
    const reads = (await simStats()).reads;
    const read = await api(`/v1/tasks/${id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      id,
      status: "completed",
      source: "callback",
      videos: [{ url: "https://cdn.example.com/v.mp4" }],
    });
    expect((await simStats()).reads).toBe(reads);
  });

  it("applies progress forward only, within the running phase", async () => {
    const id = "cb-progress";
    for (const progress of [0.3, 0.6, 0.4, 0.6])
      await SELF.fetch(await delivery(body(id, "in_progress", { progress })));
    expect(await stored(id)).toMatchObject({ progress: 0.6, received: 4, applied: 2 });
  });

  it("a real task: the simulator's callbacks (relayed) finish it, and GET answers from the store", async () => {
    const pump = callbackPump((d) => d.body.includes('"id"'));
    const created = await post("/v1/extend", { model: "viduq2_turbo_extend", video_url: VIDEO });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const done = await eventually(async () => {
      await pump();
      const task = await stored(id);
      return task?.phase === "completed" ? task : null;
    });
    expect(done.source).toBe("callback");
    const reads = (await simStats()).reads;
    expect(await (await api(`/v1/tasks/${id}`)).json()).toMatchObject({ id, status: "completed", phase: "completed" });
    expect((await simStats()).reads).toBe(reads);
    // Its in-flight slot was given back.
    expect((await env.LIMITER.get(env.LIMITER.idFromName("gateway")).stats(5)).holders).not.toContain(done.slot);
  });
});

import { signCallback } from "@vidu-extend/core/testing";
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { StoredTask } from "../src/task-store.js";
import { api, callbackPump, eventually, post, simStats, VIDEO } from "./helpers.js";

const URL_ = () => `${env.RELAY_URL}/callbacks/vidu`;
const EVIL = "https://evil.example.com/owned.mp4";

const body = (id: string, status: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    model: "viduq2_turbo_extend",
    status,
    ...(status === "completed" ? { output: [{ type: "video", url: EVIL }] } : {}),
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

const store = (id: string) => env.TASKS.get(env.TASKS.idFromName(id));
const stored = (id: string) => store(id).snapshot();

/** A task created through the worker, once the simulator (read directly) says it completed. */
async function finishedTask(): Promise<string> {
  const created = await post("/v1/extend", { model: "viduq2_turbo_extend", video_url: VIDEO });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await eventually(async () => {
    const read = await fetch(`${env.VTRIX_BASE_URL}/model/v1/generation/task/${id}`, {
      headers: { authorization: `Bearer ${env.VTRIX_API_KEY}` },
    });
    return ((await read.json()) as { status: string }).status === "completed" || null;
  });
  return id;
}

describe("POST /callbacks/vidu: a delivery is a wake-up, confirmed with the gateway", () => {
  it("applies the gateway's state read back, not the unsigned body's claim", async () => {
    const id = await finishedTask();
    const response = await SELF.fetch(await delivery(body(id, "in_progress", { progress: 0.1 })));
    expect(response.status).toBe(200);
    const task = (await stored(id)) as StoredTask;
    expect(task).toMatchObject({ id, status: "completed", phase: "completed", source: "callback" });
    expect(JSON.stringify(task.raw)).not.toContain("evil.example.com");
  });

  it("refuses a body that contradicts a finished task (409) and keeps the gateway's result URL", async () => {
    const id = await finishedTask();
    const lie = await SELF.fetch(await delivery(body(id, "failed", { error: { code: "x", message: "lie" } })));
    expect(lie.status).toBe(409);
    expect(await lie.json()).toMatchObject({ error: "body-mismatch" });
    // A claim of "completed" with an attacker's URL: the stored URL is the gateway's.
    expect((await SELF.fetch(await delivery(body(id, "completed")))).status).toBe(200);
    const read = (await (await api(`/v1/tasks/${id}`)).json()) as { status: string; videos: { url: string }[] };
    expect(read.status).toBe("completed");
    expect(read.videos.map((v) => v.url).join()).not.toContain("evil.example.com");
  });

  it("refuses a task id it never created (503), without reading the gateway, storing or opening anything", async () => {
    const reads = (await simStats()).reads;
    const response = await SELF.fetch(await delivery(body("cb-never-created", "completed")));
    expect(response.status).toBe(503);
    expect(await stored("cb-never-created")).toBeNull();
    expect((await env.OPEN_TASKS.list()).keys.map((k) => k.name)).not.toContain("cb-never-created");
    expect((await simStats()).reads).toBe(reads);
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
    const id = await finishedTask();
    const first = await delivery(body(id, "in_progress", { progress: 0.2 }));
    const replay = first.clone();
    const before = (await stored(id)) as StoredTask;
    expect((await SELF.fetch(first)).status).toBe(200);
    const response = await SELF.fetch(replay);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ error: "replayed" });
    expect(await stored(id)).toMatchObject({ received: before.received + 1 });
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

describe("the task store applies states forward only", () => {
  const raw = (id: string, status: string, extra: Record<string, unknown> = {}) =>
    JSON.parse(
      body(id, status, { ...extra, ...(status === "completed" ? { output: [{ type: "video", url: VIDEO }] } : {}) }),
    );

  it("keeps `completed` when a late `in_progress` arrives, and ignores duplicates", async () => {
    const id = "order";
    for (const [status, extra] of [
      ["completed", {}],
      ["in_progress", { progress: 0.9 }],
      ["pending", {}],
      ["completed", {}],
      ["failed", { error: { code: "x", message: "late" } }],
    ] as const)
      await store(id).apply(raw(id, status, extra), "callback");
    expect(await stored(id)).toMatchObject({ status: "completed", phase: "completed", received: 5, applied: 1 });
  });

  it("applies progress forward only, within the running phase", async () => {
    const id = "progress";
    for (const progress of [0.3, 0.6, 0.4, 0.6])
      await store(id).apply(raw(id, "in_progress", { progress }), "callback");
    expect(await stored(id)).toMatchObject({ progress: 0.6, received: 4, applied: 2 });
  });
});

import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index.js";
import { eventually, post, VIDEO } from "./helpers.js";

describe("the cron fallback", () => {
  it("finishes a task whose callback never came", async () => {
    // The relay keeps the simulator's callbacks: none reaches the worker.
    const created = await post("/v1/extend", { model: "viduq2_turbo_extend", video_url: VIDEO });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const stub = env.TASKS.get(env.TASKS.idFromName(id));
    expect((await stub.snapshot())?.phase).not.toBe("completed");
    expect((await env.OPEN_TASKS.list()).keys.map((k) => k.name)).toContain(id);
    // This task finished at the simulator (read there directly, so that the worker hears nothing)…
    await eventually(async () => {
      const read = await fetch(`${env.VTRIX_BASE_URL}/model/v1/generation/task/${encodeURIComponent(id)}`, {
        headers: { authorization: `Bearer ${env.VTRIX_API_KEY}` },
      });
      return ((await read.json()) as { status?: string }).status === "completed" || null;
    });
    // …and overdue at the worker (CALLBACK_GRACE_SECONDS is 0 here), so the cron run reads it.
    const open = await env.OPEN_TASKS.getWithMetadata<{ dueAt: number }>(id);
    expect(open.metadata?.dueAt).toBeLessThanOrEqual(Date.now());
    expect((await stub.snapshot())?.phase).not.toBe("completed");
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await stub.snapshot()).toMatchObject({ id, status: "completed", phase: "completed", source: "cron" });
    expect((await env.OPEN_TASKS.list()).keys.map((k) => k.name)).not.toContain(id);
    // Its slot is free again.
    expect((await env.LIMITER.get(env.LIMITER.idFromName("gateway")).stats(5)).inFlight).toBe(0);
  });
});

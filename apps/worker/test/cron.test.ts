import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index.js";
import { eventually, post, simStats, VIDEO } from "./helpers.js";

describe("the cron fallback", () => {
  it("finishes a task whose callback never came", async () => {
    // The relay keeps the simulator's callbacks: none reaches the worker.
    const created = await post("/v1/extend", { model: "viduq2_turbo_extend", video_url: VIDEO });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const stub = env.TASKS.get(env.TASKS.idFromName(id));
    expect((await stub.snapshot())?.phase).not.toBe("completed");
    expect((await env.OPEN_TASKS.list()).keys.map((k) => k.name)).toContain(id);
    // Let the simulator finish it.
    await eventually(async () => ((await simStats()).tasks["completed"] ?? 0) > 0 || null);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await stub.snapshot()).toMatchObject({ id, status: "completed", phase: "completed", source: "cron" });
    expect((await env.OPEN_TASKS.list()).keys.map((k) => k.name)).not.toContain(id);
    // Its slot is free again.
    expect((await env.LIMITER.get(env.LIMITER.idFromName("gateway")).stats(5)).inFlight).toBe(0);
  });
});

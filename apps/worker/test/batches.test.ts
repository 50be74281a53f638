import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { BatchSummary } from "../src/batch-store.js";
import { api, callbackPump, eventually, post, simStats, VIDEO } from "./helpers.js";

const limiter = () => env.LIMITER.get(env.LIMITER.idFromName("gateway"));

describe("batches", () => {
  it("refuses a batch with an invalid job, queueing nothing", async () => {
    const response = await post("/v1/batches", {
      jobs: [
        { model: "viduq2_turbo_extend", video_url: VIDEO },
        { model: "viduq2_turbo_extend", video_url: VIDEO, duration: 99 },
        { model: "other" },
      ],
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { jobs: { index: number }[] };
    expect(body.jobs.map((j) => j.index)).toEqual([1, 2]);
  });

  it("runs 50 jobs to completion with never more than 5 in flight", { timeout: 80_000 }, async () => {
    const before = await simStats();
    const jobs = Array.from({ length: 50 }, (_, i) => ({
      model: i % 2 === 0 ? "viduq2_turbo_extend" : "viduq2_pro_extend",
      video_url: `${VIDEO}?job=${i}`,
    }));
    const created = await post("/v1/batches", { jobs });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const pump = callbackPump();
    let maxHeld = 0;
    const summary = await eventually(
      async () => {
        await pump();
        maxHeld = Math.max(maxHeld, (await limiter().stats(5)).inFlight);
        const batch = (await (await api(`/v1/batches/${id}`)).json()) as BatchSummary;
        return batch.done ? batch : null;
      },
      70_000,
      50,
    );
    expect(summary.counts).toEqual({ completed: 50 });
    expect(summary.jobs.every((job) => job.attempts === 1 && typeof job.taskId === "string")).toBe(true);
    const stats = await limiter().stats(5);
    // The worker's own count, and what the gateway saw.
    expect(stats.maxInFlight).toBeLessThanOrEqual(5);
    expect(stats.maxInFlight).toBe(5);
    expect(maxHeld).toBeLessThanOrEqual(5);
    expect(stats.refused).toBeGreaterThan(0);
    const after = await simStats();
    expect(after.maxActive).toBeLessThanOrEqual(5);
    expect(after.recorded - before.recorded).toBe(50);
    expect(after.duplicateCreates).toBe(before.duplicateCreates);
  });

  it("404 for an unknown batch", async () => {
    expect((await api("/v1/batches/nope")).status).toBe(404);
  });
});

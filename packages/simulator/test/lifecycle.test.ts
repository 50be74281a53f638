// Task lifecycle on a manual clock: each model's own running status, rising progress, its own
// completed and failed shapes, and the core's normalisation of both.
import type { ModelId } from "@vidu-extend/contract";
import { createClient, TaskFailed } from "@vidu-extend/core";
import { afterEach, describe, expect, it } from "vitest";
import { manualClock, startSimulator, TIMINGS, type Simulator } from "../src/index.js";
import { createTask, readTask, VIDEO_URL } from "./support/http.js";

const RUNNING: Readonly<Record<ModelId, string>> = {
  viduq2_pro_extend: "in_progress",
  viduq2_turbo_extend: "processing",
};
const { tickMs } = TIMINGS.fast;

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

interface Observed {
  statuses: string[];
  progress: number[];
  last: Record<string, unknown>;
}

/** Creates one task per model, then advances the clock one tick at a time, reading both after each tick until both end. */
async function followBoth(failureRate: number, params: Partial<Record<ModelId, Record<string, unknown>>> = {}) {
  const clock = manualClock();
  sim = await startSimulator({ clock, failureRate });
  const started = clock.now();
  const observed = new Map<string, Observed>();
  const ids: Record<ModelId, string> = { viduq2_pro_extend: "", viduq2_turbo_extend: "" };
  for (const model of ["viduq2_pro_extend", "viduq2_turbo_extend"] as const) {
    const created = await createTask(sim.url, sim.key, model, { video_url: VIDEO_URL, ...params[model] });
    ids[model] = created.id;
    observed.set(created.id, { statuses: [created.status], progress: [], last: created });
  }
  for (let ticks = 0; ticks < 100; ticks++) {
    clock.advance(tickMs);
    let ended = 0;
    for (const [id, seen] of observed) {
      const body = await readTask(sim.url, sim.key, id);
      if (seen.statuses.at(-1) !== body.status) seen.statuses.push(body.status);
      if (typeof body["progress"] === "number") seen.progress.push(body["progress"]);
      seen.last = body;
      if (body.status === "completed" || body.status === "failed") ended++;
    }
    if (ended === observed.size) break;
  }
  return { ids, observed, started, sim };
}

const strictlyRising = (values: readonly number[]) =>
  values.every((value, i) => i === 0 || value > (values[i - 1] as number));

describe("lifecycle on a manual clock", () => {
  it("a pro task goes pending → in_progress → completed and a turbo task pending → processing → completed, with progress rising from 0 below 1", async () => {
    const { ids, observed } = await followBoth(0);
    for (const model of ["viduq2_pro_extend", "viduq2_turbo_extend"] as const) {
      const seen = observed.get(ids[model]) as Observed;
      expect(seen.statuses).toEqual(["pending", RUNNING[model], "completed"]);
      expect(seen.progress.length).toBeGreaterThan(5);
      expect(seen.progress[0]).toBe(0);
      expect(strictlyRising(seen.progress)).toBe(true);
      expect(Math.max(...seen.progress)).toBeLessThan(1);
      // progress is only sent while running
      expect(seen.last).not.toHaveProperty("progress");
    }
  });

  it("the pro run lasts runMs (1.5 s) and the turbo run 1 s of simulated time, and metadata carries queue, start and end in unix seconds", async () => {
    const { ids, observed, started } = await followBoth(0);
    const start = Math.floor(started / 1000);
    const pro = observed.get(ids.viduq2_pro_extend)?.last["metadata"] as Record<string, number>;
    const turbo = observed.get(ids.viduq2_turbo_extend)?.last["metadata"] as Record<string, number>;
    // admitted at the first tick (100 ms), finished at the first tick at or after start + runMs
    expect(pro).toEqual({
      in_queue_at: start,
      started_at: Math.floor((started + 100) / 1000),
      completed_at: Math.floor((started + 1_600) / 1000),
    });
    expect(turbo).toEqual({
      in_queue_at: start,
      started_at: Math.floor((started + 100) / 1000),
      completed_at: Math.floor((started + 1_100) / 1000),
    });
  });

  it("completed bodies carry each model's own output shape (pro output[0].content[0].url, turbo output[0].url) and usage from the parameters", async () => {
    const { ids, observed, sim } = await followBoth(0, { viduq2_turbo_extend: { duration: 3, resolution: "1080p" } });
    const pro = observed.get(ids.viduq2_pro_extend)?.last as Record<string, unknown>;
    const turbo = observed.get(ids.viduq2_turbo_extend)?.last as Record<string, unknown>;
    const proUrl = `${sim.url}/files/${ids.viduq2_pro_extend}/extended.mp4`;
    const turboUrl = `${sim.url}/files/${ids.viduq2_turbo_extend}/extended.mp4`;

    expect(pro).toMatchObject({ id: ids.viduq2_pro_extend, model: "viduq2_pro_extend", status: "completed" });
    expect(pro["output"]).toEqual([
      { content: [{ type: "video", url: proUrl }], jobId: expect.stringMatching(/^\d{18}$/) },
    ]);
    expect(pro["usage"]).toEqual({ model: "viduq2-pro", duration: 5, resolution: "720p", credits: 5 });
    expect(pro).not.toHaveProperty("error");

    expect(turbo).toMatchObject({ id: ids.viduq2_turbo_extend, model: "viduq2_turbo_extend", status: "completed" });
    expect(turbo["output"]).toEqual([{ type: "video", url: turboUrl, jobId: expect.stringMatching(/^\d{18}$/) }]);
    expect(turbo["usage"]).toEqual({ model: "viduq2-turbo", duration: 3, resolution: "1080p", credits: 3 });

    // the core reads both shapes into one Task
    const client = createClient({ apiKey: sim.key, baseUrl: sim.url });
    const proTask = await client.get(ids.viduq2_pro_extend);
    const turboTask = await client.get(ids.viduq2_turbo_extend);
    expect(proTask).toMatchObject({
      phase: "completed",
      progress: 1,
      videos: [{ url: proUrl, type: "video" }],
      usage: { model: "viduq2-pro", credits: 5 },
    });
    expect(turboTask).toMatchObject({
      phase: "completed",
      progress: 1,
      videos: [{ url: turboUrl, type: "video" }],
      usage: { model: "viduq2-turbo", duration: 3 },
    });
  });

  it("with failureRate 1 both fail with their model's error shape (pro integer code 80120xx, turbo string code 00801309x), and the core normalises both to nine-digit strings", async () => {
    const { ids, observed, sim } = await followBoth(1);
    const pro = observed.get(ids.viduq2_pro_extend) as Observed;
    const turbo = observed.get(ids.viduq2_turbo_extend) as Observed;
    expect(pro.statuses).toEqual(["pending", "in_progress", "failed"]);
    expect(turbo.statuses).toEqual(["pending", "processing", "failed"]);

    const proError = pro.last["error"] as { code: unknown; error_message: unknown };
    expect(Number.isInteger(proError.code)).toBe(true);
    expect([8012098, 8012099]).toContain(proError.code);
    expect(proError.error_message).toEqual(expect.any(String));
    expect(pro.last).not.toHaveProperty("output");
    expect(pro.last).not.toHaveProperty("usage");

    const turboError = turbo.last["error"] as { code: unknown; message: unknown };
    expect(turboError.code).toMatch(/^00801309[5-9]$/);
    expect(turboError.message).toEqual(expect.any(String));
    expect(turbo.last).not.toHaveProperty("output");

    const client = createClient({ apiKey: sim.key, baseUrl: sim.url });
    const proTask = await client.get(ids.viduq2_pro_extend);
    expect(proTask.phase).toBe("failed");
    expect(proTask.error).toEqual({ code: `00${String(proError.code)}`, message: proError.error_message });
    const turboTask = await client.get(ids.viduq2_turbo_extend);
    expect(turboTask.error).toEqual({ code: turboError.code, message: turboError.message });

    // wait rejects with TaskFailed carrying the normalised code
    const failure = await client
      .wait(ids.viduq2_pro_extend, { poll: { firstDelayMs: 1 } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TaskFailed);
    expect(failure).toMatchObject({
      _tag: "TaskFailed",
      taskId: ids.viduq2_pro_extend,
      code: `00${String(proError.code)}`,
    });
  });

  it("tasks move only on ticks: reads do not advance them, the clock's ticks do, and sim.tick() brings them to the clock's now", async () => {
    const clock = manualClock();
    sim = await startSimulator({ clock });
    const created = await createTask(sim.url, sim.key, "viduq2_pro_extend");
    sim.tick(); // admits at the current time: running, progress 0
    expect(await readTask(sim.url, sim.key, created.id)).toMatchObject({ status: "in_progress", progress: 0 });
    sim.tick();
    expect(await readTask(sim.url, sim.key, created.id)).toMatchObject({ status: "in_progress", progress: 0 });
    clock.advance(750);
    // the last tick that fell due was at 700 ms: 700 / 1500
    expect(await readTask(sim.url, sim.key, created.id)).toMatchObject({ status: "in_progress", progress: 0.46 });
    sim.tick();
    expect(await readTask(sim.url, sim.key, created.id)).toMatchObject({ status: "in_progress", progress: 0.5 });
    expect(sim.stats().tasks).toMatchObject({ in_progress: 1, completed: 0 });
  });
});

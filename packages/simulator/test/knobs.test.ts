// The knobs a user's own suite needs: reset() between tests, result URLs that expire, and the
// turbo output shape the real gateway may use.
import { createClient } from "@vidu-extend/core";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_RESULT_TTL_MS, manualClock, startSimulator, TIMINGS, type Simulator } from "../src/index.js";
import { createTask, readTask, VIDEO_URL } from "./support/http.js";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Creates a task and advances the manual clock until it has completed. */
async function completed(simulator: Simulator, clock: ReturnType<typeof manualClock>, model: string) {
  const { id } = await createTask(simulator.url, simulator.key, model as "viduq2_pro_extend", { video_url: VIDEO_URL });
  for (let i = 0; i < 100; i++) {
    clock.advance(TIMINGS.fast.tickMs);
    simulator.tick();
  }
  return readTask(simulator.url, simulator.key, id);
}

const videoUrl = (body: Record<string, unknown>): string => {
  const [first] = body["output"] as Record<string, unknown>[];
  const content = first?.["content"] as Record<string, string>[] | undefined;
  return content?.[0]?.["url"] ?? (first?.["url"] as string);
};

describe("resultTtlMs", () => {
  it("serves the video until the URL's lifetime (24 h by default) is over, then answers 403 expired", async () => {
    const clock = manualClock();
    sim = await startSimulator({ clock });
    const url = videoUrl(await completed(sim, clock, "viduq2_pro_extend"));
    expect((await fetch(url)).status).toBe(200);
    clock.advance(DEFAULT_RESULT_TTL_MS - 60_000);
    expect((await fetch(url)).status).toBe(200);
    clock.advance(60_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ error: { code: "expired" } });
  });

  it("is configurable, and the client's download helper reports the expiry", async () => {
    const clock = manualClock();
    sim = await startSimulator({ clock, resultTtlMs: 1_000 });
    const url = videoUrl(await completed(sim, clock, "viduq2_turbo_extend"));
    clock.advance(1_000);
    const { fetchVideo } = await import("@vidu-extend/core");
    await expect(fetchVideo(url)).rejects.toMatchObject({ _tag: "DownloadFailed", reason: "expired", status: 403 });
  });
});

describe("turboOutput", () => {
  it("is flat by default and wrapped in content[] on request; the client reads the video from both", async () => {
    for (const turboOutput of [undefined, "content"] as const) {
      const clock = manualClock();
      const simulator = await startSimulator({ clock, ...(turboOutput === undefined ? {} : { turboOutput }) });
      try {
        const body = await completed(simulator, clock, "viduq2_turbo_extend");
        const [first] = body["output"] as Record<string, unknown>[];
        expect(Object.keys(first ?? {}).sort()).toEqual(
          turboOutput === "content" ? ["content", "jobId"] : ["jobId", "type", "url"],
        );
        const client = createClient({ apiKey: simulator.key, baseUrl: simulator.url });
        const task = await client.get(body["id"] as string);
        expect(task.videos).toEqual([{ url: videoUrl(body), type: "video", jobId: expect.any(String) }]);
      } finally {
        await simulator.close();
      }
    }
  });
});

describe("reset()", () => {
  it("forgets tasks, counts and balances, and replays the same seeded ids, on the same port", async () => {
    sim = await startSimulator({ credits: 5, clock: manualClock() });
    const first = await createTask(sim.url, sim.key, "viduq2_pro_extend", { video_url: VIDEO_URL, duration: 5 });
    expect(sim.stats()).toMatchObject({ creates: 1, recorded: 1 });
    const { url } = sim;
    await sim.reset();
    expect(sim.url).toBe(url);
    expect(sim.tasks()).toEqual([]);
    expect(sim.stats()).toMatchObject({ creates: 0, recorded: 0, reads: 0, tasks: { pending: 0 } });
    expect(
      (
        await fetch(`${sim.url}/model/v1/generation/task/${first.id}`, {
          headers: { authorization: `Bearer ${sim.key}` },
        })
      ).status,
    ).toBe(404);
    // The balance is whole again (5 credits), and the seeded draws start over: the same id.
    const again = await createTask(sim.url, sim.key, "viduq2_pro_extend", { video_url: VIDEO_URL, duration: 5 });
    expect(again.id).toBe(first.id);
  });
});

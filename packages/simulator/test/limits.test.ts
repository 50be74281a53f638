// Per-key limits: at most maxInProgressPerKey tasks run at once (the rest wait as pending), and
// a finite credit balance refuses the create that would overdraw it.
import { createClient, InsufficientBalance, PermissionDenied } from "@vidu-extend/core";
import { afterEach, describe, expect, it } from "vitest";
import { manualClock, startSimulator, type Simulator } from "../src/index.js";
import { createTask, envelope, postCreate, readTask, VIDEO_URL } from "./support/http.js";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const count = (s: Simulator, key?: string) => {
  const tasks = s.tasks().filter((task) => key === undefined || task.key === key);
  const running = tasks.filter((task) => task.status === "in_progress" || task.status === "processing").length;
  const pending = tasks.filter((task) => task.status === "pending").length;
  const done = tasks.filter((task) => task.status === "completed" || task.status === "failed").length;
  return { running, pending, done };
};

describe("maxInProgressPerKey", () => {
  it("with 5 slots, 7 creates → 5 running and 2 pending; the 2 start in the tick that frees slots, in creation order", async () => {
    const clock = manualClock();
    const s = await startSimulator({ clock, maxInProgressPerKey: 5 });
    sim = s;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await createTask(s.url, s.key, "viduq2_pro_extend", { video_url: VIDEO_URL, prompt: `job ${i}` })).id);
    expect(count(s)).toEqual({ running: 0, pending: 7, done: 0 });

    clock.advance(100); // first tick: admission
    expect(count(s)).toEqual({ running: 5, pending: 2, done: 0 });
    const waiting = await Promise.all(ids.slice(5).map((id) => readTask(s.url, s.key, id)));
    expect(waiting.map((task) => task.status)).toEqual(["pending", "pending"]);
    expect(waiting.every((task) => !("progress" in task))).toBe(true);
    expect((await readTask(s.url, s.key, ids[0] as string)).status).toBe("in_progress");

    clock.advance(1_400); // 1.5 s since creation, 1.4 s since admission: still running
    expect(count(s)).toEqual({ running: 5, pending: 2, done: 0 });

    clock.advance(100); // the first five finish; the two waiting ones start in the same tick
    expect(count(s)).toEqual({ running: 2, pending: 0, done: 5 });
    expect((await readTask(s.url, s.key, ids[5] as string)).status).toBe("in_progress");
    expect((await readTask(s.url, s.key, ids[6] as string)).status).toBe("in_progress");

    clock.advance(1_500);
    expect(count(s)).toEqual({ running: 0, pending: 0, done: 7 });
    expect(s.stats().tasks).toMatchObject({ completed: 7, pending: 0 });
  });

  it("slots are per key: another key's task runs while the first key is saturated", async () => {
    const clock = manualClock();
    const s = await startSimulator({ clock, maxInProgressPerKey: 2, keys: ["key-a", "key-b"] });
    sim = s;
    for (let i = 0; i < 3; i++)
      await createTask(s.url, "key-a", "viduq2_turbo_extend", { video_url: VIDEO_URL, prompt: `a ${i}` });
    await createTask(s.url, "key-b", "viduq2_turbo_extend");
    clock.advance(100);
    expect(count(s, "key-a")).toEqual({ running: 2, pending: 1, done: 0 });
    expect(count(s, "key-b")).toEqual({ running: 1, pending: 0, done: 0 });
  });
});

describe("credits", () => {
  it("with 10 credits and duration 5, the third create → 403 insufficient balance, and nothing is recorded for it", async () => {
    const s = await startSimulator({ clock: manualClock(), credits: 10 });
    sim = s;
    for (let i = 0; i < 2; i++)
      expect(
        (await postCreate(s.url, envelope("viduq2_pro_extend", { video_url: VIDEO_URL, duration: 5 }), s.key)).status,
      ).toBe(200);
    const third = await postCreate(s.url, envelope("viduq2_pro_extend", { video_url: VIDEO_URL, duration: 5 }), s.key);
    expect(third.status).toBe(403);
    expect(await third.json()).toEqual({
      error: { code: "insufficient_balance", message: expect.stringMatching(/insufficient balance/i) },
    });
    expect(s.stats()).toMatchObject({ creates: 3, recorded: 2, refused: 1 });
    expect(s.tasks()).toHaveLength(2);
  });

  it("the core maps the 403 to InsufficientBalance (not PermissionDenied) and does not retry it", async () => {
    const s = await startSimulator({ clock: manualClock(), credits: 10 });
    sim = s;
    const client = createClient({ apiKey: s.key, baseUrl: s.url });
    await client.submit({ model: "viduq2_turbo_extend", video_url: VIDEO_URL, duration: 5 });
    await client.submit({ model: "viduq2_turbo_extend", video_url: VIDEO_URL, duration: 5 });
    const error = await client
      .submit({ model: "viduq2_turbo_extend", video_url: VIDEO_URL, duration: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientBalance);
    expect(error).not.toBeInstanceOf(PermissionDenied);
    expect(error).toMatchObject({ _tag: "InsufficientBalance", status: 403, code: "insufficient_balance" });
    expect(s.stats().creates).toBe(3);
  });

  it("a task costs its duration; the default duration costs 5; what is left still buys a shorter task; balances are per key", async () => {
    const s = await startSimulator({ clock: manualClock(), credits: 10, keys: ["key-a", "key-b"] });
    sim = s;
    expect((await postCreate(s.url, envelope("viduq2_pro_extend"), "key-a")).status).toBe(200); // 5 left
    expect(
      (await postCreate(s.url, envelope("viduq2_pro_extend", { video_url: VIDEO_URL, duration: 7 }), "key-a")).status,
    ).toBe(403);
    expect(
      (await postCreate(s.url, envelope("viduq2_pro_extend", { video_url: VIDEO_URL, duration: 4 }), "key-a")).status,
    ).toBe(200); // 1 left
    expect(
      (await postCreate(s.url, envelope("viduq2_pro_extend", { video_url: VIDEO_URL, duration: 1 }), "key-a")).status,
    ).toBe(200); // 0 left
    expect(
      (await postCreate(s.url, envelope("viduq2_pro_extend", { video_url: VIDEO_URL, duration: 1 }), "key-a")).status,
    ).toBe(403);
    expect(
      (await postCreate(s.url, envelope("viduq2_pro_extend", { video_url: VIDEO_URL, duration: 7 }), "key-b")).status,
    ).toBe(200);
  });

  it("a refused (400) create costs nothing", async () => {
    const s = await startSimulator({ clock: manualClock(), credits: 5 });
    sim = s;
    expect(
      (await postCreate(s.url, envelope("viduq2_pro_extend", { video_url: VIDEO_URL, duration: 9 }), s.key)).status,
    ).toBe(400);
    expect(
      (await postCreate(s.url, envelope("viduq2_pro_extend", { video_url: VIDEO_URL, duration: 5 }), s.key)).status,
    ).toBe(200);
  });
});

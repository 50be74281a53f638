// Signed callbacks, verified by the core's verifyCallback in a receiver on 127.0.0.1:0 (secret =
// the key that created the task): every status change, in order; terminal resends until a 2xx;
// and each misbehaviour the simulator offers (duplicates, reordering, bad signatures).
import type { ModelId } from "@vidu-extend/contract";
import { createCallbackHub, createClient } from "@vidu-extend/core";
import { afterEach, describe, expect, it } from "vitest";
import { manualClock, startSimulator, type CallbackFaults, type ManualClock, type Simulator } from "../src/index.js";
import { createTask, until, VIDEO_URL } from "./support/http.js";
import { startReceiver, type Receiver, type ReceiverOptions } from "./support/receiver.js";

/** Real-time resends are quick; simulated runs are 1 s (turbo) and 1.5 s (pro) of manual time. */
const TIMING = {
  runMs: { viduq2_pro_extend: 1_500, viduq2_turbo_extend: 1_000 },
  tickMs: 100,
  callbackRetryMs: 10,
} as const;
const RUNNING: Readonly<Record<ModelId, string>> = {
  viduq2_pro_extend: "in_progress",
  viduq2_turbo_extend: "processing",
};

let sim: Simulator | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await sim?.idle();
  await sim?.close();
  await receiver?.close();
  sim = undefined;
  receiver = undefined;
});

async function setup(
  options: { callbacks?: CallbackFaults; receiver?: Omit<ReceiverOptions, "secret">; key?: string } = {},
) {
  const key = options.key ?? "sim-key-callbacks";
  const clock = manualClock();
  receiver = await startReceiver({ secret: key, ...options.receiver });
  sim = await startSimulator({ clock, keys: [key], timing: TIMING, callbacks: options.callbacks ?? {} });
  return { clock, key, sim, receiver };
}

/** Moves one status change at a time, letting its deliveries land before the next: pending → running → end. */
async function stepThrough(clock: ManualClock, s: Simulator, runMs: number): Promise<void> {
  await s.idle();
  clock.advance(TIMING.tickMs); // admitted
  await s.idle();
  clock.advance(runMs); // finished
  await s.idle();
}

describe("deliveries", () => {
  it.each(["viduq2_pro_extend", "viduq2_turbo_extend"] as const)(
    "%s: the receiver verifies pending, the model's running status, then completed, in that order, each signed with the key",
    async (model) => {
      const { clock, key, sim: s, receiver: r } = await setup();
      const task = await createTask(s.url, key, model, { video_url: VIDEO_URL, callback_url: r.url });
      await stepThrough(clock, s, TIMING.runMs[model]);

      expect(r.deliveries.map((d) => [d.status, d.verdict])).toEqual([
        ["pending", "ok"],
        [RUNNING[model], "ok"],
        ["completed", "ok"],
      ]);
      expect(r.deliveries.every((d) => d.taskId === task.id)).toBe(true);
      expect(new Set(r.deliveries.map((d) => d.nonce)).size).toBe(3);
      expect(s.stats().callbacks).toEqual({ sent: 3, delivered: 3, failed: 0, missigned: 0, replayed: 0 });
    },
  );

  it("the body is the task as a read answers it: the completed delivery carries the video URL", async () => {
    const hub = createCallbackHub();
    const seen: string[] = [];
    const { clock, key, sim: s, receiver: r } = await setup({ receiver: { hub } });
    const task = await createTask(s.url, key, "viduq2_turbo_extend", { video_url: VIDEO_URL, callback_url: r.url });
    hub.subscribe(task.id, (event) => seen.push(`${event.status}:${event.videos[0]?.url ?? "-"}`));
    await stepThrough(clock, s, TIMING.runMs.viduq2_turbo_extend);
    expect(seen).toEqual(["pending:-", "processing:-", `completed:${s.url}/files/${task.id}/extended.mp4`]);
  });

  it("a wait given the callbacks finishes on the verified terminal delivery with one confirming read (the body is unsigned)", async () => {
    const hub = createCallbackHub();
    const { clock, key, sim: s, receiver: r } = await setup({ receiver: { hub } });
    const client = createClient({ apiKey: key, baseUrl: s.url, poll: { firstDelayMs: 60_000 } });
    const task = await client.submit({ model: "viduq2_pro_extend", video_url: VIDEO_URL, callback_url: r.url });
    const waiting = client.wait(task.id, { callbacks: hub });
    await stepThrough(clock, s, TIMING.runMs.viduq2_pro_extend);
    const done = await waiting;
    expect(done).toMatchObject({ id: task.id, phase: "completed" });
    expect(s.stats().reads).toBe(1);
  });

  it("tasks without callback_url send nothing", async () => {
    const { clock, key, sim: s, receiver: r } = await setup();
    await createTask(s.url, key, "viduq2_turbo_extend");
    await stepThrough(clock, s, TIMING.runMs.viduq2_turbo_extend);
    expect(r.deliveries).toEqual([]);
    expect(s.stats().callbacks.sent).toBe(0);
  });
});

describe("terminal resends", () => {
  it("a terminal delivery answered 500 twice is resent until the receiver takes it (3 attempts), and counted", async () => {
    const {
      clock,
      key,
      sim: s,
      receiver: r,
    } = await setup({
      receiver: { answer: ({ status, previous }) => (status === "completed" && previous < 2 ? 500 : 200) },
    });
    await createTask(s.url, key, "viduq2_turbo_extend", { video_url: VIDEO_URL, callback_url: r.url });
    await stepThrough(clock, s, TIMING.runMs.viduq2_turbo_extend);

    expect(r.deliveries.map((d) => `${d.status}→${d.answered}`)).toEqual([
      "pending→200",
      "processing→200",
      "completed→500",
      "completed→500",
      "completed→200",
    ]);
    expect(r.deliveries.every((d) => d.verdict === "ok")).toBe(true);
    expect(s.stats().callbacks).toEqual({ sent: 5, delivered: 3, failed: 2, missigned: 0, replayed: 0 });
  });

  it("a terminal delivery is sent at most 4 times (the first and 3 resends, as the spec says); non-terminal ones are not resent", async () => {
    const { clock, key, sim: s, receiver: r } = await setup({ receiver: { answer: () => 503 } });
    await createTask(s.url, key, "viduq2_pro_extend", { video_url: VIDEO_URL, callback_url: r.url });
    await stepThrough(clock, s, TIMING.runMs.viduq2_pro_extend);
    expect(r.statuses()).toEqual(["pending", "in_progress", "completed", "completed", "completed", "completed"]);
    expect(s.stats().callbacks).toEqual({ sent: 6, delivered: 0, failed: 6, missigned: 0, replayed: 0 });
  });

  it("a failed task's delivery is terminal too, and resent", async () => {
    const key = "sim-key-failing";
    const clock = manualClock();
    receiver = await startReceiver({
      secret: key,
      answer: ({ status, previous }) => (status === "failed" && previous === 0 ? 500 : 200),
    });
    sim = await startSimulator({ clock, keys: [key], timing: TIMING, failureRate: 1 });
    await createTask(sim.url, key, "viduq2_turbo_extend", { video_url: VIDEO_URL, callback_url: receiver.url });
    await stepThrough(clock, sim, TIMING.runMs.viduq2_turbo_extend);
    expect(receiver.statuses()).toEqual(["pending", "processing", "failed", "failed"]);
  });

  it("an unreachable callback_url is tried, counted as failed, and does not disturb the task", async () => {
    const { clock, key, sim: s } = await setup();
    const unreachable = "http://127.0.0.1:9/hooks"; // discard port: refused
    const task = await createTask(s.url, key, "viduq2_turbo_extend", {
      video_url: VIDEO_URL,
      callback_url: unreachable,
    });
    await stepThrough(clock, s, TIMING.runMs.viduq2_turbo_extend);
    expect(s.stats().callbacks).toEqual({ sent: 6, delivered: 0, failed: 6, missigned: 0, replayed: 0 });
    expect(s.tasks().find((t) => t.id === task.id)?.status).toBe("completed");
  });
});

describe("misbehaviour", () => {
  it("duplicateRate 1: each delivery comes twice, each copy re-signed with a fresh nonce, so one nonce store accepts both (none is 'replayed')", async () => {
    const { clock, key, sim: s, receiver: r } = await setup({ callbacks: { duplicateRate: 1 } });
    await createTask(s.url, key, "viduq2_turbo_extend", { video_url: VIDEO_URL, callback_url: r.url });
    await stepThrough(clock, s, TIMING.runMs.viduq2_turbo_extend);

    expect(r.statuses()).toEqual(["pending", "pending", "processing", "processing", "completed", "completed"]);
    expect(r.deliveries.map((d) => d.verdict)).toEqual(Array(6).fill("ok"));
    expect(new Set(r.deliveries.map((d) => d.nonce)).size).toBe(6);
    expect(r.nonces.size).toBe(6);
    expect(s.stats().callbacks).toEqual({ sent: 6, delivered: 6, failed: 0, missigned: 0, replayed: 0 });
  });

  it("replayRate 1: each delivered request comes again byte for byte, and the verifier refuses the copy as replayed", async () => {
    const { clock, key, sim: s, receiver: r } = await setup({ callbacks: { replayRate: 1 } });
    await createTask(s.url, key, "viduq2_turbo_extend", { video_url: VIDEO_URL, callback_url: r.url });
    await stepThrough(clock, s, TIMING.runMs.viduq2_turbo_extend);

    expect(r.deliveries.map((d) => d.verdict)).toEqual(["ok", "replayed", "ok", "replayed", "ok", "replayed"]);
    expect(new Set(r.deliveries.map((d) => d.nonce)).size).toBe(3);
    expect(s.stats().callbacks).toEqual({ sent: 6, delivered: 3, failed: 0, missigned: 0, replayed: 3 });
  });

  it("reorder: nothing arrives while the task runs; at the end the terminal delivery and then the held pending and running ones", async () => {
    const { clock, key, sim: s, receiver: r } = await setup({ callbacks: { reorder: true } });
    await createTask(s.url, key, "viduq2_pro_extend", { video_url: VIDEO_URL, callback_url: r.url });
    await s.idle();
    clock.advance(TIMING.tickMs);
    await s.idle();
    expect(r.deliveries).toEqual([]); // pending and in_progress are held back

    clock.advance(TIMING.runMs.viduq2_pro_extend);
    await s.idle();
    expect(r.statuses().sort()).toEqual(["completed", "in_progress", "pending"]);
    expect(r.deliveries.every((d) => d.verdict === "ok")).toBe(true);
    expect(s.stats().callbacks).toEqual({ sent: 3, delivered: 3, failed: 0, missigned: 0, replayed: 0 });
  });

  it("reorder: the terminal delivery arrives before the held in_progress one, even when its connection is the slower one", async () => {
    // Regression: the held deliveries used to start with the terminal one, so arrival order was a race.
    const key = "sim-key-reorder";
    const clock = manualClock();
    receiver = await startReceiver({ secret: key });
    // The terminal delivery's way is slow: it leaves once the in_progress one has arrived, or after 300 ms.
    const slowTerminal = async (request: Request): Promise<Response> => {
      const body = (await request.clone().json()) as { status: string };
      if (body.status === "completed")
        await until(() => receiver?.statuses().includes("in_progress") === true, 300).catch(() => undefined);
      return fetch(request);
    };
    sim = await startSimulator({
      clock,
      keys: [key],
      timing: TIMING,
      callbacks: { reorder: true },
      fetch: slowTerminal,
    });
    await createTask(sim.url, key, "viduq2_pro_extend", { video_url: VIDEO_URL, callback_url: receiver.url });
    await stepThrough(clock, sim, TIMING.runMs.viduq2_pro_extend);
    const order = receiver.statuses();
    expect(order.indexOf("completed")).toBeLessThan(order.indexOf("in_progress"));
  });

  it("missignRate 1: every delivery is rejected by the verifier as bad-signature, and the terminal one is resent, missigned each time", async () => {
    const { clock, key, sim: s, receiver: r } = await setup({ callbacks: { missignRate: 1 } });
    await createTask(s.url, key, "viduq2_turbo_extend", { video_url: VIDEO_URL, callback_url: r.url });
    await stepThrough(clock, s, TIMING.runMs.viduq2_turbo_extend);

    expect(r.deliveries.length).toBeGreaterThan(0);
    expect(r.deliveries.map((d) => d.verdict)).toEqual(Array(r.deliveries.length).fill("bad-signature"));
    expect(r.statuses()).toEqual(["pending", "processing", "completed", "completed", "completed", "completed"]);
    expect(s.stats().callbacks).toEqual({ sent: 6, delivered: 0, failed: 6, missigned: 6, replayed: 0 });
    expect(r.nonces.size).toBe(0); // a forged delivery changes nothing on the receiver
  });

  it("a receiver verifying with another key's secret rejects every delivery as bad-signature", async () => {
    const clock = manualClock();
    receiver = await startReceiver({ secret: "key-b" });
    sim = await startSimulator({ clock, keys: ["key-a", "key-b"], timing: TIMING });
    await createTask(sim.url, "key-a", "viduq2_turbo_extend", { video_url: VIDEO_URL, callback_url: receiver.url });
    await stepThrough(clock, sim, TIMING.runMs.viduq2_turbo_extend);
    expect(new Set(receiver.deliveries.map((d) => d.verdict))).toEqual(new Set(["bad-signature"]));
  });

  it("callback misbehaviour is reproducible from the seed, whatever the pace at which the clock is advanced", async () => {
    // Regression: draws made after an await interleaved by timing, so a seed did not reproduce them.
    const key = "sim-key-seeded";
    const run = async (paced: boolean) => {
      const clock = manualClock();
      const r = await startReceiver({ secret: key });
      const s = await startSimulator({
        clock,
        seed: 3,
        keys: [key],
        timing: TIMING,
        callbacks: { duplicateRate: 0.5, missignRate: 0.5 },
      });
      try {
        for (let i = 0; i < 3; i++)
          await createTask(s.url, key, "viduq2_turbo_extend", {
            video_url: VIDEO_URL,
            callback_url: r.url,
            prompt: `job ${i}`,
          });
        if (paced) await stepThrough(clock, s, TIMING.runMs.viduq2_turbo_extend);
        else clock.advance(TIMING.tickMs + TIMING.runMs.viduq2_turbo_extend);
        await s.idle();
        return {
          stats: s.stats().callbacks,
          seen: r.deliveries.map((d) => `${d.taskId}:${d.status}:${d.verdict}`).sort(),
        };
      } finally {
        await s.close();
        await r.close();
      }
    };
    const paced = await run(true);
    const atOnce = await run(false);
    expect(atOnce).toEqual(paced);
  });
});

// Seeded faults: the same seed and the same request sequence give the same outcomes, request by
// request; another seed gives others. Each fault does what its option says, and the counters
// tell a drop before recording from a drop after it, and a resend from a new create.
import { AmbiguousSubmit, createClient } from "@vidu-extend/core";
import { describe, expect, it } from "vitest";
import { manualClock, startSimulator, type SimulatorOptions } from "../src/index.js";
import { createTask, envelope, getTask, outcomeOf, postCreate, VIDEO_URL } from "./support/http.js";

const FAULTS: NonNullable<SimulatorOptions["faults"]> = {
  create: { rate503: 0.3, dropBeforeRecord: 0.1, dropAfterRecord: 0.1 },
  read: { rate429: 0.3, retryAfterSeconds: 2, malformedRate: 0.1, truncatedRate: 0.1 },
};

/** 30 creates, then 30 reads of the tasks recorded so far (and of one unknown id), one at a time. */
async function outcomes(
  seed: number,
): Promise<{ sequence: string[]; recorded: number; ids: string[]; faults: Record<string, number> }> {
  const sim = await startSimulator({ clock: manualClock(), seed, faults: FAULTS });
  try {
    const sequence: string[] = [];
    for (let i = 0; i < 30; i++) {
      const model = i % 2 === 0 ? "viduq2_pro_extend" : "viduq2_turbo_extend";
      sequence.push(
        `create ${await outcomeOf(() => postCreate(sim.url, envelope(model, { video_url: VIDEO_URL, prompt: `job ${i}` }), sim.key))}`,
      );
    }
    const ids = sim.tasks().map((task) => task.id);
    for (let i = 0; i < 30; i++) {
      const id = i === 29 ? "dunknown" : (ids[i % ids.length] as string);
      sequence.push(`read ${await outcomeOf(() => getTask(sim.url, id, sim.key))}`);
    }
    return { sequence, recorded: sim.stats().recorded, ids, faults: sim.stats().faults };
  } finally {
    await sim.close();
  }
}

describe("reproducible from the seed", () => {
  it("two simulators with the same seed and fault rates give the same outcome for every request of the same sequence", async () => {
    const first = await outcomes(42);
    const second = await outcomes(42);
    expect(second.sequence).toEqual(first.sequence);
    expect(second.ids).toEqual(first.ids);
    expect(second.faults).toEqual(first.faults);

    // and the sequence does exercise every configured fault, and some clean answers ("read truncated"
    // is left out here: a truncated answer currently reaches the client as a drop, see below)
    const labels = new Set(first.sequence);
    for (const label of [
      "create 200",
      "create 503",
      "create dropped",
      "read 200",
      "read 429 retry-after=2",
      "read malformed",
    ])
      expect(labels).toContain(label);
    expect(Object.keys(first.faults).sort()).toEqual([
      "drop-after-record",
      "drop-before-record",
      "malformed",
      "status-429",
      "status-503",
      "truncated",
    ]);
  });

  it("a different seed gives a different sequence", async () => {
    const [a, b] = [await outcomes(42), await outcomes(43)];
    expect(b.sequence).not.toEqual(a.sequence);
    expect(b.ids).not.toEqual(a.ids);
  });

  it("task ids and failures come from the seed too", async () => {
    const ids = async (seed: number) => {
      const sim = await startSimulator({ clock: manualClock(), seed, failureRate: 0.5 });
      try {
        for (let i = 0; i < 6; i++) await createTask(sim.url, sim.key, "viduq2_turbo_extend");
        return sim.tasks().map((task) => `${task.id}:${task.failure ?? "ok"}`);
      } finally {
        await sim.close();
      }
    };
    expect(await ids(5)).toEqual(await ids(5));
    expect(await ids(6)).not.toEqual(await ids(5));
  });
});

describe("each fault", () => {
  it("429 carries Retry-After (retryAfterSeconds) and the spec's error body; nothing is recorded", async () => {
    const sim = await startSimulator({
      clock: manualClock(),
      faults: { create: { rate429: 1, retryAfterSeconds: 7 } },
    });
    try {
      const response = await postCreate(sim.url, envelope("viduq2_pro_extend"), sim.key);
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("7");
      expect(await response.json()).toEqual({ error: { code: "rate_limit_exceeded", message: expect.any(String) } });
      expect(sim.stats()).toMatchObject({ creates: 1, recorded: 0, faults: { "status-429": 1 } });
    } finally {
      await sim.close();
    }
  });

  it("Retry-After defaults to 1 s", async () => {
    const sim = await startSimulator({ clock: manualClock(), faults: { read: { rate429: 1 } } });
    try {
      const response = await getTask(sim.url, "dany", sim.key);
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("1");
      await response.arrayBuffer();
    } finally {
      await sim.close();
    }
  });

  it("500, 502 and 503 answer the spec's error body; a create met by one records nothing", async () => {
    for (const [rate, status] of [
      ["rate500", 500],
      ["rate502", 502],
      ["rate503", 503],
    ] as const) {
      const sim = await startSimulator({ clock: manualClock(), faults: { create: { [rate]: 1 } } });
      try {
        const response = await postCreate(sim.url, envelope("viduq2_turbo_extend"), sim.key);
        expect(response.status).toBe(status);
        expect(await response.json()).toEqual({ error: { code: "server_error", message: expect.any(String) } });
        expect(sim.stats().recorded).toBe(0);
      } finally {
        await sim.close();
      }
    }
  });

  it("drop-after-record creates a task (stats.recorded) though the connection drops; drop-before-record does not", async () => {
    const after = await startSimulator({ clock: manualClock(), faults: { create: { dropAfterRecord: 1 } } });
    const before = await startSimulator({ clock: manualClock(), faults: { create: { dropBeforeRecord: 1 } } });
    try {
      expect(await outcomeOf(() => postCreate(after.url, envelope("viduq2_pro_extend"), after.key))).toBe("dropped");
      expect(after.stats()).toMatchObject({ creates: 1, recorded: 1, faults: { "drop-after-record": 1 } });
      expect(after.tasks()).toHaveLength(1);

      expect(await outcomeOf(() => postCreate(before.url, envelope("viduq2_pro_extend"), before.key))).toBe("dropped");
      expect(before.stats()).toMatchObject({ creates: 1, recorded: 0, faults: { "drop-before-record": 1 } });
      expect(before.tasks()).toHaveLength(0);

      // The create log says which create made a task, and how it was answered.
      expect(after.creates()).toEqual([
        expect.objectContaining({ outcome: "drop-after-record", created: true, taskId: after.tasks()[0]?.id }),
      ]);
      expect(before.creates()).toEqual([expect.objectContaining({ outcome: "drop-before-record", created: false })]);
    } finally {
      await after.close();
      await before.close();
    }
  });

  it("a malformed create is recorded first: the task exists though the 200 answer is not JSON", async () => {
    const sim = await startSimulator({ clock: manualClock(), faults: { create: { malformedRate: 1 } } });
    try {
      expect(await outcomeOf(() => postCreate(sim.url, envelope("viduq2_pro_extend"), sim.key))).toBe("malformed");
      expect(sim.stats()).toMatchObject({ recorded: 1, faults: { malformed: 1 } });
    } finally {
      await sim.close();
    }
  });

  it("a truncated create is recorded first, and its answer arrives cut short (a 200 whose body ends early), not as a drop", async () => {
    // Regression: destroying the socket right after the write discarded the half, making it a drop.
    const sim = await startSimulator({ clock: manualClock(), faults: { create: { truncatedRate: 1 } } });
    try {
      expect(sim.stats().recorded).toBe(0);
      expect(await outcomeOf(() => postCreate(sim.url, envelope("viduq2_pro_extend"), sim.key))).toBe("truncated");
      expect(sim.stats()).toMatchObject({ recorded: 1, faults: { truncated: 1 } });
    } finally {
      await sim.close();
    }
  });

  it("a truncated read sends the first half of the task's JSON with the full Content-Length, then closes", async () => {
    const sim = await startSimulator({ clock: manualClock(), faults: { read: { truncatedRate: 1 } } });
    try {
      const task = await createTask(sim.url, sim.key, "viduq2_turbo_extend");
      const response = await getTask(sim.url, task.id, sim.key);
      expect(response.status).toBe(200);
      expect(Number(response.headers.get("content-length"))).toBe(JSON.stringify(task).length);
      await expect(response.text()).rejects.toThrow();
    } finally {
      await sim.close();
    }
  });

  it("a slow answer is held back slowMs of real time", async () => {
    const sim = await startSimulator({ clock: manualClock(), faults: { read: { slowRate: 1, slowMs: 150 } } });
    try {
      const started = performance.now();
      const response = await getTask(sim.url, "dany", sim.key);
      expect(response.status).toBe(404);
      await response.arrayBuffer();
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await sim.close();
    }
  });

  it("fault rates adding up to more than 1 are refused at start", async () => {
    await expect(
      startSimulator({ clock: manualClock(), faults: { read: { rate429: 0.6, rate500: 0.6 } } }),
    ).rejects.toThrow(/at most 1/);
  });
});

describe("duplicate creates", () => {
  it("stats.duplicateCreates counts a resent identical body (same key); a different body or another key is not a duplicate", async () => {
    const sim = await startSimulator({
      clock: manualClock(),
      keys: ["key-a", "key-b"],
      faults: { create: { dropAfterRecord: 1 } },
    });
    try {
      const body = envelope("viduq2_pro_extend", { video_url: VIDEO_URL, prompt: "the same job" });
      expect(await outcomeOf(() => postCreate(sim.url, body, "key-a"))).toBe("dropped");
      expect(await outcomeOf(() => postCreate(sim.url, body, "key-a"))).toBe("dropped"); // the blind resend
      expect(sim.stats()).toMatchObject({ creates: 2, recorded: 2, duplicateCreates: 1 });
      expect(sim.tasks()).toHaveLength(2); // the job now runs, and bills, twice

      await outcomeOf(() =>
        postCreate(sim.url, envelope("viduq2_pro_extend", { video_url: VIDEO_URL, prompt: "another job" }), "key-a"),
      );
      await outcomeOf(() => postCreate(sim.url, body, "key-b"));
      expect(sim.stats().duplicateCreates).toBe(1);
    } finally {
      await sim.close();
    }
  });

  it("the core does not resend a create whose connection dropped after recording: AmbiguousSubmit, one create, no duplicate", async () => {
    const sim = await startSimulator({ clock: manualClock(), faults: { create: { dropAfterRecord: 1 } } });
    try {
      const error = await createClient({ apiKey: sim.key, baseUrl: sim.url, retry: { backoff: { initialMs: 1 } } })
        .submit({ model: "viduq2_turbo_extend", video_url: VIDEO_URL })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AmbiguousSubmit);
      expect(sim.stats()).toMatchObject({ creates: 1, recorded: 1, duplicateCreates: 0 });
    } finally {
      await sim.close();
    }
  });

  it("the core does resend a create refused with 429 (nothing was recorded), honouring Retry-After, and no task is duplicated", async () => {
    const sim = await startSimulator({
      clock: manualClock(),
      seed: 9,
      faults: { create: { rate429: 0.5, retryAfterSeconds: 1 } },
    });
    try {
      const client = createClient({ apiKey: sim.key, baseUrl: sim.url, retry: { attempts: 20, maxRetryAfterMs: 5 } });
      for (let i = 0; i < 12; i++)
        await client.submit({ model: "viduq2_pro_extend", video_url: VIDEO_URL, prompt: `job ${i}` });
      const stats = sim.stats();
      expect(stats.recorded).toBe(12);
      expect(stats.creates).toBe(12 + (stats.faults["status-429"] ?? 0));
      expect(stats.faults["status-429"]).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });
});

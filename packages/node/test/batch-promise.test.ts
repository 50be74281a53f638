// runBatchPromise (core's Promise facade) with the file journal, against the simulator over
// real HTTP: the cap seen by the gateway, every job completed once, and a second run over the
// same journal sending nothing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator, type Simulator } from "@vidu-extend/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createClient, fileJournal, runBatchPromise, type BatchEvent, type BatchJob } from "../src/index.js";

let sim: Simulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await sim?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const jobs: BatchJob[] = Array.from({ length: 6 }, (_, n) => ({
  model: "viduq2_turbo_extend",
  video_url: "https://cdn.example.com/in.mp4",
  payload: `job-${n}`,
  key: `k${n}`,
}));
const fast = { poll: { firstDelayMs: 30, factor: 1, maxIntervalMs: 30 } };

describe("runBatchPromise with fileJournal", () => {
  it("runs every job once under the cap, and a run over the same journal sends nothing again", async () => {
    sim = await startSimulator({
      timing: { runMs: { viduq2_pro_extend: 200, viduq2_turbo_extend: 200 }, tickMs: 10, callbackRetryMs: 10 },
      maxInProgressPerKey: 10,
    });
    dir = await mkdtemp(join(tmpdir(), "vidu-batch-"));
    const client = createClient({ apiKey: sim.key, baseUrl: sim.url });
    const events: BatchEvent["type"][] = [];
    const first = await runBatchPromise(client, jobs, {
      concurrency: 2,
      journal: fileJournal(join(dir, "journal.jsonl")),
      wait: fast,
      onEvent: (e) => events.push(e.type),
    });
    expect(first.counts.completed).toBe(6);
    expect(first.credits).toBe(30);
    expect(sim.stats()).toMatchObject({ creates: 6, duplicateCreates: 0, maxInProgressSeen: 2 });
    expect(events.filter((t) => t === "submitted")).toHaveLength(6);

    const again = await runBatchPromise(client, jobs, {
      concurrency: 2,
      journal: fileJournal(join(dir, "journal.jsonl")),
      wait: fast,
    });
    expect(again.jobs.map((j) => j.taskId)).toEqual(first.jobs.map((j) => j.taskId));
    expect(sim.stats().creates).toBe(6);
  });

  it("rejects with BatchInvalid, naming job and key, before sending anything", async () => {
    sim = await startSimulator();
    const client = createClient({ apiKey: sim.key, baseUrl: sim.url });
    const bad = [...jobs.slice(0, 2), { ...jobs[2], duration: 99 } as BatchJob];
    await expect(runBatchPromise(client, bad)).rejects.toMatchObject({
      _tag: "BatchInvalid",
      violations: [expect.objectContaining({ job: 2, key: "k2", field: "duration", rule: "maximum" })],
    });
    expect(sim.stats().creates).toBe(0);
  });
});

// The crash test: the real cli killed with SIGKILL at random moments (seeded: the seed is
// printed, BATCH_CRASH_SEED=<n> replays it) over a 40-job batch against one simulator that
// outlives every kill, with faults on (creates dropped after the task is recorded, 429s, slow
// answers), resumed after each kill. Then: every job ended completed, failed or ambiguous; no
// create was sent twice; each ambiguous job's create was really in flight at a kill (or its
// answer was dropped); never more than --concurrency tasks ran; each completed video is on disk
// once and intact.
import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startSimulator, type Simulator } from "@vidu-extend/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { jobKey, jobsJsonl, readJournal, readResults } from "./support/batch-jobs.js";
import { gatewayEnv, KEY } from "./support/gateway.js";
import { startCli } from "./support/run-cli.js";
import { scratchDir } from "./support/scratch.js";

const JOBS = 40;
const KILLS = 32;
const CONCURRENCY = 5;
const SEED = Number(process.env["BATCH_CRASH_SEED"] ?? Math.floor(Math.random() * 2 ** 31));
/** Reads every 250 ms; an ambiguous create keeps its slot 5 s (longer than a task can run unseen). */
const TUNING = ["--poll", "250ms", "--ambiguous-hold", "5s"];
const CLIP = new URL("../../simulator/assets/extended.mp4", import.meta.url);

/** mulberry32: the kill moments, reproducible from the seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const dir = scratchDir("vidu-extend-cli-crash-");
let sim: Simulator | undefined;
afterAll(async () => {
  await sim?.close();
});

describe("batch under kill -9", () => {
  it(`survives ${KILLS} SIGKILLs at random moments over ${JOBS} jobs (seed printed)`, {
    timeout: 240_000,
  }, async () => {
    console.log(`batch crash test seed: ${SEED} (replay with BATCH_CRASH_SEED=${SEED})`);
    const next = random(SEED);
    sim = await startSimulator({
      keys: [KEY],
      seed: SEED,
      // Long enough that the batch outlasts the kills; the cli reads every 250 ms.
      timing: { runMs: { viduq2_pro_extend: 4_000, viduq2_turbo_extend: 3_500 }, tickMs: 20, callbackRetryMs: 20 },
      // Admits far more than the cli's cap, so that only the cli keeps it.
      maxInProgressPerKey: 50,
      failureRate: 0.1,
      faults: {
        create: { dropAfterRecord: 0.06, rate429: 0.08, retryAfterSeconds: 1, slowRate: 0.25, slowMs: 300 },
        read: { rate429: 0.03, retryAfterSeconds: 1, slowRate: 0.1, slowMs: 200 },
      },
    });
    const env = gatewayEnv(sim);
    const out = join(dir(), "out");
    const jobsFile = join(dir(), "jobs.jsonl");
    await writeFile(jobsFile, jobsJsonl(JOBS));
    const args = async () =>
      (await exists(join(out, "batch.json")))
        ? ["batch", "--resume", out, ...TUNING]
        : ["batch", jobsFile, "--out", out, "--concurrency", String(CONCURRENCY), ...TUNING];

    const kills: number[] = [];
    let finishedEarly = 0;
    while (kills.length < KILLS) {
      const cli = startCli(await args(), { env, timeoutMs: 60_000 });
      const lifeMs = 100 + next() * 1_200;
      const ended = await Promise.race([cli.result.then(() => true), delay(lifeMs).then(() => false)]);
      if (ended) {
        // It finished before its kill came: the batch is done; the kills left are spent on resumes.
        finishedEarly++;
        if (finishedEarly > KILLS) break;
        continue;
      }
      kills.push(Date.now());
      cli.child.kill("SIGKILL");
      const killed = await cli.result;
      if (killed.signal !== "SIGKILL") finishedEarly++;
    }
    const last = await startCli(await args(), { env, timeoutMs: 120_000 }).result;
    console.log(
      `kills: ${kills.length}; final run exit ${last.code}; simulator: ${JSON.stringify({ ...sim.stats(), callbacks: undefined })}`,
    );
    expect(kills.length).toBeGreaterThanOrEqual(30);
    expect([EXIT.ok, EXIT.ambiguousSubmit, EXIT.taskFailed], last.stderr + last.stdout).toContain(last.code);

    // Every job ends in exactly one of completed / failed / ambiguous.
    const results = await readResults(out);
    expect(results.map((r) => r.key)).toEqual(Array.from({ length: JOBS }, (_, n) => jobKey(n)));
    for (const r of results) expect(["completed", "failed", "ambiguous"], JSON.stringify(r)).toContain(r.status);

    // No create was sent twice, and never more than the cap ran at once.
    const stats = sim.stats();
    expect(stats.duplicateCreates).toBe(0);
    expect(stats.maxInProgressSeen).toBeLessThanOrEqual(CONCURRENCY);
    expect(stats.maxInProgressSeen).toBeGreaterThan(0);

    const creates = sim.creates();
    const journal = await readJournal(out);
    for (const [n, r] of results.entries()) {
      const mine = creates.filter((c) => c.payload === r.key);
      const created = mine.filter((c) => c.created);
      expect(created.length, `${r.key}: tasks created`).toBeLessThanOrEqual(1);
      if (r.status !== "ambiguous") {
        // Completed or failed: its one task is the one the results name.
        expect(
          created.map((c) => c.taskId),
          `${r.key}`,
        ).toEqual([r.taskId]);
        continue;
      }
      // Ambiguous: its answer was dropped, or its create was in flight when a kill came, and
      // nothing was sent for it after that kill.
      const dropped = mine.some((c) => c.outcome === "drop-after-record");
      const entries = journal.filter((e) => e["job"] === n);
      const lastEntry = entries.at(-1);
      const sentAt = lastEntry?.["type"] === "submitting" ? (lastEntry["at"] as number) : undefined;
      const kill = sentAt === undefined ? undefined : kills.find((k) => k >= sentAt);
      const inFlightAtKill = kill !== undefined && mine.every((c) => c.receivedAt <= kill + 100);
      expect(dropped || inFlightAtKill, `${r.key} ambiguous: ${JSON.stringify({ mine, entries, kill })}`).toBe(true);
    }

    // Each completed video is on disk once, whole; nothing half-written is left.
    const clip = createHash("sha256")
      .update(await readFile(CLIP))
      .digest("hex");
    const completed = results.filter((r) => r.status === "completed");
    for (const r of completed) {
      const bytes = await readFile(join(out, r.file as string));
      expect(createHash("sha256").update(bytes).digest("hex"), `${r.file}`).toBe(clip);
    }
    const files = await readdir(out);
    expect(files.filter((f) => f.endsWith(".mp4")).sort()).toEqual(completed.map((r) => r.file).sort());
    expect(files.filter((f) => f.endsWith(".part") || f.endsWith(".tmp"))).toEqual([]);
    console.log(
      `results: ${completed.length} completed, ${results.filter((r) => r.status === "failed").length} failed, ${results.filter((r) => r.status === "ambiguous").length} ambiguous`,
    );
  });
});

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

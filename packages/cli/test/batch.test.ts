// `vidu-extend batch` as a real process against a simulator in the test process: input checked
// before anything is sent, the cap kept, results/videos/journal written, each exit code, the
// three renderings, and Ctrl-C then --resume.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { jobKey, jobsJsonl, readJournal, readResults } from "./support/batch-jobs.js";
import { expectNoKey, gatewayEnv, simulator, VIDEO_URL } from "./support/gateway.js";
import { hasScript, lines, runCli, runCliInTty, startCli } from "./support/run-cli.js";
import { scratchDir } from "./support/scratch.js";

const dir = scratchDir("vidu-extend-cli-batch-");
const CLIP = new URL("../../simulator/assets/extended.mp4", import.meta.url);
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function jobsFile(name: string, text: string): Promise<string> {
  const file = join(dir(), name);
  await writeFile(file, text);
  return file;
}

describe.concurrent("vidu-extend batch", () => {
  it("an invalid jobs file exits 3 listing every problem by line, and sends nothing", async ({ expect }) => {
    const sim = await simulator();
    const file = await jobsFile(
      "bad.jsonl",
      [
        JSON.stringify({ model: "turbo", "video-url": VIDEO_URL, key: "a" }),
        JSON.stringify({ model: "turbo", "video-url": VIDEO_URL, duration: 9, key: "b" }),
        "{not json",
        JSON.stringify({ model: "huge", "video-url": VIDEO_URL }),
        JSON.stringify({ model: "pro", key: "a", resolution: "4k" }),
      ].join("\n"),
    );
    const run = await runCli(["batch", file, "--out", join(dir(), "bad-out")], { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.validation);
    expect(run.stderr).toContain("has 7 problems; nothing was sent");
    for (const expected of [
      "line 2 (b): duration: duration must be at most 7, got 9 [rule maximum, seed code 008013005]",
      "line 3: (job): not JSON",
      'line 4: model: model "huge" is not a model',
      "line 5 (a): output: output a.mp4 is also line 1's [rule uniqueItems]",
      'line 5 (a): key: key "a" is already used by line 1 [rule uniqueItems]',
      "line 5 (a): video-url|video-creation-id: exactly one of video_url or video_creation_id is required",
      "line 5 (a): resolution: resolution must be one of",
    ])
      expect(run.stderr).toContain(expected);
    expect(sim.stats().creates).toBe(0);
  });

  it("runs every job under --concurrency, saves each video once, writes journal, results and summary (exit 0)", async ({
    expect,
  }) => {
    // The simulator admits up to 20 at once, so only the cli keeps the cap.
    const sim = await simulator({ maxInProgressPerKey: 20 });
    const out = join(dir(), "ok-out");
    const file = await jobsFile("ok.jsonl", jobsJsonl(12));
    const run = await runCli(["batch", file, "--out", out, "--concurrency", "3"], { env: gatewayEnv(sim) });
    expect(run.code, run.stderr + run.stdout).toBe(EXIT.ok);
    expect(sim.stats()).toMatchObject({ creates: 12, recorded: 12, duplicateCreates: 0 });
    expect(sim.stats().maxInProgressSeen).toBe(3);

    const results = await readResults(out);
    expect(results.map((r) => [r.line, r.key, r.status, r.file])).toEqual(
      Array.from({ length: 12 }, (_, n) => [n + 1, jobKey(n), "completed", `${jobKey(n)}.mp4`]),
    );
    expect(new Set(results.map((r) => r.taskId)).size).toBe(12);
    expect(results.every((r) => r.credits === 2 && r.error === null)).toBe(true);
    const clip = sha(await readFile(CLIP));
    for (const r of results) expect(sha(await readFile(join(out, r.file as string)))).toBe(clip);
    const files = (await readdir(out)).sort();
    expect(files.filter((f) => !f.endsWith(".mp4"))).toEqual([
      "batch.json",
      "journal.jsonl",
      "results.jsonl",
      "summary.json",
    ]);
    const summary = JSON.parse(await readFile(join(out, "summary.json"), "utf8"));
    expect(summary).toMatchObject({ counts: { completed: 12, failed: 0, ambiguous: 0 }, credits: 24, exitCode: 0 });
    // Journal order per job: submitting, submitted, finished, saved.
    const journal = await readJournal(out);
    for (let job = 0; job < 12; job++)
      expect(journal.filter((e) => e["job"] === job).map((e) => e["type"])).toEqual([
        "submitting",
        "submitted",
        "finished",
        "saved",
      ]);
    // No terminal: one plain line per change, no escape codes.
    expect(run.stdout).not.toContain("\x1b[");
    expect(run.stdout).toContain(`line 1 (${jobKey(0)}) submitted: task`);
    expect(run.stdout).toContain(`line 12 (${jobKey(11)}) saved ${jobKey(11)}.mp4`);
    expect(run.stdout).toContain("Batch done in");
    expectNoKey(run);
  });

  it("reads CSV (a header row of the same field names), and --json prints one final document", async ({ expect }) => {
    const sim = await simulator();
    const out = join(dir(), "csv-out");
    const file = await jobsFile(
      "jobs.csv",
      `model,video-url,prompt,key,output\nturbo,${VIDEO_URL},"A calm, slow ""dolly"" out",first,one.mp4\npro,${VIDEO_URL},,second,\n`,
    );
    const run = await runCli(["batch", file, "--out", out, "--json"], { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ counts: { completed: 2 }, exitCode: 0 });
    expect(doc.jobs.map((j: { key: string; file: string; line: number }) => [j.line, j.key, j.file])).toEqual([
      [2, "first", "one.mp4"],
      [3, "second", "second.mp4"],
    ]);
    expect(sim.tasks().map((t) => t.params.prompt)).toContain('A calm, slow "dolly" out');
  });

  it("exits 8 when some task failed, naming its code in results", async ({ expect }) => {
    const sim = await simulator({ failureRate: 1 });
    const out = join(dir(), "failed-out");
    const run = await runCli(["batch", await jobsFile("failing.jsonl", jobsJsonl(2)), "--out", out], {
      env: gatewayEnv(sim),
    });
    expect(run.code, run.stdout).toBe(EXIT.taskFailed);
    const results = await readResults(out);
    expect(results.every((r) => r.status === "failed" && /^0080\d+$/.test(r.error?.code ?? ""))).toBe(true);
    expect(run.stdout).toMatch(/failed {4}line 1 \(clip-000\): 0080/);
  });

  it("exits 7 when a create may have reached the gateway, never resends it, and --resume keeps it ambiguous", async ({
    expect,
  }) => {
    const sim = await simulator({ faults: { create: { dropAfterRecord: 1 } } });
    const out = join(dir(), "ambiguous-out");
    const file = await jobsFile("ambiguous.jsonl", jobsJsonl(2));
    const run = await runCli(["batch", file, "--out", out, "--ambiguous-hold", "0"], { env: gatewayEnv(sim) });
    expect(run.code, run.stdout).toBe(EXIT.ambiguousSubmit);
    expect(sim.stats()).toMatchObject({ creates: 2, recorded: 2, duplicateCreates: 0 });
    expect((await readResults(out)).map((r) => r.status)).toEqual(["ambiguous", "ambiguous"]);
    expect(run.stdout).toContain("it was NOT sent again");

    const again = await runCli(["batch", "--resume", out], { env: gatewayEnv(sim) });
    expect(again.code).toBe(EXIT.ambiguousSubmit);
    expect(sim.stats().creates).toBe(2);
  });

  it("--max-credits stops starting jobs once finished tasks report that many credits (exit 12), and --resume goes on", async ({
    expect,
  }) => {
    const sim = await simulator();
    const out = join(dir(), "credits-out");
    const file = await jobsFile("credits.jsonl", jobsJsonl(6));
    const run = await runCli(["batch", file, "--out", out, "--concurrency", "1", "--max-credits", "4"], {
      env: gatewayEnv(sim),
    });
    expect(run.code, run.stdout).toBe(EXIT.budgetReached);
    expect(run.stdout).toContain("reaching maxCredits 4: no further job was started");
    expect(run.stderr).toContain(`Resume with: vidu-extend batch --resume ${out}`);
    expect((await readResults(out)).map((r) => r.status)).toEqual([
      "completed",
      "completed",
      "not-started",
      "not-started",
      "not-started",
      "not-started",
    ]);
    const rest = await runCli(["batch", "--resume", out, "--max-credits", "100"], { env: gatewayEnv(sim) });
    expect(rest.code, rest.stdout).toBe(EXIT.ok);
    expect(sim.stats()).toMatchObject({ creates: 6, duplicateCreates: 0 });
  });

  it("Ctrl-C stops starting jobs, keeps the journal consistent, prints the resume command; --resume finishes without resending", async ({
    expect,
  }) => {
    const sim = await simulator({
      timing: { runMs: { viduq2_pro_extend: 1_500, viduq2_turbo_extend: 1_500 }, tickMs: 20, callbackRetryMs: 20 },
    });
    const out = join(dir(), "interrupt-out");
    const file = await jobsFile("interrupt.jsonl", jobsJsonl(8));
    const cli = startCli(["batch", file, "--out", out, "--concurrency", "2"], { env: gatewayEnv(sim) });
    await cli.waitFor(/line 2 \(clip-001\) submitted/);
    cli.signal("SIGINT");
    const stopped = await cli.result;
    expect(stopped.code, stopped.stdout).toBe(EXIT.interrupted);
    expect(stopped.stderr).toContain(`Resume with: vidu-extend batch --resume ${out}`);
    const journal = await readJournal(out);
    const submitting = journal.filter((e) => e["type"] === "submitting").map((e) => e["job"]);
    const submitted = journal.filter((e) => e["type"] === "submitted").map((e) => e["job"]);
    expect(submitted).toEqual(submitting);
    expect(submitting.length).toBeLessThan(8);

    const resumed = await runCli(["batch", "--resume", out], { env: gatewayEnv(sim) });
    expect(resumed.code, resumed.stdout).toBe(EXIT.ok);
    expect(resumed.stdout).toContain("resumed from its journal");
    expect(sim.stats()).toMatchObject({ creates: 8, duplicateCreates: 0 });
    expect((await readResults(out)).every((r) => r.status === "completed")).toBe(true);
  });

  it.runIf(hasScript)(
    "on a terminal, draws one live block: bar and counts, counts per state, slots in use, ETA",
    async ({ expect }) => {
      const sim = await simulator();
      const out = join(dir(), "tty-out");
      const file = await jobsFile("tty.jsonl", jobsJsonl(6));
      const run = await runCliInTty(["batch", file, "--out", out, "--concurrency", "2"], { env: gatewayEnv(sim) });
      expect(run.code, run.stdout).toBe(EXIT.ok);
      const text = lines(run.stdout).join("\n");
      expect(text).toMatch(/batch \[#*-*\] \d\/6 done {2}\d+\.\ds {2}ETA/);
      expect(text).toMatch(/ {2}completed \d+ {2}failed 0 {2}ambiguous 0 {2}running \d {2}submitting \d {2}queued \d/);
      expect(text).toMatch(/ {2}slots [12]\/2 in use/);
      // Redrawn in place: the cursor goes back up over the block.
      expect(run.stdout).toContain("\x1b[3F\x1b[J");
      expect(text).toContain("batch [##############################] 6/6 done");
    },
  );

  it("--help lists batch; batch --help documents its fields, options and exit codes", async ({ expect }) => {
    const [overview, own] = await Promise.all([runCli(["--help"]), runCli(["batch", "--help"])]);
    expect(overview.stdout).toContain("vidu-extend batch <jobs.jsonl|jobs.csv> --out <dir> [options]");
    expect(overview.stdout).toMatch(/^ {2}12 +batch: --max-credits was reached/m);
    expect(own.code).toBe(EXIT.ok);
    expect(own.stdout).toContain("vidu-extend batch --resume <dir>");
    expect(own.stdout).toContain("model (pro, turbo or a full id), video-url | video-creation-id");
    for (const flag of ["--concurrency", "--max-credits", "--poll", "--ambiguous-hold", "--resend-ambiguous", "--json"])
      expect(own.stdout).toContain(flag);
    expect(own.stdout).toContain("Exit: 0 all completed, 7 some ambiguous (first), 8 some failed");
  });
});

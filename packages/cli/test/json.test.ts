// --json: stdout is ONE JSON document whose structure is checked at run time against what the
// printed types promise; every note (the embedded-simulator notice, "submitted task…", callback
// lines) goes to stderr instead.
import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { signCallback } from "@vidu-extend/core/testing";
import { describe, it, vi } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { createTask, expectNoKey, gatewayEnv, KEY, simulator, until, VIDEO_URL, WRONG_KEY } from "./support/gateway.js";
import { lines, runCli } from "./support/run-cli.js";
import { scratchDir } from "./support/scratch.js";
import { errorProblems, extendReportProblems, oneJsonDocument, taskProblems } from "./support/shapes.js";

type Doc = Record<string, any>;

// Most of these runs wait on timers (the first poll is 2 s in), not on the CPU.
vi.setConfig({ maxConcurrency: 8 });

const dir = scratchDir("vidu-extend-cli-json-");

describe.concurrent("--json results", () => {
  it("extend --listen-callbacks --output: {task, resolvedBy, callbacks, output, timingsMs}; notes on stderr", async ({
    expect,
  }) => {
    const file = join(dir(), "report.mp4");
    const run = await runCli([
      "extend",
      "--model",
      "turbo",
      "--video-url",
      VIDEO_URL,
      "--listen-callbacks",
      "--output",
      file,
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(extendReportProblems(doc, { callbacks: true, output: true })).toEqual([]);
    expect(doc["task"]).toMatchObject({
      status: "completed",
      phase: "completed",
      progress: 1,
      model: "viduq2_turbo_extend",
    });
    expect(doc["resolvedBy"]).toBe("callback");
    expect(doc["callbacks"]).toEqual({ verified: 3, rejected: 0 });
    expect(doc["output"]).toEqual({ file, bytes: (await stat(file)).size });
    expect(Object.keys(doc["timingsMs"] as object)).toEqual(["submitted", "started", "finished", "downloaded"]);
    // Every note went to stderr.
    const notes = lines(run.stderr);
    expect(notes[0]).toMatch(
      /^No VTRIX_API_KEY set: using the local gateway simulator at http:\/\/127\.0\.0\.1:\d+\.$/,
    );
    expect(notes).toContain(`submitted task ${doc["task"].id} (viduq2_turbo_extend)`);
    expect(notes.filter((line) => line.startsWith("callback verified: "))).toHaveLength(3);
    expect(run.stdout).not.toContain("callback verified");
  });

  it("extend --no-wait: {task} as submitted (pending)", async ({ expect }) => {
    const sim = await simulator();
    const run = await runCli(["extend", "--model", "pro", "--video-url", VIDEO_URL, "--no-wait", "--json"], {
      env: gatewayEnv(sim),
    });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(Object.keys(doc)).toEqual(["task"]);
    expect(taskProblems(doc["task"])).toEqual([]);
    expect(doc["task"]).toMatchObject({
      id: sim.tasks()[0]?.id,
      status: "pending",
      phase: "queued",
      videos: [],
      model: "viduq2_pro_extend",
    });
    expect(run.stderr).toBe("");
    expectNoKey(run);
  });

  it("status: {task} without the raw body", async ({ expect }) => {
    const sim = await simulator();
    const task = await createTask(sim);
    await until(() => sim.tasks()[0]?.status === "completed", 5_000, "the task to complete");
    const run = await runCli(["status", task.id, "--json"], { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(Object.keys(doc)).toEqual(["task"]);
    expect(taskProblems(doc["task"])).toEqual([]);
    expect(doc["task"]).toMatchObject({
      id: task.id,
      status: "completed",
      phase: "completed",
      progress: 1,
      videos: [{ url: `${sim.url}/files/${task.id}/extended.mp4`, type: "video" }],
      usage: { duration: 5, resolution: "720p" },
    });
    expect(run.stderr).toBe("");
    expectNoKey(run);
  });

  it("status on the embedded simulator: the notice goes to stderr, the error document to stdout", async ({
    expect,
  }) => {
    const run = await runCli(["status", "dnosuchtask000000000", "--json"]);
    expect(run.code).toBe(EXIT.notFound);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(errorProblems(doc, EXIT.notFound)).toEqual([]);
    expect(doc["error"]).toMatchObject({ tag: "TaskNotFound", taskId: "dnosuchtask000000000" });
    expect(run.stderr).toMatch(
      /^No VTRIX_API_KEY set: using the local gateway simulator at http:\/\/127\.0\.0\.1:\d+\.\n$/,
    );
  });

  it("wait --output: {task, output}", async ({ expect }) => {
    const sim = await simulator();
    const task = await createTask(sim, "viduq2_pro_extend");
    const file = join(dir(), "wait.mp4");
    const run = await runCli(["wait", task.id, "--output", file, "--json"], { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(Object.keys(doc).sort()).toEqual(["output", "task"]);
    expect(taskProblems(doc["task"])).toEqual([]);
    expect(doc["task"]).toMatchObject({ id: task.id, status: "completed", model: "viduq2_pro_extend" });
    expect(doc["output"]).toEqual({ file, bytes: (await stat(file)).size });
    // No progress lines in --json mode, on either stream.
    expect(run.stderr).toBe("");
    expectNoKey(run);
  });

  it("verify-callback: {valid, taskId, status, nonce, signedAt}", async ({ expect }) => {
    const body = JSON.stringify({ id: "djsoncallback0000000", status: "processing", progress: 0.5 });
    const signed = await signCallback({
      url: "http://127.0.0.1:9/cb",
      body,
      secret: KEY,
      nonce: "nonce-json-1",
      date: new Date(),
    });
    const run = await runCli(["verify-callback", "--json"], {
      env: { VTRIX_API_KEY: KEY },
      input: JSON.stringify({ method: "POST", url: "http://127.0.0.1:9/cb", headers: signed.headers, body }),
    });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(doc).toEqual({
      valid: true,
      taskId: "djsoncallback0000000",
      status: "processing",
      nonce: "nonce-json-1",
      signedAt: expect.any(String),
    });
    expect(new Date(doc["signedAt"] as string).toUTCString()).toBe(signed.headers["Date"]);
    expect(run.stderr).toBe("");
    expectNoKey(run);
  });
});

describe.concurrent("--json errors: {error: {tag, message, exitCode, …}} on stdout, nothing on stderr", () => {
  it("a validation error carries its violations (field, rule, message, seed code)", async ({ expect }) => {
    const sim = await simulator();
    const run = await runCli(["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--duration", "9", "--json"], {
      env: gatewayEnv(sim),
    });
    expect(run.code).toBe(EXIT.validation);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(errorProblems(doc, EXIT.validation)).toEqual([]);
    expect(doc["error"]).toEqual({
      tag: "ValidationError",
      message: expect.stringContaining("duration must be at most 7, got 9"),
      exitCode: EXIT.validation,
      source: "client",
      violations: [
        { field: "duration", rule: "maximum", message: "duration must be at most 7, got 9", code: "008013005" },
      ],
      warnings: [],
      retryable: false,
      mayHaveBilled: false,
    });
    expect(run.stderr).toBe("");
    expect(sim.stats().creates).toBe(0);
  });

  it("a usage error", async ({ expect }) => {
    const run = await runCli(["extend", "--model", "turbo", "--frobnicate", "--json"]);
    expect(run.code).toBe(EXIT.usage);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(errorProblems(doc, EXIT.usage)).toEqual([]);
    expect(doc["error"]).toMatchObject({ tag: "UsageError", exitCode: EXIT.usage });
    expect(run.stderr).toBe("");
  });

  it("a failed task: TaskFailed with its task id and code, without the task object", async ({ expect }) => {
    const sim = await simulator({ failureRate: 1 });
    const run = await runCli(["extend", "--model", "pro", "--video-url", VIDEO_URL, "--wait", "--json"], {
      env: gatewayEnv(sim),
    });
    expect(run.code).toBe(EXIT.taskFailed);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(errorProblems(doc, EXIT.taskFailed)).toEqual([]);
    const failed = sim.tasks()[0];
    expect(doc["error"]).toEqual({
      tag: "TaskFailed",
      taskId: failed?.id,
      code: failed?.failure,
      message: expect.stringContaining(`(code ${failed?.failure})`),
      exitCode: EXIT.taskFailed,
      retryable: false,
      mayHaveBilled: true,
    });
    // The submit note is on stderr.
    expect(run.stderr).toMatch(/^submitted task \S+ \(viduq2_pro_extend\)/);
    expectNoKey(run);
  });

  it("an unauthorized key: the key is in neither stream", async ({ expect }) => {
    const sim = await simulator();
    const run = await runCli(["status", "dsometask", "--json"], { env: gatewayEnv(sim, WRONG_KEY) });
    expect(run.code).toBe(EXIT.auth);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(errorProblems(doc, EXIT.auth)).toEqual([]);
    expect(doc["error"]).toMatchObject({ tag: "Unauthorized", status: 401, code: "unauthorized" });
    expectNoKey(run);
  });

  it("a forged callback: CallbackRejected with its reason", async ({ expect }) => {
    const body = JSON.stringify({ id: "dforged0000000000000", status: "completed" });
    const signed = await signCallback({ url: "http://127.0.0.1:9/cb", body, secret: KEY });
    const tampered = {
      ...signed.headers,
      "X-HMAC-SIGNATURE": `A${(signed.headers["X-HMAC-SIGNATURE"] ?? "").slice(1)}`,
    };
    if (tampered["X-HMAC-SIGNATURE"] === signed.headers["X-HMAC-SIGNATURE"])
      tampered["X-HMAC-SIGNATURE"] = `B${tampered["X-HMAC-SIGNATURE"].slice(1)}`;
    const file = join(dir(), "tampered.json");
    await writeFile(file, JSON.stringify({ method: "POST", url: "http://127.0.0.1:9/cb", headers: tampered, body }));
    const run = await runCli(["verify-callback", "--file", file, "--secret", KEY, "--json"]);
    expect(run.code).toBe(EXIT.callbackRejected);
    const doc = oneJsonDocument(run.stdout) as Doc;
    expect(errorProblems(doc, EXIT.callbackRejected)).toEqual([]);
    expect(doc["error"]).toMatchObject({ tag: "CallbackRejected", reason: "bad-signature" });
    expect(run.stderr).toBe("");
    expectNoKey(run);
  });
});

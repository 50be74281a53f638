// Every exit code of the BUILT cli, each from a real situation (a simulator started here with the
// fault, balance or failure that causes it), each with its paragraph on stderr: what failed, the
// field and rule and seed code where there is one, and what to do. The API key (a distinctive
// one) is never printed, whatever happened.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { signCallback } from "@vidu-extend/core/testing";
import { describe, it, vi } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import {
  closedPort,
  createTask,
  errorParagraph,
  expectNoKey,
  gatewayEnv,
  KEY,
  simulator,
  SLOW,
  VIDEO_URL,
  WRONG_KEY,
} from "./support/gateway.js";
import { scratchDir } from "./support/scratch.js";
import { runCli, startCli } from "./support/run-cli.js";

// Most of these runs wait on timers (the first poll is 2 s in, retries back off), not on the CPU.
vi.setConfig({ maxConcurrency: 8 });

const HELP_HINT = "Run vidu-extend --help for the commands and options.";
const commandHint = (command: string) => `Run vidu-extend ${command} --help for its options.`;
const extendArgs = (...more: string[]) => ["extend", "--model", "turbo", "--video-url", VIDEO_URL, ...more];

const dir = scratchDir("vidu-extend-cli-exit-");

describe.concurrent("exit codes", () => {
  // The slowest (about 8 s of retries) first, so that everything else runs meanwhile.
  it("1: a gateway whose port is closed: a transport failure after the default retries (~7.5 s of backoff)", async ({
    expect,
  }) => {
    const port = await closedPort();
    const run = await runCli(["status", "dsometask"], {
      env: gatewayEnv(`http://127.0.0.1:${port}`),
      timeoutMs: 30_000,
    });
    expect(run.code, run.stderr).toBe(EXIT.failure);
    expect(run.stderr).toMatch(/^error: request failed after 5 attempts: refused \(/);
    expect(run.stderr).toMatch(/\nCheck the network and VTRIX_BASE_URL, then try again\.\n$/);
    // Four backoffs of 0.5, 1, 2 and 4 s, each ±20 %.
    expect(run.ms).toBeGreaterThan(6_000);
    expectNoKey(run);
  });

  it("1: extend against a closed port: the create never left, so it is retried, then a transport failure", async ({
    expect,
  }) => {
    const port = await closedPort();
    const run = await runCli(extendArgs("--wait"), { env: gatewayEnv(`http://127.0.0.1:${port}`), timeoutMs: 30_000 });
    expect(run.code, run.stderr).toBe(EXIT.failure);
    expect(run.stderr).toMatch(/^error: request failed after 5 attempts: refused \(/);
    expectNoKey(run);
  });

  it("0: a task that completes on a configured gateway", async ({ expect }) => {
    const sim = await simulator();
    const run = await runCli(extendArgs("--wait"), { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/^Done: task \S+ \(viduq2_turbo_extend\) completed\.$/m);
    expect(run.stderr).toBe("");
    expect(sim.stats().creates).toBe(1);
    expectNoKey(run);
  });

  it("2: an unknown command, an unknown flag, a missing --model, a bad --timeout: nothing is sent", async ({
    expect,
  }) => {
    const sim = await simulator();
    const env = gatewayEnv(sim);
    const [command, flag, model, timeout, noId] = await Promise.all([
      runCli(["frobnicate"], { env }),
      runCli(extendArgs("--frobnicate"), { env }),
      runCli(["extend", "--video-url", VIDEO_URL], { env }),
      runCli(["wait", "dsomeid", "--timeout", "soon"], { env }),
      runCli(["status"], { env }),
    ]);
    for (const [run, hint] of [
      [command, HELP_HINT],
      [flag, commandHint("extend")],
      [model, commandHint("extend")],
      [timeout, commandHint("wait")],
      [noId, commandHint("status")],
    ] as const) {
      expect(run.code, run.stderr).toBe(EXIT.usage);
      expect(errorParagraph(run)).toContain(hint);
      expect(run.stdout).toBe("");
      expectNoKey(run);
    }
    expect(command.stderr).toBe(
      `error: unknown command "frobnicate": use extend, batch, status, wait, verify-callback or simulator\n${HELP_HINT}\n`,
    );
    expect(flag.stderr).toContain("'--frobnicate'");
    expect(model.stderr).toBe(
      `error: extend needs --model (pro, turbo, or a full model id)\n${commandHint("extend")}\n`,
    );
    expect(timeout.stderr).toBe(
      `error: --timeout "soon" is not a duration: use seconds (90) or 90s, 10m, 500ms\n${commandHint("wait")}\n`,
    );
    expect(noId.stderr).toContain("status needs a task id: vidu-extend status <id>");
    expect(sim.stats().creates + sim.stats().reads).toBe(0);
  });

  it("3: --duration 9 names duration, rule maximum and the model's seed code; nothing is sent", async ({ expect }) => {
    const sim = await simulator();
    const env = gatewayEnv(sim);
    const [turbo, pro] = await Promise.all([
      runCli(extendArgs("--duration", "9"), { env }),
      runCli(["extend", "--model", "pro", "--video-url", VIDEO_URL, "--duration", "9"], { env }),
    ]);
    for (const [run, code] of [
      [turbo, "008013005"],
      [pro, "008012005"],
    ] as const) {
      expect(run.code, run.stderr).toBe(EXIT.validation);
      expect(run.stderr).toBe(
        "error: Invalid parameters; nothing was sent.\n" +
          `  - duration: duration must be at most 7, got 9 [rule maximum, seed code ${code}]\n` +
          "Fix the flags above and run the command again.\n",
      );
      expect(run.stdout).toBe("");
      expectNoKey(run);
    }
    expect(sim.stats().creates).toBe(0);
    expect(sim.tasks()).toHaveLength(0);
  });

  it("3: an --image file that is not a PNG, JPEG or WebP is refused before anything is sent", async ({ expect }) => {
    const sim = await simulator();
    const file = join(dir(), "end-frame.png");
    await writeFile(file, "GIF89a: not one of the formats the models take");
    const run = await runCli(extendArgs("--image", file), { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.validation);
    expect(run.stderr).toBe(
      "error: Invalid parameters; nothing was sent.\n" +
        `  - images[0]: ${file} is not a PNG, JPEG or WebP image (the only formats the models take) [rule unsupported-type, seed code 008013008]\n` +
        "Fix the flags above and run the command again.\n",
    );
    expect(sim.stats().creates).toBe(0);
    expectNoKey(run);
  });

  it("4: a key the gateway does not accept (401)", async ({ expect }) => {
    const sim = await simulator();
    const [create, read] = await Promise.all([
      runCli(extendArgs("--wait"), { env: gatewayEnv(sim, WRONG_KEY) }),
      runCli(["status", "dsometask"], { env: gatewayEnv(sim, WRONG_KEY) }),
    ]);
    for (const run of [create, read]) {
      expect(run.code, run.stderr).toBe(EXIT.auth);
      const paragraph = errorParagraph(run);
      expect(paragraph).toMatch(/^error: unauthorized: Invalid API key \(code unauthorized\)/);
      expect(paragraph).toContain(
        "Check VTRIX_API_KEY and VTRIX_BASE_URL, or unset VTRIX_API_KEY to use the local simulator.",
      );
      expectNoKey(run);
    }
    expect(sim.tasks()).toHaveLength(0);
  });

  it("5: insufficient balance (1 credit, a 5 s job): 403, nothing created", async ({ expect }) => {
    const sim = await simulator({ credits: 1 });
    const run = await runCli(extendArgs("--duration", "5", "--wait"), { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.balance);
    expect(run.stderr).toBe(
      "error: insufficient balance: Insufficient balance: top up the account (code insufficient_balance)\n" +
        "Top up the account, then run the command again; nothing was created.\n",
    );
    expect(sim.stats().creates).toBe(1);
    expect(sim.tasks()).toHaveLength(0);
    expectNoKey(run);
  });

  it("6: rate limited on every create: RateLimited after the default 5 attempts", async ({ expect }) => {
    const sim = await simulator({ faults: { create: { rate429: 1, retryAfterSeconds: 0 } } });
    const run = await runCli(extendArgs("--wait"), { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.rateLimited);
    expect(run.stderr).toMatch(
      /^error: rate limited after 5 attempts: Rate limit exceeded, retry later \(code rate_limit_exceeded\)/,
    );
    expect(run.stderr).toMatch(/\nWait a little and run the command again; nothing was created\.\n$/);
    expect(sim.stats().creates).toBe(5);
    expect(sim.tasks()).toHaveLength(0);
    expectNoKey(run);
  });

  it("7: a 500 on create is ambiguous: AmbiguousSubmit, and the create was sent exactly once", async ({ expect }) => {
    const sim = await simulator({ faults: { create: { rate500: 1 } } });
    const run = await runCli(extendArgs("--wait"), { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.ambiguousSubmit);
    const paragraph = errorParagraph(run);
    expect(paragraph).toContain(
      "The create request for viduq2_turbo_extend may have reached the gateway: the gateway answered 500: Internal server error",
    );
    expect(paragraph).toContain("A task may exist and may be billed, so it was not sent again.");
    expect(paragraph).toContain("Look for the task");
    // The library's opt-in to resend is no flag of the CLI: it is not offered.
    expect(paragraph).not.toContain("resendAmbiguousCreates");
    expect(paragraph).toContain("(The CLI never resends a create on its own.)");
    expect(sim.stats().creates).toBe(1);
    expectNoKey(run);
  });

  it("8: the task fails: the model's failure code", async ({ expect }) => {
    const sim = await simulator({ failureRate: 1 });
    const run = await runCli(extendArgs("--wait"), { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.taskFailed);
    const id = sim.tasks()[0]?.id;
    expect(run.stderr).toMatch(new RegExp(`^error: task ${id} failed: .+ \\(code 00801309[5-9]\\)\\n`));
    expect(run.stderr).toContain(`(code ${sim.tasks()[0]?.failure})`);
    // The advice fits the code (first-hour.test.ts checks each kind).
    expect(run.stderr).toMatch(
      /\nviduq2_turbo_extend says ".+" \(seed code 00801309[5-9]\): the (service|model) failed/,
    );
    expectNoKey(run);
  });

  it("9: --timeout 200ms on a slow task: WaitTimeout, with how to resume; the task goes on", async ({ expect }) => {
    const sim = await simulator({ timing: SLOW });
    const run = await runCli(extendArgs("--wait", "--timeout", "200ms"), { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.timeout);
    const id = sim.tasks()[0]?.id ?? "?";
    expect(run.stderr).toBe(
      `error: task ${id} did not finish within 0.2 s (last status: pending); it may still finish: wait for it again\n` +
        `Resume with: vidu-extend wait ${id}\n`,
    );
    expect(sim.tasks()[0]?.status).toMatch(/^(pending|processing)$/);
    expectNoKey(run);
  });

  it("10: verify-callback with a forged signature: bad-signature", async ({ expect }) => {
    const body = JSON.stringify({
      id: "dforgedcallback00000",
      status: "completed",
      output: [{ type: "video", url: "https://evil.example.com/x.mp4" }],
    });
    const forged = await signCallback({ url: "https://hooks.example.com/vidu/callback", body, secret: WRONG_KEY });
    const file = join(dir(), "forged.json");
    await writeFile(
      file,
      JSON.stringify({ method: "POST", url: "https://hooks.example.com/vidu/callback", headers: forged.headers, body }),
    );
    const run = await runCli(["verify-callback", "--file", file, "--secret", KEY]);
    expect(run.code, run.stderr).toBe(EXIT.callbackRejected);
    expect(run.stderr).toMatch(
      /^error: The delivery must not be trusted \(bad-signature\): X-HMAC-SIGNATURE does not match for POST "https:\/\/hooks\.example\.com\/vidu\/callback"/,
    );
    // The flags the user typed, not the library's options (secret, publicUrl).
    expect(run.stderr).toContain("check that --secret (or VTRIX_API_KEY) is the API key that created the task");
    expect(run.stderr).toContain("pass the callback_url given at creation with --url");
    expect(run.stderr).not.toMatch(/publicUrl|maxSkewMs|check that secret/);
    expect(run.stdout).toBe("");
    expectNoKey(run);
  });

  it("11: status (and wait) of a task id the gateway does not know", async ({ expect }) => {
    const sim = await simulator();
    const [status, wait] = await Promise.all([
      runCli(["status", "dnosuchtask000000000"], { env: gatewayEnv(sim) }),
      runCli(["wait", "dnosuchtask000000000"], { env: gatewayEnv(sim) }),
    ]);
    for (const run of [status, wait]) {
      expect(run.code, run.stderr).toBe(EXIT.notFound);
      expect(run.stderr).toBe(
        "error: no task dnosuchtask000000000 for this key: task dnosuchtask000000000 not found (code not_found)\n" +
          "Check the task id, and that VTRIX_API_KEY is the key that created it.\n",
      );
      expectNoKey(run);
    }
  });

  it("130: SIGINT during wait <id>: stops waiting, says how to resume; the task still exists", async ({ expect }) => {
    const sim = await simulator({ timing: SLOW });
    const task = await createTask(sim);
    const cli = startCli(["wait", task.id], { env: gatewayEnv(sim) });
    // The first poll (2 s in) prints the first line: the cli is waiting.
    await cli.waitFor(new RegExp(`${task.id} processing`));
    cli.signal("SIGINT");
    const run = await cli.result;
    expect(run.code, run.stderr).toBe(EXIT.interrupted);
    expect(run.stderr).toContain("Stopped waiting.");
    expect(run.stderr).toContain(`vidu-extend wait ${task.id}`);
    expect(sim.tasks().map((t) => [t.id, t.status])).toEqual([[task.id, "processing"]]);
    expectNoKey(run);
  });

  it("130: SIGINT while extend waits: the submitted task goes on, and the resume command names it", async ({
    expect,
  }) => {
    const sim = await simulator({ timing: SLOW });
    const cli = startCli(extendArgs("--wait"), { env: gatewayEnv(sim) });
    const [, id] = await cli.waitFor(/submitted task (\S+) /);
    cli.signal("SIGINT");
    const run = await cli.result;
    expect(run.code, run.stderr).toBe(EXIT.interrupted);
    expect(run.stderr).toMatch(
      new RegExp(`Stopped waiting\\. The task goes on upstream: resume with +vidu-extend wait ${id}\\n$`),
    );
    expect(sim.tasks().map((t) => t.id)).toEqual([id]);
    expect(sim.stats().creates).toBe(1);
    expectNoKey(run);
  });
});

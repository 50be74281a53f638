// Every subcommand of the BUILT cli, as a real process: extend on the embedded simulator (the
// one-line notice, --output, --listen-callbacks, --no-wait), status and wait against a simulator
// this test started, verify-callback on captured deliveries (JSON form, raw HTTP form, stdin),
// simulator in the foreground until SIGINT, --help, and no command at all.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { signCallback } from "@vidu-extend/core/testing";
import { describe, it, vi } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { createTask, expectNoKey, gatewayEnv, KEY, simulator, until, VIDEO_URL } from "./support/gateway.js";
import { lines, runCli, startCli } from "./support/run-cli.js";
import { scratchDir } from "./support/scratch.js";

const EMBEDDED_NOTICE = /^No VTRIX_API_KEY set: using the local gateway simulator at http:\/\/127\.0\.0\.1:\d+\.$/m;
const MP4_BRAND = "ftyp";

// Most of these runs wait on timers (the first poll is 2 s in), not on the CPU.
vi.setConfig({ maxConcurrency: 8 });

const dir = scratchDir("vidu-extend-cli-e2e-");

describe.concurrent("extend on the embedded simulator (no VTRIX_API_KEY)", () => {
  it("says once that it uses the local simulator, waits for --output, and saves a real MP4", async ({ expect }) => {
    const file = join(dir(), "embedded.mp4");
    const run = await runCli(["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--output", file]);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout.match(new RegExp(EMBEDDED_NOTICE.source, "gm"))).toHaveLength(1);
    const id = /submitted task (\S+) \(viduq2_turbo_extend\)/.exec(run.stdout)?.[1];
    expect(id).toBeDefined();
    expect(run.stdout).toContain(`Done: task ${id} (viduq2_turbo_extend) completed.`);
    const bytes = await readFile(file);
    expect(bytes.length).toBeGreaterThan(1_000);
    expect(bytes.toString("latin1", 4, 8)).toBe(MP4_BRAND);
    expect(run.stdout).toContain(`saved        ${file} (${bytes.length} bytes)`);
    expect(run.stderr).toBe("");
  });

  it("--listen-callbacks: every delivery is verified, and the end is first seen by a verified callback", async ({
    expect,
  }) => {
    // turbo: done ~1 s after submit, well before the first poll (2 s), so the callback wins.
    const run = await runCli(["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--listen-callbacks"]);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(EMBEDDED_NOTICE);
    expect(run.stdout).toMatch(/^listening for callbacks at http:\/\/127\.0\.0\.1:\d+\/vidu\/callback$/m);
    const verified = lines(run.stdout).filter((line) => line.startsWith("callback verified: "));
    // One per delivery: pending, turbo's running status (processing), completed. Each is confirmed by
    // re-reading the task, and the note shows the task as re-read: under load the pending
    // delivery may already read as processing, so only the set of statuses is pinned down.
    expect(verified).toHaveLength(3);
    for (const line of verified)
      expect(line).toMatch(/^callback verified: (pending|processing|completed) \(confirmed with the API\)$/);
    expect(verified).toContain("callback verified: completed (confirmed with the API)");
    expect(run.stdout).not.toContain("REJECTED");
    expect(run.stdout).toMatch(/^ {2}first seen {3}by a verified callback$/m);
    expect(run.stdout).toMatch(/^ {2}callbacks {4}3 verified, 0 rejected$/m);
  });

  it("--no-wait prints the task id, says the embedded simulator's task ends with the command, and returns at once", async ({
    expect,
  }) => {
    const run = await runCli(["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--no-wait"]);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(EMBEDDED_NOTICE);
    const match =
      /^submitted task (d[0-9a-v]{19}) \(pending\) to the embedded simulator, which stops with this command; to follow tasks later, run vidu-extend simulator/m.exec(
        run.stdout,
      );
    expect(match, run.stdout).not.toBeNull();
    expect(run.stdout).not.toContain("Done:");
    expect(run.stdout, "no progress line: it did not wait").not.toMatch(/\((submit|poll|callback)\)$/m);
  });

  // Regression: the embedded simulator's task ends with the process, so no resume command that
  // cannot work may be offered (it used to say "follow it with: vidu-extend wait <id>").
  it("offers no resume command for a task of the embedded simulator", async ({ expect }) => {
    const run = await runCli(["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--no-wait"]);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).not.toMatch(/vidu-extend wait \S+/);
  });
});

describe.concurrent("status and wait against a simulator started by the test", () => {
  it("status <id> prints the task as it stands, then with its video once completed", async ({ expect }) => {
    const sim = await simulator();
    const task = await createTask(sim);
    const first = await runCli(["status", task.id], { env: gatewayEnv(sim) });
    expect(first.code, first.stderr).toBe(EXIT.ok);
    expect(first.stdout).toMatch(
      new RegExp(`^task ${task.id} \\(viduq2_turbo_extend\\): (pending|processing( \\d+%)?|completed 100%)$`, "m"),
    );
    expect(first.stderr).toBe("");

    await until(() => sim.tasks().every((t) => t.status === "completed"), 5_000, "the task to complete");
    const done = await runCli(["status", task.id], { env: gatewayEnv(sim) });
    expect(done.code, done.stderr).toBe(EXIT.ok);
    expect(lines(done.stdout)).toEqual([
      `task ${task.id} (viduq2_turbo_extend): completed 100%`,
      `  video ${sim.url}/files/${task.id}/extended.mp4 (expires: download it promptly)`,
      "",
    ]);
    // A configured gateway: no embedded simulator, no notice.
    expect(done.stdout + done.stderr).not.toContain("No VTRIX_API_KEY");
    expectNoKey(first);
    expectNoKey(done);
  });

  it("status <id> of a failed pro task shows its nine-digit seed code", async ({ expect }) => {
    const sim = await simulator({ failureRate: 1 });
    const task = await createTask(sim, "viduq2_pro_extend");
    await until(() => sim.tasks().every((t) => t.status === "failed"), 5_000, "the task to fail");
    const run = await runCli(["status", task.id], { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(new RegExp(`^task ${task.id} \\(viduq2_pro_extend\\): failed$`, "m"));
    // The pro page sends the code as an integer (8012098); the cli shows the seed's 008012098.
    expect(run.stdout).toMatch(/^ {2}error 00801209[89]: \S.*$/m);
  });

  it("wait <id> follows the task to the end (one plain line per change), and --output saves it", async ({ expect }) => {
    const sim = await simulator();
    const task = await createTask(sim);
    const file = join(dir(), "waited.mp4");
    const run = await runCli(["wait", task.id, "--output", file], { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(new RegExp(`^\\d+\\.\\ds ${task.id} completed 100% \\(poll\\)$`, "m"));
    expect(run.stdout).toContain(`task ${task.id} (viduq2_turbo_extend): completed 100%`);
    expect(run.stdout).toContain(`  saved ${file} (`);
    const bytes = await readFile(file);
    expect(bytes.toString("latin1", 4, 8)).toBe(MP4_BRAND);
    expect(run.stdout).toContain(`(${bytes.length} bytes)`);
    expect(sim.stats().creates).toBe(1); // wait never creates
    expectNoKey(run);
  });
});

describe.concurrent("verify-callback", () => {
  const CALLBACK_URL = "https://hooks.example.com/vidu/callback?source=e2e";
  const body = JSON.stringify({
    id: "dverifycallback00000",
    model: "viduq2_turbo_extend",
    status: "completed",
    output: [{ type: "video", url: "https://cdn.example.com/out/dverifycallback00000.mp4" }],
  });
  const signed = () => signCallback({ url: CALLBACK_URL, body, secret: KEY });
  const VALID =
    /^valid: signed .+ GMT, nonce [0-9a-f-]{36}; task dverifycallback00000 is completed \(the body itself is not signed: confirm it with vidu-extend status dverifycallback00000\)$/m;

  it("accepts a valid delivery captured as JSON {method, url, headers, body} (--file, --secret)", async ({
    expect,
  }) => {
    const delivery = await signed();
    const file = join(dir(), "delivery.json");
    await writeFile(
      file,
      JSON.stringify(
        { method: "POST", url: CALLBACK_URL, headers: delivery.headers, body: JSON.parse(delivery.body) as unknown },
        null,
        2,
      ),
    );
    const run = await runCli(["verify-callback", "--file", file, "--secret", KEY]);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(VALID);
    expect(run.stdout).toContain(delivery.headers["x-request-nonce"] ?? "a nonce header");
    expect(run.stderr).toBe("");
    expectNoKey(run);
  });

  it("accepts a valid delivery captured as the raw HTTP request (secret from VTRIX_API_KEY)", async ({ expect }) => {
    const delivery = await signed();
    const raw = [
      "POST /vidu/callback?source=e2e HTTP/1.1",
      "Host: hooks.example.com",
      "Content-Type: application/json",
      `Content-Length: ${Buffer.byteLength(delivery.body)}`,
      ...Object.entries(delivery.headers).map(([name, value]) => `${name}: ${value}`),
      "",
      delivery.body,
    ].join("\r\n");
    const file = join(dir(), "delivery.http");
    await writeFile(file, raw);
    const run = await runCli(["verify-callback", "--file", file], { env: { VTRIX_API_KEY: KEY } });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(VALID);
    // VTRIX_API_KEY is the secret here, not a gateway: nothing is started or contacted.
    expect(run.stdout + run.stderr).not.toContain("simulator");
    expectNoKey(run);
  });

  it("accepts a valid delivery from stdin (no --file, and --file -)", async ({ expect }) => {
    const delivery = await signed();
    const captured = JSON.stringify({
      method: "POST",
      url: CALLBACK_URL,
      headers: delivery.headers,
      body: delivery.body,
    });
    const [implicit, dash] = await Promise.all([
      runCli(["verify-callback", "--secret", KEY], { input: captured }),
      runCli(["verify-callback", "--file", "-", "--secret", KEY], { input: captured }),
    ]);
    for (const run of [implicit, dash]) {
      expect(run.code, run.stderr).toBe(EXIT.ok);
      expect(run.stdout).toMatch(VALID);
      expectNoKey(run);
    }
  });

  it("takes the secret from stdin (--secret-stdin, capture in --file), never from the command line", async ({
    expect,
  }) => {
    const delivery = await signed();
    const file = join(dir(), "delivery-stdin-secret.json");
    await writeFile(file, JSON.stringify({ method: "POST", url: CALLBACK_URL, headers: delivery.headers, body }));
    const run = await runCli(["verify-callback", "--file", file, "--secret-stdin"], { input: `${KEY}\n` });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(VALID);
    expectNoKey(run);
    const both = await runCli(["verify-callback", "--secret-stdin"], { input: `${KEY}\n` });
    expect(both.code).toBe(EXIT.usage);
    expect(both.stderr).toContain(
      "--secret-stdin reads the secret from stdin, so the captured request must come from --file",
    );
  });
});

describe("simulator", () => {
  it("starts, prints its URL and key, serves the API, and stops on SIGINT with exit 0", async ({ expect }) => {
    const cli = startCli(["simulator", "--key", "sim-e2e-key", "--timing", "fast"]);
    const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*Press Ctrl-C to stop\./);
    expect(cli.stdout()).toContain("  API key: sim-e2e-key\n");
    expect(cli.stdout()).toContain(`  export VTRIX_BASE_URL=${url} VTRIX_API_KEY=sim-e2e-key\n`);
    // It is a working gateway: the printed key creates a task, another key is refused.
    const create = (key: string) =>
      fetch(`${url}/model/v1/generation`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "viduq2_turbo_extend", input: [{ params: { video_url: VIDEO_URL } }] }),
      });
    const ok = await create("sim-e2e-key");
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { status: string }).status).toBe("pending");
    expect((await create("another-key")).status).toBe(401);

    cli.signal("SIGINT");
    const result = await cli.result;
    expect(result.code).toBe(EXIT.ok);
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe("");
    await expect(fetch(`${url}/model/v1/generation/task/x`)).rejects.toThrow();
  });
});

describe.concurrent("help and no command", () => {
  const CODES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 130];

  it("--help exits 0 and lists every subcommand and every exit code", async ({ expect }) => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(EXIT.ok);
    for (const command of ["extend", "batch", "status", "wait", "verify-callback", "simulator"])
      expect(run.stdout).toContain(`vidu-extend ${command}`);
    expect([...new Set(Object.values(EXIT))].sort((a, b) => a - b)).toEqual(CODES);
    const listed = lines(run.stdout.slice(run.stdout.indexOf("Exit codes:")))
      .map((line) => /^ {2}(\d+) +\S/.exec(line)?.[1])
      .filter((code): code is string => code !== undefined)
      .map(Number);
    expect(listed).toEqual(CODES);
    expect(run.stderr).toBe("");
  });

  it("-h and help print the overview and exit 0 too", async ({ expect }) => {
    const runs = await Promise.all([runCli(["-h"]), runCli(["help"])]);
    for (const run of runs) {
      expect(run.code).toBe(EXIT.ok);
      expect(run.stdout).toContain("Exit codes:");
    }
  });

  it("no command prints the help and exits 2 (usage)", async ({ expect }) => {
    const run = await runCli([]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stdout).toContain("Usage:");
    expect(run.stdout).toContain("Exit codes:");
  });
});

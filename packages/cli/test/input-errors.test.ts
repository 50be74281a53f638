// Local input that is wrong (a flag value, a capture file, an output path) is the user's to fix:
// exit 2 with a paragraph about that input, never exit 1 with "Check the network and
// VTRIX_BASE_URL". Each case once escaped as exit 1; the comments say how.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { expectNoKey, gatewayEnv, KEY, simulator, VIDEO_URL } from "./support/gateway.js";
import { scratchDir } from "./support/scratch.js";
import { runCli } from "./support/run-cli.js";

const NETWORK_ADVICE = "Check the network and VTRIX_BASE_URL";

const dir = scratchDir("vidu-extend-cli-input-");

describe.concurrent("wrong local input", () => {
  it("verify-callback: a capture without headers, or no secret at all, is a usage error (2)", async ({ expect }) => {
    const file = join(dir(), "no-headers.json");
    await writeFile(file, JSON.stringify({ url: "/cb", body: "{}" }));
    const [noHeaders, noSecret] = await Promise.all([
      runCli(["verify-callback", "--file", file, "--secret", KEY]),
      runCli(["verify-callback", "--file", file]),
    ]);
    expect(noHeaders.code).toBe(EXIT.usage);
    expect(noHeaders.stderr).toContain("the captured JSON needs headers and body");
    expect(noSecret.code).toBe(EXIT.usage);
    expect(noSecret.stderr).toContain(
      "verify-callback needs the signing secret: VTRIX_API_KEY, --secret-stdin (with --file), or --secret <api key>",
    );
    expectNoKey(noHeaders);
  });

  // Regression: JSON.parse of the capture was unguarded (exit 1, network advice).
  it("verify-callback: a capture file that is not valid JSON is a usage error (2), not a network failure", async ({
    expect,
  }) => {
    const file = join(dir(), "broken.json");
    await writeFile(file, '{"method": "POST", "headers": {');
    const run = await runCli(["verify-callback", "--file", file, "--secret", KEY]);
    expect(run.stderr).not.toContain(NETWORK_ADVICE);
    expect(run.code, run.stderr).toBe(EXIT.usage);
  });

  // Regression: reading --file was unguarded (exit 1, network advice).
  it("verify-callback: a --file that does not exist is a usage error (2), not a network failure", async ({
    expect,
  }) => {
    const run = await runCli(["verify-callback", "--file", join(dir(), "missing.http"), "--secret", KEY]);
    expect(run.stderr).not.toContain(NETWORK_ADVICE);
    expect(run.code, run.stderr).toBe(EXIT.usage);
  });

  // Regression: --callback-port was not checked, and failed only after the simulator had started.
  it("extend: a --callback-port that is not a port is a usage error (2), reported before anything starts", async ({
    expect,
  }) => {
    const sim = await simulator();
    const run = await runCli(
      ["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--listen-callbacks", "--callback-port", "abc"],
      { env: gatewayEnv(sim) },
    );
    expect(sim.stats().creates).toBe(0);
    expect(run.stderr).not.toContain(NETWORK_ADVICE);
    expect(run.code, run.stderr).toBe(EXIT.usage);
    expectNoKey(run);
  });

  // Regression: --output was first tried after the task had run and been billed.
  it("extend: an --output whose directory does not exist is refused before the task is submitted", async ({
    expect,
  }) => {
    const sim = await simulator();
    const run = await runCli(
      ["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--output", join(dir(), "no-such-dir", "out.mp4")],
      { env: gatewayEnv(sim) },
    );
    expect(sim.stats().creates, "a task was submitted (and billed) although its output could never be saved").toBe(0);
    expect(run.stderr).not.toContain(NETWORK_ADVICE);
    expect(run.code, run.stderr).toBe(EXIT.usage);
    expectNoKey(run);
  });
});

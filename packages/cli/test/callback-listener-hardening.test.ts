// --listen-callbacks keeps listening, and the wait goes on, whatever reaches its port: a Host or
// request line no URL parser takes, a body broken off mid-way. On main one such request ended
// the process with a raw stack and no resume hint.
import { afterAll, describe, expect, it } from "vitest";
import { rawStatusLine } from "../../../tooling/raw-http.js";
import { EXIT } from "../src/exit-codes.js";
import { closedPort, closeSimulators, expectNoKey, gatewayEnv, simulator, VIDEO_URL } from "./support/gateway.js";
import { startCli } from "./support/run-cli.js";

afterAll(closeSimulators);

const send = rawStatusLine;

describe("--listen-callbacks under hostile requests", () => {
  it("answers each one, and the wait still finishes (exit 0)", async () => {
    const sim = await simulator({
      timing: { runMs: { viduq2_pro_extend: 1_500, viduq2_turbo_extend: 1_500 }, tickMs: 20, callbackRetryMs: 20 },
    });
    const port = await closedPort();
    const cli = startCli(
      ["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--listen-callbacks", "--callback-port", String(port)],
      { env: gatewayEnv(sim) },
    );
    await cli.waitFor(/submitted task/);
    for (const host of ["a b", "x:99999", "[::1", "u@h"]) {
      const status = await send(port, `POST /vidu/callback HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(status, host).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    expect(await send(port, "POST http://evil.example/x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")).toMatch(
      /^HTTP\/1\.1 4\d\d /,
    );
    await send(port, 'POST /vidu/callback HTTP/1.1\r\nHost: h\r\nContent-Length: 500\r\n\r\n{"id":', true);
    const run = await cli.result;
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/completed/);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/TypeError|Invalid URL/);
    expectNoKey(run);
  });
});

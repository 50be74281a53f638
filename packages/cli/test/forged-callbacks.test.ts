// --listen-callbacks against a gateway whose every delivery is mis-signed (a forger, or a wrong
// secret): the cli rejects each one as bad-signature, never takes its word, and still completes
// by polling.
import { afterAll, describe, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { closeSimulators, expectNoKey, gatewayEnv, simulator, VIDEO_URL } from "./support/gateway.js";
import { lines, runCli } from "./support/run-cli.js";
import { extendReportProblems, oneJsonDocument } from "./support/shapes.js";

afterAll(closeSimulators);

const REJECTED = /^callback REJECTED \(bad-signature\): X-HMAC-SIGNATURE does not match for POST /;

describe.concurrent("forged deliveries are rejected, polling finishes the job", () => {
  it("text: REJECTED (bad-signature) lines, no verified one, first seen by polling, exit 0", async ({ expect }) => {
    const sim = await simulator({ callbacks: { missignRate: 1 } });
    const run = await runCli(["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--listen-callbacks"], {
      env: gatewayEnv(sim),
    });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const rejected = lines(run.stdout).filter((line) => line.startsWith("callback REJECTED"));
    expect(rejected.length).toBeGreaterThan(0);
    for (const line of rejected) expect(line).toMatch(REJECTED);
    // In the words of the flags: the receiver's URL is --callback-url, its secret VTRIX_API_KEY.
    for (const line of rejected) {
      expect(line).toContain("check that VTRIX_API_KEY is the key that created the task");
      expect(line).toContain("if a proxy rewrites the URL, pass the URL it calls with --callback-url");
      expect(line).not.toMatch(/publicUrl|check that secret/);
    }
    expect(run.stdout).not.toContain("callback verified");
    expect(run.stdout).toMatch(/^\d+\.\ds \S+ completed 100% \(poll\)$/m);
    expect(run.stdout).toMatch(/^ {2}first seen {3}by polling$/m);
    expect(run.stdout).toMatch(new RegExp(`^ {2}callbacks {4}0 verified, ${rejected.length} rejected$`, "m"));
    expect(sim.stats().callbacks.missigned).toBeGreaterThan(0);
    expectNoKey(run);
  });

  it("--json: resolvedBy poll, callbacks.rejected > 0 and verified 0; the REJECTED lines on stderr", async ({
    expect,
  }) => {
    const sim = await simulator({ callbacks: { missignRate: 1 } });
    const run = await runCli(["extend", "--model", "pro", "--video-url", VIDEO_URL, "--listen-callbacks", "--json"], {
      env: gatewayEnv(sim),
    });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const doc = oneJsonDocument(run.stdout) as {
      resolvedBy: string;
      callbacks: { verified: number; rejected: number };
      task: { status: string };
    };
    expect(extendReportProblems(doc, { callbacks: true, output: false })).toEqual([]);
    expect(doc.task.status).toBe("completed");
    expect(doc.resolvedBy).toBe("poll");
    expect(doc.callbacks.verified).toBe(0);
    expect(doc.callbacks.rejected).toBeGreaterThan(0);
    const rejected = lines(run.stderr).filter((line) => line.startsWith("callback REJECTED"));
    expect(rejected).toHaveLength(doc.callbacks.rejected);
    for (const line of rejected) expect(line).toMatch(REJECTED);
    expectNoKey(run);
  });
});

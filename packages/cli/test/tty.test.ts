// The terminal rendering, with stdout a real pseudo-terminal (util-linux `script`): one live line
// (carriage return + erase line, status, [####----] bar and percentage, elapsed seconds, task id)
// redrawn in place; and with stdout a pipe: no escape codes, one plain line per change. Also when
// extend waits: by default on a terminal, only when asked (or implied) otherwise.
import { afterAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { closeSimulators, expectNoKey, gatewayEnv, simulator, VIDEO_URL } from "./support/gateway.js";
import { hasScript, lines, runCli, runCliInTty } from "./support/run-cli.js";

afterAll(closeSimulators);

// Outside CI a machine without script(1) skips the terminal suite; CI must run it, so there its
// absence is a failure (scripts/test.sh installs it).
const onCi = process.env["CI"] !== undefined && process.env["CI"] !== "" && process.env["CI"] !== "false";
it.runIf(onCi)("has script(1) on CI, so that the terminal suite runs", () => {
  expect(hasScript, "script(1) is missing: install util-linux (bsdutils on Debian)").toBe(true);
});

/** A 4 s turbo task: the first poll (2 s in) sees it half done, the second (5 s in) sees it completed. */
const HALFWAY = { runMs: { viduq2_pro_extend: 4_000, viduq2_turbo_extend: 4_000 }, tickMs: 20, callbackRetryMs: 20 };
const ERASE = "\x1b[2K";
const BAR_WIDTH = 24;

interface Frame {
  readonly status: string;
  readonly filled: number;
  readonly empty: number;
  readonly percent: number | undefined;
  readonly elapsed: number;
  readonly taskId: string;
}

/** Every drawing of the live line: `\r\x1b[2K<status padded to 11>[ [##--] NNN%]  <elapsed>s  task <id>`. */
function frames(output: string): Frame[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the live line is drawn with ESC [2K (erase line); matching it is the point.
  const pattern = /\r\x1b\[2K(\S+) *(?: \[(#*)(-*)\] +(\d+)%)? +(\d+\.\d)s {2}task (\S+?)(?=\r|\n|$)/g;
  return [...output.matchAll(pattern)].map((m) => ({
    status: m[1] as string,
    filled: (m[2] ?? "").length,
    empty: (m[3] ?? "").length,
    percent: m[4] === undefined ? undefined : Number(m[4]),
    elapsed: Number(m[5]),
    taskId: m[6] as string,
  }));
}

describe.runIf(hasScript).concurrent("on a terminal", () => {
  it("extend waits by default and draws one live line: status, [####----] bar with %, elapsed seconds, task id", async ({
    expect,
  }) => {
    const sim = await simulator({ timing: HALFWAY });
    // No --wait: on a terminal, waiting is the default.
    const run = await runCliInTty(["extend", "--model", "turbo", "--video-url", VIDEO_URL], { env: gatewayEnv(sim) });
    expect(run.code, run.stdout).toBe(EXIT.ok);
    const id = sim.tasks()[0]?.id ?? "?";
    expect(run.stdout).toContain(`Done: task ${id} (viduq2_turbo_extend) completed.`);

    const drawn = frames(run.stdout);
    expect(drawn.length, run.stdout).toBeGreaterThan(5); // redrawn in place as time passes
    expect(new Set(drawn.map((f) => f.taskId))).toEqual(new Set([id]));
    // The elapsed seconds run on.
    const elapsed = drawn.map((f) => f.elapsed);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
    expect(elapsed.at(-1)).toBeGreaterThan(elapsed[0] as number);
    // Pending: no progress yet, no bar.
    expect(drawn[0]).toMatchObject({ status: "pending", percent: undefined });
    // Half-way: a partly filled bar whose #s match its percentage.
    const running = drawn.find((f) => f.status === "processing");
    expect(running, run.stdout).toBeDefined();
    if (running !== undefined) {
      expect(running.filled + running.empty).toBe(BAR_WIDTH);
      expect(running.filled).toBeGreaterThan(0);
      expect(running.empty).toBeGreaterThan(0);
      expect(running.percent).toBeGreaterThan(0);
      expect(running.percent).toBeLessThan(100);
      expect(running.filled).toBe(Math.round(((running.percent ?? 0) / 100) * BAR_WIDTH));
    }
    // The end: a full bar.
    expect(drawn.find((f) => f.status === "completed")).toMatchObject({ filled: BAR_WIDTH, empty: 0, percent: 100 });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the live line is drawn with ESC [2K (erase line); matching it is the point.
    expect(run.stdout).toMatch(/\r\x1b\[2Kprocessing {2}\[#+-+\] +\d+% +\d+\.\ds {2}task d[0-9a-v]{19}/);
    expectNoKey(run);
  });

  it("the embedded simulator too: the notice, the live line, and the summary", async ({ expect }) => {
    const run = await runCliInTty(["extend", "--model", "turbo", "--video-url", VIDEO_URL]);
    expect(run.code, run.stdout).toBe(EXIT.ok);
    expect(run.stdout).toMatch(
      /No VTRIX_API_KEY set: using the local gateway simulator at http:\/\/127\.0\.0\.1:\d+\.\r\n/,
    );
    expect(run.stdout).toContain(ERASE);
    expect(frames(run.stdout).some((f) => f.status === "completed" && f.percent === 100)).toBe(true);
    expect(run.stdout).toMatch(/Done: task \S+ \(viduq2_turbo_extend\) completed\./);
  });

  it("--no-wait on a terminal does not wait", async ({ expect }) => {
    const sim = await simulator({ timing: HALFWAY });
    const run = await runCliInTty(["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--no-wait"], {
      env: gatewayEnv(sim),
    });
    expect(run.code, run.stdout).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/submitted task \S+ \(pending\); follow it with: vidu-extend wait \S+\r\n/);
    expect(run.stdout).not.toContain(ERASE);
    expect(sim.stats().reads).toBe(0);
  });

  // Regression: done() left the last frame set, so later notes redrew it under the summary.
  it("after the wait ends, the live line is not drawn again under the summary", async ({ expect }) => {
    const run = await runCliInTty(["extend", "--model", "turbo", "--video-url", VIDEO_URL]);
    expect(run.code, run.stdout).toBe(EXIT.ok);
    const summary = run.stdout.indexOf("Done: task ");
    expect(summary).toBeGreaterThan(0);
    const after = run.stdout.slice(summary);
    const stale = frames(after);
    expect(
      stale.length,
      `the finished live line was drawn ${stale.length} more times under the summary; the output after it: ${JSON.stringify(after.slice(0, 400))}…`,
    ).toBe(0);
  });
});

describe.concurrent("not on a terminal (stdout a pipe)", () => {
  it("--wait: no escape codes, one plain line per change", async ({ expect }) => {
    const sim = await simulator({ timing: HALFWAY });
    const run = await runCli(["extend", "--model", "turbo", "--video-url", VIDEO_URL, "--wait"], {
      env: gatewayEnv(sim),
    });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).not.toContain("\x1b[");
    expect(run.stdout).not.toContain("\r");
    const id = sim.tasks()[0]?.id ?? "?";
    const progress = lines(run.stdout)
      .map((line) => /^(\d+\.\d)s (\S+) (\S+)(?: (\d+)%)? \((submit|poll|callback)\)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({
        elapsed: Number(m[1]),
        id: m[2],
        status: m[3],
        percent: m[4] === undefined ? undefined : Number(m[4]),
        source: m[5],
      }));
    // pending (from the create answer), processing part-way (first poll), completed (second poll).
    expect(progress.map((p) => p.status)).toEqual(["pending", "processing", "completed"]);
    expect(progress.every((p) => p.id === id)).toBe(true);
    expect(progress[0]).toMatchObject({ source: "submit", percent: undefined });
    expect(progress[1]?.percent).toBeGreaterThan(0);
    expect(progress[1]?.percent).toBeLessThan(100);
    expect(progress[2]).toMatchObject({ source: "poll", percent: 100 });
    const elapsed = progress.map((p) => p.elapsed);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
    expect(run.stdout).toContain(`Done: task ${id} (viduq2_turbo_extend) completed.`);
  });

  it("without --wait, --output or --listen-callbacks, extend submits and returns without waiting", async ({
    expect,
  }) => {
    const sim = await simulator({ timing: HALFWAY });
    const run = await runCli(["extend", "--model", "turbo", "--video-url", VIDEO_URL], { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const id = sim.tasks()[0]?.id ?? "?";
    expect(run.stdout).toBe(`submitted task ${id} (pending); follow it with: vidu-extend wait ${id}\n`);
    expect(sim.stats().creates).toBe(1);
    expect(sim.stats().reads).toBe(0);
  });
});

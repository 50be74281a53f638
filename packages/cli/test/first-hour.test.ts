// What a new user meets in the first hour (issue 16), each through the BUILT cli as a real
// process: output paths refused before anything is billed, every violation at once even with a
// bad local image, Ctrl-C under --json, the flags named instead of library options, advice that
// fits the failure code, --version and per-command help, and the embedded simulator's ways
// (a seed per run, no task silently lost, no dead URL, an empty simulator explained).
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { signCallback } from "@vidu-extend/core/testing";
import { createClient } from "@vidu-extend/node";
import { startSimulator } from "@vidu-extend/simulator";
import { describe, it, vi } from "vitest";
import { EXTEND_OPTIONS } from "../src/commands/extend.js";
import { EXIT } from "../src/exit-codes.js";
import { errorParagraph, expectNoKey, gatewayEnv, KEY, simulator, SLOW, VIDEO_URL } from "./support/gateway.js";
import { runCli, startCli } from "./support/run-cli.js";
import { scratchDir } from "./support/scratch.js";
import { oneJsonDocument } from "./support/shapes.js";

vi.setConfig({ maxConcurrency: 8 });

const dir = scratchDir("vidu-extend-cli-first-hour-");
const extendArgs = (...more: string[]) => ["extend", "--model", "turbo", "--video-url", VIDEO_URL, ...more];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.concurrent("--output is checked before anything is submitted (and billed)", () => {
  it("an existing directory: refused, nothing created", async ({ expect }) => {
    const sim = await simulator();
    const run = await runCli(extendArgs("--output", dir()), { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.usage);
    expect(errorParagraph(run)).toContain(`error: --output ${dir()} is a directory: name a file in it`);
    expect(run.stderr).toContain("nothing was submitted");
    expect(sim.stats().creates).toBe(0);
    expectNoKey(run);
  });

  it("a directory where no file can be created (/proc, even for root): refused, nothing created", async ({
    expect,
  }) => {
    const sim = await simulator();
    const run = await runCli(extendArgs("--output", "/proc/extended.mp4"), { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.usage);
    expect(errorParagraph(run)).toContain("error: --output /proc/extended.mp4: cannot create files in /proc");
    expect(sim.stats().creates).toBe(0);
  });

  it("an existing file: refused without --force; with --force it is replaced by the video", async ({ expect }) => {
    const sim = await simulator();
    const file = join(dir(), "exists.mp4");
    await writeFile(file, "an earlier result");
    const refused = await runCli(extendArgs("--output", file), { env: gatewayEnv(sim) });
    expect(refused.code, refused.stderr).toBe(EXIT.usage);
    expect(errorParagraph(refused)).toContain(
      `error: --output ${file} already exists: pass --force to overwrite it, or name another file; nothing was submitted`,
    );
    expect(sim.stats().creates).toBe(0);
    expect(await readFile(file, "utf8")).toBe("an earlier result");

    const forced = await runCli(extendArgs("--output", file, "--force"), { env: gatewayEnv(sim) });
    expect(forced.code, forced.stderr).toBe(EXIT.ok);
    expect((await readFile(file)).toString("latin1", 4, 8)).toBe("ftyp");
  });

  it("wait --output: the same checks, before the task is even read", async ({ expect }) => {
    const sim = await simulator();
    const run = await runCli(["wait", "dsometask", "--output", dir()], { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.usage);
    expect(run.stderr).toContain("is a directory");
    expect(sim.stats().reads).toBe(0);
  });
});

describe.concurrent("every violation at once", () => {
  it("a local --image that is not an image is listed with --duration 9 and --resolution 4k", async ({ expect }) => {
    const sim = await simulator();
    const image = join(dir(), "wide.png");
    await writeFile(image, "not an image at all");
    const run = await runCli(extendArgs("--duration", "9", "--resolution", "4k", "--image", image), {
      env: gatewayEnv(sim),
    });
    expect(run.code, run.stderr).toBe(EXIT.validation);
    const listed = [...run.stderr.matchAll(/^ {2}- (\S+): .* \[rule (\S+?)(?:, seed code (\d+))?\]$/gm)].map((m) =>
      m.slice(1),
    );
    expect(listed.sort()).toEqual([
      ["duration", "maximum", "008013005"],
      ["images[0]", "unsupported-type", "008013008"],
      ["resolution", "enum", "008013006"],
    ]);
    expect(sim.stats().creates).toBe(0);
  });

  it("a readable image of the wrong shape is listed with the others too", async ({ expect }) => {
    const sim = await simulator();
    // A 100×10 PNG header: aspect ratio 10:1, outside the spec's range.
    const ihdr = Buffer.alloc(25);
    ihdr.writeUInt32BE(13, 0);
    ihdr.write("IHDR", 4, "latin1");
    ihdr.writeUInt32BE(100, 8);
    ihdr.writeUInt32BE(10, 12);
    const image = join(dir(), "banner.png");
    await writeFile(image, Buffer.concat([PNG_SIGNATURE, ihdr]));
    const run = await runCli(extendArgs("--duration", "0", "--image", image), { env: gatewayEnv(sim) });
    expect(run.code, run.stderr).toBe(EXIT.validation);
    expect(run.stderr).toMatch(/^ {2}- images\[0\]: .*banner\.png.*\[rule aspectRatio, seed code 008013009\]$/m);
    expect(run.stderr).toMatch(/^ {2}- duration: .*\[rule minimum, seed code 008013005\]$/m);
  });
});

describe.concurrent("Ctrl-C under --json", () => {
  it("stdout carries the JSON document: interrupted, the task id, and the resume command (with --output)", async ({
    expect,
  }) => {
    const sim = await simulator({ timing: SLOW });
    const file = join(dir(), "resumed.mp4");
    const cli = startCli(extendArgs("--wait", "--json", "--output", file), { env: gatewayEnv(sim) });
    const [, id] = await cli.waitFor(/submitted task (\S+) /);
    cli.signal("SIGINT");
    const run = await cli.result;
    expect(run.code, run.stderr).toBe(EXIT.interrupted);
    expect(oneJsonDocument(run.stdout)).toEqual({
      interrupted: true,
      taskId: id,
      resume: `vidu-extend wait ${id} --output ${file}`,
      message: `Stopped waiting. The task goes on upstream: resume with vidu-extend wait ${id} --output ${file}`,
    });
    expect(sim.tasks().map((t) => t.id)).toEqual([id]);
  });

  it("before any task id: interrupted, and why a task may exist anyway", async ({ expect }) => {
    // Every create is held back 10 s: the interrupt lands while the create is in flight.
    const sim = await simulator({ faults: { create: { slowRate: 1, slowMs: 10_000 } } });
    const cli = startCli(extendArgs("--wait", "--json"), { env: gatewayEnv(sim) });
    const { until } = await import("./support/gateway.js");
    await until(() => sim.stats().creates === 1, 10_000, "the create request");
    cli.signal("SIGINT");
    const run = await cli.result;
    expect(run.code, run.stderr).toBe(EXIT.interrupted);
    const doc = oneJsonDocument(run.stdout) as Record<string, unknown>;
    expect(doc["interrupted"]).toBe(true);
    expect(doc["taskId"]).toBeUndefined();
    expect(doc["message"]).toContain("a task may exist (and be billed)");
  });
});

describe.concurrent("flags, not library options", () => {
  it("verify-callback of a stale delivery names --max-skew in seconds, not maxSkewMs", async ({ expect }) => {
    const body = JSON.stringify({ id: "dstale", model: "viduq2_turbo_extend", status: "completed" });
    const url = "https://hooks.example.com/vidu/callback";
    const delivery = await signCallback({ url, body, secret: KEY, date: new Date(Date.now() - 3_600_000) });
    const file = join(dir(), "stale.json");
    await writeFile(file, JSON.stringify({ method: "POST", url, headers: delivery.headers, body }));
    const run = await runCli(["verify-callback", "--file", file, "--secret", KEY]);
    expect(run.code, run.stderr).toBe(EXIT.callbackRejected);
    expect(run.stderr).toContain("beyond --max-skew (300 s)");
    expect(run.stderr).toContain("or raise --max-skew");
    expect(run.stderr).not.toMatch(/maxSkewMs|publicUrl/);
  });
});

/** A seed whose first task of `model` fails with `code` (failures are drawn at creation, from the seed). */
async function seedFailingWith(model: "viduq2_pro_extend" | "viduq2_turbo_extend", code: string): Promise<number> {
  for (let seed = 1; seed < 500; seed++) {
    const sim = await startSimulator({ keys: [KEY], failureRate: 1, seed });
    try {
      await createClient({ apiKey: KEY, baseUrl: sim.url }).submit({ model, video_url: VIDEO_URL });
      if (sim.tasks()[0]?.failure === code) return seed;
    } finally {
      await sim.close();
    }
  }
  throw new Error(`no seed below 500 fails ${model} with ${code}`);
}

describe.concurrent("a failed task's advice fits its code (from the contract's catalogue)", () => {
  const cases = [
    [
      "viduq2_turbo_extend",
      "008013097",
      /HTTP error response" \(seed code 008013097\): the service failed, not the job\. Submit the same job again later\.$/,
    ],
    [
      "viduq2_pro_extend",
      "008012099",
      /Service unavailable" \(seed code 008012099\): the service failed, not the job\. Submit the same job again later\.$/,
    ],
    [
      "viduq2_turbo_extend",
      "008013095",
      /Internal generation error" \(seed code 008013095\): the model failed on this job\. Submit it again; if it fails again, change the prompt, the input video or the end frame\.$/,
    ],
  ] as const;
  for (const [model, code, advice] of cases)
    it(`${code}`, async ({ expect }) => {
      const sim = await simulator({ failureRate: 1, seed: await seedFailingWith(model, code) });
      const run = await runCli(["extend", "--model", model, "--video-url", VIDEO_URL, "--wait"], {
        env: gatewayEnv(sim),
      });
      expect(run.code, run.stderr).toBe(EXIT.taskFailed);
      expect(run.stderr.trimEnd()).toMatch(advice);
      expect(run.stderr).not.toContain("adjust the prompt or the input video");
    });
});

describe.concurrent("--version and per-command --help", () => {
  it("--version prints the package's version", async ({ expect }) => {
    const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    const run = await runCli(["--version"]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toBe(`vidu-extend ${manifest.version}\n`);
  });

  it("each command's --help is its own: its usage and every flag it takes", async ({ expect }) => {
    const [extend, status, wait, verify] = await Promise.all(
      ["extend", "status", "wait", "verify-callback"].map((command) => runCli([command, "--help"])),
    );
    for (const [run, command] of [
      [extend, "extend"],
      [status, "status"],
      [wait, "wait"],
      [verify, "verify-callback"],
    ] as const) {
      expect(run?.code).toBe(EXIT.ok);
      expect(run?.stdout.startsWith(`Usage: vidu-extend ${command} `)).toBe(true);
      expect(run?.stdout).not.toContain("Exit codes:");
    }
    for (const flag of Object.keys(EXTEND_OPTIONS))
      expect(extend?.stdout, flag).toMatch(new RegExp(`--${flag}(?![\\w-])`));
    for (const flag of ["--timeout", "--output", "--force", "--json"]) expect(wait?.stdout).toContain(flag);
    for (const flag of ["--file", "--secret", "--url", "--max-skew", "--json"]) expect(verify?.stdout).toContain(flag);
  });

  it("verify-callback --help documents both capture formats", async ({ expect }) => {
    const run = await runCli(["verify-callback", "--help"]);
    expect(run.stdout).toContain("the raw HTTP request as received");
    expect(run.stdout).toContain("POST /vidu/callback HTTP/1.1");
    expect(run.stdout).toContain('or JSON: {"method": "POST", "url": "/vidu/callback", "headers": {');
    expect(run.stdout).toContain('"body": "<the body as received>"}');
  });

  it("simulator --help lists every knob that vidu-simulator --help lists", async ({ expect }) => {
    const bin = fileURLToPath(new URL("../../simulator/bin/vidu-simulator.js", import.meta.url));
    const standalone = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, "--help"], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
      });
      child.once("error", reject);
      child.once("close", () => resolve(out));
    });
    const flags = (text: string) => [...text.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]).sort();
    const run = await runCli(["simulator", "--help"]);
    expect(run.code).toBe(EXIT.ok);
    expect(flags(standalone).length).toBeGreaterThan(8);
    expect(flags(run.stdout)).toEqual(flags(standalone));
  });
});

describe.concurrent("the embedded simulator (no VTRIX_API_KEY)", () => {
  const idOf = (text: string) => /submitted task (\S+) /.exec(text)?.[1];

  it("a new seed per run: two runs give two task ids (a fixed VIDU_EXTEND_SIMULATOR_SEED gives one)", async ({
    expect,
  }) => {
    const random = { VIDU_EXTEND_SIMULATOR_SEED: undefined };
    const [a, b, c, d] = await Promise.all([
      runCli(extendArgs("--no-wait"), { env: random }),
      runCli(extendArgs("--no-wait"), { env: random }),
      runCli(extendArgs("--no-wait"), { env: { VIDU_EXTEND_SIMULATOR_SEED: "7" } }),
      runCli(extendArgs("--no-wait"), { env: { VIDU_EXTEND_SIMULATOR_SEED: "7" } }),
    ]);
    expect(idOf(a?.stdout ?? "")).toBeDefined();
    expect(idOf(a?.stdout ?? "")).not.toBe(idOf(b?.stdout ?? ""));
    expect(idOf(c?.stdout ?? "")).toBe(idOf(d?.stdout ?? ""));
  });

  it("without a terminal and without --wait, extend waits (its task would die with the command) and says why", async ({
    expect,
  }) => {
    const run = await runCli(extendArgs());
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toContain(
      "The embedded simulator stops with this command, so extend waits for its task (--no-wait to only submit).",
    );
    expect(run.stdout).toMatch(/^Done: task \S+ \(viduq2_turbo_extend\) completed\.$/m);
    // Where a flag already asks to wait, there is nothing to explain.
    const asked = await runCli(extendArgs("--listen-callbacks"));
    expect(asked.code, asked.stderr).toBe(EXIT.ok);
    expect(asked.stdout).not.toContain("so extend waits for its task");
  });

  it("without --output, no URL that dies with the command: it says to pass --output instead", async ({ expect }) => {
    const [text, json] = await Promise.all([runCli(extendArgs()), runCli(extendArgs("--json"))]);
    expect(text.code, text.stderr).toBe(EXIT.ok);
    expect(text.stdout).not.toMatch(/http:\/\/127\.0\.0\.1:\d+\/files\//);
    expect(text.stdout).toContain(
      "the video was served by the embedded simulator, which stopped with this command: pass --output <file> to keep it",
    );
    const doc = oneJsonDocument(json.stdout) as Record<string, unknown>;
    expect(doc["note"]).toContain("pass --output <file> to keep it");
  });

  it("--no-wait --json: the document notes that the task ends with the command", async ({ expect }) => {
    const run = await runCli(extendArgs("--no-wait", "--json"));
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const doc = oneJsonDocument(run.stdout) as Record<string, unknown>;
    expect(doc["note"]).toMatch(/^submitted to the embedded simulator, which stops with this command; /);
    expect(run.stderr).toContain("to the embedded simulator, which stops with this command");
  });

  it("status and wait without a key say the embedded simulator starts empty, not to check VTRIX_API_KEY", async ({
    expect,
  }) => {
    const [status, wait] = await Promise.all([runCli(["status", "dsometask"]), runCli(["wait", "dsometask"])]);
    for (const run of [status, wait]) {
      expect(run.code, run.stderr).toBe(EXIT.notFound);
      expect(run.stderr).toContain("a new embedded simulator, which starts empty");
      expect(run.stderr).not.toContain("is the key that created it");
    }
  });
});

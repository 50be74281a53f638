// The `vidu-simulator` command as installed (bin/vidu-simulator.js → dist/main.js), run as a real
// process: the way `pnpm start -- …` calls it (pnpm 10 passes the `--` through), a --port that is
// really used, and wrong flags refused with exit 2 and the rule instead of a stack trace.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freeLoopbackPort } from "@vidu-extend/prism-harness";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/vidu-simulator.js", import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command; `until` ends it with SIGINT once stdout matches. */
function run(args: readonly string[], until?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`vidu-simulator ${args.join(" ")} still running:\n${stdout}\n${stderr}`));
    }, 15_000);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (until?.test(stdout)) child.kill("SIGINT");
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.concurrent("vidu-simulator on the command line", () => {
  it("the installed bin is committed outside dist/, so installing before the first build links it", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      bin: Record<string, string>;
    };
    expect(manifest.bin).toEqual({ "vidu-simulator": "./bin/vidu-simulator.js" });
  });

  it("`-- --help` (as pnpm 10 passes `pnpm start -- --help`) prints every knob and exits 0", async () => {
    const help = await run(["--", "--help"]);
    expect(help.code, help.stderr).toBe(0);
    for (const flag of ["--port", "--host", "--key", "--timing", "--failure-rate", "--seed", "--fault"])
      expect(help.stdout).toContain(`  ${flag} <`.replace("--timing <", "--timing fast"));
    expect(help.stdout).toContain("--max-in-progress <n>");
    expect(help.stdout).toContain("--credits <n>");
    expect(help.stdout).toContain("--callback-fault <name=value>");
    expect(help.stderr).toBe("");
  });

  it("`-- --port <n>` listens on that port and stops on Ctrl-C with exit 0", async () => {
    const port = await freeLoopbackPort();
    const started = await run(["--", "--port", String(port)], /Press Ctrl-C to stop\./);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain(`listening on http://127.0.0.1:${port}\n`);
    expect(started.stdout).toContain(`export VTRIX_BASE_URL=http://127.0.0.1:${port} VTRIX_API_KEY=sim-key`);
  });

  it("a wrong flag or value exits 2 with the rule, and no stack trace", async () => {
    const [port, unknown, fault] = await Promise.all([
      run(["--port", "99999"]),
      run(["--prot", "4010"]),
      run(["--fault", "create.rate42=1"]),
    ]);
    expect(port).toMatchObject({ code: 2, stdout: "" });
    expect(port.stderr).toBe(
      'vidu-simulator: --port must be a port number from 0 to 65535, got "99999"\nRun vidu-simulator --help for every option.\n',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^vidu-simulator: Unknown option '--prot'/);
    expect(fault.code).toBe(2);
    expect(fault.stderr).toMatch(/^vidu-simulator: --fault create\.rate42: expected create\.<knob> or read\.<knob>/);
    for (const failed of [port, unknown, fault]) expect(failed.stderr).not.toMatch(/\n {4}at /);
  });
});

// Runs `deno test` with the Deno binary this package pins (the npm `deno` package), with only
// the permissions the suite needs: loopback network, the variables it reads, and file reads.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const denoBin = createRequire(import.meta.url).resolve("deno/bin.cjs");

const ENV_NAMES = ["VTRIX_API_KEY", "VTRIX_BASE_URL", "SIM_URL", "SIM_KEY", "VIDU_DENO_ENTRY"];

/** Resolves with Deno's exit code. */
export function denoTest({ cwd, flags, tests, env, junitPath }) {
  const args = [
    "test",
    "--allow-net=127.0.0.1",
    `--allow-env=${ENV_NAMES.join(",")}`,
    "--allow-read",
    `--junit-path=${junitPath}`,
    ...flags,
    ...tests,
  ];
  const child = spawn(process.execPath, [denoBin, ...args], {
    cwd,
    stdio: "inherit",
    env: { ...process.env, ...env, DENO_NO_UPDATE_CHECK: "1" },
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

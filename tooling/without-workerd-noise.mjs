// Runs a test command and passes its output through, minus the lines workerd prints when a test
// drops a connection on purpose (the consumer test's gateway records a create and hangs up):
// workerd logs the lost subrequest as an "uncaught exception" with native stack addresses even
// though the worker handles the failure and the test passes. Only those exact lines (and the
// `stack:` line that follows each) are dropped; the exit code is the command's own.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const NOISE = [
  /^exception = rust\/worker\/ffi\.rs:\d+: disconnected: client error \(SendRequest\)$/,
  /^uncaught exception; source = Uncaught \(in promise\); stack = Error: Network connection lost\.$/,
  /^uncaught exception; exception = workerd\/jsg\/value\.h:\d+: disconnected: jsg\.Error: Network connection lost\.$/,
];
const WORKERD_STACK = /^stack: (\S+\/workerd@[0-9a-f]+ ?)+$/;

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  process.stderr.write("usage: node tooling/without-workerd-noise.mjs <command> [args…]\n");
  process.exit(2);
}
const child = spawn(command, args, {
  stdio: ["inherit", "pipe", "pipe"],
  env: process.stdout.isTTY ? { FORCE_COLOR: "1", ...process.env } : process.env,
});
const done = [child.stdout, child.stderr].map((stream, index) => {
  const out = index === 0 ? process.stdout : process.stderr;
  let dropStack = false;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on("line", (line) => {
    if (NOISE.some((pattern) => pattern.test(line))) {
      dropStack = true;
      return;
    }
    if (dropStack && WORKERD_STACK.test(line)) return;
    dropStack = false;
    out.write(`${line}\n`);
  });
  return new Promise((resolve) => lines.once("close", resolve));
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.once("close", async (code, signal) => {
  await Promise.all(done);
  process.exitCode = code ?? (signal === null ? 1 : 128);
});

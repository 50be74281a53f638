// Runs the pinned Redocly CLI without telemetry, and without the boxed "Node.js 20 support is
// ending" notice it prints on every run under Node 20 (the engines field says why Node 20 is
// still supported). Everything else it prints, and its exit code, pass through unchanged.
import { spawn } from "node:child_process";

// Run from the package's scripts, whose PATH has node_modules/.bin.
const child = spawn("redocly", process.argv.slice(2), {
  env: { ...process.env, REDOCLY_TELEMETRY: "off" },
  stdio: ["inherit", "inherit", "pipe"],
});
let stderr = "";
child.stderr.setEncoding("utf8").on("data", (chunk) => {
  stderr += chunk;
});
child.once("close", (code, signal) => {
  // The notice is one box: ╔═…╗, lines between ║ … ║, ╚═…╝ (with the blank lines around it).
  const notice =
    /\n*[ \t]*╔═+╗\n(?:[ \t]*║.*║\n)*?[ \t]*║[^\n]*Node\.js 20 support is ending[^\n]*║\n(?:[ \t]*║.*║\n)*[ \t]*╚═+╝\n*/;
  process.stderr.write(stderr.replace(notice, ""));
  process.exitCode = code ?? (signal === null ? 1 : 128);
});

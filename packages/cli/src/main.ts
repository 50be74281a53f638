#!/usr/bin/env node
// vidu-extend: dispatches the command, turns Ctrl-C into a clean stop, and every failure into
// one readable paragraph (or JSON) and its exit code.
import { batch } from "./commands/batch.js";
import { extend } from "./commands/extend.js";
import { simulator } from "./commands/simulator.js";
import { status, wait } from "./commands/status.js";
import { verifyCallbackCommand } from "./commands/verify-callback.js";
import type { Context } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { outcomeOf, UsageError } from "./failure.js";
import { HELP } from "./help.js";

const COMMANDS: Readonly<Record<string, (args: readonly string[], ctx: Context) => Promise<void>>> = {
  extend,
  status,
  wait,
  "verify-callback": verifyCallbackCommand,
  simulator,
  batch,
};

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  if (
    command === undefined ||
    command === "--help" ||
    command === "-h" ||
    command === "help" ||
    args.includes("--help") ||
    args.includes("-h")
  ) {
    process.stdout.write(HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const controller = new AbortController();
  const ctx: Context = {
    env: process.env,
    out: process.stdout,
    err: process.stderr,
    stdin: process.stdin,
    tty: process.stdout.isTTY === true,
    signal: controller.signal,
    started: performance.now(),
  };
  let interrupts = 0;
  process.on("SIGINT", () => {
    if (++interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort();
  });
  const json = args.includes("--json");
  try {
    const run = COMMANDS[command];
    if (run === undefined)
      throw new UsageError(
        `unknown command ${JSON.stringify(command)}: use extend, batch, status, wait, verify-callback or simulator`,
      );
    await run(args, ctx);
    return ctx.exitCode ?? EXIT.ok;
  } catch (error) {
    if (controller.signal.aborted) {
      if (ctx.taskId !== undefined && ctx.resumable !== false) {
        process.stderr.write(
          `\nStopped waiting. The task goes on upstream: resume with vidu-extend wait ${ctx.taskId}\n`,
        );
      } else if (ctx.taskId !== undefined) {
        process.stderr.write(
          `\nStopped waiting. Task ${ctx.taskId} lived in the embedded simulator, which stops with this command.\n`,
        );
      } else if (command === "extend") {
        process.stderr.write(
          "\nInterrupted while submitting: the create request may already have reached the gateway, so a task may exist (and be billed). Check for it before submitting again.\n",
        );
      } else {
        process.stderr.write("\nStopped.\n");
      }
      return EXIT.interrupted;
    }
    const parseError = error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
    const outcome = outcomeOf(parseError ? new UsageError(error.message) : error);
    if (json) process.stdout.write(`${JSON.stringify(outcome.json, null, 2)}\n`);
    else process.stderr.write(`${outcome.paragraph}\n`);
    return outcome.code;
  }
}

process.exitCode = await main(process.argv.slice(2));
// Nothing may keep the process alive after the answer (sockets of an embedded simulator, timers).
setTimeout(() => process.exit(process.exitCode), 50).unref();

#!/usr/bin/env node
// vidu-extend: dispatches the command, turns Ctrl-C into a clean stop, and every failure into
// one readable paragraph (or JSON) and its exit code.
import type { Command } from "./command.js";
import { extendCommand } from "./commands/extend.js";
import { simulatorCommand } from "./commands/simulator.js";
import { statusCommand, waitCommand } from "./commands/status.js";
import { verifyCallbackSubcommand } from "./commands/verify-callback.js";
import type { Context } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { outcomeOf, UsageError } from "./failure.js";
import { overview } from "./help.js";
import { orList } from "./params.js";
import { interruption } from "./interrupt.js";
import { version } from "./version.js";

const COMMANDS: Readonly<Record<string, Command>> = {
  extend: extendCommand,
  status: statusCommand,
  wait: waitCommand,
  "verify-callback": verifyCallbackSubcommand,
  simulator: simulatorCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === "--version" || command === "-v") {
    process.stdout.write(`vidu-extend ${version()}\n`);
    return EXIT.ok;
  }
  const help = args.includes("--help") || args.includes("-h");
  if (command !== undefined && help && Object.hasOwn(COMMANDS, command)) {
    process.stdout.write((COMMANDS[command] as Command).help());
    return EXIT.ok;
  }
  if (command === undefined || command === "--help" || command === "-h" || command === "help" || help) {
    process.stdout.write(overview(COMMANDS));
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
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (run === undefined)
      throw new UsageError(`unknown command ${JSON.stringify(command)}: use ${orList(Object.keys(COMMANDS))}`);
    await run.run(args, ctx);
    return EXIT.ok;
  } catch (error) {
    if (controller.signal.aborted) {
      const stopped = interruption(command, ctx);
      process.stderr.write(`\n${stopped.message}\n`);
      if (json) process.stdout.write(`${JSON.stringify(stopped.json, null, 2)}\n`);
      return EXIT.interrupted;
    }
    const parseError = error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
    const outcome = outcomeOf(parseError ? new UsageError(error.message) : error, {
      ...(Object.hasOwn(COMMANDS, command) ? { command } : {}),
      ...(ctx.embedded === undefined ? {} : { embedded: ctx.embedded }),
    });
    if (json) process.stdout.write(`${JSON.stringify(outcome.json, null, 2)}\n`);
    else process.stderr.write(`${outcome.paragraph}\n`);
    return outcome.code;
  }
}

process.exitCode = await main(process.argv.slice(2));
// Nothing may keep the process alive after the answer (sockets of an embedded simulator, timers).
setTimeout(() => process.exit(process.exitCode), 50).unref();

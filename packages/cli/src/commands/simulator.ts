// `vidu-extend simulator`: the local gateway in the foreground until Ctrl-C, with the same knobs
// (parsed and described by the simulator package itself) as `vidu-simulator`.
import {
  listeningMessage,
  parseSimulatorArguments,
  SIMULATOR_OPTIONS_HELP,
  SimulatorArgumentError,
  startSimulator,
} from "@vidu-extend/simulator";
import type { Command } from "../command.js";
import type { Context } from "../context.js";
import { UsageError } from "../failure.js";

async function simulator(args: readonly string[], ctx: Context): Promise<void> {
  let parsed: ReturnType<typeof parseSimulatorArguments>;
  try {
    parsed = parseSimulatorArguments(args);
  } catch (error) {
    throw error instanceof SimulatorArgumentError ? new UsageError(error.message) : error;
  }
  if (parsed.help) {
    ctx.out.write(simulatorCommand.help());
    return;
  }
  const sim = await startSimulator(parsed.options);
  ctx.out.write(listeningMessage(sim.url, sim.key));
  await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
  await sim.close();
}

export const simulatorCommand: Command = {
  usage: "vidu-extend simulator [options]",
  help: () => `Usage: vidu-extend simulator [options]

A local Vtrix gateway in the foreground until Ctrl-C (the same as vidu-simulator). Point
another terminal at it with the VTRIX_BASE_URL and VTRIX_API_KEY it prints.

${SIMULATOR_OPTIONS_HELP}
`,
  run: simulator,
};

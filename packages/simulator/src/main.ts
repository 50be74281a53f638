// `vidu-simulator` / `npm run simulator`: the simulated gateway in the foreground, printing its
// URL and key, until Ctrl-C.
import {
  listeningMessage,
  parseSimulatorArguments,
  SIMULATOR_OPTIONS_HELP,
  SimulatorArgumentError,
} from "./arguments.js";
import { startSimulator } from "./simulator.js";

const HELP = `Usage: vidu-simulator [options]

A local Vtrix gateway for viduq2_pro_extend and viduq2_turbo_extend (loopback only by default).

${SIMULATOR_OPTIONS_HELP}
`;

let parsed: ReturnType<typeof parseSimulatorArguments>;
try {
  parsed = parseSimulatorArguments(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof SimulatorArgumentError)) throw error;
  process.stderr.write(`vidu-simulator: ${error.message}\nRun vidu-simulator --help for every option.\n`);
  process.exit(2);
}
if (parsed.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const simulator = await startSimulator(parsed.options);
// Ctrl-C is handled before the address is printed: whoever reads the address may stop it at once.
const stop = () => void simulator.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
process.stdout.write(listeningMessage(simulator.url, simulator.key));

// The simulator in a child process (forked with IPC), so that its CPU and memory do not count
// towards the process being measured. Options arrive as JSON in argv[2]; the built simulator
// (@vidu-extend/simulator's dist, the same code as its main.js) is started with them, and the
// parent is told its URL. The parent may then ask for stats() and finally for close.
import { startSimulator, type SimulatorOptions } from "@vidu-extend/simulator";

const options = JSON.parse(process.argv[2] ?? "{}") as SimulatorOptions;
const simulator = await startSimulator(options);
process.send?.({ type: "ready", url: simulator.url, key: simulator.key });
process.on("message", (message: { type: string }) => {
  if (message.type === "stats") process.send?.({ type: "stats", stats: simulator.stats() });
  if (message.type === "close") void simulator.close().then(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));

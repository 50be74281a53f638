export { manualClock, realClock, type ManualClock, type SimClock } from "./clock.js";
export {
  DEFAULT_KEY,
  DEFAULT_RESULT_TTL_MS,
  TIMINGS,
  type CallbackFaults,
  type EndpointFaults,
  type SimulatorOptions,
  type Timing,
} from "./options.js";
export { startSimulator, type Simulator, type SimulatorStats } from "./simulator.js";
export type { SimStatus, SimTask } from "./tasks.js";
export type { CreateLogEntry } from "./server.js";
export { startCallbackRelay, type CallbackRelay, type RelayedDelivery } from "./relay.js";
export {
  listeningMessage,
  parseSimulatorArguments,
  SIMULATOR_OPTIONS_HELP,
  SimulatorArgumentError,
  type SimulatorArguments,
} from "./arguments.js";

import { freeLoopbackPort } from "./free-loopback-port.js";
import type { PrismOptions, PrismServer } from "./options.js";
import { PRISM_HOST, prismCommand } from "./prism-command.js";
import { spawnPrism } from "./prism-process.js";
import { waitUntilListening } from "./wait-until-listening.js";

const DEFAULT_READY_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 3;

/** Starts Prism on a free loopback port and resolves once it is listening; on failure nothing is left running. */
export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    const url = `http://${PRISM_HOST}:${port}`;
    const prism = spawnPrism(prismCommand(options, port));
    try {
      await waitUntilListening(prism, url, options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
      return { url, port, pid: prism.pid, logs: prism.logs, stop: prism.stop };
    } catch (error) {
      await prism.stop();
      // The port was free when chosen but was released before Prism bound it, so someone else may have taken it.
      if (attempt < PORT_ATTEMPTS && prism.logs().includes("EADDRINUSE")) continue;
      throw error;
    }
  }
}

import { signalGroup } from "./process-group.js";

const running = new Set<number>();
let hooked = false;

/** Kills the process group `pid` if this process ends first; returns a function that forgets it again. */
export function killOnExit(pid: number): () => void {
  hookProcess();
  running.add(pid);
  return () => running.delete(pid);
}

function killAll(): void {
  // "exit" listeners must be synchronous, so there is no time to wait for a graceful SIGTERM.
  for (const pid of running) signalGroup(pid, "SIGKILL");
  running.clear();
}

function hookProcess(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAll();
      // Listening to a signal cancels Node's default of dying from it; restore that unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

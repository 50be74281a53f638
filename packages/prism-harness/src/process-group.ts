import { setTimeout as delay } from "node:timers/promises";

const GRACE_MS = 3000;

/** Signals every process in the group led by `pid`; a group that is already gone is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** SIGTERM to the group, SIGKILL if its leader has not exited after a grace period; resolves once it has exited. */
export async function stopGroup(pid: number, exited: Promise<unknown>): Promise<void> {
  signalGroup(pid, "SIGTERM");
  // Unreferenced, so a server that stops promptly does not keep the event loop alive for the grace period.
  const timedOut = delay(GRACE_MS, true, { ref: false });
  if (await Promise.race([exited.then(() => false), timedOut])) {
    signalGroup(pid, "SIGKILL");
    await exited;
  }
}

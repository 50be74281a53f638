import { readdirSync, readFileSync } from "node:fs";

/** The error code that `kill(target, 0)` fails with, or undefined when the target exists. */
export function probeError(target: number): string | undefined {
  try {
    process.kill(target, 0);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
}

/**
 * Whether `pid` runs. A zombie does not: once its parent is gone, it waits for init to reap it, and `kill(pid, 0)`
 * still succeeds meanwhile. Linux only, like the rest of these checks: reads /proc.
 */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.charAt(stat.lastIndexOf(")") + 2) !== "Z";
  } catch {
    return false;
  }
}

/** Running processes whose command line contains `text`. */
export function processesMentioning(text: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text) && isRunning(pid);
      } catch {
        return false;
      }
    });
}

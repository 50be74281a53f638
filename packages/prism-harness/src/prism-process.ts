import { spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { killOnExit } from "./kill-on-exit.js";
import { LogBuffer } from "./log-buffer.js";
import { stopGroup } from "./process-group.js";

export interface PrismProcess {
  readonly pid: number;
  readonly stdout: Readable;
  /** Resolves with how the process ended, once it has exited and all its output has been read. */
  readonly closed: Promise<string>;
  logs(): string;
  stop(): Promise<void>;
}

/** Spawns `node <args>` as the leader of a new process group that is killed with this process. */
export function spawnPrism(args: readonly string[]): PrismProcess {
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // Plain text: readable in error messages and in logs().
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  const { pid } = child;
  if (pid === undefined) {
    // The cause arrives as an "error" event; without a listener it would crash the process.
    child.once("error", () => {});
    throw new Error(`Could not spawn ${process.execPath}`);
  }

  const forget = killOnExit(pid);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(forget);
  const closed = new Promise<string>((resolve) =>
    child.once("close", (code, signal) => resolve(signal === null ? `code ${code}` : `signal ${signal}`)),
  );

  const logs = new LogBuffer();
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => logs.append(chunk));
  }

  let stopping: Promise<void> | undefined;
  return {
    pid,
    stdout: child.stdout,
    closed,
    logs: () => logs.toString(),
    stop: () => (stopping ??= hasExited() ? Promise.resolve() : stopGroup(pid, exited)),
  };

  function hasExited(): boolean {
    return child.exitCode !== null || child.signalCode !== null;
  }
}
